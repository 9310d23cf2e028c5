/// Pearson's chi-square test of independence of the rows and columns of an
/// r x c table of counts, without continuity correction (as SciPy's
/// `chi2_contingency(correction=False)`), with Cramér's V as effect size.
///
/// X² = Σ (O - E)² / E with E = row total * column total / N, referred to a
/// chi-square distribution with (r-1)(c-1) degrees of freedom.
/// Cramér's V = sqrt(X² / (N (min(r, c) - 1))), without bias correction
/// (Cramér 1946, §21.9).
public struct ChiSquareIndependenceTest: Sendable, Equatable {
    public let statistic: Double
    public let degreesOfFreedom: Int
    /// P(χ²_dof > statistic); 1 when the table has a single row or column.
    public let pValue: Double
    /// nil when the table has a single row or column.
    public let cramersV: Double?
    /// The counts expected under independence, same shape as the table.
    public let expected: [[Double]]

    /// Throws for an empty or ragged table, negative counts, or a row or
    /// column that sums to zero (its expected counts would be zero).
    public init(table: [[Int]]) throws {
        let rows = table.count
        let columns = table.first?.count ?? 0
        guard rows > 0, columns > 0 else { throw StatisticsError("the contingency table is empty") }
        guard table.allSatisfy({ $0.count == columns }) else {
            throw StatisticsError("the contingency table's rows differ in length")
        }
        guard table.allSatisfy({ $0.allSatisfy { $0 >= 0 } }) else {
            throw StatisticsError("the contingency table holds a negative count")
        }
        let rowTotals = table.map { Double($0.reduce(0, +)) }
        var columnTotals = [Double](repeating: 0, count: columns)
        for row in table { for j in 0..<columns { columnTotals[j] += Double(row[j]) } }
        if let i = rowTotals.firstIndex(of: 0) { throw StatisticsError("row \(i + 1) of the contingency table sums to zero") }
        if let j = columnTotals.firstIndex(of: 0) { throw StatisticsError("column \(j + 1) of the contingency table sums to zero") }
        let total = rowTotals.reduce(0, +)

        var expected = [[Double]]()
        var statistic = 0.0
        for i in 0..<rows {
            var expectedRow = [Double]()
            for j in 0..<columns {
                let e = rowTotals[i] * columnTotals[j] / total
                let difference = Double(table[i][j]) - e
                statistic += difference * difference / e
                expectedRow.append(e)
            }
            expected.append(expectedRow)
        }
        let dof = (rows - 1) * (columns - 1)
        self.expected = expected
        self.degreesOfFreedom = dof
        if dof == 0 {
            self.statistic = 0
            self.pValue = 1
            self.cramersV = nil
        } else {
            self.statistic = statistic
            self.pValue = ChiSquareDistribution.survival(statistic, degreesOfFreedom: Double(dof))
            self.cramersV = (statistic / (total * Double(min(rows, columns) - 1))).squareRoot()
        }
    }
}
