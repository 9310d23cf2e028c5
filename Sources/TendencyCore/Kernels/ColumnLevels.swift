/// The sorted distinct present (non-NaN) values of each column: what the
/// one-hot (Hamming) and thermometer (Gower) expansions are built from.
struct ColumnLevels<S: BLASScalar> {
    /// Per column, the distinct values in increasing order, or nil when the
    /// column has more than `limit` of them. -0.0 and 0.0 are one value.
    let levels: [[S]?]

    /// One pass per column into a small sorted set, left as soon as the
    /// column shows more than `limit` values: O(n log limit) per column
    /// instead of sorting all n values (the sort was most of the Hamming
    /// kernel's time at n = 1,000), and continuous columns stop early.
    init(_ data: Matrix<S>, limit: Int) {
        let n = data.rows, p = data.columns
        var levels = [[S]?]()
        levels.reserveCapacity(p)
        var distinct = [S]()
        distinct.reserveCapacity(limit + 1)
        data.storage.withUnsafeBufferPointer { x in
            for k in 0..<p {
                distinct.removeAll(keepingCapacity: true)
                for i in 0..<n {
                    let v = x[i &* p &+ k]
                    if v.isNaN { continue }
                    let at = Self.position(of: v, in: distinct)
                    if at < distinct.count && distinct[at] == v { continue }
                    if distinct.count == limit {
                        distinct.append(v)
                        break
                    }
                    distinct.insert(v == 0 ? 0 : v, at: at)
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

    /// The first position of a sorted level list whose value is not below
    /// `value`: its position when it is there.
    @inline(__always)
    static func position(of value: S, in sorted: [S]) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo &+ hi) >> 1
            if sorted[mid] < value { lo = mid &+ 1 } else { hi = mid }
        }
        return lo
    }
}
