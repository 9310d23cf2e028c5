import Dispatch

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
    /// `progress`, if given, sees the stages "k-means seeding" (counting
    /// centres), "k-means mini-batches" (counting iterations) and "k-means
    /// assignment" (counting rows).
    public init(
        _ data: Matrix<Double>, k requested: Int, batchSize: Int = 4096, iterations: Int = 100, seed: UInt64,
        progress: WorkProgress? = nil
    ) throws {
        let n = data.rows, d = data.columns
        guard n >= 1, d >= 1 else { throw StatisticsError("mini-batch k-means needs at least one row and one column") }
        guard data.storage.allSatisfy(\.isFinite) else { throw StatisticsError("mini-batch k-means needs complete, finite data") }
        let k = max(1, min(requested, n))
        var generator = SeededGenerator(seed: seed)
        progress?.begin("k-means seeding", total: k, unit: "centres")
        var centres = Self.seeds(data, k: k, generator: &generator, progress: progress)

        // Mini-batch updates.
        progress?.begin("k-means mini-batches", total: iterations, unit: "iterations")
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
            progress?.advance()
        }

        // Final assignment; empty centres are dropped.
        progress?.begin("k-means assignment", total: n, unit: "rows")
        let labels = try Self.nearestCentres(data, centres, progress: progress)
        var sizes = [Int](repeating: 0, count: k)
        for c in labels { sizes[c] += 1 }
        let kept = (0..<k).filter { sizes[$0] > 0 }
        var renumber = [Int](repeating: -1, count: k)
        for (new, old) in kept.enumerated() { renumber[old] = new }
        self.centres = centres.selectingRows(kept)
        self.assignments = labels.map { renumber[$0] }
        self.sizes = kept.map { sizes[$0] }
    }

    /// k-means++ seeding (Arthur & Vassilvitskii 2007) on a sample of at
    /// most 20 k rows: each next centre is a sample row drawn with
    /// probability in proportion to its squared distance to the nearest
    /// centre so far.
    ///
    /// Each step reads the whole sample (k steps of 20 k rows: quadratic in
    /// k), so the sample is copied to contiguous rows and each step's
    /// distances are updated in blocks on every core. The arithmetic per row,
    /// the sum of the distances and the draw keep the order of a plain loop
    /// over the sample (`MiniBatchKMeansTests.seedsMatchAPlainLoop`), so
    /// the seeds do not depend on the thread count. (The plain loop took
    /// 20 s of the 24 s that `cluster --micro-clusters 5000` spent on 200,000
    /// rows of 16 columns.)
    static func seeds(_ data: Matrix<Double>, k: Int, generator: inout SeededGenerator,
                      progress: WorkProgress? = nil) -> Matrix<Double> {
        let n = data.rows, d = data.columns
        let sampleSize = min(n, max(20 * k, 1))
        let sampleRows = (0..<sampleSize).map { _ in generator.nextIndex(below: n) }
        let sample = data.selectingRows(sampleRows)
        var centres = Matrix<Double>(rows: k, columns: d)
        var nearest = [Double](repeating: .infinity, count: sampleSize)
        var chosen = generator.nextIndex(below: sampleSize)
        let block = 4096
        let blocks = (sampleSize + block - 1) / block
        sample.storage.withUnsafeBufferPointer { x in
            nearest.withUnsafeMutableBufferPointer { nearest in
                nonisolated(unsafe) let x = x.baseAddress!, nearest = nearest.baseAddress!
                for c in 0..<k {
                    let centre = Array(UnsafeBufferPointer(start: x + chosen * d, count: d))
                    for j in 0..<d { centres[c, j] = centre[j] }
                    // Lowers each row's distance to its nearest centre.
                    let update = { @Sendable (part: Int) in
                        for s in (part * block)..<min(sampleSize, part * block + block) {
                            var dist = 0.0
                            for j in 0..<d { let diff = x[s * d + j] - centre[j]; dist += diff * diff }
                            nearest[s] = min(nearest[s], dist)
                        }
                    }
                    if blocks > 1 { DispatchQueue.concurrentPerform(iterations: blocks, execute: update) } else { update(0) }
                    progress?.advance()
                    guard c + 1 < k else { break }
                    var total = 0.0
                    for s in 0..<sampleSize { total += nearest[s] }
                    var target = generator.nextUnit() * total
                    chosen = sampleSize - 1
                    for s in 0..<sampleSize {
                        target -= nearest[s]
                        if target < 0 { chosen = s; break }
                    }
                }
            }
        }
        return centres
    }

    /// Index of the nearest centre for each row, by blocks of rows in parallel
    /// (ties: the lowest index); each block counts its rows on `progress`.
    ///
    /// A block's values |c|^2 - 2 x.c come from one `?gemm` onto the centres'
    /// norms (alpha -2, beta 1: the same values as subtracting twice the
    /// products, since doubling is exact), and each row's first minimum from
    /// `FirstMinimum`'s vector scan. Blocks are sized so that their values
    /// stay near the cache (about 512 KiB): the gemm writes them and the scan
    /// reads them at once.
    static func nearestCentres(_ rows: Matrix<Double>, _ centres: Matrix<Double>,
                               progress: WorkProgress? = nil) throws -> [Int] {
        let n = rows.rows, k = centres.rows, d = rows.columns
        let centreNorms = (0..<k).map { c in (0..<d).reduce(0.0) { $0 + centres[c, $1] * centres[c, $1] } }
        let block = max(16, min(1024, (1 << 16) / max(1, k)))
        let starts = Array(stride(from: 0, to: n, by: block))
        // One label array per block, joined in block order: a failing block's
        // error is the first in block order whatever the scheduling.
        let blocks = try rows.storage.withUnsafeBufferPointer { x in
            try centres.storage.withUnsafeBufferPointer { c in
                nonisolated(unsafe) let x = x, c = c
                return try orderedConcurrentMap(count: starts.count) { index in
                    let r0 = starts[index], m = min(block, n - r0)
                    var values = [Double](unsafeUninitializedCapacity: m * k) { buffer, initialized in
                        for i in 0..<m { (buffer.baseAddress! + i * k).initialize(from: centreNorms, count: k) }
                        initialized = m * k
                    }
                    try values.withUnsafeMutableBufferPointer { v in
                        try Double.gemmABt(m: m, n: k, k: d, alpha: -2, a: x.baseAddress! + r0 * d, lda: d,
                                           b: c.baseAddress!, ldb: d, beta: 1, c: v.baseAddress!, ldc: k)
                    }
                    defer { progress?.advance(by: m) }
                    return values.withUnsafeBufferPointer { v in
                        // The same first minimum either way; the vector scan's set-up
                        // costs more than it saves on short rows (20,000 x 64, 50
                        // centres: k-means 0.17 s with the loop, 0.20 s with the scan;
                        // 200,000 x 16, 5,000 centres: 4.5 s against 3.6 s).
                        (0..<m).map { i in
                            let row = v.baseAddress! + i * k
                            let first = k >= 64 ? FirstMinimum.of(row, count: k).position
                                : FirstMinimum.inOrder(row, from: 0, to: k, best: -1, bestValue: .infinity).position
                            return max(0, first)  // finite data give finite values: never -1
                        }
                    }
                }
            }
        }
        return Array(blocks.joined())
    }
}
