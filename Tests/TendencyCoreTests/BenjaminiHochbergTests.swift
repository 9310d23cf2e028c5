import Testing
@testable import TendencyCore

@Suite struct BenjaminiHochbergTests {
    struct Case: Decodable { let p, adjusted: [Double] }

    @Test func matchesSciPyFalseDiscoveryControl() throws {
        let cases = try StatsReference.cases("benjamini_hochberg.json", as: Case.self)
        #expect(cases.count == 5)
        for c in cases {
            let q = try BenjaminiHochberg.adjusted(c.p)
            #expect(q.count == c.adjusted.count)
            for (mine, reference) in zip(q, c.adjusted) { #expect(close(mine, reference, 1e-14)) }
        }
    }

    @Test func propertiesAndErrors() throws {
        #expect(try BenjaminiHochberg.adjusted([]) == [])
        let p = [0.2, 0.001, 0.04, 0.04, 0.9]
        let q = try BenjaminiHochberg.adjusted(p)
        for (a, b) in zip(p, q) { #expect(b >= a && b <= 1) }
        // Order preserving: a smaller p never gets a larger q.
        for i in p.indices { for j in p.indices where p[i] < p[j] { #expect(q[i] <= q[j]) } }
        #expect(throws: StatisticsError.self) { try BenjaminiHochberg.adjusted([0.5, 1.5]) }
        #expect(throws: StatisticsError.self) { try BenjaminiHochberg.adjusted([.nan]) }
    }
}
