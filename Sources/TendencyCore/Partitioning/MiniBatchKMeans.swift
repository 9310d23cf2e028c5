/// Mini-batch k-means (Sculley 2010, "Web-scale k-means clustering", WWW),
/// seeded by k-means++ (Arthur & Vassilvitskii 2007) on a sample.
///
/// Used to compress data too large for exact linkage into micro-clusters:
/// each batch's nearest centres come from one `?gemm` (|x|^2 - 2 x.c + |c|^2),
/// then each centre moves towards its points with a per-centre learning rate
/// 1 / (points seen). Every draw comes from `SeededGenerator`, and updates are
/// applied in a fixed order, so the result depends only on the seed.
public struct MiniBatchKMeans: Sendable {
    /// Centres, `k x d`.
    public let centres: Matrix<Double>
    /// Centre index per row of the data.
    public let assignments: [Int]
    /// Rows per centre.
    public let sizes: [Int]

    /// Clusters the rows of `data` (complete, finite) into at most `k` centres.
    public init(_ data: Matrix<Double>, k requested: Int, batchSize: Int = 4096, iterations: Int = 100, seed: UInt64) throws {
        let n = data.rows, d = data.columns
        guard n >= 1, d >= 1 else { throw StatisticsError("mini-batch k-means needs at least one row and one column") }
        guard data.storage.allSatisfy(\.isFinite) else { throw StatisticsError("mini-batch k-means needs complete, finite data") }
        let k = max(1, min(requested, n))
        var generator = SeededGenerator(seed: seed)

        // k-means++ seeding on a sample of at most 20 k rows.
        let sampleSize = min(n, max(20 * k, 1))
        let sample = (0..<sampleSize).map { _ in generator.nextIndex(below: n) }
        var centres = Matrix<Double>(rows: k, columns: d)
        var nearest = [Double](repeating: .infinity, count: sampleSize)
        var chosen = sample[generator.nextIndex(below: sampleSize)]
        for c in 0..<k {
            for j in 0..<d { centres[c, j] = data[chosen, j] }
            var total = 0.0
            for (s, row) in sample.enumerated() {
                var dist = 0.0
                for j in 0..<d { let diff = data[row, j] - centres[c, j]; dist += diff * diff }
                nearest[s] = min(nearest[s], dist)
                total += nearest[s]
            }
            guard c + 1 < k else { break }
            var target = generator.nextUnit() * total
            chosen = sample[sampleSize - 1]
            for (s, row) in sample.enumerated() {
                target -= nearest[s]
                if target < 0 { chosen = row; break }
            }
        }

        // Mini-batch updates.
        var seen = [Int](repeating: 0, count: k)
        let b = min(batchSize, n)
        for _ in 0..<iterations {
            let batch = (0..<b).map { _ in generator.nextIndex(below: n) }
            let labels = try Self.nearestCentres(data.selectingRows(batch), centres)
            for (row, c) in zip(batch, labels) {
                seen[c] += 1
                let rate = 1.0 / Double(seen[c])
                for j in 0..<d { centres[c, j] += rate * (data[row, j] - centres[c, j]) }
            }
        }

        // Final assignment; empty centres are dropped.
        let labels = try Self.nearestCentres(data, centres)
        var sizes = [Int](repeating: 0, count: k)
        for c in labels { sizes[c] += 1 }
        let kept = (0..<k).filter { sizes[$0] > 0 }
        var renumber = [Int](repeating: -1, count: k)
        for (new, old) in kept.enumerated() { renumber[old] = new }
        self.centres = centres.selectingRows(kept)
        self.assignments = labels.map { renumber[$0] }
        self.sizes = kept.map { sizes[$0] }
    }

    /// Index of the nearest centre for each row, by blocks of rows in parallel
    /// (ties: the lowest index).
    static func nearestCentres(_ rows: Matrix<Double>, _ centres: Matrix<Double>) throws -> [Int] {
        let n = rows.rows, k = centres.rows, d = rows.columns
        let centreNorms = (0..<k).map { c in (0..<d).reduce(0.0) { $0 + centres[c, $1] * centres[c, $1] } }
        let block = 1024
        let starts = Array(stride(from: 0, to: n, by: block))
        // One label array per block, joined in block order: a failing block's
        // error is the first in block order whatever the scheduling.
        let blocks = try rows.storage.withUnsafeBufferPointer { x in
            try centres.storage.withUnsafeBufferPointer { c in
                nonisolated(unsafe) let x = x, c = c
                return try orderedConcurrentMap(count: starts.count) { index in
                    let r0 = starts[index], m = min(block, n - r0)
                    var products = [Double](repeating: 0, count: m * k)
                    try products.withUnsafeMutableBufferPointer { p in
                        try Double.gemmABt(m: m, n: k, k: d, alpha: 1, a: x.baseAddress! + r0 * d, lda: d,
                                           b: c.baseAddress!, ldb: d, beta: 0, c: p.baseAddress!, ldc: k)
                    }
                    return (0..<m).map { i in
                        var best = 0, bestValue = Double.infinity
                        for j in 0..<k {
                            let value = centreNorms[j] - 2 * products[i * k + j]
                            if value < bestValue { bestValue = value; best = j }
                        }
                        return best
                    }
                }
            }
        }
        return Array(blocks.joined())
    }
}
