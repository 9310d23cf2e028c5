import Foundation
import Testing
@testable import TendencyCore

@Suite struct RegularizedGammaTests {
    struct Case: Decodable { let a, x, q, p: Double }

    @Test func matchesSciPyGammainc() throws {
        for c in try StatsReference.cases("incomplete_gamma.json", as: Case.self) {
            let q = RegularizedGamma.upper(a: c.a, x: c.x)
            let p = RegularizedGamma.lower(a: c.a, x: c.x)
            #expect(relativelyClose(q, c.q, 1e-11) || abs(q - c.q) < 1e-300, "Q(\(c.a), \(c.x)) = \(q), SciPy \(c.q)")
            #expect(relativelyClose(p, c.p, 1e-11) || abs(p - c.p) < 1e-300, "P(\(c.a), \(c.x)) = \(p), SciPy \(c.p)")
        }
    }

    @Test func knownValuesAndDomain() {
        // Q(1, x) = e^-x; chi-square with 2 dof: P(X > x) = e^(-x/2).
        #expect(close(RegularizedGamma.upper(a: 1, x: 3), exp(-3.0), 1e-14))
        #expect(close(ChiSquareDistribution.survival(5, degreesOfFreedom: 2), exp(-2.5), 1e-14))
        #expect(ChiSquareDistribution.survival(0, degreesOfFreedom: 3) == 1)
        #expect(RegularizedGamma.upper(a: 2, x: 0) == 1)
        #expect(RegularizedGamma.lower(a: -1, x: 1).isNaN)
        #expect(close(NormalDistribution.twoSidedPValue(1.959963984540054), 0.05, 1e-12))
        #expect(close(NormalDistribution.cdf(0), 0.5, 1e-15))
        #expect(close(NormalDistribution.cdf(1.5) + NormalDistribution.survival(1.5), 1, 1e-15))
    }
}
