import Foundation
import Testing
@testable import TendencyCore

@Suite struct GapStatisticTests {
    struct DispersionFile: Decodable {
        struct Case: Decodable { let labels: [Int]; let W: Double }
        let rows, columns: Int
        let data: [Double]
        let cases: [Case]
    }

    /// W_k against the reference script's direct NumPy/SciPy sum of pairwise
    /// squared distances, D_r / (2 n_r) per cluster.
    @Test func dispersionMatchesPairwiseDefinition() throws {
        let file = try StatsReference.load("gap_dispersion.json", as: DispersionFile.self)
        let data = Matrix(rows: file.rows, columns: file.columns, storage: file.data)
        #expect(file.cases.count == 3)
        for c in file.cases {
            #expect(close(try GapStatistic.withinDispersion(data, labels: c.labels), c.W, 1e-12))
        }
        #expect(throws: StatisticsError.self) { try GapStatistic.withinDispersion(data, labels: [0]) }
    }

    @Test func findsThreeClearClusters() throws {
        var generator = SeededGenerator(seed: 7)
        var rows = [[Double]]()
        for centre in [[0.0, 0.0], [8.0, 0.0], [4.0, 7.0]] {
            for _ in 0..<20 { rows.append([centre[0] + generator.nextGaussian(), centre[1] + generator.nextGaussian()]) }
        }
        let gap = try GapStatistic(data: Matrix(rows), ks: 1...6, references: 20, seed: 11, cluster: kMeansCut)
        #expect(gap.chosenK == 3)
        #expect(gap.entries.map(\.k) == Array(1...6))
        for e in gap.entries {
            #expect(close(e.gap, e.referenceLogDispersion - e.logDispersion, 1e-14))
            #expect(e.standardError >= 0 && close(log(e.dispersion), e.logDispersion, 1e-14))
        }
        // Same seed, same answer.
        let again = try GapStatistic(data: Matrix(rows), ks: 1...6, references: 20, seed: 11, cluster: kMeansCut)
        #expect(again == gap)
    }

    @Test func uniformNoiseGivesOneCluster() throws {
        var generator = SeededGenerator(seed: 3)
        let rows = (0..<60).map { _ in [generator.nextUnit(), generator.nextUnit() * 2] }
        let gap = try GapStatistic(data: Matrix(rows), ks: 1...5, references: 20, seed: 5, cluster: kMeansCut)
        #expect(gap.chosenK == 1)
    }

    @Test func rejectsBadArguments() {
        let data = Matrix<Double>([[0, 0], [1, 1], [2, 0]])
        #expect(throws: StatisticsError.self) { try GapStatistic(data: data, ks: 1...3, references: 5, seed: 1, cluster: kMeansCut) }
        #expect(throws: StatisticsError.self) { try GapStatistic(data: data, ks: 1...2, references: 0, seed: 1, cluster: kMeansCut) }
        #expect(throws: StatisticsError.self) {
            try GapStatistic(data: data, ks: 1...2, references: 2, seed: 1) { _ in { _ in [0] } }
        }
        // Identical rows: W_1 = 0 and log W_1 is undefined.
        #expect(throws: StatisticsError.self) {
            try GapStatistic(data: Matrix<Double>([[1, 1], [1, 1], [1, 1]]), ks: 1...2, references: 2, seed: 1, cluster: kMeansCut)
        }
    }
}

/// A small deterministic k-means (Lloyd's iterations from k-means++ seeds,
/// best of five starts), only to give the gap statistic something to score.
/// `kMeans` prepared for one matrix, as `GapStatistic` asks.
private func kMeansCut(_ data: Matrix<Double>) -> (Int) -> [Int] {
    { k in kMeans(data, k) }
}

private func kMeans(_ data: Matrix<Double>, _ k: Int) -> [Int] {
    var generator = SeededGenerator(seed: UInt64(k))
    let n = data.rows, p = data.columns, x = data.storage
    func distance(_ r: Int, _ centres: [Double], _ c: Int) -> Double {
        var sum = 0.0
        for j in 0..<p { let d = x[r * p + j] - centres[c * p + j]; sum += d * d }
        return sum
    }
    func nearest(_ r: Int, _ centres: [Double], _ count: Int) -> (Int, Double) {
        var best = (0, Double.infinity)
        for c in 0..<count { let d = distance(r, centres, c); if d < best.1 { best = (c, d) } }
        return best
    }
    var best: (labels: [Int], cost: Double) = ([Int](repeating: 0, count: n), .infinity)
    for _ in 0..<5 {
        var centres = Array(data.row(Int(generator.nextUnit() * Double(n))))
        for count in 1..<k {
            let weights = (0..<n).map { nearest($0, centres, count).1 }
            var target = generator.nextUnit() * weights.reduce(0, +)
            var chosen = n - 1
            for r in 0..<n { target -= weights[r]; if target < 0 { chosen = r; break } }
            centres += data.row(chosen)
        }
        var labels = [Int](repeating: -1, count: n)
        for _ in 0..<100 {
            let next = (0..<n).map { nearest($0, centres, k).0 }
            if next == labels { break }
            labels = next
            var sums = [Double](repeating: 0, count: k * p), sizes = [Int](repeating: 0, count: k)
            for r in 0..<n { sizes[labels[r]] += 1; for j in 0..<p { sums[labels[r] * p + j] += x[r * p + j] } }
            for c in 0..<k where sizes[c] > 0 { for j in 0..<p { centres[c * p + j] = sums[c * p + j] / Double(sizes[c]) } }
        }
        let cost = (0..<n).reduce(0) { $0 + distance($1, centres, labels[$1]) }
        if cost < best.cost { best = (labels, cost) }
    }
    return best.labels
}
