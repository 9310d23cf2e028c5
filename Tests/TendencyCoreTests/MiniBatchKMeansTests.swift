import Testing
@testable import TendencyCore

@Suite struct MiniBatchKMeansTests {
    /// Three well-separated blobs of 200 points.
    static func blobs() -> (Matrix<Double>, [Int]) {
        var generator = SeededGenerator(seed: 3)
        var rows: [[Double]] = [], truth: [Int] = []
        for i in 0..<600 {
            let c = i % 3
            rows.append((0..<5).map { j in Double(c * 10 * (j == c ? 1 : 0)) + generator.nextGaussian() })
            truth.append(c)
        }
        return (Matrix(rows), truth)
    }

    @Test func recoversSeparatedGroups() throws {
        let (data, truth) = Self.blobs()
        let model = try MiniBatchKMeans(data, k: 3, batchSize: 64, iterations: 50, seed: 11)
        #expect(model.sizes.count == 3)
        #expect(model.sizes.reduce(0, +) == 600)
        #expect(try AdjustedRandIndex.compute(model.assignments, truth) == 1)
    }

    @Test func sameSeedSameResult() throws {
        let (data, _) = Self.blobs()
        let a = try MiniBatchKMeans(data, k: 20, seed: 5), b = try MiniBatchKMeans(data, k: 20, seed: 5)
        #expect(a.assignments == b.assignments && a.centres == b.centres)
    }

    /// The BLAS nearest-centre search agrees with a plain loop.
    @Test func nearestCentresMatchesPlainLoop() throws {
        let (data, _) = Self.blobs()
        let model = try MiniBatchKMeans(data, k: 7, seed: 2)
        let labels = try MiniBatchKMeans.nearestCentres(data, model.centres)
        for i in 0..<data.rows {
            let distances = (0..<model.centres.rows).map { c in
                (0..<data.columns).reduce(0.0) { $0 + (data[i, $1] - model.centres[c, $1]) * (data[i, $1] - model.centres[c, $1]) }
            }
            #expect(abs(distances[labels[i]] - distances.min()!) <= 1e-9 * max(1, distances.min()!))
        }
    }

    @Test func rejectsMissingValues() {
        #expect(throws: StatisticsError.self) { try MiniBatchKMeans(Matrix([[1, .nan], [2, 3]]), k: 1, seed: 1) }
    }
}
