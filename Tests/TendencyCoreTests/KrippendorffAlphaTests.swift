import Testing
@testable import TendencyCore

@Suite struct KrippendorffAlphaTests {
    struct Case: Decodable { let name: String; let units: [[Int?]]; let alpha: Double }

    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
    /// section C: 4 observers x 12 units, nominal data with missing values,
    /// alpha = 0.743 as printed there (0.7434 before rounding).
    @Test func paperNominalExampleWithMissingValues() throws {
        let observers: [[Int?]] = [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
            [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil],
        ]
        let units = (0..<12).map { u in observers.map { $0[u] } }
        let alpha = try #require(KrippendorffAlpha.nominal(units))
        #expect(abs(alpha - 0.743) < 0.0005)
    }

    /// Krippendorff (2011), section A: two observers, binary data, 10 units, alpha = 0.095.
    @Test func paperBinaryExample() throws {
        let a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0], b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
        let alpha = try #require(KrippendorffAlpha.nominal(zip(a, b).map { [$0, $1] }))
        #expect(abs(alpha - 0.095) < 0.0005)
    }

    /// Against the `krippendorff` PyPI package (0.9.0), including the paper's cases.
    @Test func matchesKrippendorffPackage() throws {
        let cases = try StatsReference.cases("krippendorff_alpha.json", as: Case.self)
        #expect(cases.count == 4)
        for c in cases {
            let alpha = try #require(KrippendorffAlpha.nominal(c.units), "\(c.name)")
            #expect(close(alpha, c.alpha, 1e-12), "\(c.name): \(alpha) vs \(c.alpha)")
        }
    }

    @Test func undefinedAndPerfectCases() {
        #expect(KrippendorffAlpha.nominal([[1, 1], [1, nil], [1, 1]]) == nil)
        #expect(KrippendorffAlpha.nominal([[1, nil], [nil, 2]]) == nil)
        #expect(KrippendorffAlpha.nominal([[1, 1, nil], [2, 2, 2], [7, nil, 7]]) == 1)
    }
}
