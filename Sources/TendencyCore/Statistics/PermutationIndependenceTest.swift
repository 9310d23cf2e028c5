/// Independence of units' categories and their groups, tested by permuting
/// the groups among the units: valid when a unit may carry several
/// categories at once, where Pearson's chi-square distribution does not hold
/// because one unit's mentions are not independent counts (Bilder and
/// Loughin 2004, "Testing for marginal independence between two categorical
/// variables with multiple responses", Biometrics 60:241-248, who test
/// multiple-response tables by resampling units), and on small tables, where
/// expected counts below 5 make the chi-square approximation poor.
///
/// The statistic is Pearson's X² of the table of mentions (a unit counts once
/// in each of its categories). Each permutation shuffles the group labels
/// among the units (Fisher-Yates), keeping every unit's set of categories,
/// and recomputes X² on the new table. The p-value is
/// (1 + #{X²ₚₑᵣₘ >= X²}) / (1 + permutations), which is never 0 and is exact
/// in the sense of Phipson and Smyth 2010 ("Permutation p-values should never
/// be zero", Stat. Appl. Genet. Mol. Biol. 9:39). Ties are counted with a
/// relative tolerance of 64 ulp, as R's `chisq.test(simulate.p.value = TRUE)`
/// does, so that tables with the same X² in exact arithmetic count as ties.
public struct PermutationIndependenceTest: Sendable, Equatable {
    /// Pearson's X² of the observed table of mentions.
    public let statistic: Double
    /// The Monte Carlo permutation p-value, in (0, 1].
    public let pValue: Double
    public let permutations: Int

    /// - Parameters:
    ///   - categoriesPerUnit: each unit's categories, as row indices in
    ///     0..<categories; a unit with none takes no part (it adds nothing
    ///     to any table, and is not given a group in the permutations).
    ///   - groupPerUnit: each unit's group, a column index in 0..<groups.
    ///   - generator: where the permutations are drawn from, so that the
    ///     same seed gives the same p-value on every machine.
    /// Throws for mismatched lengths or an index out of range, fewer than
    /// one permutation, or when fewer than two categories or two groups
    /// hold anyone (there is nothing to test).
    public init(categoriesPerUnit: [[Int]], groupPerUnit: [Int], categories: Int, groups: Int,
                permutations: Int = 9_999, generator: SeededGenerator) throws {
        guard categoriesPerUnit.count == groupPerUnit.count else {
            throw StatisticsError("\(categoriesPerUnit.count) units have categories but \(groupPerUnit.count) have groups")
        }
        guard permutations >= 1 else { throw StatisticsError("the permutation test needs at least one permutation") }
        guard groupPerUnit.allSatisfy({ (0..<groups).contains($0) }),
              categoriesPerUnit.allSatisfy({ $0.allSatisfy { (0..<categories).contains($0) } }) else {
            throw StatisticsError("a category or group index is out of range")
        }
        // Only units with a category take part; each category once per
        // unit. Categories are stored flat, unit after unit (`start[u]` is
        // where unit u's begin), so the permutations touch no nested arrays.
        var flat: [Int] = []
        var start: [Int] = [0]
        var unitGroups: [Int] = []
        for (unit, rows) in categoriesPerUnit.enumerated() where !rows.isEmpty {
            flat += Set(rows).sorted()
            start.append(flat.count)
            unitGroups.append(groupPerUnit[unit])
        }
        var table = MentionTable(categories: categories, groups: groups, flat: flat, start: start)
        table.fill(unitGroups)
        guard table.usedRows >= 2, table.usedColumns >= 2 else {
            throw StatisticsError("fewer than two categories or two groups hold anyone: there is nothing to test")
        }
        let observed = table.pearsonStatistic()
        let threshold = observed * (1 - 64 * Double.ulpOfOne)

        var generator = generator
        var shuffled = unitGroups
        var atLeastAsLarge = 0
        for _ in 0..<permutations {
            // Fisher-Yates, from the last position down.
            for i in stride(from: shuffled.count - 1, to: 0, by: -1) {
                shuffled.swapAt(i, generator.nextIndex(below: i + 1))
            }
            table.fill(shuffled)
            if table.pearsonStatistic() >= threshold { atLeastAsLarge += 1 }
        }
        self.statistic = observed
        self.permutations = permutations
        self.pValue = Double(1 + atLeastAsLarge) / Double(1 + permutations)
    }
}

/// A categories x groups table of mentions, refilled for each permutation
/// without allocating. The row totals (how often each category is named)
/// are the same under every permutation and are counted once.
private struct MentionTable {
    let categories: Int
    let groups: Int
    /// Unit u's categories are `flat[start[u]..<start[u + 1]]`.
    private let flat: [Int]
    private let start: [Int]
    private let rowTotals: [Int]
    private var counts: [Int]
    private var columnTotals: [Int]

    init(categories: Int, groups: Int, flat: [Int], start: [Int]) {
        self.categories = categories
        self.groups = groups
        self.flat = flat
        self.start = start
        var rowTotals = [Int](repeating: 0, count: categories)
        for row in flat { rowTotals[row] += 1 }
        self.rowTotals = rowTotals
        counts = [Int](repeating: 0, count: categories * groups)
        columnTotals = [Int](repeating: 0, count: groups)
    }

    var usedRows: Int { rowTotals.count { $0 > 0 } }
    var usedColumns: Int { columnTotals.count { $0 > 0 } }

    /// Counts each unit's categories in the column `unitGroups[u]`. The
    /// inner loop runs once per mention per permutation, so it reads raw
    /// buffers.
    mutating func fill(_ unitGroups: [Int]) {
        let groups = self.groups
        flat.withUnsafeBufferPointer { flat in
            start.withUnsafeBufferPointer { start in
                unitGroups.withUnsafeBufferPointer { unitGroups in
                    counts.withUnsafeMutableBufferPointer { counts in
                        columnTotals.withUnsafeMutableBufferPointer { columnTotals in
                            counts.update(repeating: 0)
                            columnTotals.update(repeating: 0)
                            for unit in 0..<unitGroups.count {
                                let group = unitGroups[unit]
                                let first = start[unit], end = start[unit + 1]
                                columnTotals[group] += end - first
                                for mention in first..<end { counts[flat[mention] * groups + group] += 1 }
                            }
                        }
                    }
                }
            }
        }
    }

    /// X² = Σ (O - E)² / E over the cells whose expected count E is
    /// positive: an empty row or column adds nothing.
    func pearsonStatistic() -> Double {
        let total = Double(flat.count)
        var statistic = 0.0
        for row in 0..<categories where rowTotals[row] > 0 {
            for group in 0..<groups where columnTotals[group] > 0 {
                let expected = Double(rowTotals[row]) * Double(columnTotals[group]) / total
                let difference = Double(counts[row * groups + group]) - expected
                statistic += difference * difference / expected
            }
        }
        return statistic
    }
}
