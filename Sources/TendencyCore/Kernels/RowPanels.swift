import CVectorLoops

/// Columns compared directly, value by value, in each pair of rows (the
/// columns of Gower and Hamming too many-valued for a product), stored so
/// that a row's sums against many others run in vector registers.
///
/// Rows are grouped in panels of `height` (four vector registers' worth);
/// in a panel each column's `height` values are contiguous. Summing one row
/// against a whole panel then reads one contiguous block and keeps the
/// panel's sums in registers across all columns. Partial panels (the first
/// and last of a range) are summed whole into a scratch copy, of which only
/// the range is kept: each sum still gets every column's term, in column
/// order, as in a plain loop.
struct RowPanels<S: BLASScalar>: Sendable {
    /// The term column c adds to the sum of rows i and j.
    enum Term {
        /// |x_jc - x_ic| (Gower).
        case absoluteDifference
        /// 1 where x_jc != x_ic, else 0 (Hamming).
        case mismatch
    }

    let rows: Int
    let columns: Int
    let height: Int
    let variant: VectorVariant
    /// Whole panels (the last padded with zeros).
    private let storage: KernelBuffer<S>

    /// Stores `value(i, c)` for i < `rows`, c < `columns`.
    init(rows: Int, columns: Int, variant: VectorVariant = .best, value: (_ row: Int, _ column: Int) -> S) {
        self.rows = rows
        self.columns = columns
        self.variant = variant
        let height = tendency_panel_height(variant.code, MemoryLayout<S>.size)
        self.height = height
        let panels = (rows + height - 1) / height
        storage = KernelBuffer(count: panels * height * columns)
        for i in 0..<rows {
            let base = storage.pointer + (i / height) * height * columns + i % height
            for c in 0..<columns { base[c * height] = value(i, c) }
        }
    }

    /// Adds `term` over all columns, in column order, to `sums[j]` for every
    /// j in `others`.
    func add(_ term: Term, to sums: UnsafeMutablePointer<S>, row i: Int, others: Range<Int>) {
        guard !others.isEmpty else { return }
        let h = height, low = others.lowerBound, high = others.upperBound
        let wholeFrom = (low + h - 1) / h, wholeTo = high / h
        if wholeFrom < wholeTo {
            sumPanels(term, into: sums + wholeFrom * h, row: i, from: wholeFrom, count: wholeTo - wholeFrom)
        }
        let headPanel = low / h, tailPanel = high / h
        if low % h != 0 {
            addPartial(term, to: sums, row: i, panel: headPanel, lanes: low..<min(high, (headPanel + 1) * h))
        }
        if high % h != 0 && !(low % h != 0 && headPanel == tailPanel) {
            addPartial(term, to: sums, row: i, panel: tailPanel, lanes: max(low, tailPanel * h)..<high)
        }
    }

    /// One panel summed whole into a scratch copy of its sums; only `lanes`
    /// are written back.
    private func addPartial(_ term: Term, to sums: UnsafeMutablePointer<S>, row i: Int, panel q: Int, lanes: Range<Int>) {
        withUnsafeTemporaryAllocation(of: S.self, capacity: height) { scratch in
            let copy = scratch.baseAddress!, base = q * height
            copy.initialize(repeating: 0, count: height)
            for j in lanes { copy[j - base] = sums[j] }
            sumPanels(term, into: copy, row: i, from: q, count: 1)
            for j in lanes { sums[j] = copy[j - base] }
        }
    }

    private func sumPanels(_ term: Term, into sums: UnsafeMutablePointer<S>, row i: Int, from q: Int, count: Int) {
        let h = height, p = columns
        let own = UnsafeRawPointer(storage.pointer + (i / h) * h * p + i % h)
        let panels = UnsafeRawPointer(storage.pointer + q * h * p)
        let target = UnsafeMutableRawPointer(sums)
        let v = variant.code
        if S.self == Double.self {
            let (s, o, x) = (target.assumingMemoryBound(to: Double.self), own.assumingMemoryBound(to: Double.self),
                             panels.assumingMemoryBound(to: Double.self))
            switch term {
            case .absoluteDifference: tendency_panel_abs_differences_f64(v, s, o, x, count, p)
            case .mismatch: tendency_panel_mismatches_f64(v, s, o, x, count, p)
            }
        } else {
            precondition(S.self == Float.self, "RowPanels sums Double and Float only")
            let (s, o, x) = (target.assumingMemoryBound(to: Float.self), own.assumingMemoryBound(to: Float.self),
                             panels.assumingMemoryBound(to: Float.self))
            switch term {
            case .absoluteDifference: tendency_panel_abs_differences_f32(v, s, o, x, count, p)
            case .mismatch: tendency_panel_mismatches_f32(v, s, o, x, count, p)
            }
        }
    }
}
