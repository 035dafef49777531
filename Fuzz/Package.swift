// swift-tools-version:6.0
// The libFuzzer target of token-economics. Kept out of the main package because it has no
// `main` of its own: it links only with `-sanitize=fuzzer`. Run it with `make fuzz`.
import PackageDescription

let package = Package(
    name: "token-economics-fuzz",
    dependencies: [
        .package(name: "token-economics", path: ".."),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(
            name: "FuzzContent",
            dependencies: [
                "FuzzDriver", .product(name: "TokenEconomics", package: "token-economics"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
