/// The Kruskal–Wallis H test (Kruskal & Wallis 1952) that k samples come from
/// the same distribution, with the tie correction, p from chi-square with
/// k - 1 degrees of freedom (as SciPy's `kruskal`).
///
/// H = [12 / (N(N+1)) Σ R_i² / n_i - 3(N+1)] / [1 - Σ(t³-t) / (N³-N)].
public struct KruskalWallisTest: Sendable, Equatable {
    public let h: Double
    public let degreesOfFreedom: Int
    public let pValue: Double

    /// Throws with fewer than two groups, an empty group, a NaN, or when every
    /// value is the same (H is then undefined).
    public init(groups: [[Double]]) throws {
        guard groups.count >= 2 else { throw StatisticsError("the Kruskal–Wallis test needs at least two groups") }
        if let empty = groups.firstIndex(where: \.isEmpty) {
            throw StatisticsError("group \(empty + 1) of the Kruskal–Wallis test is empty")
        }
        let all = groups.flatMap { $0 }
        guard !all.contains(where: \.isNaN) else { throw StatisticsError("the Kruskal–Wallis test got a NaN value") }
        let n = Double(all.count)
        let ranking = Midranks(all)
        let correction = 1 - ranking.tieTerm / (n * n * n - n)
        guard correction > 0 else { throw StatisticsError("all values are identical; the Kruskal–Wallis H is undefined") }
        var sum = 0.0
        var offset = 0
        for group in groups {
            let rankSum = ranking.ranks[offset..<(offset + group.count)].reduce(0, +)
            sum += rankSum * rankSum / Double(group.count)
            offset += group.count
        }
        h = (12 / (n * (n + 1)) * sum - 3 * (n + 1)) / correction
        degreesOfFreedom = groups.count - 1
        pValue = ChiSquareDistribution.survival(h, degreesOfFreedom: Double(degreesOfFreedom))
    }
}
