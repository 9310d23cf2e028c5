import Testing
@testable import TendencyCore

@Suite struct MannWhitneyUTestTests {
    struct Case: Decodable { let x, y: [Double]; let u, p, rank_biserial: Double }

    @Test func matchesSciPyAsymptoticWithContinuity() throws {
        let cases = try StatsReference.cases("mann_whitney.json", as: Case.self)
        #expect(cases.count == 5)
        for c in cases {
            let test = try MannWhitneyUTest(c.x, c.y)
            #expect(test.u == c.u)
            #expect(relativelyClose(test.pValue, c.p, 1e-10), "p \(test.pValue), SciPy \(c.p)")
            #expect(close(test.rankBiserial, c.rank_biserial, 1e-14))
        }
    }

    @Test func effectSizeSignAndErrors() throws {
        let separated = try MannWhitneyUTest([5, 6, 7], [1, 2])
        #expect(separated.u == 6 && separated.rankBiserial == 1)
        let swapped = try MannWhitneyUTest([1, 2], [5, 6, 7])
        #expect(swapped.rankBiserial == -1 && close(swapped.pValue, separated.pValue, 1e-15))
        #expect(throws: StatisticsError.self) { try MannWhitneyUTest([], [1]) }
        #expect(throws: StatisticsError.self) { try MannWhitneyUTest([.nan], [1]) }
    }
}
