import Testing
@testable import TendencyCore

@Suite struct AdjustedRandIndexTests {
    struct Case: Decodable { let a, b: [Int]; let ari: Double }

    @Test func matchesScikitLearnIncludingEdgeCases() throws {
        let cases = try StatsReference.cases("adjusted_rand.json", as: Case.self)
        #expect(cases.count == 11)
        for c in cases {
            #expect(close(try AdjustedRandIndex.compute(c.a, c.b), c.ari, 1e-13), "\(c.a) vs \(c.b)")
        }
    }

    @Test func propertiesAndErrors() throws {
        #expect(try AdjustedRandIndex.compute([], []) == 1)
        let a = [0, 0, 1, 1, 2, 2, 2], b = [1, 0, 1, 1, 2, 0, 2]
        #expect(try AdjustedRandIndex.compute(a, b) == AdjustedRandIndex.compute(b, a))
        // Renaming labels changes nothing.
        #expect(try AdjustedRandIndex.compute(a, b) == AdjustedRandIndex.compute(a.map { 10 - $0 }, b.map { $0 * 7 }))
        #expect(throws: StatisticsError.self) { try AdjustedRandIndex.compute([0], [0, 1]) }
    }
}
