// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Tendency",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "TendencyCore", targets: ["TendencyCore"]),
        .library(name: "Tendency", targets: ["Tendency"]),
        .executable(name: "tendency", targets: ["tendency-cli"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // Layer 0: OpenBLAS (CBLAS) and LAPACKE, as the system provides them.
        .systemLibrary(
            name: "CLinearAlgebra",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        // Layer 0 too: vector loops in C, compiled for SSE2, AVX2 and AVX-512
        // and chosen at run time (Swift has no per-function target).
        .target(name: "CVectorLoops"),
        // Layer 1: the numeric core. Matrices, kernels, linkage, dendrograms,
        // validity, projection, resampling. Knows no domain words.
        .target(
            name: "TendencyCore",
            dependencies: ["CLinearAlgebra", "CVectorLoops"]
        ),
        // Layer 2: the domain. Codebooks, sketches, surveys, Polis, features,
        // analysis, profiles, reports.
        .target(
            name: "Tendency",
            dependencies: [
                "TendencyCore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Layer 3: the command line.
        .executableTarget(
            name: "tendency-cli",
            dependencies: [
                "Tendency", "TendencyCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TendencyCoreTests", dependencies: [
            "TendencyCore", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "TendencyTests", dependencies: ["Tendency"]),
        .testTarget(name: "CLITests", dependencies: ["tendency-cli"]),
    ]
)
