/// Cosine and correlation distances, 1 - u_i.u_j over unit-length rows u,
/// the dot products from `?syrk`/`?gemm`.
///
/// Cosine (SciPy `pdist(..., "cosine")`): 1 - x.y / (|x| |y|).
/// Correlation (SciPy `"correlation"`): the cosine distance of the rows after
/// subtracting each row's mean. Results are clamped to [0, 2] as SciPy does.
/// A row of zeros (cosine) or a constant row (correlation) has no direction:
/// it is rejected, or (`DirectionlessRowPolicy.unrelated`) kept as a zero
/// unit row, whose dot product 0 with every row gives distance 1.
struct AngularKernel<S: BLASScalar>: PairKernel {
    let count: Int
    let width: Int
    /// The rows scaled to unit length (after centring, for correlation).
    let units: KernelBuffer<S>

    init(_ data: Matrix<S>, centreRows: Bool, directionless: DirectionlessRowPolicy = .fail) throws {
        let n = data.rows, p = data.columns
        count = n
        width = p
        units = KernelBuffer(count: n * p)
        let u = units.pointer
        var row = [Double](repeating: 0, count: p)
        try data.storage.withUnsafeBufferPointer { src in
            for i in 0..<n {
                // Scaled by the largest magnitude before squaring, so that neither
                // tiny nor huge rows under- or overflow.
                guard rowDirection(src, row: i, columns: p, centring: centreRows, into: &row) else {
                    // No direction: all zeros, or constant for correlation.
                    guard directionless == .unrelated else {
                        throw centreRows ? KernelError.constantRow(row: i) : KernelError.zeroNorm(row: i)
                    }
                    for k in 0..<p { u[i * p + k] = 0 }
                    continue
                }
                var s = 0.0
                for k in 0..<p { s += row[k] * row[k] }
                let inverseNorm = 1 / s.squareRoot()
                for k in 0..<p { u[i * p + k] = S(row[k] * inverseNorm) }
            }
        }
    }

    func fill(rows: Range<Int>, tile: UnsafeMutablePointer<S>, ld: Int) throws {
        try GramTile.symmetric(units.pointer, width: width, count: count, rows: rows, tile: tile, ld: ld)
        let r0 = rows.lowerBound, n = count
        for i in rows {
            let row = tile + (i - r0) * ld - r0
            for j in (i + 1)..<max(i + 1, n) {
                row[j] = min(max(1 - row[j], 0), 2)
            }
        }
    }
}
