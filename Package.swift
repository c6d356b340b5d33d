// swift-tools-version:5.9
import PackageDescription

// Data flows one way: Book (Markdown in) -> MathSyntax (trees) -> Checker (verdicts of link jobs)
// -> Pipeline (the book walked, checked and judged) -> Writers.
let package = Package(
    name: "Derive",
    products: [
        .executable(name: "derive", targets: ["derive"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark",
                       providers: [.apt(["libcmark-dev"])]),
        .target(name: "Diagnostics"),
        .target(name: "MathSyntax", dependencies: ["Diagnostics"]),
        // Named DeriveNumerics because swift-numerics already has a target called Numerics.
        .target(name: "DeriveNumerics", dependencies: [.product(name: "RealModule", package: "swift-numerics")],
                path: "Sources/Numerics"),
        .target(name: "Book", dependencies: ["CCmark", "Diagnostics"]),
        .target(name: "Checker", dependencies: ["Diagnostics", "MathSyntax", "DeriveNumerics"]),
        // Reads a book, checks it and decides the exit status; writes nothing (`derive check`).
        .target(name: "Pipeline", dependencies: ["Diagnostics", "MathSyntax", "Book", "Checker"]),
        .target(name: "Writers", dependencies: ["Diagnostics", "MathSyntax", "Book", "Checker", "Pipeline"]),
        // `derive serve`: the preview server (POSIX sockets), the chapter watcher and incremental rebuilds.
        .target(name: "Preview", dependencies: ["Book", "Checker", "Pipeline", "Writers"]),
        .executableTarget(name: "derive", dependencies: [
            "Book", "Checker", "Diagnostics", "Pipeline", "Writers", "Preview",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "DeriveBench", dependencies: ["Book", "Checker", "Pipeline", "Writers", "Preview"]),
        // Fuzz targets (Makefile `fuzz`): libFuzzer entry points when built with -DFUZZING and
        // -sanitize=fuzzer; otherwise programs that replay corpus files through the same code.
        .systemLibrary(name: "CLibFuzzer", path: "Sources/CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer", "Diagnostics"]),
        .executableTarget(name: "FuzzMathParser", dependencies: ["FuzzSupport", "Diagnostics", "MathSyntax"]),
        .executableTarget(name: "FuzzMarkdown", dependencies: ["FuzzSupport", "Book"]),
        .executableTarget(name: "FuzzCheck", dependencies: ["FuzzSupport", "Book", "Checker", "Pipeline", "Writers"]),
        .testTarget(name: "MathSyntaxTests", dependencies: ["MathSyntax"]),
        .testTarget(name: "NumericsTests", dependencies: ["DeriveNumerics"]),
        .testTarget(name: "BookTests", dependencies: ["Book"]),
        .testTarget(name: "CheckerTests", dependencies: ["Checker", "Book", "MathSyntax", "DeriveNumerics", "Pipeline"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Checker", "Book"]),
        .testTarget(name: "WritersTests", dependencies: ["Writers", "Pipeline", "Checker", "Book", "CCmark"],
                    exclude: ["CommonMark"]),
        .testTarget(name: "PreviewTests", dependencies: ["Preview", "Writers", "Pipeline", "Checker"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Writers", "Pipeline", "Checker", "Book"]),
    ]
)
