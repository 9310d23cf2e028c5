import Foundation
import PropertyBased
import Testing
import TendencyCore

/// Properties of the numeric core, checked with swift-property-based over
/// random seeds (each seed makes one data set through `SeededGenerator`; a
/// failure reports the seed and the `.fixedSeed(...)` trait that replays it).
@Suite struct CorePropertyTests {
    static let seeds = Gen.uint64(in: 1...1_000_000)
    static let cases = 12

    /// Gaussian points around `groups` centres far apart, `n` rows x `d` columns.
    static func points(seed: UInt64, n: Int, d: Int, groups: Int = 3) -> Matrix<Double> {
        var g = SeededGenerator(seed: seed)
        var m = Matrix<Double>(rows: n, columns: d)
        for i in 0..<n {
            let centre = Double(i % groups) * 6
            for j in 0..<d { m[i, j] = centre * Double(j % 2 == 0 ? 1 : -1) + g.nextGaussian() }
        }
        return m
    }

    /// A random permutation of 0..<n.
    static func permutation(_ n: Int, seed: UInt64) -> [Int] {
        var g = SeededGenerator(seed: seed, stream: 7)
        var p = Array(0..<n)
        for i in stride(from: n - 1, to: 0, by: -1) { p.swapAt(i, Int(g.next() % UInt64(i + 1))) }
        return p
    }

    /// Labels up to renaming: each member's label replaced by the first member sharing it.
    static func partition(_ labels: [Int]) -> [Int] {
        var first = [Int: Int]()
        return labels.indices.map { i in first[labels[i]] ?? { first[labels[i]] = i; return i }() }
    }

    @Test func flatClustersDoNotDependOnRowOrder() async {
        await propertyCheck(count: Self.cases, input: Self.seeds) { seed in try self.flatClustersDoNotDependOnRowOrder(seed: seed) }
    }

    func flatClustersDoNotDependOnRowOrder(seed: UInt64) throws {
        let n = 12 + Int(seed % 20)
        let data = Self.points(seed: seed, n: n, d: 4)
        let p = Self.permutation(n, seed: seed)
        let permuted = data.selectingRows(p)
        for method in LinkageMethod.allCases {
            let metric: DistanceMetric = method.requiresEuclidean ? .euclidean : [.euclidean, .cosine, .correlation][Int(seed % 3)]
            let original = Dendrogram(try HierarchicalClustering.linkage(PairwiseDistances.condensed(data, metric: metric), method: method))
            let shuffled = Dendrogram(try HierarchicalClustering.linkage(PairwiseDistances.condensed(permuted, metric: metric), method: method))
            for k in 1...4 {
                let a = original.flatClusters(count: k)
                let b = shuffled.flatClusters(count: k)
                // Row r of the permuted data is member p[r] of the original.
                let back = (0..<n).map { member in b[p.firstIndex(of: member)!] }
                #expect(Self.partition(a) == Self.partition(back), "method \(method.rawValue), metric \(metric.rawValue), k \(k)")
            }
        }
    }

    @Test func monotoneMethodsGiveNonDecreasingHeights() async {
        await propertyCheck(count: Self.cases, input: Self.seeds) { seed in try self.monotoneMethodsGiveNonDecreasingHeights(seed: seed) }
    }

    func monotoneMethodsGiveNonDecreasingHeights(seed: UInt64) throws {
        let data = Self.points(seed: seed, n: 25, d: 3, groups: 1 + Int(seed % 4))
        for method in LinkageMethod.allCases where method.isMonotone {
            let metric: DistanceMetric = method.requiresEuclidean ? .euclidean : .cosine
            let heights = try HierarchicalClustering.linkage(PairwiseDistances.condensed(data, metric: metric), method: method).merges.map(\.height)
            #expect(zip(heights, heights.dropFirst()).allSatisfy { $0 <= $1 }, "\(method.rawValue)")
        }
    }

    /// Data suited to a metric: 0/1 for the binary ones, NaN-sprinkled for Gower.
    static func data(for metric: DistanceMetric, seed: UInt64) -> Matrix<Double> {
        var g = SeededGenerator(seed: seed, stream: 3)
        var m = points(seed: seed, n: 15, d: 6)
        for i in 0..<m.rows {
            for j in 0..<m.columns {
                if metric == .jaccard || metric == .dice || metric == .hamming { m[i, j] = m[i, j] > 0 ? 1 : 0 }
                if metric == .gower, j > 0, g.nextUnit() < 0.2 { m[i, j] = .nan }
            }
        }
        return m
    }

    @Test func distancesAreSymmetricNonNegativeWithZeroDiagonal() async {
        await propertyCheck(count: Self.cases, input: Self.seeds) { seed in try self.distancesAreSymmetricNonNegativeWithZeroDiagonal(seed: seed) }
    }

    func distancesAreSymmetricNonNegativeWithZeroDiagonal(seed: UInt64) throws {
        for metric in DistanceMetric.allCases {
            let square = try PairwiseDistances.square(Self.data(for: metric, seed: seed), metric: metric, noSharedColumns: .maximalDistance)
            for i in 0..<square.rows {
                #expect(square[i, i] == 0, "\(metric.rawValue) diagonal")
                for j in 0..<i {
                    #expect(square[i, j] == square[j, i], "\(metric.rawValue) symmetry at \(i),\(j)")
                    #expect(square[i, j] >= 0 && !square[i, j].isNaN, "\(metric.rawValue) value at \(i),\(j)")
                }
            }
        }
    }

    @Test func singlePrecisionAgreesWithDouble() async {
        await propertyCheck(count: Self.cases, input: Self.seeds) { seed in try self.singlePrecisionAgreesWithDouble(seed: seed) }
    }

    func singlePrecisionAgreesWithDouble(seed: UInt64) throws {
        for metric in DistanceMetric.allCases {
            let data = Self.data(for: metric, seed: seed)
            let double = try PairwiseDistances.condensed(data, metric: metric, noSharedColumns: .maximalDistance)
            let single = try PairwiseDistances.condensed(data.converted(to: Float.self), metric: metric, noSharedColumns: .maximalDistance)
            let scale = double.storage.map(abs).max() ?? 1
            let worst = zip(double.storage, single.storage).map { abs($0 - Double($1)) }.max() ?? 0
            #expect(worst <= 1e-4 * max(scale, 1), "\(metric.rawValue): largest difference \(worst) at scale \(scale)")
        }
    }
}
