import Testing
@testable import TendencyCore

/// The square working layout (`SquareStore`: lazily replayed rows, cached
/// nearest neighbours) must give exactly the linkage of the condensed layout,
/// whose tie-breaking is checked against SciPy elsewhere; ties are where the
/// cached neighbours could go wrong, so most cases here are heavily tied.
@Suite struct LinkageLayoutTests {
    typealias R = LinkageReplay
    static let chainMethods: [LinkageMethod] = [.complete, .average, .weighted, .ward]

    /// The condensed and square layouts' linkages.
    func both<S: BLASScalar>(_ d: CondensedDistances<S>, _ method: LinkageMethod) throws -> (Linkage, Linkage) {
        let square = try HierarchicalClustering.linkage(d, method: method, layout: .square)
        return (try HierarchicalClustering.linkage(d, method: method, layout: .condensed), square)
    }

    @Test(arguments: chainMethods)
    func fixturesGiveTheSameLinkage(_ method: LinkageMethod) throws {
        for data in ["continuous", "binary"] {
            for metric in ["euclidean", "cosine", "jaccard", "hamming"] where data == "binary" || metric != "jaccard" && metric != "hamming" {
                if method == .ward && metric != "euclidean" { continue }
                let (condensed, square) = try both(R.distances(data, metric), method)
                #expect(condensed == square, "\(data)/\(metric)/\(method)")
            }
        }
    }

    /// Small integer distances: thousands of exact ties at every level (n = 1100
    /// also runs the compaction's parallel rounds).
    @Test(arguments: chainMethods)
    func tiedIntegerDistancesGiveTheSameLinkage(_ method: LinkageMethod) throws {
        for (n, levels, seed) in [(2, 1, 1), (7, 2, 3), (60, 3, 5), (400, 4, 7), (900, 12, 9), (1100, 40, 13)] {
            var generator = SeededGenerator(seed: UInt64(seed))
            var d = CondensedDistances<Double>(count: n)
            for k in d.storage.indices { d.storage[k] = Double(1 + Int(generator.next() % UInt64(levels))) }
            let (condensed, square) = try both(d, method)
            #expect(condensed == square, "n \(n), \(levels) levels, \(method)")
            let (condensedFloat, squareFloat) = try both(CondensedDistances(count: n, storage: d.storage.map { Float($0) }), method)
            #expect(condensedFloat == squareFloat, "Float, n \(n), \(levels) levels, \(method)")
        }
    }

    /// Scans, merge updates, replays and compaction cut into parts shared
    /// with a `PassPartner` thread (forced at every width here) must give the
    /// condensed layout's linkage to the bit, ties included.
    @Test(arguments: chainMethods)
    func partedPassesGiveTheSameLinkage(_ method: LinkageMethod) throws {
        for (n, levels, seed) in [(3, 1, 2), (61, 3, 4), (700, 6, 8)] {
            var generator = SeededGenerator(seed: UInt64(seed))
            var d = CondensedDistances<Double>(count: n)
            for k in d.storage.indices { d.storage[k] = Double(1 + Int(generator.next() % UInt64(levels))) }
            let condensed = try HierarchicalClustering.linkage(d, method: method, layout: .condensed)
            for partedWidth in [1, 64] {
                let (linkage, ahead, paired) = try partedLinkage(d, method, partedWidth: partedWidth)
                #expect(linkage == condensed, "n \(n), parted from width \(partedWidth), \(method)")
                // Rows the chain likely scans next are replayed beside merge updates and other replays.
                if n >= 700 { #expect(ahead > 0 && paired > 0, "n \(n), parted from width \(partedWidth), \(method): \(ahead), \(paired)") }
            }
        }
    }

    /// The chain on a `SquareStore` that uses its partner from `partedWidth`
    /// on, and how many rows it replayed ahead of the chain (beside merge
    /// updates, beside other replays).
    func partedLinkage(_ d: CondensedDistances<Double>, _ method: LinkageMethod, partedWidth: Int) throws -> (Linkage, Int, Int) {
        func run<Rule: LanceWilliamsRule>(_: Rule.Type) throws -> (Linkage, Int, Int) {
            let matrix = try #require(d.storage.withUnsafeBufferPointer {
                SquareMatrixBuffer<Double>(condensed: $0.baseAddress!, count: d.count, squared: Rule.squaresDistances, force: true)
            })
            let store = SquareStore<Double, Rule>(matrix, partedWidth: partedWidth)
            return (try stepwiseLinkage(nearestNeighborChain(store), leafCount: d.count), store.aheadReplays, store.pairedReplays)
        }
        switch method {
        case .complete: return try run(CompleteRule.self)
        case .average: return try run(AverageRule.self)
        case .weighted: return try run(WeightedRule.self)
        default: return try run(WardRule.self)
        }
    }

    /// Points on a coarse grid: tied Euclidean distances with geometric structure.
    @Test(arguments: chainMethods)
    func gridPointsGiveTheSameLinkage(_ method: LinkageMethod) throws {
        var generator = SeededGenerator(seed: 42)
        let n = 500
        let points = (0..<n).map { _ in (0..<3).map { _ in Double(generator.next() % 5) } }
        var d = CondensedDistances<Double>(count: n)
        for i in 0..<n { for j in (i + 1)..<n {
            d[i, j] = zip(points[i], points[j]).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot()
        } }
        let (condensed, square) = try both(d, method)
        #expect(condensed == square, "\(method)")
        #expect(try HierarchicalClustering.linkage(d, method: method) == condensed, "automatic layout, \(method)")
    }
}

/// The rows entry point computes distances into the square working matrix
/// when it fits: the same linkage as through condensed distances.
@Suite struct LinkageFromRowsTests {
    @Test(arguments: LinkageMethod.allCases)
    func rowsGiveTheSameLinkageAsCondensedDistances(_ method: LinkageMethod) throws {
        var generator = SeededGenerator(seed: 99)
        var data = Matrix<Double>(rows: 257, columns: 6)
        for k in data.storage.indices { data.storage[k] = generator.nextGaussian() }
        for metric in [DistanceMetric.euclidean, .cosine] where !method.requiresEuclidean || metric == .euclidean {
            var called = 0
            let fromRows = try HierarchicalClustering.linkage(rows: data, metric: metric, method: method,
                                                              distancesComputed: { called += 1 })
            let fromCondensed = try HierarchicalClustering.linkage(PairwiseDistances.condensed(data, metric: metric), method: method)
            #expect(fromRows == fromCondensed, "\(metric)/\(method)")
            #expect(called == 1)
            let float = data.converted(to: Float.self)
            #expect(try HierarchicalClustering.linkage(rows: float, metric: metric, method: method)
                    == HierarchicalClustering.linkage(PairwiseDistances.condensed(float, metric: metric), method: method))
        }
    }

    @Test func rowsRejectBadInput() {
        #expect(throws: KernelError.self) {
            try HierarchicalClustering.linkage(rows: Matrix<Double>([[0, 1], [.nan, 2]]), metric: .euclidean, method: .average)
        }
        #expect(throws: LinkageError.tooFewObservations(1)) {
            try HierarchicalClustering.linkage(rows: Matrix<Double>([[0, 1]]), metric: .euclidean, method: .average)
        }
        // Finite coordinates whose distances overflow: the first such pair is
        // named, as on the condensed path, for rules on distances and on squares.
        let huge = Matrix<Double>([[0], [1], [2], [1e300], [-1e300]])
        for method in [LinkageMethod.average, .ward] {
            #expect(throws: LinkageError.nonFiniteDistance(i: 0, j: 3)) {
                try HierarchicalClustering.linkage(PairwiseDistances.condensed(huge, metric: .sqeuclidean), method: method)
            }
            #expect(throws: LinkageError.nonFiniteDistance(i: 0, j: 3)) {
                try HierarchicalClustering.linkage(rows: huge, metric: .sqeuclidean, method: method)
            }
        }
    }
}

/// Large working matrices are freed on a background thread; admission waits
/// for those frees, so their bytes are never counted twice or lost. Serial:
/// the park of `reusingWorkingMatrices` is process-wide.
@Suite(.serialized) struct SquareMemoryTests {
    @Test func largeMatricesAreFreedInTheBackgroundAndAccountedFor() throws {
        let n = 3000  // 72 MB of Double: above the background threshold
        #expect(n * n * MemoryLayout<Double>.stride >= SquareMemory.backgroundFreeBytes)
        for round in 0..<3 {
            var matrix = try #require(SquareMatrixBuffer<Double>(count: n, force: true))
            matrix.pointer.update(repeating: Double(round), count: n * n)
            #expect(SquareMemory.state.held >= n * n * 8)
            matrix = try #require(SquareMatrixBuffer<Double>(count: 2, force: true))
            _ = matrix
        }
        // Admission waits for the pending frees: none is left after it.
        #expect(SquareMemory.reserve(0, force: true))
        #expect(SquareMemory.state.pendingFrees == 0)
    }

    /// Inside `reusingWorkingMatrices` a freed matrix is parked and taken by
    /// the next request of about its size (up to an eighth smaller), the
    /// latest `maximumParked` are kept, and all are freed when the scope ends.
    @Test(.enabled(if: roomFor(8 * 4100 * 4100 * 8)))
    func freedMatricesAreReusedWithinTheScope() throws {
        let n = 4100  // 134 MB of Double: above the background threshold, unlike any other test's
        let held = SquareMemory.state.held
        try HierarchicalClustering.reusingWorkingMatrices {
            var matrix: SquareMatrixBuffer<Double>? = try #require(SquareMatrixBuffer<Double>(count: n))
            let first = matrix!.pointer
            matrix = nil
            #expect(SquareMemory.state.parked == 1)
            #expect(SquareMemory.state.held == held)
            // A little smaller: the same block, held at its full size.
            matrix = try #require(SquareMatrixBuffer<Double>(count: n - 100))
            #expect(matrix!.pointer == first)
            #expect(SquareMemory.state.parked == 0)
            #expect(SquareMemory.state.held == held + n * n * 8)
            matrix = nil
            // Much smaller: a block of its own.
            let small = try #require(SquareMatrixBuffer<Double>(count: n / 2 * 3 / 2))
            #expect(small.pointer != first)
            #expect(SquareMemory.state.parked == 1)
            // More freed than kept: the oldest goes.
            var many = (0...SquareMemory.maximumParked).map { _ in SquareMatrixBuffer<Double>(count: n) }
            #expect(many.allSatisfy { $0 != nil })
            many = []
            #expect(SquareMemory.state.parked == SquareMemory.maximumParked)
        }
        #expect(SquareMemory.state.parked == 0)
        #expect(SquareMemory.reserve(0, force: true))
        #expect(SquareMemory.state.pendingFrees == 0)
        #expect(SquareMemory.state.held == held)
    }

    /// A reused matrix's old values never reach a result: linkages in the
    /// scope, one after another on the same block, equal those outside it.
    @Test(.enabled(if: roomFor(8 * 2900 * 2900 * 8)), arguments: [LinkageMethod.average, .complete, .ward])
    func linkagesOnReusedMatricesAreUnchanged(_ method: LinkageMethod) throws {
        let n = 2900  // 67 MB of Double
        let sets = (0..<3).map { seed in
            var generator = SeededGenerator(seed: UInt64(40 + seed))
            return Matrix<Double>(rows: n, columns: 4, storage: (0..<(4 * n)).map { _ in Double(generator.next() % 1000) / 7 })
        }
        let alone = try sets.map { try HierarchicalClustering.linkage(rows: $0, metric: .euclidean, method: method) }
        let reused = try HierarchicalClustering.reusingWorkingMatrices {
            let trees = try sets.map { try HierarchicalClustering.linkage(PairwiseDistances.condensed($0, metric: .euclidean), method: method) }
            #expect(SquareMemory.state.parked >= 1)
            return trees
        }
        #expect(reused == alone)
    }

    /// A caller's limit (`tendency cluster --memory-limit`) refuses a working
    /// matrix the machine would admit; the linkage then runs in the condensed
    /// layout, with the same result.
    @Test(arguments: [LinkageMethod.average, .ward, .single])
    func aWorkingMemoryLimitKeepsTheSquareOut(_ method: LinkageMethod) throws {
        let n = 300
        #expect(SquareMatrixBuffer<Double>(count: n, limit: n * n * 8 - 1) == nil)
        #expect(SquareMatrixBuffer<Double>(count: n, limit: -1) == nil)
        #expect(SquareMatrixBuffer<Double>(count: n) != nil)
        var generator = SeededGenerator(seed: 11)
        let data = Matrix<Double>(rows: n, columns: 3, storage: (0..<(3 * n)).map { _ in Double(generator.next() % 5) })
        let distances = try PairwiseDistances.condensed(data, metric: .euclidean)
        let reference = try HierarchicalClustering.linkage(distances, method: method, layout: .condensed)
        for limit in [nil, 0, n * n * 8 - 1] {
            #expect(try HierarchicalClustering.linkage(rows: data, metric: .euclidean, method: method,
                                                       workingMemoryLimit: limit) == reference, "limit \(String(describing: limit))")
            #expect(try HierarchicalClustering.linkage(distances, method: method, workingMemoryLimit: limit) == reference,
                    "condensed, limit \(String(describing: limit))")
        }
    }
}

/// Whether the machine has `bytes` available (tests of large matrices are skipped otherwise).
private func roomFor(_ bytes: Int) -> Bool {
    (MemoryBudget.available() ?? 0) >= bytes
}
