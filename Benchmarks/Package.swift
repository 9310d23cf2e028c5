// swift-tools-version: 6.1
// Benchmarks for Tendency's numeric core, kept in a nested package so that the
// library itself carries no benchmark dependencies. Run from this directory:
//   swift package benchmark            (all suites; see README.md)
//   ./ci-check                         (the short CI subset against the saved baseline)
import PackageDescription

let package = Package(
    name: "TendencyBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Tendency", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Shared data generators and sizes for the suites.
        .target(
            name: "BenchmarkSupport",
            dependencies: [
                .product(name: "TendencyCore", package: "Tendency"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Support"
        ),
    ]
)

// One executable per suite under Benchmarks/<Name>/, as the plugin expects.
// EndToEnd also runs the analysis, so it links the domain layer too.
for suite in ["Kernels", "Linkage", "EndToEnd"] {
    package.targets.append(
        .executableTarget(
            name: suite,
            dependencies: [
                "BenchmarkSupport",
                .product(name: suite == "EndToEnd" ? "Tendency" : "TendencyCore", package: "Tendency"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/\(suite)",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    )
}
