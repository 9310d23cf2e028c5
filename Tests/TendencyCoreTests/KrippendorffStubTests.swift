import Testing
import TendencyCore

/// Checks the stand-in alpha against the worked examples of Krippendorff
/// (2011), "Computing Krippendorff's Alpha-Reliability", Annenberg School
/// for Communication Departmental Papers 43.
@Suite struct KrippendorffStubTests {
    /// Example A: two observers, binary data, ten units; nominal alpha = 0.095.
    @Test func binaryTwoObservers() throws {
        let a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
        let b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
        let alpha = try #require(KrippendorffAlpha.nominal(zip(a, b).map { [$0, $1] }))
        #expect(abs(alpha - 0.095) < 0.0005)
    }

    /// Example C: four observers, five categories, missing values, twelve units; nominal alpha = 0.743.
    @Test func fourObserversWithMissingValues() throws {
        let coders: [[Int?]] = [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
            [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil],
        ]
        let units = (0..<12).map { u in coders.map { $0[u] } }
        let alpha = try #require(KrippendorffAlpha.nominal(units))
        #expect(abs(alpha - 0.743) < 0.0005)
    }

    @Test func undefinedCases() {
        #expect(KrippendorffAlpha.nominal([]) == nil)
        #expect(KrippendorffAlpha.nominal([[1, nil], [nil, 2]]) == nil)
        #expect(KrippendorffAlpha.nominal([[1, 1], [1, 1]]) == nil)
        #expect(KrippendorffAlpha.nominal([[1, 1], [2, 2]]) == 1)
    }
}
