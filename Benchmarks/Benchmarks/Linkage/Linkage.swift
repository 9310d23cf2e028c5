import Benchmark
import BenchmarkSupport
import TendencyCore

/// Linkage alone: every method at n = 1,000 and 5,000 on precomputed
/// Euclidean distances (Double; the copy the linkage consumes is made before
/// the measured region), plus single, Ward, centroid and median on the
/// points themselves (the memory-linear path; Ward also on Gaussian noise,
/// where its pruned scans skip little). Each is also timed against the
/// same-run anchor (see `SameRunAnchor`).
let benchmarks: @Sendable () -> Void = {
    let d = 64
    for n in [1_000, 5_000] {
        let points = LazyInput { SyntheticData.points(n: n, d: d, as: Double.self) }
        let distances = LazyInput { try PairwiseDistances.condensed(try points.get(), metric: .euclidean) }
        for method in LinkageMethod.allCases {
            Benchmark("\(method.rawValue) distances n=\(n)",
                      configuration: SuiteConfiguration.standard(maxDuration: .seconds(3), maxIterations: 10, allocations: .perElement)) { benchmark in
                var copy = try distances.get()
                copy.storage.withUnsafeMutableBufferPointer { _ in }  // own the storage before measuring
                var owned = Optional(consume copy)
                let linkage = try SameRunAnchor.measure(benchmark) {
                    try HierarchicalClustering.linkage(owned.take()!, method: method)
                }
                blackHole(linkage.merges.last?.height)
            }
        }
        for method in LinkageMethod.allCases where method.requiresEuclidean || method == .single {
            Benchmark("\(method.rawValue) points n=\(n) d=\(d)",
                      configuration: SuiteConfiguration.standard(maxDuration: .seconds(3), maxIterations: 10, allocations: .perElement)) { benchmark in
                let x = try points.get()
                let linkage = try SameRunAnchor.measure(benchmark) {
                    try HierarchicalClustering.linkage(points: x, method: method)
                }
                blackHole(linkage.merges.last?.height)
            }
        }
        // Ward's scans skip blocks of points far from the query; on Gaussian
        // noise (no clusters) nearly none can be skipped.
        let noise = LazyInput { SyntheticData.points(n: n, d: d, centreSpread: 0, as: Double.self) }
        Benchmark("ward points noise n=\(n) d=\(d)",
                  configuration: SuiteConfiguration.standard(maxDuration: .seconds(3), maxIterations: 10, allocations: .perElement)) { benchmark in
            let x = try noise.get()
            let linkage = try SameRunAnchor.measure(benchmark) {
                try HierarchicalClustering.linkage(points: x, method: .ward)
            }
            blackHole(linkage.merges.last?.height)
        }
    }
}
