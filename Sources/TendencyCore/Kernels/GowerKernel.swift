/// Gower's general coefficient of dissimilarity (Gower 1971, "A general
/// coefficient of similarity and some of its properties", Biometrics 27:857-871)
/// for numeric columns with missing values (NaN):
///
///     d_ij = sum_k delta_ijk |x_ik - x_jk| / R_k  /  sum_k delta_ijk
///
/// where delta_ijk = 1 when both x_ik and x_jk are present, else 0, and R_k is
/// the range of column k over its present values. A column with R_k = 0 (one
/// distinct value) contributes no difference but still counts in the
/// denominator. Distances lie in [0, 1]. A pair sharing no present column has
/// no defined distance: by default that throws `KernelError.noSharedColumns`
/// (see `NoSharedColumnsPolicy` for the alternative).
///
/// Both sums are level-3 products. With the presence mask M (n x p) the
/// denominator is M M^T. For the numerator, a column with sorted distinct
/// values v_1 < ... < v_m (m <= `thermometerLimit`) is expanded exactly into
/// m - 1 thermometer bits t_l(x) = [x >= v_(l+1)] with weights
/// w_l = (v_(l+1) - v_l) / R_k, so |a - b| / R_k = sum_l w_l |t_l(a) - t_l(b)|.
/// With T (bits where present, else 0) and F = M - T (present and below the
/// step), |t_l(a) - t_l(b)| over present pairs is t_a f_b + f_a t_b, so the
/// numerator is [T W | F W] [F | T]^T: one `?gemm` with only non-negative
/// terms, hence no cancellation. Columns with more distinct values (or
/// beyond `ColumnLevels.expansionBudget`) are compared directly in a loop
/// blocked for cache. Ordinal and Likert-style columns (few levels) always
/// take the product path. Without missing values the denominator is p and
/// its product is skipped.
///
/// Optional column weights w_k (Gower 1971, eq. 2) multiply each column's
/// term in both sums: the thermometer weights, the directly compared values
/// and the mask (as sqrt(w_k), so M M^T becomes sum_k w_k delta_ijk).
struct GowerKernel<S: BLASScalar>: PairKernel {
    /// Columns with at most this many distinct values are expanded into
    /// thermometer bits.
    static var thermometerLimit: Int { 64 }

    let count: Int
    let columns: Int
    let policy: NoSharedColumnsPolicy
    /// Presence mask, row-major n x columns.
    let mask: KernelBuffer<S>
    /// [F | T], row-major n x (2 * levels).
    let steps: KernelBuffer<S>
    /// The number of thermometer bits over all expanded columns.
    let levels: Int
    /// w_l for each thermometer bit.
    let weights: KernelBuffer<S>
    /// Directly compared columns, column-major: values scaled to (x - min) / R
    /// (0 where missing) and their presence masks.
    let scaled: KernelBuffer<S>
    let scaledMask: KernelBuffer<S>
    /// Without missing values, the scaled values again as `RowPanels`, whose
    /// sums run in vector registers; with missing values, nil.
    let panels: RowPanels<S>?
    let directColumns: Int
    /// True when no value is missing: every denominator is `totalWeight`.
    let complete: Bool
    /// The sum of the column weights (`columns` when unweighted).
    let totalWeight: Double

    /// `data` may hold NaN (missing) but no infinities (checked by the caller).
    init(_ data: Matrix<S>, policy: NoSharedColumnsPolicy, columnWeights: [Double]? = nil,
         expansionBudget: Int = ColumnLevels<S>.expansionBudget, vectorVariant: VectorVariant = .best) {
        let n = data.rows, p = data.columns
        let columnWeight = columnWeights ?? [Double](repeating: 1, count: p)
        totalWeight = columnWeight.reduce(0, +)
        count = n
        columns = p
        self.policy = policy
        let allLevels = ColumnLevels(data, limit: Self.thermometerLimit)
        let chosen = allLevels.expanded(rows: n, width: { 2 * max($0 - 1, 0) }, budget: expansionBudget)
        let columnLevels = allLevels.levels.indices.map { chosen[$0] ? allLevels.levels[$0] : nil }
        var offsets = [Int](repeating: 0, count: p)
        var stepWeights = [Double]()
        var directIndices = [Int]()
        for k in 0..<p {
            offsets[k] = stepWeights.count
            guard let values = columnLevels[k] else { directIndices.append(k); continue }
            guard values.count >= 2, let first = values.first, let last = values.last else { continue }
            let range = Double(last) - Double(first)
            for l in 0..<(values.count - 1) {
                stepWeights.append(columnWeight[k] * (Double(values[l + 1]) - Double(values[l])) / range)
            }
        }
        let L = stepWeights.count
        levels = L
        directColumns = directIndices.count
        let hasMissing = data.storage.contains { $0.isNaN }
        complete = !hasMissing
        // Without missing values the mask and the column-major copies go
        // unused: every denominator is the total weight, and the direct
        // columns are read from their panels.
        let presenceMask = KernelBuffer<S>(count: hasMissing ? n * p : 0)
        let stepBits = KernelBuffer<S>(count: n * 2 * L)
        mask = presenceMask
        steps = stepBits
        weights = KernelBuffer(count: L)
        scaled = KernelBuffer(count: hasMissing ? n * directIndices.count : 0)
        scaledMask = KernelBuffer(count: hasMissing ? n * directIndices.count : 0)
        for l in 0..<L { weights.pointer[l] = S(stepWeights[l]) }
        let fb = stepBits.pointer
        // Each direct column scaled to (x - min) / R over its present values;
        // a column with one value (or none) has no differences: scale 0.
        var lows = [Double](repeating: 0, count: directIndices.count)
        var scales = [Double](repeating: 0, count: directIndices.count)
        data.storage.withUnsafeBufferPointer { src in
            if hasMissing {
                let m = presenceMask.pointer
                for k in 0..<p {
                    let presence = S(columnWeight[k].squareRoot())
                    for i in 0..<n where !src[i * p + k].isNaN { m[i * p + k] = presence }
                }
            }
            for k in 0..<p {
                guard let values = columnLevels[k], values.count >= 2 else { continue }
                for i in 0..<n {
                    let v = src[i * p + k]
                    if v.isNaN { continue }
                    // v == values[position]: bits l < position are set (v >= v_(l+1)).
                    let position = ColumnLevels.position(of: v, in: values)
                    let row = fb + i * 2 * L
                    for l in 0..<(values.count - 1) {
                        if l < position { row[L + offsets[k] + l] = 1 } else { row[offsets[k] + l] = 1 }
                    }
                }
            }
            for (c, k) in directIndices.enumerated() {
                var low = Double.infinity, high = -Double.infinity
                for i in 0..<n {
                    let v = src[i * p + k]
                    if !v.isNaN { low = min(low, Double(v)); high = max(high, Double(v)) }
                }
                let range = high - low
                if range > 0 { (lows[c], scales[c]) = (low, range) }
            }
        }
        func scaledValue(_ v: S, column c: Int) -> S {
            scales[c] > 0 ? S(columnWeight[directIndices[c]] * (Double(v) - lows[c]) / scales[c]) : 0
        }
        if hasMissing {
            let u = scaled.pointer, um = scaledMask.pointer
            for (c, k) in directIndices.enumerated() where scales[c] > 0 {
                for i in 0..<n where !data[i, k].isNaN {
                    u[c * n + i] = scaledValue(data[i, k], column: c)
                    um[c * n + i] = 1
                }
            }
            panels = nil
        } else {
            panels = directIndices.isEmpty ? nil : RowPanels(rows: n, columns: directIndices.count, variant: vectorVariant) { i, c in
                scaledValue(data[i, directIndices[c]], column: c)
            }
        }
    }

    func fill(rows: Range<Int>, tile: UnsafeMutablePointer<S>, ld: Int) throws {
        let r0 = rows.lowerBound, b = rows.count, n = count, L = levels
        // Numerator, product part: [T W | F W]_I [F | T]_J^T.
        if L > 0 {
            let a = UnsafeMutablePointer<S>.allocate(capacity: b * 2 * L)
            defer { a.deallocate() }
            let fb = steps.pointer, w = weights.pointer
            for i in rows {
                let source = fb + i * 2 * L, target = a + (i - r0) * 2 * L
                for l in 0..<L {
                    target[l] = source[L + l] * w[l]
                    target[L + l] = source[l] * w[l]
                }
            }
            try GramTile.upperCross(a, fb, width: 2 * L, count: n, rows: rows, tile: tile, ld: ld)
        } else {
            for r in 0..<b { (tile + r * ld).update(repeating: 0, count: n - r0) }
        }
        // Numerator, direct part.
        if directColumns > 0 {
            CacheBlockedPairs.forEach(rows: rows, count: n) { i, columns in
                let sums = tile + (i - r0) * ld - r0
                if let panels {
                    panels.add(.absoluteDifference, to: sums, row: i, others: columns)
                } else {
                    addStreaming(to: sums, row: i, columns)
                }
            }
        }
        // Denominator M_I M_J^T, then the ratio.
        if complete {
            let total = S(totalWeight)
            for i in rows {
                let row = tile + (i - r0) * ld - r0
                for j in (i + 1)..<max(i + 1, n) { row[j] = min(max(row[j] / total, 0), 1) }
            }
            return
        }
        let width = n - r0
        let shared = UnsafeMutablePointer<S>.allocate(capacity: b * width)
        defer { shared.deallocate() }
        try GramTile.symmetric(mask.pointer, width: columns, count: n, rows: rows, tile: shared, ld: width)
        for i in rows {
            let row = tile + (i - r0) * ld - r0
            let denominators = shared + (i - r0) * width - r0
            for j in (i + 1)..<max(i + 1, n) {
                let denominator = denominators[j]
                if denominator == 0 {
                    switch policy {
                    case .fail: throw KernelError.noSharedColumns(row: i, otherRow: j)
                    case .maximalDistance: row[j] = 1
                    }
                } else {
                    row[j] = min(max(row[j] / denominator, 0), 1)
                }
            }
        }
    }

    /// Adds present_c(j) |u_c(j) - u_c(i)| over the directly compared columns
    /// c, in column order, to `sums[j]` for every j in `columns`, one column
    /// at a time: the sums of data with missing values, where a mask test
    /// per column and entry would cost the panels more than they save.
    private func addStreaming(to sums: UnsafeMutablePointer<S>, row i: Int, _ columns: Range<Int>) {
        guard !columns.isEmpty else { return }
        let u = scaled.pointer, um = scaledMask.pointer, n = count
        for c in 0..<directColumns {
            let values = u + c * n, present = um + c * n
            let ui = values[i], mi = present[i]
            if mi == 0 { continue }
            for k in columns { sums[k] += present[k] * abs(values[k] - ui) }
        }
    }
}
