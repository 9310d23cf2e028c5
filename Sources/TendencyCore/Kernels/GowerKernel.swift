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
    /// Without missing values, the scaled values again in panels of
    /// `panelRows` rows: (i, c) at `(i / r) * r * directColumns + c * r + i % r`
    /// for r = `panelRows`, so the sums kept in registers read one contiguous
    /// block (one page) instead of one cache line in each of the column-major
    /// columns.
    let panels: KernelBuffer<S>
    /// Rows per panel: the sums `completeLanes` keeps in registers, two
    /// `SIMD4`s.
    static var panelRows: Int { 8 }
    let directColumns: Int
    /// True when no value is missing: every denominator is `totalWeight`.
    let complete: Bool
    /// The sum of the column weights (`columns` when unweighted).
    let totalWeight: Double

    /// `data` may hold NaN (missing) but no infinities (checked by the caller).
    init(_ data: Matrix<S>, policy: NoSharedColumnsPolicy, columnWeights: [Double]? = nil,
         expansionBudget: Int = ColumnLevels<S>.expansionBudget) {
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
        mask = KernelBuffer(count: n * p)
        steps = KernelBuffer(count: n * 2 * L)
        weights = KernelBuffer(count: L)
        scaled = KernelBuffer(count: n * directIndices.count)
        scaledMask = KernelBuffer(count: n * directIndices.count)
        let D = directIndices.count, panelRows = Self.panelRows
        let hasMissing = data.storage.contains { $0.isNaN }
        panels = KernelBuffer(count: hasMissing ? 0 : (n + panelRows - 1) / panelRows * panelRows * D)
        for l in 0..<L { weights.pointer[l] = S(stepWeights[l]) }
        complete = !hasMissing
        let m = mask.pointer, fb = steps.pointer, u = scaled.pointer, um = scaledMask.pointer
        data.storage.withUnsafeBufferPointer { src in
            for i in 0..<n {
                for k in 0..<p where !src[i * p + k].isNaN { m[i * p + k] = S(columnWeight[k].squareRoot()) }
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
                if !(range > 0) { continue }   // one value (or none): no differences
                for i in 0..<n {
                    let v = src[i * p + k]
                    if v.isNaN { continue }
                    u[c * n + i] = S(columnWeight[k] * (Double(v) - low) / range)
                    um[c * n + i] = 1
                }
            }
        }
        if complete {
            for c in 0..<D {
                for i in 0..<n { panels.pointer[i / panelRows * panelRows * D + c * panelRows + i % panelRows] = u[c * n + i] }
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
                addDirectDifferences(to: tile + (i - r0) * ld - r0, row: i, columns: columns)
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
    /// c, in column order, to `sums[j]` for every j in `columns`.
    ///
    /// Without missing values eight j at a time (one panel, see `panels`) are
    /// kept in SIMD registers across all columns (`completeLanes`): each
    /// column then costs one load per entry instead of three loads and a
    /// store. With missing values the per-column mask test and broadcasts
    /// cost more than that saves (measured 10% slower), so those sums stay a
    /// streaming loop per column, as do the entries before the first whole
    /// panel and after the last. The additions per entry are the same, in
    /// the same order, either way.
    private func addDirectDifferences(to sums: UnsafeMutablePointer<S>, row i: Int, columns: Range<Int>) {
        guard complete else { return addStreaming(to: sums, row: i, columns) }
        let panelRows = Self.panelRows
        let first = min(columns.upperBound, (columns.lowerBound + panelRows - 1) / panelRows * panelRows)
        addStreaming(to: sums, row: i, columns.lowerBound..<first)
        var j = first
        if S.self == Double.self {
            j = Self.completeLanes(sums, i, first..<columns.upperBound, panels.pointer, directColumns, Double.self)
        } else if S.self == Float.self {
            j = Self.completeLanes(sums, i, first..<columns.upperBound, panels.pointer, directColumns, Float.self)
        }
        addStreaming(to: sums, row: i, j..<columns.upperBound)
    }

    /// The streaming loop of `addDirectDifferences`, one column at a time.
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

    /// The SIMD part of `addDirectDifferences` for data without missing
    /// values (every mask entry 1, and 1 * x == x), one panel of eight
    /// entries at a time from a panel boundary: as many as SSE2's registers
    /// hold with their temporaries. Returns where the scalar tail starts.
    @inline(__always)
    private static func completeLanes<T: BLASScalar & LaneMagnitude>(
        _ sums: UnsafeMutablePointer<S>, _ i: Int, _ columns: Range<Int>,
        _ panels: UnsafeMutablePointer<S>, _ directColumns: Int, _: T.Type
    ) -> Int {
        typealias V = SIMD4<T>
        let target = UnsafeMutableRawPointer(sums).assumingMemoryBound(to: T.self)
        let u = UnsafeRawPointer(panels).assumingMemoryBound(to: T.self)
        @inline(__always) func load(_ p: UnsafePointer<T>) -> V { UnsafeRawPointer(p).loadUnaligned(as: V.self) }
        let rows = panelRows, panelSize = rows &* directColumns
        let own = u + (i / rows) &* panelSize + i % rows
        var j = columns.lowerBound
        while j &+ rows <= columns.upperBound {
            let sum = target + j
            var low = load(sum), high = load(sum + 4)
            let panel = u + (j / rows) &* panelSize
            for c in 0..<directColumns {
                let ui = own[c &* rows]
                low += T.magnitudes(load(panel + c &* rows) - ui)
                high += T.magnitudes(load(panel + c &* rows + 4) - ui)
            }
            UnsafeMutableRawPointer(sum).storeBytes(of: low, as: V.self)
            UnsafeMutableRawPointer(sum + 4).storeBytes(of: high, as: V.self)
            j &+= rows
        }
        return j
    }
}
