// swift-tools-version:6.0
// The libFuzzer target of token-economics. Kept out of the main package because it has no
// `main` of its own: it links only with `-sanitize=fuzzer`. Run it with `make fuzz`.
import PackageDescription

let package = Package(
    name: "token-economics-fuzz",
    dependencies: [.package(name: "token-economics", path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(
            name: "FuzzContent",
            dependencies: ["FuzzDriver", .product(name: "TokenEconomics", package: "token-economics")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
