import Testing
@testable import TendencyCore

@Suite struct SilhouetteTests {
    struct Case: Decodable { let count: Int; let distances: [Double]; let labels: [Int]; let samples: [Double]; let score: Double }

    @Test func matchesScikitLearnPrecomputed() throws {
        let cases = try StatsReference.cases("silhouette.json", as: Case.self)
        #expect(cases.count == 3) // clean blobs, one singleton cluster, poor random labels
        for c in cases {
            let d = CondensedDistances(count: c.count, storage: c.distances)
            let samples = try #require(try Silhouette.samples(distances: d, labels: c.labels))
            for (mine, reference) in zip(samples, c.samples) { #expect(close(mine, reference, 1e-12)) }
            #expect(close(try #require(try Silhouette.score(distances: d, labels: c.labels)), c.score, 1e-12))
        }
    }

    @Test func singletonIsZeroAndUndefinedK() throws {
        // Points on a line: 0, 1, 10; clusters {0, 1} and {10}.
        let d = CondensedDistances<Float>(count: 3, storage: [1, 10, 9])
        let s = try #require(try Silhouette.samples(distances: d, labels: [4, 4, 2]))
        #expect(s[2] == 0)
        #expect(close(s[0], (10 - 1) / 10.0, 1e-6))
        #expect(try Silhouette.score(distances: d, labels: [1, 1, 1]) == nil)  // k = 1
        #expect(try Silhouette.score(distances: d, labels: [0, 1, 2]) == nil)  // k = n
        #expect(throws: StatisticsError.self) { try Silhouette.samples(distances: d, labels: [0, 1]) }
    }
}
