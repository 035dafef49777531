// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "token-economics",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "token-economics", targets: ["token-economics"]),
        // The pipeline and, beside it, the tools (catalog, diff, CI annotations): two modules to import.
        .library(name: "TokenEconomics", targets: ["TokenEconomics", "Tools"]),
        .library(name: "CostModel", targets: ["CostModel"]),
    ],
    // `serve` (its HTTP server, FlyingFox, and the Serve target) is the trait "Serve", on by
    // default; `make site` builds without it (`--disable-default-traits`), about 50 s of CPU
    // less on a fresh clone (docs/performance.md, "A cold `make site`").
    traits: [
        .trait(name: "Serve", description: "The `serve` command: the preview server and FlyingFox."),
        .default(enabledTraits: ["Serve"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        // TOML front matter (`+++`); docs/performance.md says what it adds to a cold build.
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // The HTTP server of `serve` (docs/serve.md says why this one).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
    ],
    targets: [
        // libcmark from the system (Debian: libcmark-dev); only Markdown/CommonMark.swift imports it.
        .systemLibrary(
            name: "CMark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // libyaml from the system (Debian: libyaml-dev); only Content/YAMLParser.swift imports it.
        .systemLibrary(
            name: "LibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // The formulas of the cost model: pure code, no file, network or clock access.
        .target(name: "CostModel"),
        // Reading sources and reporting on them: source text, diagnostics, the byte buffer,
        // hashing and parallel work. Imports only Foundation, so that it compiles while CostModel does.
        .target(name: "Basics"),
        // The one door to libcmark.
        .target(name: "Markdown", dependencies: ["Basics", "CMark"]),
        // HTML and data-file building blocks: number formats, the one escaper, tables, charts,
        // the month columns, the JSON writer (and a diagnostic's JSON form), the data files.
        .target(name: "Formats", dependencies: ["CostModel", "Basics"]),
        // Reading the content folder: essays (front matter, Markdown), scenarios, the catalog,
        // the site's settings, through libyaml and TOMLKit.
        .target(
            name: "Content",
            dependencies: [
                "CostModel", "Basics", "Markdown", "LibYAML", .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // The scenarios' views: the HTML pieces computed from projections alone (a scenario's
        // tables, charts and verdict, the essays' tables across scenarios, the retirement
        // timeline) and the computed scenario they are made from. No content, no templates: it
        // compiles while Content does.
        .target(name: "Views", dependencies: ["CostModel", "Basics", "Formats", "Markdown"]),
        // The pages: typed page values, the templates (swift-mustache), the renderer that puts
        // the content and the views into pages and hands each file to a `SiteSink`, and the
        // built-in templates and example site. Knows nothing of the pipeline, the output folder
        // or the server.
        .target(
            name: "Pages",
            dependencies: [
                "CostModel", "Basics", "Markdown", "Formats", "Content", "Views",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The publishing pipeline (load, compute, render, write), the output folder, the site
        // kept up to date for `serve` (`LiveSite`) and `init`/`new` (the built-in files).
        .target(
            name: "TokenEconomics",
            dependencies: ["CostModel", "Basics", "Markdown", "Formats", "Content", "Views", "Pages"]
        ),
        // The commands beside the build: `catalog list|add|sync`, `diff` and `check`'s CI
        // annotations. It uses Content and nothing of Pages or the pipeline; it depends on Pages
        // only so that it compiles after it, beside TokenEconomics: SwiftPM starts the modules
        // that are ready in descending order of name, and would start it before Pages, which
        // the rest of the build waits for (10 s more on a cold `make site`, docs/performance.md).
        .target(name: "Tools", dependencies: ["CostModel", "Basics", "Formats", "Content", "Pages"]),
        // `serve`'s HTTP server and folder watcher, over `LiveSite`; the only target with FlyingFox.
        .target(
            name: "Serve",
            dependencies: [
                "Basics", "Formats", "TokenEconomics",
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "token-economics",
            dependencies: [
                "TokenEconomics", "Tools",
                .target(name: "Serve", condition: .when(traits: ["Serve"])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The hand-worked catalog and scenario of the decision-model tests, and test dates,
        // shared by the test targets below.
        .target(name: "CostModelFixtures", dependencies: ["CostModel"], path: "Tests/CostModelFixtures"),
        // The price map excerpt and the catalogs of `catalog sync`'s tests, shared by the tools'
        // tests and those of the command line.
        .target(name: "CatalogFixtures", path: "Tests/CatalogFixtures", exclude: ["litellm"]),
        // The CommonMark spec's examples, shared by the Markdown tests and the pages'.
        .target(name: "MarkdownFixtures", path: "Tests/MarkdownFixtures", exclude: ["commonmark"]),
        // What every test target needs and no layer has: the repository's root, temporary
        // folders, files written from a dictionary, a tolerance for figures. Foundation only.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // Each layer's tests build only that layer and what it imports: CostModelTests and
        // FormatsTests without libcmark or libyaml, MarkdownTests and ViewsTests without libyaml,
        // PagesTests without the pipeline or the server; ServeTests for the server, ToolsTests for
        // the catalog tools and the annotations without the pipeline, TokenEconomicsTests for the
        // pipeline (the fixture site and its expected pages are in its folder), the commands run
        // as a program and `diff`, which one test runs on a build's output.
        .testTarget(name: "BasicsTests", dependencies: ["Basics", "TestSupport"]),
        .testTarget(name: "CostModelTests", dependencies: ["CostModel", "CostModelFixtures", "TestSupport"]),
        .testTarget(name: "FormatsTests", dependencies: ["Basics", "CostModel", "CostModelFixtures", "Formats"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown", "MarkdownFixtures"]),
        .testTarget(
            name: "ContentTests",
            dependencies: ["Basics", "Content", "CostModel", "CostModelFixtures", "Markdown", "TestSupport"]),
        .testTarget(
            name: "ViewsTests", dependencies: ["Views", "CostModel", "CostModelFixtures", "Formats", "TestSupport"]),
        .testTarget(
            name: "PagesTests",
            dependencies: [
                "Pages", "Views", "Content", "Formats", "Markdown", "Basics", "CostModel", "CostModelFixtures",
                "MarkdownFixtures", "TestSupport", .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .testTarget(name: "ServeTests", dependencies: ["Serve", "TokenEconomics", "Basics", "TestSupport"]),
        .testTarget(
            name: "ToolsTests",
            dependencies: [
                "Tools", "Content", "Basics", "CostModel", "CatalogFixtures", "CostModelFixtures", "TestSupport",
            ]
        ),
        .testTarget(
            name: "TokenEconomicsTests",
            dependencies: [
                "TokenEconomics", "Tools", "Pages", "Views", "Basics", "CostModel", "CatalogFixtures",
                "CostModelFixtures", "TestSupport",
            ],
            exclude: ["Fixtures", "Expected"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
