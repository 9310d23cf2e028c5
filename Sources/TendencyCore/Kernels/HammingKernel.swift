/// Hamming distance: the fraction of columns in which two rows differ, any
/// values allowed (SciPy `pdist(..., "hamming")`).
///
/// A column with few distinct values (at most `oneHotLimit`) is expanded into
/// one indicator column per value; the number of columns where rows i and j
/// agree is then the product H H^T (`?syrk`/`?gemm`), exact because it sums
/// 0/1 products. Columns with more distinct values (or beyond
/// `ColumnLevels.expansionBudget`) are compared directly in a loop blocked
/// for cache. The mismatch count is an exact integer, so in
/// `Double` the result equals SciPy's bit for bit.
struct HammingKernel<S: BLASScalar>: PairKernel {
    /// Above this many distinct values a column is compared directly: the
    /// product costs one multiply-add per value and pair, the direct loop
    /// one comparison per pair.
    static var oneHotLimit: Int { 32 }

    let count: Int
    let columns: Int
    /// One indicator column per (column, value), row-major, `indicatorWidth` wide.
    let indicators: KernelBuffer<S>
    let indicatorWidth: Int
    /// The number of columns expanded into indicators.
    let expandedColumns: Int
    /// The remaining columns, column-major (`directColumns` of `count` values).
    let direct: KernelBuffer<S>
    let directColumns: Int

    init(_ data: Matrix<S>, expansionBudget: Int = ColumnLevels<S>.expansionBudget) {
        let n = data.rows, p = data.columns
        count = n
        columns = p
        let columnLevels = ColumnLevels(data, limit: Self.oneHotLimit)
        let chosen = columnLevels.expanded(rows: n, width: { $0 }, budget: expansionBudget)
        let levels = columnLevels.levels.indices.map { chosen[$0] ? columnLevels.levels[$0] : nil }
        var offsets = [Int](repeating: -1, count: p)
        var width = 0, expanded = 0
        var directIndices = [Int]()
        for k in 0..<p {
            if let values = levels[k] {
                offsets[k] = width
                width += values.count
                expanded += 1
            } else {
                directIndices.append(k)
            }
        }
        indicatorWidth = width
        expandedColumns = expanded
        directColumns = directIndices.count
        indicators = KernelBuffer(count: n * width)
        direct = KernelBuffer(count: n * directIndices.count)
        let h = indicators.pointer, d = direct.pointer
        data.storage.withUnsafeBufferPointer { src in
            for k in 0..<p {
                guard let values = levels[k] else { continue }
                for i in 0..<n {
                    h[i * width + offsets[k] + ColumnLevels.position(of: src[i * p + k], in: values)] = 1
                }
            }
            for (c, k) in directIndices.enumerated() {
                for i in 0..<n { d[c * n + i] = src[i * p + k] }
            }
        }
    }

    func fill(rows: Range<Int>, tile: UnsafeMutablePointer<S>, ld: Int) throws {
        let r0 = rows.lowerBound, n = count
        try GramTile.symmetric(indicators.pointer, width: indicatorWidth, count: n, rows: rows, tile: tile, ld: ld)
        // Agreements among the expanded columns -> disagreements -> fraction.
        // Division, not multiplication by 1/p, to round as SciPy's mean does.
        let expanded = S(expandedColumns), total = S(columns)
        if directColumns == 0 {
            for i in rows {
                let row = tile + (i - r0) * ld - r0
                for j in (i + 1)..<max(i + 1, n) { row[j] = (expanded - row[j]) / total }
            }
            return
        }
        for i in rows {
            let row = tile + (i - r0) * ld - r0
            for j in (i + 1)..<max(i + 1, n) { row[j] = expanded - row[j] }
        }
        do {
            let d = direct.pointer
            CacheBlockedPairs.forEach(rows: rows, count: n) { i, columns in
                let row = tile + (i - r0) * ld - r0
                for c in 0..<directColumns {
                    let column = d + c * n
                    let xi = column[i]
                    for j in columns { row[j] += column[j] != xi ? 1 : 0 }
                }
            }
        }
        for i in rows {
            let row = tile + (i - r0) * ld - r0
            for j in (i + 1)..<max(i + 1, n) { row[j] = row[j] / total }
        }
    }
}
