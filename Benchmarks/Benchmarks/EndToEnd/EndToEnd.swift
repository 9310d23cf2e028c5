import Benchmark
import BenchmarkSupport
import Foundation
import TendencyCore

/// What `tendency cluster` does after reading its input: Euclidean kernel,
/// average linkage and a cut into 8 clusters, at n = 2,000 and 10,000,
/// d = 64; and reading a 20,000 x 64 numeric CSV (`NumericTable`). Each is
/// also timed against the same-run anchor (see `SameRunAnchor`).
let benchmarks: @Sendable () -> Void = {
    let d = 64
    for n in [2_000, 10_000] {
        let points = LazyInput { SyntheticData.points(n: n, d: d, as: Double.self) }
        Benchmark("cluster average n=\(n) d=\(d)",
                  configuration: SuiteConfiguration.standard(maxDuration: .seconds(8), maxIterations: 10, allocations: .perElement)) { benchmark in
            let x = try points.get()
            let labels = try SameRunAnchor.measure(benchmark) {
                let distances = try PairwiseDistances.condensed(x, metric: .euclidean)
                let linkage = try HierarchicalClustering.linkage(distances, method: .average)
                return Dendrogram(linkage).flatClusters(count: 8)
            }
            blackHole(labels.last)
        } teardown: {
            points.reset()
        }
    }

    let rows = 20_000
    let csv = LazyInput { try SyntheticData.writeCSV(SyntheticData.points(n: rows, d: d, as: Double.self), name: "parse") }
    Benchmark("parse CSV \(rows)x\(d)",
              configuration: SuiteConfiguration.standard(maxDuration: .seconds(3), maxIterations: 20)) { benchmark in
        let path = try csv.get()
        let table = try SameRunAnchor.measure(benchmark) { try NumericTable(contentsOf: path) }
        blackHole(table.values.storage.last)
    } teardown: {
        if let path = try? csv.get() { try? FileManager.default.removeItem(atPath: path) }
        csv.reset()
    }
}
