import Foundation
import Testing
@testable import TendencyCore

@Suite struct FisherExactTestTests {
    @Test func matchesSciPyFisherExact() throws {
        let url = StatsReference.directory.appendingPathComponent("fisher_exact.json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let cases = try #require(json["cases"] as? [[String: Any]])
        #expect(cases.count >= 10)
        for c in cases {
            let table = try #require(c["table"] as? [[Int]])
            let p = try #require(c["p"] as? Double)
            let test = try FisherExactTest(table: table)
            #expect(relativelyClose(test.pValue, p, 1e-9), "\(table): p \(test.pValue), SciPy \(p)")
            switch c["odds_ratio"] {
            case let value as Double: #expect(close(try #require(test.oddsRatio), value, 1e-14))
            case let text as String: #expect(text == "inf" && test.oddsRatio == .infinity)
            default: #expect(test.oddsRatio == nil)
            }
        }
    }

    @Test func symmetricUnderTranspositionAndStableForLargeCounts() throws {
        let a = try FisherExactTest(120, 85, 97, 143)
        let t = try FisherExactTest(120, 97, 85, 143)
        #expect(close(a.pValue, t.pValue, 1e-12))
        let large = try FisherExactTest(900, 800, 850, 950)
        #expect(large.pValue > 0 && large.pValue < 1)
        #expect(throws: StatisticsError.self) { try FisherExactTest(-1, 2, 3, 4) }
        #expect(throws: StatisticsError.self) { try FisherExactTest(table: [[1, 2, 3], [4, 5, 6]]) }
    }
}
