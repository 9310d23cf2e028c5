import Testing
@testable import TendencyCore

/// The points path prunes its scans by `BoundingBlocks` from 256 points on.
/// Pruning may only skip work: the linkage must be the unpruned scan's to the
/// bit, and SciPy's on data with cluster structure, where most blocks are
/// skipped.
@Suite struct BoundingBlocksTests {
    typealias R = LinkageReplay

    func data(_ n: Int, _ d: Int, seed: UInt64, _ value: (inout SeededGenerator, Int) -> Double) -> Matrix<Double> {
        var generator = SeededGenerator(seed: seed)
        var points = Matrix<Double>(rows: n, columns: d)
        for k in points.storage.indices { points.storage[k] = value(&generator, k / d) }
        return points
    }

    /// Blobs: point i near one of five centres far apart.
    func blobs(_ n: Int, _ d: Int, seed: UInt64, offset: Double = 0) -> Matrix<Double> {
        data(n, d, seed: seed) { g, row in offset + Double(row % 5) * 12 + g.nextGaussian() }
    }

    func linkage<S: BLASScalar>(_ points: Matrix<S>, _ method: LinkageMethod, pruning: Bool,
                                parallelWork: Int? = nil) throws -> Linkage {
        let n = points.rows
        switch method {
        case .ward:
            return try stepwiseLinkage(nearestNeighborChain(
                CentroidStore<S, WardCentroids>(points: points, parallelWork: parallelWork, pruning: pruning,
                                                ascendingList: !pruning)), leafCount: n)
        case .centroid:
            return Linkage(leafCount: n, merges: try genericLinkage(
                CentroidStore<S, TrueCentroids>(points: points, parallelWork: parallelWork, pruning: pruning)))
        default:
            return Linkage(leafCount: n, merges: try genericLinkage(
                CentroidStore<S, MedianCentroids>(points: points, parallelWork: parallelWork, pruning: pruning)))
        }
    }

    /// Ward's scans are pruned; centroid and median keep their scans in slot
    /// order but run on the blocks' layout (rows regrouped and moved).
    @Test(arguments: [LinkageMethod.ward, .centroid, .median])
    func pruningChangesNothing(_ method: LinkageMethod) throws {
        let cases: [(String, Matrix<Double>)] = [
            ("blobs", blobs(700, 12, seed: 1)),
            ("blobs, few coordinates (no single-precision filter)", blobs(400, 3, seed: 2)),
            ("one coordinate", data(300, 1, seed: 3) { g, _ in g.nextGaussian() }),
            // Few distinct values: exact ties among values and bounds.
            ("tied grid", data(500, 9, seed: 4) { g, _ in Double(g.next() % 3) }),
            ("far from the origin", blobs(300, 10, seed: 5, offset: 1e7)),
            ("no structure", data(400, 16, seed: 6) { g, _ in g.nextGaussian() }),
            // 32 blocks in 6 groups: whole groups are skipped.
            ("the plane", blobs(2000, 2, seed: 7)),
        ]
        for (name, points) in cases {
            let unpruned = try linkage(points, method, pruning: false)
            // The partner forced on every pass, and left to the default.
            #expect(try linkage(points, method, pruning: true, parallelWork: 1) == unpruned, "\(name), \(method)")
            #expect(try linkage(points, method, pruning: true) == unpruned, "\(name), \(method)")
            var single = Matrix<Float>(rows: points.rows, columns: points.columns)
            single.storage = points.storage.map { Float($0) }
            #expect(try linkage(single, method, pruning: true, parallelWork: 1)
                    == linkage(single, method, pruning: false), "\(name), \(method), Float")
        }
    }

    /// SciPy's linkage of six blobs (600 x 8, `make_points_references.py`),
    /// through `HierarchicalClustering`, which prunes at this size.
    @Test(arguments: [LinkageMethod.single, .ward, .centroid, .median])
    func blobsMatchSciPy(_ method: LinkageMethod) throws {
        let points = try R.points("blobs")
        let mine = try HierarchicalClustering.linkage(points: points, method: method)
        let reference = try R.reference("blobs", "euclidean", method)
        #expect(mine.leafCount == reference.leafCount && mine.merges.count == reference.merges.count)
        for (row, (m, r)) in zip(mine.merges, reference.merges).enumerated() {
            #expect(m.a == r.a && m.b == r.b && m.size == r.size, "\(method) row \(row): \(m) vs SciPy \(r)")
            #expect(R.relativeDifference(m.height, r.height) <= 1e-9, "\(method) row \(row): \(m.height) vs SciPy \(r.height)")
        }
    }

    /// The estimate that decides whether Ward runs on the points: small for
    /// blobs, near 1 for noise, 1 when too few points for blocks.
    @Test func scanFractionTellsClustersFromNoise() throws {
        let clustered = HierarchicalClustering.wardScanFraction(points: try R.points("blobs"))
        #expect(clustered < 0.5, "\(clustered)")
        let noise = HierarchicalClustering.wardScanFraction(points: data(600, 16, seed: 12) { g, _ in g.nextGaussian() })
        #expect(noise > 0.8, "\(noise)")
        #expect(HierarchicalClustering.wardScanFraction(points: blobs(100, 4, seed: 13)) == 1)
        var single = Matrix<Float>(rows: 600, columns: 8)
        single.storage = try R.points("blobs").storage.map { Float($0) }
        #expect(abs(HierarchicalClustering.wardScanFraction(points: single) - clustered) < 0.05)
    }

    /// Where linking on the points is expected to be faster: Ward on
    /// clusters of at most 64 columns, not on noise nor beyond 64 columns;
    /// single up to 128 columns, whatever the data; never the methods that
    /// need the distances.
    @Test func pointsPathFollowsMethodColumnsAndData() throws {
        let clusters = try R.points("blobs")
        let noise = data(600, 16, seed: 12) { g, _ in g.nextGaussian() }
        #expect(HierarchicalClustering.linksFasterOnPoints(clusters, method: .ward))
        #expect(!HierarchicalClustering.linksFasterOnPoints(noise, method: .ward))
        #expect(!HierarchicalClustering.linksFasterOnPoints(blobs(600, 65, seed: 3), method: .ward))
        #expect(HierarchicalClustering.linksFasterOnPoints(noise, method: .single))
        #expect(HierarchicalClustering.linksFasterOnPoints(data(40, 128, seed: 4) { g, _ in g.nextGaussian() }, method: .single))
        #expect(!HierarchicalClustering.linksFasterOnPoints(data(40, 129, seed: 4) { g, _ in g.nextGaussian() }, method: .single))
        for method in [LinkageMethod.average, .complete, .weighted, .centroid, .median] {
            #expect(!HierarchicalClustering.linksFasterOnPoints(clusters, method: method), "\(method)")
        }
    }

    /// The bound of a block, and of a group of blocks, never exceeds the
    /// dissimilarity to any point in it, for queries inside, near and far
    /// from it, in Double and Float, as the balls grow and rows leave.
    @Test func lowerBoundsHold() {
        func check<S: BLASScalar>(_ type: S.Type) {
            let d = 7
            let source = blobs(320, d, seed: 9)
            let n = source.rows
            var points = source.storage.map { S($0) }
            var order = Array(0..<n)
            points.withUnsafeMutableBufferPointer { buffer in
                let p = buffer.baseAddress!
                let blocks = BoundingBlocks<S>(rows: n, dimension: d)
                let starts = blocks.spatialOrder(&order) { UnsafePointer(p + $0 * d) }
                #expect(starts.count >= 5 && starts.first == 0, "\(S.self)")
                #expect(Set(order) == Set(0..<n), "\(S.self)")
                // Rows in spatial order, sizes 1...4.
                var rows = [S](repeating: 0, count: n * d)
                for (k, slot) in order.enumerated() { for c in 0..<d { rows[k * d + c] = p[slot * d + c] } }
                rows.withUnsafeMutableBufferPointer { rowBuffer in
                    let r = rowBuffer.baseAddress!
                    blocks.rebuild(starts: starts, rows: n, point: { UnsafePointer(r + $0 * d) }, size: { 1 + $0 % 4 })
                    // A point moved far out widens its ball; a row leaves.
                    for c in 0..<d { r[3 * d + c] += 40 }
                    blocks.enclose(row: 3, r + 3 * d)
                    if let last = blocks.remove(row: 0) { for c in 0..<d { r[c] = r[last * d + c] } }
                    var pruning = 0
                    var groupPruning = 0
                    #expect(blocks.groupCount >= 2, "\(S.self)")
                    #expect(Array(0..<blocks.groupCount).flatMap { Array(blocks.blocks(inGroup: $0)) }
                            == Array(0..<blocks.blockCount), "\(S.self): groups cover the blocks once, in order")
                    var generator = SeededGenerator(seed: 10)
                    for query in 0..<40 {
                        var q = [S](repeating: 0, count: d)
                        for c in 0..<d { q[c] = S(Double(query % 6) * 12 - 6 + 3 * generator.nextGaussian()) }
                        let size = 1 + query % 3
                        q.withUnsafeBufferPointer { blocks.setQuery($0.baseAddress!) }
                        blocks.measure(0..<blocks.blockCount)
                        blocks.measure(groups: 0..<blocks.groupCount)
                        for g in 0..<blocks.groupCount {
                            let ward = blocks.lowerBound(WardCentroids.self, size: size, group: g)
                            if ward > 0 { groupPruning += 1 }
                            for b in blocks.blocks(inGroup: g) {
                                for row in blocks.first[b]..<(blocks.first[b] + blocks.count[b]) {
                                    let squared = q.withUnsafeBufferPointer { squaredEuclidean($0.baseAddress!, r + row * d, d) }
                                    let w = Double(WardCentroids.dissimilarity(squaredDistance: squared, nx: S(size),
                                                                               ny: S(blocks.sizeOfRow[row])))
                                    #expect(ward <= w, "\(S.self) query \(query) group \(g) row \(row)")
                                }
                            }
                        }
                        for b in 0..<blocks.blockCount {
                            let ward = blocks.lowerBound(WardCentroids.self, size: size, block: b)
                            let centroid = blocks.lowerBound(TrueCentroids.self, size: size, block: b)
                            if ward > 0 { pruning += 1 }
                            for row in blocks.first[b]..<(blocks.first[b] + blocks.count[b]) {
                                let squared = q.withUnsafeBufferPointer { squaredEuclidean($0.baseAddress!, r + row * d, d) }
                                let w = Double(WardCentroids.dissimilarity(squaredDistance: squared, nx: S(size),
                                                                           ny: S(blocks.sizeOfRow[row])))
                                #expect(ward <= w, "\(S.self) query \(query) block \(b) row \(row)")
                                #expect(centroid <= Double(squared), "\(S.self) query \(query) block \(b) row \(row)")
                            }
                        }
                    }
                    // Not vacuous: most blocks are far from most queries.
                    #expect(pruning > 40 * blocks.blockCount / 2, "\(S.self): \(pruning)")
                    #expect(groupPruning > 40 * blocks.groupCount / 4, "\(S.self): \(groupPruning) groups")
                }
            }
        }
        check(Double.self)
        check(Float.self)
    }
}
