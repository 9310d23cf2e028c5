import Testing
@testable import TendencyCore

@Suite struct ChiSquareIndependenceTestTests {
    struct Case: Decodable {
        let table: [[Int]]
        let statistic, p: Double
        let dof: Int
        let cramers_v: Double
    }

    @Test func matchesSciPyChi2ContingencyAndAssociation() throws {
        let cases = try StatsReference.cases("chi_square.json", as: Case.self)
        #expect(cases.count == 6)
        for c in cases {
            let test = try ChiSquareIndependenceTest(table: c.table)
            #expect(test.degreesOfFreedom == c.dof)
            #expect(close(test.statistic, c.statistic, 1e-12), "\(c.table)")
            #expect(relativelyClose(test.pValue, c.p, 1e-10), "\(c.table): p \(test.pValue), SciPy \(c.p)")
            #expect(close(try #require(test.cramersV), c.cramers_v, 1e-12))
        }
    }

    @Test func expectedCountsAndErrors() throws {
        let test = try ChiSquareIndependenceTest(table: [[10, 20], [30, 40]])
        #expect(close(test.expected[0][0], 30.0 * 40 / 100, 1e-15))
        let single = try ChiSquareIndependenceTest(table: [[3, 4, 5]])
        #expect(single.pValue == 1 && single.cramersV == nil)
        #expect(throws: StatisticsError.self) { try ChiSquareIndependenceTest(table: [[1, 0], [2, 0]]) }
        #expect(throws: StatisticsError.self) { try ChiSquareIndependenceTest(table: [[1, 2], [3]]) }
        #expect(throws: StatisticsError.self) { try ChiSquareIndependenceTest(table: []) }
    }
}
