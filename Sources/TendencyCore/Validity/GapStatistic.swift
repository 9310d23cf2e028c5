import Foundation

/// The gap statistic for the number of clusters (Tibshirani, Walther & Hastie
/// 2001, "Estimating the number of clusters in a data set via the gap
/// statistic", J. R. Statist. Soc. B 63:411–423).
///
/// W_k = Σ_r D_r / (2 n_r), D_r the sum of squared Euclidean distances over
/// all ordered pairs in cluster r, which equals the pooled within-cluster sum
/// of squares. Gap_k = mean_b log W*_kb - log W_k over B reference sets drawn
/// uniformly over the box aligned with the data's principal components (the
/// paper's method (b)); s_k = sd_k sqrt(1 + 1/B) with sd_k the standard
/// deviation (divisor B) of the log W*_kb. The chosen k is the smallest k
/// with Gap_k >= Gap_{k+1} - s_{k+1}, or the largest k tried if none is.
public struct GapStatistic: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let k: Int
        /// W_k of the data.
        public let dispersion: Double
        /// log W_k.
        public let logDispersion: Double
        /// The mean over the reference sets of log W*_k.
        public let referenceLogDispersion: Double
        /// Gap_k.
        public let gap: Double
        /// s_k = sd_k sqrt(1 + 1/B).
        public let standardError: Double
    }

    /// One entry per k, ascending.
    public let entries: [Entry]
    /// The smallest k with Gap_k >= Gap_{k+1} - s_{k+1} (the largest k tried if none).
    public let chosenK: Int

    /// Computes the statistic for every k in `ks` (within 1...rows-1) with
    /// `references` (B >= 1) reference sets; reference set b draws from
    /// `SeededGenerator(seed: seed, stream: b)`. `cluster(matrix)` prepares
    /// the clustering of one matrix (a tree, say) and returns the cut that
    /// gives one label per row for a k; it is not called when `ks` is 1...1,
    /// k = 1 being always the single cluster. The reference sets run in
    /// parallel, so `cluster` must be safe to call from several threads.
    /// Throws on invalid arguments, on labels of the wrong length, and when
    /// some W_k is zero (every cluster holds identical rows, so log W_k is
    /// undefined).
    public init(
        data: Matrix<Double>, ks: ClosedRange<Int>, references: Int, seed: UInt64,
        cluster: (Matrix<Double>) throws -> (_ k: Int) throws -> [Int]
    ) throws {
        let n = data.rows, p = data.columns
        guard n >= 2, p >= 1 else { throw StatisticsError("gap statistic: need at least two rows and one column") }
        guard ks.lowerBound >= 1, ks.upperBound <= n - 1 else {
            throw StatisticsError("gap statistic: k must lie in 1...\(n - 1), got \(ks.lowerBound)...\(ks.upperBound)")
        }
        guard references >= 1 else { throw StatisticsError("gap statistic: at least one reference set is needed") }

        func dispersions(_ matrix: Matrix<Double>, what: String) throws -> [Double] {
            let cut = ks.upperBound >= 2 ? try cluster(matrix) : nil
            return try ks.map { k in
                let labels = if k >= 2, let cut { try cut(k) } else { [Int](repeating: 0, count: matrix.rows) }
                let w = try Self.withinDispersion(matrix, labels: labels)
                guard w > 0 else {
                    throw StatisticsError("gap statistic: the within-cluster dispersion of \(what) is zero at k = \(k); try fewer clusters")
                }
                return w
            }
        }
        let observed = try dispersions(data, what: "the data")

        // The reference box: the ranges of the data's principal component scores.
        let pca = try PrincipalComponents(data, components: min(n, p))
        let m = pca.scores.columns
        var low = [Double](repeating: .infinity, count: m), high = [Double](repeating: -.infinity, count: m)
        for r in 0..<n {
            for c in 0..<m {
                low[c] = min(low[c], pca.scores[r, c])
                high[c] = max(high[c], pca.scores[r, c])
            }
        }
        let loadingsTransposed = pca.loadings.transposed.storage  // p x m
        // [b][k index]; the sets are independent, each from its own stream.
        let referenceLogs = try orderedConcurrentMap(count: references) { b in
            var generator = SeededGenerator(seed: seed, stream: UInt64(b))
            var uniform = [Double](repeating: 0, count: n * m)
            for r in 0..<n { for c in 0..<m { uniform[r * m + c] = low[c] + (high[c] - low[c]) * generator.nextUnit() } }
            // Back to the data's coordinates: Z = Z' L + mean.
            var reference = [Double](repeating: 0, count: n * p)
            try Double.gemmABt(m: n, n: p, k: m, alpha: 1, a: uniform, lda: m, b: loadingsTransposed, ldb: m,
                               beta: 0, c: &reference, ldc: p)
            for r in 0..<n { for c in 0..<p { reference[r * p + c] += pca.mean[c] } }
            return try dispersions(Matrix(rows: n, columns: p, storage: reference),
                                   what: "reference set \(b)").map { log($0) }
        }

        let count = Double(references)
        var entries = [Entry]()
        for (index, k) in ks.enumerated() {
            let logs = referenceLogs.map { $0[index] }
            let mean = logs.reduce(0, +) / count
            let sd = (logs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / count).squareRoot()
            let logW = log(observed[index])
            entries.append(Entry(k: k, dispersion: observed[index], logDispersion: logW,
                                 referenceLogDispersion: mean, gap: mean - logW,
                                 standardError: sd * (1 + 1 / count).squareRoot()))
        }
        self.entries = entries
        self.chosenK = zip(entries, entries.dropFirst())
            .first { current, next in current.gap >= next.gap - next.standardError }?.0.k ?? ks.upperBound
    }

    /// W = Σ_r Σ_{i in r} |x_i - mean_r|² (= Σ_r D_r / (2 n_r)) of `data`
    /// partitioned by `labels` (arbitrary values). Throws on a length mismatch.
    public static func withinDispersion(_ data: Matrix<Double>, labels: [Int]) throws -> Double {
        guard labels.count == data.rows else {
            throw StatisticsError("within-cluster dispersion: \(labels.count) labels for \(data.rows) rows")
        }
        let dense = DenseLabels(labels)
        let p = data.columns
        let sizes = dense.sizes
        var centroids = [Double](repeating: 0, count: dense.count * p)
        for r in 0..<data.rows {
            let base = dense.codes[r] * p
            for c in 0..<p { centroids[base + c] += data.storage[r * p + c] }
        }
        for cluster in 0..<dense.count { for c in 0..<p { centroids[cluster * p + c] /= Double(sizes[cluster]) } }
        var total = 0.0
        for r in 0..<data.rows {
            let base = dense.codes[r] * p
            for c in 0..<p {
                let d = data.storage[r * p + c] - centroids[base + c]
                total += d * d
            }
        }
        return total
    }
}
