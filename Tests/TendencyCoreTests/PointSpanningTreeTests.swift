import Testing
@testable import TendencyCore

/// `PointSpanningTree` (Prim's algorithm on points, its distance loop in C,
/// parts of each step on a partner thread) must give the plain loop's tree
/// bit for bit: in every vector variant, with and without the partner, for
/// coordinate counts around the eight-lane sums, and on tied data.
@Suite struct PointSpanningTreeTests {
    /// `n` points of `d` coordinates: Gaussian, or small integers (many tied distances).
    func points<S: BLASScalar>(_: S.Type, n: Int, d: Int, tied: Bool, seed: UInt64) -> [S] {
        var generator = SeededGenerator(seed: seed)
        return (0..<(n * d)).map { _ in
            tied ? S(Int(generator.next() % 3)) : S(generator.nextGaussian())
        }
    }

    func expectSameTree<S: BLASScalar>(_ type: S.Type, n: Int, d: Int, tied: Bool) throws {
        let data = points(type, n: n, d: d, tied: tied, seed: UInt64(31 * n + d))
        try data.withUnsafeBufferPointer { buffer in
            let plain = try minimumSpanningTree(PointSource(points: buffer.baseAddress!, count: n, dimension: d))
            for variant in VectorVariant.available {
                for partedCount in [nil, 1, 7] as [Int?] {
                    let edges = try PointSpanningTree(points: buffer.baseAddress!, count: n, dimension: d,
                                                      variant: variant, partedCount: partedCount).edges()
                    let label = "\(S.self) n=\(n) d=\(d) tied=\(tied) variant=\(variant.code) parted=\(String(describing: partedCount))"
                    #expect(edges.count == plain.count, "\(label)")
                    for (k, (a, b)) in zip(edges, plain).enumerated() {
                        #expect(a.dropped == b.dropped && a.kept == b.kept && a.height.bitPattern == b.height.bitPattern,
                                "\(label) edge \(k)")
                    }
                }
            }
        }
    }

    @Test(arguments: [1, 3, 8, 13, 64])
    func sameTreeAsThePlainLoop(d: Int) throws {
        for n in [2, 5, 200] {
            for tied in [false, true] {
                try expectSameTree(Double.self, n: n, d: d, tied: tied)
                try expectSameTree(Float.self, n: n, d: d, tied: tied)
            }
        }
    }

    /// Through the public entry point, against SciPy's single linkage of the same points.
    @Test func singleLinkageOnPointsMatchesSciPy() throws {
        let mine = try HierarchicalClustering.linkage(points: LinkageReplay.points("continuous"), method: .single)
        let scipy = try LinkageReplay.reference("continuous", "euclidean", .single)
        #expect(mine.merges.count == scipy.merges.count)
        for (a, b) in zip(mine.merges, scipy.merges) {
            #expect(a.a == b.a && a.b == b.b && a.size == b.size && abs(a.height - b.height) <= 1e-12 * b.height)
        }
    }
}
