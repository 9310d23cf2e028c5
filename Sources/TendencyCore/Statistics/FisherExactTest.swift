import Foundation

/// Fisher's exact test of a 2 x 2 table [[a, b], [c, d]], two-sided.
///
/// With the margins fixed, `a` follows a hypergeometric distribution; the
/// p-value sums the probabilities of every table no more likely than the
/// observed one (Fisher 1935; the "minimum likelihood" two-sided rule SciPy
/// and R use). Probabilities are computed from log-factorials (`lgamma`), so
/// counts in the hundreds or thousands neither overflow nor underflow. Tables
/// whose probability is within a relative 1e-7 of the observed one count as
/// equally likely (R's tolerance), so rounding cannot drop exact ties.
public struct FisherExactTest: Sendable, Equatable {
    /// The sample odds ratio a*d / (b*c) (SciPy's `statistic`): `.infinity`
    /// when b*c = 0; nil when a row or column of the table is empty.
    public let oddsRatio: Double?
    /// The two-sided p-value.
    public let pValue: Double

    public init(_ a: Int, _ b: Int, _ c: Int, _ d: Int) throws {
        guard a >= 0, b >= 0, c >= 0, d >= 0 else {
            throw StatisticsError("Fisher's exact test needs non-negative counts, got [[\(a), \(b)], [\(c), \(d)]]")
        }
        let row1 = a + b, row2 = c + d, column1 = a + c, column2 = b + d
        if row1 == 0 || row2 == 0 || column1 == 0 || column2 == 0 {
            oddsRatio = nil
            pValue = 1
            return
        }
        oddsRatio = (b > 0 && c > 0) ? Double(a) * Double(d) / (Double(b) * Double(c)) : .infinity

        func logChoose(_ n: Int, _ k: Int) -> Double {
            lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
        }
        let total = row1 + row2
        let logNormaliser = logChoose(total, column1)
        func logProbability(_ x: Int) -> Double {
            logChoose(row1, x) + logChoose(row2, column1 - x) - logNormaliser
        }
        let threshold = logProbability(a) + log1p(1e-7)
        var p = 0.0
        for x in max(0, column1 - row2)...min(row1, column1) {
            let lp = logProbability(x)
            if lp <= threshold { p += exp(lp) }
        }
        pValue = min(1, p)
    }

    /// The test of a 2 x 2 table given as rows.
    public init(table: [[Int]]) throws {
        guard table.count == 2, table.allSatisfy({ $0.count == 2 }) else {
            throw StatisticsError("Fisher's exact test needs a 2 x 2 table")
        }
        try self.init(table[0][0], table[0][1], table[1][0], table[1][1])
    }
}
