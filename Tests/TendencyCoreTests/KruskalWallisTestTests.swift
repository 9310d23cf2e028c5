import Testing
@testable import TendencyCore

@Suite struct KruskalWallisTestTests {
    struct Case: Decodable { let groups: [[Double]]; let h, p: Double }

    @Test func matchesSciPyKruskal() throws {
        let cases = try StatsReference.cases("kruskal_wallis.json", as: Case.self)
        #expect(cases.count == 3)
        for c in cases {
            let test = try KruskalWallisTest(groups: c.groups)
            #expect(test.degreesOfFreedom == c.groups.count - 1)
            #expect(close(test.h, c.h, 1e-12))
            #expect(relativelyClose(test.pValue, c.p, 1e-10), "p \(test.pValue), SciPy \(c.p)")
        }
    }

    @Test func agreesWithMannWhitneyForTwoGroupsWithoutContinuity() throws {
        // For two groups H = z² of the Mann–Whitney test without continuity correction.
        let x: [Double] = [1.5, 3, 3, 4.25, 8, 9], y: [Double] = [2, 3, 5, 6, 6, 10, 11]
        let h = try KruskalWallisTest(groups: [x, y]).h
        let n1 = 6.0, n2 = 7.0, n = 13.0
        let u = try MannWhitneyUTest(x, y).u
        let ties: Double = (27 - 3) + (8 - 2) // Σ t³ - t over the three 3s and the two 6s
        let variance = n1 * n2 / 12 * ((n + 1) - ties / (n * (n - 1)))
        let z = (u - n1 * n2 / 2) / variance.squareRoot()
        #expect(close(h, z * z, 1e-12))
        #expect(throws: StatisticsError.self) { try KruskalWallisTest(groups: [[1, 1], [1]]) }
        #expect(throws: StatisticsError.self) { try KruskalWallisTest(groups: [[1, 2]]) }
        #expect(throws: StatisticsError.self) { try KruskalWallisTest(groups: [[1, 2], []]) }
    }
}
