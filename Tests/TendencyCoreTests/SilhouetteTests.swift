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

    /// From the points' coordinates, every labeling in one pass: the widths
    /// of their Euclidean distance matrix (a singleton, labels that are not
    /// 0-based, and nil for one cluster and for n clusters included); on a
    /// line 0, 1, 10 the worked values.
    @Test func fromPointsMatchesTheDistanceMatrix() throws {
        var generator = SeededGenerator(seed: 5)
        let n = 150, d = 2
        var coordinates: [Double] = []
        for i in 0..<(n * d) { coordinates.append(generator.nextGaussian() + Double((i / d) % 3) * 4) }
        let points = Matrix(rows: n, columns: d, storage: coordinates)
        let condensed = CondensedDistances.euclideanByPlainLoop(points)
        let thirds: [Int] = (0..<n).map { $0 % 3 }
        var scattered: [Int] = []
        for i in 0..<n { scattered.append(i == 7 ? 9 : 2 + Int(generator.next() % 4)) }
        let labelings: [[Int]] = [thirds, scattered, Array(repeating: 1, count: n), Array(0..<n)]
        let found = Silhouette.samples(points: points, labelings: labelings)
        #expect(found.count == 4 && found[2] == nil && found[3] == nil)
        for l in 0..<2 {
            let expected = try #require(try Silhouette.samples(distances: condensed, labels: labelings[l]))
            let widths = try #require(found[l])
            for (mine, reference) in zip(widths, expected) { #expect(close(mine, reference, 1e-12)) }
        }
        #expect(try #require(found[1])[7] == 0)
        let line = Silhouette.samples(points: Matrix(rows: 3, columns: 1, storage: [0, 1, 10]), labelings: [[4, 4, 2]])
        let worked: [Double] = [9.0 / 10.0, 8.0 / 9.0, 0]
        #expect(try #require(line[0]) == worked)
    }
}
