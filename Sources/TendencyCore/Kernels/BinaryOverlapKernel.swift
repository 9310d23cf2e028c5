/// Jaccard and Dice distances on 0/1 rows from the overlap counts
/// c_ij = x_i.x_j (`?syrk`/`?gemm`, exact: sums of 0/1 products) and the
/// row counts c_i:
///
/// - Jaccard: (c_i + c_j - 2 c_ij) / (c_i + c_j - c_ij), as SciPy's
///   `pdist(..., "jaccard")`, and 0 when both rows are all zero (as SciPy).
/// - Dice: (c_i + c_j - 2 c_ij) / (c_i + c_j), as SciPy's `"dice"`; for two
///   all-zero rows SciPy returns NaN (0/0), here 0 (the rows are identical,
///   and a NaN would poison any linkage built on the distances).
///
/// The counts are exact integers, so in `Double` the results equal SciPy's
/// bit for bit (in `Float`, while rows have fewer than 2^24 columns).
struct BinaryOverlapKernel<S: BLASScalar>: PairKernel {
    let count: Int
    let width: Int
    let dice: Bool
    let bits: KernelBuffer<S>
    let rowCounts: KernelBuffer<S>

    /// `data` must hold only 0 and 1 (checked by the caller).
    init(_ data: Matrix<S>, dice: Bool) {
        let n = data.rows, p = data.columns
        count = n
        width = p
        self.dice = dice
        bits = KernelBuffer(count: n * p)
        rowCounts = KernelBuffer(count: n)
        let x = bits.pointer, c = rowCounts.pointer
        data.storage.withUnsafeBufferPointer { src in
            for i in 0..<n {
                var s: S = 0
                for k in 0..<p {
                    let v: S = src[i * p + k] == 0 ? 0 : 1
                    x[i * p + k] = v
                    s += v
                }
                c[i] = s
            }
        }
    }

    func fill(rows: Range<Int>, tile: UnsafeMutablePointer<S>, ld: Int) throws {
        try GramTile.symmetric(bits.pointer, width: width, count: count, rows: rows, tile: tile, ld: ld)
        let c = rowCounts.pointer, r0 = rows.lowerBound, n = count
        for i in rows {
            let row = tile + (i - r0) * ld - r0
            let ci = c[i]
            for j in (i + 1)..<max(i + 1, n) {
                let both = row[j], union = ci + c[j]
                let differing = union - 2 * both
                let denominator = dice ? union : union - both
                row[j] = denominator == 0 ? 0 : differing / denominator
            }
        }
    }
}
