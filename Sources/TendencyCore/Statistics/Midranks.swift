/// Ranks 1...n with tied values sharing the mean of their ranks, and the
/// sizes of the tie groups, as the rank tests' tie corrections need them.
struct Midranks {
    let ranks: [Double]
    /// The size of every group of equal values (1 for untied values).
    let tieSizes: [Int]

    /// Ranks of `values`, which must hold no NaN.
    init(_ values: [Double]) {
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var ranks = [Double](repeating: 0, count: values.count)
        var ties = [Int]()
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, values[order[end]] == values[order[start]] { end += 1 }
            // Positions start..<end hold ranks start+1 ... end; their mean:
            let rank = Double(start + 1 + end) / 2
            for p in start..<end { ranks[order[p]] = rank }
            ties.append(end - start)
            start = end
        }
        self.ranks = ranks
        self.tieSizes = ties
    }

    /// Σ (t³ - t) over the tie groups.
    var tieTerm: Double {
        tieSizes.reduce(0) { $0 + Double($1) * Double($1) * Double($1) - Double($1) }
    }
}
