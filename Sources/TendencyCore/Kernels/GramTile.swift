/// The level-3 products every kernel is built from, computed one row block
/// at a time.
///
/// A row block I = `rows` of n rows is compared with every row
/// J = `rows.lowerBound ..< count` (the upper trapezoid of the n x n result):
/// the tile holds `(i, j)` at `tile[(i - rows.lowerBound) * ld + (j - rows.lowerBound)]`.
/// Only the entries with j > i are meant; entries with j <= i are left
/// undefined.
enum GramTile {
    /// tile = X_I X_J^T for row-major X (count x width): `?syrk` on the
    /// diagonal block (half the work) and `?gemm` on the rest.
    static func symmetric<S: BLASScalar>(
        _ x: UnsafePointer<S>, width: Int, count: Int, rows: Range<Int>,
        tile: UnsafeMutablePointer<S>, ld: Int
    ) throws {
        let r0 = rows.lowerBound, b = rows.count
        guard width > 0 else {
            for r in 0..<b { (tile + r * ld).update(repeating: 0, count: count - r0) }
            return
        }
        try S.syrkAAt(n: b, k: width, alpha: 1, a: x + r0 * width, lda: width,
                      beta: 0, c: tile, ldc: ld)
        let rest = count - rows.upperBound
        if rest > 0 {
            try S.gemmABt(m: b, n: rest, k: width, alpha: 1,
                          a: x + r0 * width, lda: width,
                          b: x + rows.upperBound * width, ldb: width,
                          beta: 0, c: tile + b, ldc: ld)
        }
    }

    /// tile = A B_J^T for a block A (rows.count x width, row-major, already
    /// restricted to the block's rows) and row-major B (count x width), for the
    /// upper trapezoid only: the block is cut into strips of `strip` rows,
    /// each multiplied from its own first row on, so at most a strip-sized
    /// triangle below the diagonal is computed in vain (not the whole
    /// diagonal block, which would double the work when there is one block).
    static func upperCross<S: BLASScalar>(
        _ a: UnsafePointer<S>, _ b: UnsafePointer<S>, width: Int, count: Int, rows: Range<Int>,
        tile: UnsafeMutablePointer<S>, ld: Int, strip: Int = 256
    ) throws {
        let r0 = rows.lowerBound
        guard width > 0 else {
            for r in 0..<rows.count { (tile + r * ld).update(repeating: 0, count: count - r0) }
            return
        }
        for s0 in stride(from: r0, to: rows.upperBound, by: strip) {
            let s1 = min(rows.upperBound, s0 + strip)
            try S.gemmABt(m: s1 - s0, n: count - s0, k: width, alpha: 1,
                          a: a + (s0 - r0) * width, lda: width, b: b + s0 * width, ldb: width,
                          beta: 0, c: tile + (s0 - r0) * ld + (s0 - r0), ldc: ld)
        }
    }
}
