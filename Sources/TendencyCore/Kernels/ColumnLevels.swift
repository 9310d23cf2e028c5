/// The sorted distinct present (non-NaN) values of each column: what the
/// one-hot (Hamming) and thermometer (Gower) expansions are built from.
struct ColumnLevels<S: BLASScalar> {
    /// Per column, the distinct values in increasing order, or nil when the
    /// column has more than `limit` of them. -0.0 and 0.0 are one value.
    let levels: [[S]?]

    init(_ data: Matrix<S>, limit: Int) {
        let n = data.rows, p = data.columns
        var levels = [[S]?]()
        levels.reserveCapacity(p)
        var values = [S]()
        values.reserveCapacity(n)
        data.storage.withUnsafeBufferPointer { x in
            for k in 0..<p {
                values.removeAll(keepingCapacity: true)
                for i in 0..<n {
                    let v = x[i * p + k]
                    if !v.isNaN { values.append(v) }
                }
                values.sort()
                var distinct = [S]()
                for v in values where distinct.last != v {
                    distinct.append(v == 0 ? 0 : v)
                    if distinct.count > limit { break }
                }
                levels.append(distinct.count > limit ? nil : distinct)
            }
        }
        self.levels = levels
    }

    /// The most scalars (rows x expanded columns) an expansion may take:
    /// 2 GiB of `Double`. Beyond it the columns with the most levels are
    /// compared directly instead, so a wide input slows down rather than
    /// exhausting memory.
    static var expansionBudget: Int { 1 << 28 }

    /// Which columns to expand, given the expanded width of a column with m
    /// levels: every column with few enough levels, fewest levels first,
    /// while `rows` x total width stays within `budget`.
    func expanded(rows: Int, width: (Int) -> Int, budget: Int = expansionBudget) -> [Bool] {
        var chosen = [Bool](repeating: false, count: levels.count)
        let candidates = levels.indices.compactMap { k in levels[k].map { (k, width($0.count)) } }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
        var total = 0
        for (k, w) in candidates {
            if w > 0 && (total + w) * max(rows, 1) > budget { break }
            total += w
            chosen[k] = true
        }
        return chosen
    }

    /// The position of `value` in a sorted level list (it must be there).
    @inline(__always)
    static func position(of value: S, in sorted: [S]) -> Int {
        var lo = 0, hi = sorted.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
