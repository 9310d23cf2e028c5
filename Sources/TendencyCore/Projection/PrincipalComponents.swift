/// Principal component analysis of the rows of a matrix, through LAPACK's
/// symmetric eigensolver (`dsyevd`) rather than an SVD.
///
/// The columns are centred. With no more columns than rows the p x p cross
/// product XᵀX (BLAS `dgemm`) is decomposed; otherwise the n x n Gram matrix
/// XXᵀ (BLAS `dsyrk`), whose eigenvectors u give the directions Xᵀu / |Xᵀu|.
/// Either way the work is on the smaller side.
///
/// Sign convention: each component's direction is flipped so that its entry
/// of largest absolute value (the first such, on ties) is positive. This is
/// scikit-learn's `svd_flip(u_based_decision=False)` as `PCA` uses it since
/// 1.5, so scores can be compared with scikit-learn's sign for sign.
public struct PrincipalComponents: Sendable, Equatable {
    /// The column means that were subtracted.
    public let mean: [Double]
    /// m x columns: row j is the unit direction of component j, by decreasing variance.
    /// A component with no variance left (rank-deficient data) has a zero row.
    public let loadings: Matrix<Double>
    /// rows x m: the centred data projected on the components.
    public let scores: Matrix<Double>
    /// The variance along each component (eigenvalue / (rows - 1)).
    public let explainedVariance: [Double]
    /// Each component's share of the total variance (0 when the data have none).
    public let explainedVarianceRatio: [Double]

    /// The first `components` principal components of `data`. Throws when
    /// `data` has fewer than two rows, holds a non-finite value, or when
    /// `components` is not in 1...min(rows, columns).
    public init(_ data: Matrix<Double>, components m: Int) throws {
        let n = data.rows, p = data.columns
        let (mean, centred) = try Self.centred(data)
        try Self.checkComponents(m, rows: n, columns: p)
        let totalSquares = centred.reduce(0) { $0 + $1 * $1 }

        var directions = [Double](repeating: 0, count: m * p)
        var eigenvalues = [Double](repeating: 0, count: m)
        if p <= n {
            var cross = [Double](repeating: 0, count: p * p)
            try Double.gemmAtB(m: p, n: p, k: n, alpha: 1, a: centred, lda: p, b: centred, ldb: p,
                               beta: 0, c: &cross, ldc: p)
            (directions, eigenvalues) = try Self.leadingEigenvectors(&cross, size: p, count: m)
        } else {
            var gram = [Double](repeating: 0, count: n * n)
            try Double.syrkAAt(n: n, k: p, alpha: 1, a: centred, lda: p, beta: 0, c: &gram, ldc: n)
            // dsyrk filled the upper triangle only; mirror it so the layout
            // the eigensolver reads holds the matrix too.
            for i in 0..<n { for j in 0..<i { gram[i * n + j] = gram[j * n + i] } }
            var w = [Double](repeating: 0, count: n)
            try Double.symmetricEigen(n: n, a: &gram, eigenvalues: &w)
            // U (n x m): column j is the eigenvector of the j-th largest eigenvalue.
            var u = [Double](repeating: 0, count: n * m)
            for j in 0..<m {
                let source = n - 1 - j
                eigenvalues[j] = max(0, w[source])
                for i in 0..<n { u[i * m + j] = gram[source * n + i] }
            }
            // Directions Uᵀ X (m x p), each normalised; vanishing ones are zeroed.
            try Double.gemmAtB(m: m, n: p, k: n, alpha: 1, a: u, lda: m, b: centred, ldb: p,
                               beta: 0, c: &directions, ldc: p)
            let floor = (eigenvalues.first ?? 0).squareRoot() * Double(max(n, p)) * Double.ulpOfOne
            for j in 0..<m {
                let row = (j * p)..<((j + 1) * p)
                let length = directions[row].reduce(0) { $0 + $1 * $1 }.squareRoot()
                if length > floor && length > 0 {
                    for k in row { directions[k] /= length }
                } else {
                    for k in row { directions[k] = 0 }
                    eigenvalues[j] = 0
                }
            }
        }
        Self.signDirections(&directions, count: m, width: p)
        var scores = [Double](repeating: 0, count: n * m)
        try Double.gemmABt(m: n, n: m, k: p, alpha: 1, a: centred, lda: p, b: directions, ldb: p,
                           beta: 0, c: &scores, ldc: m)

        self.mean = mean
        self.loadings = Matrix(rows: m, columns: p, storage: directions)
        self.scores = Matrix(rows: n, columns: m, storage: scores)
        self.explainedVariance = eigenvalues.map { $0 / Double(n - 1) }
        self.explainedVarianceRatio = eigenvalues.map { totalSquares > 0 ? $0 / totalSquares : 0 }
    }

    /// The data with each column's mean subtracted, row-major, and those
    /// means. Throws when `data` has fewer than two rows or holds a
    /// non-finite value.
    static func centred(_ data: Matrix<Double>) throws -> (mean: [Double], centred: [Double]) {
        let n = data.rows, p = data.columns
        guard n >= 2 else { throw StatisticsError("PCA needs at least two rows, got \(n)") }
        guard data.storage.allSatisfy(\.isFinite) else { throw StatisticsError("PCA input holds a non-finite value") }
        var mean = [Double](repeating: 0, count: p)
        for r in 0..<n { for c in 0..<p { mean[c] += data.storage[r * p + c] } }
        for c in 0..<p { mean[c] /= Double(n) }
        var centred = data.storage
        for r in 0..<n { for c in 0..<p { centred[r * p + c] -= mean[c] } }
        return (mean, centred)
    }

    /// Throws unless m components can be taken from rows x columns data.
    static func checkComponents(_ m: Int, rows n: Int, columns p: Int) throws {
        guard m >= 1, m <= min(n, p) else {
            throw StatisticsError("PCA of a \(n) x \(p) matrix: \(m) components asked, 1...\(min(n, p)) possible")
        }
    }

    /// The m eigenvectors of the symmetric p x p matrix `cross` (destroyed)
    /// with the largest eigenvalues, as the rows of an m x p array, and those
    /// eigenvalues (negative rounding clamped to 0), by decreasing value.
    static func leadingEigenvectors(_ cross: inout [Double], size p: Int, count m: Int) throws
        -> (directions: [Double], eigenvalues: [Double]) {
        var w = [Double](repeating: 0, count: p)
        try Double.symmetricEigen(n: p, a: &cross, eigenvalues: &w)
        // Eigenvalues ascend; eigenvector j is row j of `cross`.
        var directions = [Double](repeating: 0, count: m * p)
        var eigenvalues = [Double](repeating: 0, count: m)
        for j in 0..<m {
            let source = p - 1 - j
            eigenvalues[j] = max(0, w[source])
            directions.replaceSubrange((j * p)..<((j + 1) * p), with: cross[(source * p)..<((source + 1) * p)])
        }
        return (directions, eigenvalues)
    }

    /// The sign convention: each of the m directions (rows of width p)
    /// flipped so that its largest-magnitude entry (the first, on ties) is positive.
    static func signDirections(_ directions: inout [Double], count m: Int, width p: Int) {
        for j in 0..<m {
            var best = j * p
            for k in (j * p)..<((j + 1) * p) where abs(directions[k]) > abs(directions[best]) { best = k }
            if directions[best] < 0 { for k in (j * p)..<((j + 1) * p) { directions[k] = -directions[k] } }
        }
    }
}
