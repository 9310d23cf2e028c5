/// Hamming distance: the fraction of columns in which two rows differ, any
/// values allowed (SciPy `pdist(..., "hamming")`).
///
/// A column with few distinct values (at most `oneHotLimit`) is expanded into
/// one indicator column per value; the number of columns where rows i and j
/// agree is then the product H H^T (`?syrk`/`?gemm`), exact because it sums
/// 0/1 products. A column with two values needs only one indicator x (of
/// its larger value): rows agree there when 1 - x_i - x_j + 2 x_i x_j = 1,
/// so those columns enter the product as [H | 2X] [H | X]^T, plus the
/// row sums of X: half the width on binary data, and still exact integers.
/// Columns with more distinct values (or beyond
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
    /// Per row: one indicator per (column, value) of the columns with one or
    /// three or more values, then x (one per two-valued column) scaled by 2;
    /// row-major, `indicatorWidth` wide. Two-valued columns only: nil.
    let indicators: KernelBuffer<S>
    /// The same with x unscaled: the right-hand factor of the product.
    let unscaledIndicators: KernelBuffer<S>
    let indicatorWidth: Int
    /// The number of columns expanded into indicators, and of those with two values.
    let expandedColumns: Int
    let twoValuedColumns: Int
    /// Per row, the sum of its x over the two-valued columns.
    let twoValuedCounts: KernelBuffer<S>
    /// The remaining columns, compared directly; nil when there are none.
    let direct: RowPanels<S>?
    let directColumns: Int

    init(_ data: Matrix<S>, expansionBudget: Int = ColumnLevels<S>.expansionBudget,
         vectorVariant: VectorVariant = .best) {
        let n = data.rows, p = data.columns
        count = n
        columns = p
        let columnLevels = ColumnLevels(data, limit: Self.oneHotLimit)
        let chosen = columnLevels.expanded(rows: n, width: { $0 == 2 ? 1 : $0 }, budget: expansionBudget)
        let levels = columnLevels.levels.indices.map { chosen[$0] ? columnLevels.levels[$0] : nil }
        // Indicator columns first, then one x per two-valued column.
        var offsets = [Int](repeating: -1, count: p)
        var width = 0, expanded = 0, twoValued = 0
        var directIndices = [Int]()
        for k in 0..<p {
            if let values = levels[k], values.count != 2 {
                offsets[k] = width
                width += values.count
                expanded += 1
            } else if levels[k] == nil {
                directIndices.append(k)
            }
        }
        for k in 0..<p where levels[k]?.count == 2 {
            offsets[k] = width
            width += 1
            expanded += 1
            twoValued += 1
        }
        indicatorWidth = width
        expandedColumns = expanded
        twoValuedColumns = twoValued
        directColumns = directIndices.count
        indicators = KernelBuffer(count: n * width)
        unscaledIndicators = KernelBuffer(count: twoValued > 0 ? n * width : 0)
        twoValuedCounts = KernelBuffer(count: twoValued > 0 ? n : 0)
        let h = indicators.pointer, u = unscaledIndicators.pointer, ones = twoValuedCounts.pointer
        data.storage.withUnsafeBufferPointer { src in
            for k in 0..<p {
                guard let values = levels[k] else { continue }
                for i in 0..<n {
                    let position = ColumnLevels.position(of: src[i * p + k], in: values)
                    if values.count == 2 {
                        guard position == 1 else { continue }
                        h[i * width + offsets[k]] = 2
                        u[i * width + offsets[k]] = 1
                        ones[i] += 1
                    } else {
                        h[i * width + offsets[k] + position] = 1
                        if twoValued > 0 { u[i * width + offsets[k] + position] = 1 }
                    }
                }
            }
        }
        direct = directIndices.isEmpty ? nil : data.storage.withUnsafeBufferPointer { src in
            RowPanels(rows: n, columns: directIndices.count, variant: vectorVariant) { i, c in src[i * p + directIndices[c]] }
        }
    }

    func fill(rows: Range<Int>, tile: UnsafeMutablePointer<S>, ld: Int) throws {
        let r0 = rows.lowerBound, n = count
        if twoValuedColumns == 0 {
            try GramTile.symmetric(indicators.pointer, width: indicatorWidth, count: n, rows: rows, tile: tile, ld: ld)
        } else {
            try GramTile.upperCross(indicators.pointer + r0 * indicatorWidth, unscaledIndicators.pointer,
                                    width: indicatorWidth, count: n, rows: rows, tile: tile, ld: ld)
        }
        // Agreements among the expanded columns -> disagreements -> fraction,
        // all exact integers until the division. Division, not
        // multiplication by 1/p, to round as SciPy's mean does. A two-valued
        // column disagrees when x_i + x_j - 2 x_i x_j = 1.
        let total = S(columns)
        let ones = twoValuedCounts.pointer
        let hasTwoValued = twoValuedColumns > 0
        let indicatorColumns = S(expandedColumns - twoValuedColumns)
        // Without directly compared columns the division joins the same pass.
        let divisor = directColumns > 0 ? 1 : total
        for i in rows {
            let row = tile + (i - r0) * ld - r0
            let base = hasTwoValued ? indicatorColumns + ones[i] : indicatorColumns
            if hasTwoValued {
                for j in (i + 1)..<max(i + 1, n) { row[j] = (base + ones[j] - row[j]) / divisor }
            } else {
                for j in (i + 1)..<max(i + 1, n) { row[j] = (base - row[j]) / divisor }
            }
        }
        guard let direct else { return }
        CacheBlockedPairs.forEach(rows: rows, count: n) { i, columns in
            direct.add(.mismatch, to: tile + (i - r0) * ld - r0, row: i, others: columns)
        }
        for i in rows {
            let row = tile + (i - r0) * ld - r0
            for j in (i + 1)..<max(i + 1, n) { row[j] = row[j] / total }
        }
    }
}
