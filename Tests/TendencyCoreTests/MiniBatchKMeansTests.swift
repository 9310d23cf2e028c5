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

    /// The BLAS nearest-centre search agrees with a plain loop, with the
    /// scalar scan (few centres) and the vector scan (64 or more).
    @Test(arguments: [7, 100])
    func nearestCentresMatchesPlainLoop(_ k: Int) throws {
        let (data, _) = Self.blobs()
        let model = try MiniBatchKMeans(data, k: k, seed: 2)
        #expect((model.centres.rows >= 64) == (k >= 64), "\(model.centres.rows) centres kept")
        let progress = WorkProgress()
        let labels = try MiniBatchKMeans.nearestCentres(data, model.centres, progress: progress)
        #expect(progress.snapshot.done == data.rows)
        for i in 0..<data.rows {
            let distances = (0..<model.centres.rows).map { c in
                (0..<data.columns).reduce(0.0) { $0 + (data[i, $1] - model.centres[c, $1]) * (data[i, $1] - model.centres[c, $1]) }
            }
            #expect(abs(distances[labels[i]] - distances.min()!) <= 1e-9 * max(1, distances.min()!))
        }
    }

    /// The seeding's blocked, parallel pass gives the seeds of a plain loop
    /// over the sample (k-means++ as first written), bit for bit.
    @Test(arguments: [(500, 7, 3), (30_000, 300, 5), (9_000, 1, 2), (5, 5, 1)])
    func seedsMatchAPlainLoop(_ n: Int, _ k: Int, _ d: Int) {
        var values = SeededGenerator(seed: UInt64(n + k))
        var data = Matrix<Double>(rows: n, columns: d)
        for i in 0..<n { for j in 0..<d { data[i, j] = Double(i % 9) + values.nextGaussian() } }
        var fast = SeededGenerator(seed: 17), plain = SeededGenerator(seed: 17)
        let progress = WorkProgress()
        let seeds = MiniBatchKMeans.seeds(data, k: k, generator: &fast, progress: progress)
        #expect(seeds == Self.plainSeeds(data, k: k, generator: &plain))
        #expect(fast.next() == plain.next(), "the same draws were made")
        #expect(progress.snapshot.done == k)
    }

    /// k-means++ on a sample of at most 20 k rows, one row at a time.
    static func plainSeeds(_ data: Matrix<Double>, k: Int, generator: inout SeededGenerator) -> Matrix<Double> {
        let n = data.rows, d = data.columns
        let sampleSize = min(n, max(20 * k, 1))
        let sample = (0..<sampleSize).map { _ in generator.nextIndex(below: n) }
        var centres = Matrix<Double>(rows: k, columns: d)
        var nearest = [Double](repeating: .infinity, count: sampleSize)
        var chosen = sample[generator.nextIndex(below: sampleSize)]
        for c in 0..<k {
            for j in 0..<d { centres[c, j] = data[chosen, j] }
            var total = 0.0
            for (s, row) in sample.enumerated() {
                var dist = 0.0
                for j in 0..<d { let diff = data[row, j] - centres[c, j]; dist += diff * diff }
                nearest[s] = min(nearest[s], dist)
                total += nearest[s]
            }
            guard c + 1 < k else { break }
            var target = generator.nextUnit() * total
            chosen = sample[sampleSize - 1]
            for (s, row) in sample.enumerated() {
                target -= nearest[s]
                if target < 0 { chosen = row; break }
            }
        }
        return centres
    }

    @Test func rejectsMissingValues() {
        #expect(throws: StatisticsError.self) { try MiniBatchKMeans(Matrix([[1, .nan], [2, 3]]), k: 1, seed: 1) }
    }
}
