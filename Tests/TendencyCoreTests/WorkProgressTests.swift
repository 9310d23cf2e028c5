import Dispatch
import Synchronization
import Testing
@testable import TendencyCore

/// `WorkProgress`: what long computations report, and that reporting
/// changes none of their results.
@Suite struct WorkProgressTests {
    /// Every stage begun, in order, as `stageBegan` saw it.
    final class StageLog: Sendable {
        private let stages = Mutex<[WorkProgress.Snapshot]>([])
        var all: [WorkProgress.Snapshot] { stages.withLock { $0 } }
        func record(_ snapshot: WorkProgress.Snapshot) { stages.withLock { $0.append(snapshot) } }
    }

    func points(_ n: Int, _ d: Int, seed: UInt64) -> Matrix<Double> {
        var generator = SeededGenerator(seed: seed)
        var x = Matrix<Double>(rows: n, columns: d)
        for i in 0..<n {
            let centre = Double(i % 3) * 4
            for j in 0..<d { x[i, j] = centre + Double(generator.next() % 10_000) / 1000 }
        }
        return x
    }

    @Test func stagesCountTheirUnits() throws {
        let log = StageLog()
        let progress = WorkProgress { log.record($0) }
        #expect(progress.snapshot.stage == "" && progress.snapshot.number == 0)
        progress.begin("first", total: 10, unit: "things")
        progress.advance(by: 4)
        progress.advance()
        #expect(progress.snapshot.done == 5 && progress.snapshot.total == 10 && progress.snapshot.unit == "things")
        progress.advance(by: 20)
        #expect(progress.snapshot.done == 10, "a count beyond the total reads as the total")
        progress.begin("second")
        #expect(progress.snapshot.done == 0 && progress.snapshot.total == 0 && progress.snapshot.number == 2)
        progress.advance(by: 3)
        #expect(progress.snapshot.done == 3, "an uncounted stage still counts")
        #expect(log.all.map(\.stage) == ["first", "second"])
        #expect(log.all.map(\.done) == [0, 0] && log.all.map(\.number) == [1, 2])
    }

    @Test func advancesFromManyThreadsAddUp() {
        let progress = WorkProgress()
        progress.begin("parallel", total: 100_000, unit: "units")
        DispatchQueue.concurrentPerform(iterations: 100) { _ in
            for _ in 0..<1000 { progress.advance() }
        }
        #expect(progress.snapshot.done == 100_000)
    }

    /// Every path of the linkage counts its n - 1 merges, and gives the same
    /// linkage as without progress.
    @Test(arguments: LinkageMethod.allCases)
    func linkageCountsEveryMerge(_ method: LinkageMethod) throws {
        let x = points(90, 5, seed: 3)
        let condensed = try PairwiseDistances.condensed(x, metric: .euclidean)
        for layout in [HierarchicalClustering.WorkingLayout.condensed, .square] {
            let progress = WorkProgress()
            let counted = try HierarchicalClustering.linkage(condensed, method: method, layout: layout, progress: progress)
            #expect(counted == (try HierarchicalClustering.linkage(condensed, method: method, layout: layout)))
            #expect(progress.snapshot.stage == "linkage" && progress.snapshot.done == 89 && progress.snapshot.total == 89,
                    "\(method), \(layout)")
        }
        // The kernel straight into the working matrix: rows, then merges.
        let log = StageLog()
        let progress = WorkProgress { log.record($0) }
        let fromRows = try HierarchicalClustering.linkage(rows: x, metric: .euclidean, method: method, progress: progress)
        #expect(fromRows == (try HierarchicalClustering.linkage(rows: x, metric: .euclidean, method: method)))
        #expect(log.all.map(\.stage) == ["distances", "linkage"] && log.all.map(\.total) == [90 * 89 / 2, 89])
        #expect(progress.snapshot.done == 89)
        if [.single, .ward, .centroid, .median].contains(method) {
            let onPoints = WorkProgress()
            let counted = try HierarchicalClustering.linkage(points: x, method: method, progress: onPoints)
            #expect(counted == (try HierarchicalClustering.linkage(points: x, method: method)))
            #expect(onPoints.snapshot.stage == "linkage" && onPoints.snapshot.done == 89)
        }
    }

    /// The kernels count pairs block by block, in parallel, to n(n - 1)/2.
    @Test func kernelsCountEveryPair() throws {
        let x = points(300, 4, seed: 5)
        for (metric, height) in [(DistanceMetric.euclidean, 16), (.cosine, 7), (.gower, 300)] {
            let progress = WorkProgress()
            progress.begin("distances", total: 300 * 299 / 2, unit: "pairs")
            let counted = try PairwiseDistances.condensedDistances(x, metric, .fail, blockHeight: height, progress: progress)
            #expect(counted.storage == (try PairwiseDistances.condensed(x, metric: metric)).storage, "\(metric)")
            #expect(progress.snapshot.done == 300 * 299 / 2, "\(metric)")
        }
        let progress = WorkProgress()
        progress.begin("distances", total: 300 * 299 / 2, unit: "pairs")
        var square = [Double](repeating: 0, count: 300 * 300)
        try square.withUnsafeMutableBufferPointer { buffer in
            try PairwiseDistances.fillSquare(x, .euclidean, .fail, into: buffer.baseAddress!, blockHeight: 16, progress: progress)
        }
        #expect(square == (try PairwiseDistances.squareDistances(x, .euclidean, .fail, blockHeight: 16)).storage)
        #expect(progress.snapshot.done == 300 * 299 / 2)
    }
}
