/// Principal-component scores of the same rows over many weighted subsets of
/// their columns (a bootstrap over columns), from one centred copy and one
/// cross product of all the columns.
///
/// Scaling column c by s_c = sqrt(w_c) scales its centred values by s_c, so
/// the subset's cross product is the submatrix of the full one with entry
/// (a, b) times s_a s_b: each subset then costs an eigendecomposition of
/// its own size and one product for the scores, not the n p^2 product of
/// `PrincipalComponents` (the largest share of `tendency polis`'s feature
/// resamples on 20,000 generated participants). The scores equal
/// `PrincipalComponents` of the explicitly scaled subset up to rounding,
/// with the same sign convention.
package struct ColumnSubsetComponents: Sendable {
    package let rows: Int
    package let columns: Int
    /// The data with each column's mean subtracted, row-major.
    let centred: [Double]
    /// The p x p cross product of `centred`.
    let cross: [Double]
    /// The data, for a subset wider than the rows (`PrincipalComponents`
    /// then works on the Gram matrix).
    let data: Matrix<Double>

    /// Throws when `data` has fewer than two rows or holds a non-finite value.
    package init(_ data: Matrix<Double>) throws {
        let n = data.rows, p = data.columns
        let centred = try PrincipalComponents.centred(data).centred
        var cross = [Double](repeating: 0, count: p * p)
        if p > 0 {
            try Double.gemmAtB(m: p, n: p, k: n, alpha: 1, a: centred, lda: p, b: centred, ldb: p,
                               beta: 0, c: &cross, ldc: p)
        }
        rows = n
        columns = p
        self.centred = centred
        self.cross = cross
        self.data = data
    }

    /// The scores (rows x m) on the first m principal components of the
    /// columns `subset` (each index at most once), column `subset[i]` scaled
    /// by the square root of `weights[i]`. Throws when m is not in
    /// 1...min(rows, subset.count).
    package func scores(columns subset: [Int], weights: [Double], components m: Int) throws -> Matrix<Double> {
        precondition(subset.count == weights.count && Set(subset).count == subset.count
                     && subset.allSatisfy { (0..<columns).contains($0) }, "distinct columns, one weight each")
        let n = rows, q = subset.count
        try PrincipalComponents.checkComponents(m, rows: n, columns: q)
        let scales = weights.map { $0.squareRoot() }
        guard q <= n else {
            var scaled = data.selectingColumns(subset)
            for r in 0..<n { for i in 0..<q { scaled.storage[r * q + i] *= scales[i] } }
            return try PrincipalComponents(scaled, components: m).scores
        }
        var sub = [Double](repeating: 0, count: q * q)
        for a in 0..<q {
            for b in 0..<q { sub[a * q + b] = scales[a] * scales[b] * cross[subset[a] * columns + subset[b]] }
        }
        var (directions, _) = try PrincipalComponents.leadingEigenvectors(&sub, size: q, count: m)
        PrincipalComponents.signDirections(&directions, count: m, width: q)
        // Each direction spread over all columns, times the column's scale:
        // scores = centred (n x p) times that (m x p) transposed.
        var spread = [Double](repeating: 0, count: m * columns)
        for j in 0..<m { for i in 0..<q { spread[j * columns + subset[i]] = scales[i] * directions[j * q + i] } }
        var scores = [Double](repeating: 0, count: n * m)
        try Double.gemmABt(m: n, n: m, k: columns, alpha: 1, a: centred, lda: columns, b: spread, ldb: columns,
                           beta: 0, c: &scores, ldc: m)
        return Matrix(rows: n, columns: m, storage: scores)
    }
}
