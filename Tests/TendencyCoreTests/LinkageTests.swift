import Foundation
import Testing
@testable import TendencyCore

/// A reference case: data set, metric and method of a SciPy linkage fixture.
struct LinkageCase: Sendable, CustomStringConvertible {
    var data: String
    var metric: String
    var method: LinkageMethod
    var description: String { "\(data)/\(metric)/\(method.rawValue)" }

    static func all(_ data: String, metrics: [String]) -> [LinkageCase] {
        metrics.flatMap { metric in
            LinkageMethod.allCases
                .filter { !$0.requiresEuclidean || metric == "euclidean" }
                .map { LinkageCase(data: data, metric: metric, method: $0) }
        }
    }

    static let continuous = all("continuous", metrics: ["euclidean", "cosine", "correlation"])
    static let binary = all("binary", metrics: ["euclidean", "cosine", "correlation", "jaccard", "hamming"])
}

@Suite struct LinkageTests {
    typealias R = LinkageReplay

    func expectSame(_ mine: Linkage, _ reference: Linkage, tolerance: Double, _ label: String) {
        #expect(mine.leafCount == reference.leafCount, "\(label)")
        #expect(mine.merges.count == reference.merges.count, "\(label)")
        for (row, (m, r)) in zip(mine.merges, reference.merges).enumerated() {
            #expect(m.a == r.a && m.b == r.b && m.size == r.size, "\(label) row \(row): \(m) vs SciPy \(r)")
            #expect(R.relativeDifference(m.height, r.height) <= tolerance, "\(label) row \(row): \(m.height) vs SciPy \(r.height)")
        }
    }

    // MARK: Against SciPy

    @Test(arguments: LinkageCase.continuous)
    func tieFreeDataMatchesSciPy(_ c: LinkageCase) throws {
        let mine = try HierarchicalClustering.linkage(R.distances(c.data, c.metric), method: c.method)
        try mine.validate()
        expectSame(mine, try R.reference(c.data, c.metric, c.method), tolerance: 1e-9, c.description)
    }

    @Test(arguments: LinkageCase.binary)
    func tiedDataGivesAValidClosestPairLinkage(_ c: LinkageCase) throws {
        let distances = try R.distances(c.data, c.metric)
        let mine = try HierarchicalClustering.linkage(distances, method: c.method)
        try mine.validate()
        let problems = R.problems(mine, distances: distances, method: c.method)
        #expect(problems.isEmpty, "\(c): \(problems.prefix(3))")
        // The replay checker itself accepts SciPy's own answer.
        let reference = try R.reference(c.data, c.metric, c.method)
        #expect(R.problems(reference, distances: distances, method: c.method).isEmpty, "\(c): SciPy fails replay")
        if c.method.isMonotone {
            #expect(zip(mine.merges, mine.merges.dropFirst()).allSatisfy { $0.height <= $1.height }, "\(c)")
        }
        switch c.method {
        case .single:
            #expect(R.cophenetic(mine) == R.cophenetic(reference), "\(c)")
            expectSame(mine, reference, tolerance: 0, c.description)
        case .complete, .average, .weighted:
            // Same arithmetic and tie-breaking as SciPy: the same matrix even with ties.
            expectSame(mine, reference, tolerance: 0, c.description)
        case .ward, .centroid, .median:
            break  // squared arithmetic may resolve exact ties differently; validity is checked above
        }
    }

    // MARK: Properties

    /// Float input works in Float and in place of its storage when consumed.
    @Test(arguments: LinkageCase.continuous)
    func consumedFloatInputGivesTheSameResult(_ c: LinkageCase) throws {
        let distances = try R.distances(c.data, c.metric)
        let float = CondensedDistances<Float>(count: distances.count, storage: distances.storage.map { Float($0) })
        let kept = try HierarchicalClustering.linkage(float, method: c.method)
        var moved = float
        moved.storage[0] = float.storage[0]  // a unique copy, then handed over
        #expect(try HierarchicalClustering.linkage(consume moved, method: c.method) == kept, "\(c)")
        #expect(float.storage == distances.storage.map { Float($0) }, "the caller's distances are unchanged")
    }

    /// The replay checker rejects a linkage built with another method.
    @Test func replayRejectsAWrongLinkage() throws {
        let distances = try R.distances("continuous", "euclidean")
        let complete = try R.reference("continuous", "euclidean", .complete)
        #expect(!R.problems(complete, distances: distances, method: .single).isEmpty)
        #expect(!R.problems(complete, distances: distances, method: .average).isEmpty)
        var shuffled = complete
        shuffled.merges[0].height *= 1.001
        #expect(!R.problems(shuffled, distances: distances, method: .complete).isEmpty)
    }

    @Test(arguments: LinkageCase.continuous)
    func monotoneMethodsHaveNonDecreasingHeights(_ c: LinkageCase) throws {
        let mine = try HierarchicalClustering.linkage(R.distances(c.data, c.metric), method: c.method)
        let nonDecreasing = zip(mine.merges, mine.merges.dropFirst()).allSatisfy { $0.height <= $1.height }
        if c.method.isMonotone { #expect(nonDecreasing, "\(c)") }
        #expect(R.problems(mine, distances: try R.distances(c.data, c.metric), method: c.method).isEmpty, "\(c)")
    }

    @Test(arguments: LinkageMethod.allCases)
    func permutingObservationsPermutesLeaves(_ method: LinkageMethod) throws {
        let distances = try R.distances("continuous", "euclidean")
        let n = distances.count
        var generator = SeededGenerator(seed: 7)
        var permutation = Array(0..<n)
        permutation.shuffle(using: &generator)
        // Observation k of the permuted set is observation permutation[k] of the original.
        var permuted = CondensedDistances<Double>(count: n)
        for i in 0..<n { for j in (i + 1)..<n { permuted[i, j] = distances[permutation[i], permutation[j]] } }
        let original = try HierarchicalClustering.linkage(distances, method: method)
        let shuffled = try HierarchicalClustering.linkage(permuted, method: method)
        for (a, b) in zip(original.merges, shuffled.merges) {
            #expect(R.relativeDifference(a.height, b.height) <= 1e-12, "\(method)")
            #expect(a.size == b.size, "\(method)")
        }
        #expect(R.clusters(original) == R.clusters(shuffled, relabel: { permutation[$0] }), "\(method)")
    }

    @Test(arguments: [LinkageMethod.single, .ward, .centroid, .median])
    func pointsPathAgreesWithDistancePath(_ method: LinkageMethod) throws {
        let points = try R.points("continuous")
        let fromPoints = try HierarchicalClustering.linkage(points: points, method: method)
        let fromDistances = try HierarchicalClustering.linkage(R.distances("continuous", "euclidean"), method: method)
        expectSame(fromPoints, fromDistances, tolerance: 1e-9, "points/\(method)")
        expectSame(fromPoints, try R.reference("continuous", "euclidean", method), tolerance: 1e-9, "points-vs-SciPy/\(method)")
    }

    /// A larger seeded set: the points path agrees with the distance path
    /// through 299 merges, and both pass the replay check.
    @Test(arguments: [LinkageMethod.single, .ward, .centroid, .median])
    func pointsPathAgreesOnALargerSet(_ method: LinkageMethod) throws {
        var generator = SeededGenerator(seed: 2011)
        let n = 300
        var points = Matrix<Double>(rows: n, columns: 5)
        for k in points.storage.indices { points.storage[k] = generator.nextGaussian() }
        var distances = CondensedDistances<Double>(count: n)
        for i in 0..<n { for j in (i + 1)..<n {
            distances[i, j] = (0..<5).reduce(0.0) { $0 + (points[i, $1] - points[j, $1]) * (points[i, $1] - points[j, $1]) }.squareRoot()
        } }
        let fromPoints = try HierarchicalClustering.linkage(points: points, method: method)
        let fromDistances = try HierarchicalClustering.linkage(distances, method: method)
        expectSame(fromPoints, fromDistances, tolerance: 1e-9, "random/\(method)")
        #expect(R.problems(fromPoints, distances: distances, method: method, tolerance: 1e-9).isEmpty, "\(method)")
    }

    @Test(arguments: [LinkageMethod.single, .ward, .centroid, .median])
    func pointsPathOnTiedDataIsValid(_ method: LinkageMethod) throws {
        let fromPoints = try HierarchicalClustering.linkage(points: R.points("binary"), method: method)
        try fromPoints.validate()
        let problems = R.problems(fromPoints, distances: try R.distances("binary", "euclidean"), method: method)
        #expect(problems.isEmpty, "\(method): \(problems.prefix(3))")
    }

    /// Identical points merge at height exactly 0 on the points path, as from
    /// the distances: a weighted mean of equal coordinates is kept as they are
    /// (computed, nx/(nx+ny) + ny/(nx+ny) can round away from 1).
    @Test(arguments: [LinkageMethod.ward, .centroid, .median])
    func identicalPointsMergeAtZero(_ method: LinkageMethod) throws {
        var generator = SeededGenerator(seed: 2013)
        let distinct = (0..<40).map { _ in (0..<6).map { _ in generator.nextGaussian() / 3 } }
        let rows = (0..<240).map { distinct[($0 * 7) % 40] }   // six copies of each
        let fromPoints = try HierarchicalClustering.linkage(points: Matrix(rows), method: method)
        #expect(fromPoints.merges.prefix(200).allSatisfy { $0.height == 0 }, "\(method)")
        #expect(fromPoints.merges.dropFirst(200).allSatisfy { $0.height > 0 }, "\(method)")
    }

    @Test(arguments: LinkageCase.continuous)
    func floatHeightsAgreeWithDouble(_ c: LinkageCase) throws {
        let distances = try R.distances(c.data, c.metric)
        let single = CondensedDistances<Float>(count: distances.count, storage: distances.storage.map { Float($0) })
        let double = try HierarchicalClustering.linkage(distances, method: c.method)
        let float = try HierarchicalClustering.linkage(single, method: c.method)
        try float.validate()
        for (d, f) in zip(double.merges, float.merges) {
            #expect(R.relativeDifference(d.height, f.height) <= 1e-4, "\(c): \(d.height) vs Float \(f.height)")
        }
    }

    @Test(arguments: [LinkageMethod.single, .ward, .centroid, .median])
    func floatPointsAgreeWithDouble(_ method: LinkageMethod) throws {
        let points = try R.points("continuous")
        let double = try HierarchicalClustering.linkage(points: points, method: method)
        let float = try HierarchicalClustering.linkage(points: points.converted(to: Float.self), method: method)
        for (d, f) in zip(double.merges, float.merges) {
            #expect(R.relativeDifference(d.height, f.height) <= 1e-4, "\(method): \(d.height) vs Float \(f.height)")
        }
    }

    // MARK: Small cases and errors

    /// Points 0, 1, 3, 7 on a line: every method's answer can be worked by hand.
    @Test func smallLineByHand() throws {
        let x: [Double] = [0, 1, 3, 7]
        var d = CondensedDistances<Double>(count: 4)
        for i in 0..<4 { for j in (i + 1)..<4 { d[i, j] = abs(x[i] - x[j]) } }
        typealias M = Linkage.Merge
        let single = try HierarchicalClustering.linkage(d, method: .single)
        #expect(single.merges == [M(a: 0, b: 1, height: 1, size: 2), M(a: 2, b: 4, height: 2, size: 3),
                                  M(a: 3, b: 5, height: 4, size: 4)])
        let complete = try HierarchicalClustering.linkage(d, method: .complete)
        #expect(complete.merges == [M(a: 0, b: 1, height: 1, size: 2), M(a: 2, b: 4, height: 3, size: 3),
                                    M(a: 3, b: 5, height: 7, size: 4)])
        let average = try HierarchicalClustering.linkage(d, method: .average)
        let averageHeights: [Double] = [1, 2.5, 17.0 / 3.0]
        #expect(average.merges.map(\.height) == averageHeights)
        // Centroid of {0,1} is 0.5; then {0,1,3} has centroid 4/3; 7 - 4/3 = 17/3.
        let centroid = try HierarchicalClustering.linkage(d, method: .centroid)
        #expect(centroid.merges.map(\.a) == [0, 2, 3] && centroid.merges.map(\.b) == [1, 4, 5])
        #expect(zip(centroid.merges.map(\.height), [1, 2.5, 17.0 / 3]).allSatisfy { abs($0 - $1) < 1e-12 })
        let fromPoints = try HierarchicalClustering.linkage(points: Matrix(x.map { [$0] }), method: .centroid)
        #expect(zip(fromPoints.merges.map(\.height), [1, 2.5, 17.0 / 3]).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    /// Median linkage can invert: the later merge is lower than the earlier one.
    @Test func medianInversionIsKeptInMergeOrder() throws {
        // An equilateral triangle of side 1: after the first merge the midpoint
        // is sqrt(3)/2 < 1 from the third point.
        let d = CondensedDistances<Double>(count: 3, storage: [1, 1, 1])
        for method in [LinkageMethod.centroid, .median] {
            let linkage = try HierarchicalClustering.linkage(d, method: method)
            #expect(linkage.merges.map(\.a) == [0, 2] && linkage.merges.map(\.b) == [1, 3])
            #expect(abs(linkage.merges[1].height - 3.0.squareRoot() / 2) < 1e-12)
            #expect(linkage.merges[1].height < linkage.merges[0].height)
        }
    }

    @Test func twoObservations() throws {
        for method in LinkageMethod.allCases {
            let linkage = try HierarchicalClustering.linkage(CondensedDistances<Double>(count: 2, storage: [2.5]), method: method)
            #expect(linkage.merges == [Linkage.Merge(a: 0, b: 1, height: 2.5, size: 2)], "\(method)")
        }
    }

    @Test func invalidInputsThrow() {
        for method in LinkageMethod.allCases {
            #expect(throws: LinkageError.tooFewObservations(1)) {
                try HierarchicalClustering.linkage(CondensedDistances<Double>(count: 1, storage: []), method: method)
            }
            #expect(throws: LinkageError.nonFiniteDistance(i: 1, j: 3)) {
                var d = CondensedDistances<Double>(count: 4, repeating: 1)
                d[1, 3] = .nan
                return try HierarchicalClustering.linkage(d, method: method)
            }
            #expect(throws: LinkageError.nonFiniteDistance(i: 0, j: 2)) {
                var d = CondensedDistances<Float>(count: 3, repeating: 1)
                d[0, 2] = .infinity
                return try HierarchicalClustering.linkage(d, method: method)
            }
        }
        for method in [LinkageMethod.complete, .average, .weighted] {
            #expect(throws: LinkageError.methodNeedsDistances(method)) {
                try HierarchicalClustering.linkage(points: Matrix<Double>(rows: 3, columns: 2), method: method)
            }
        }
        #expect(throws: LinkageError.nonFiniteCoordinate(row: 1, column: 0)) {
            try HierarchicalClustering.linkage(points: Matrix<Double>([[0, 1], [.nan, 2]]), method: .ward)
        }
        for method in [LinkageMethod.single, .ward, .centroid, .median] {
            #expect(throws: LinkageError.overflow) {
                try HierarchicalClustering.linkage(points: Matrix<Double>([[0], [1e200], [3e200]]), method: method)
            }
        }
        #expect(throws: LinkageError.tooFewObservations(0)) {
            try HierarchicalClustering.linkage(points: Matrix<Double>(rows: 0, columns: 2), method: .single)
        }
        // Squaring 1e200 overflows: a clear error, not a crash or a NaN height.
        #expect(throws: LinkageError.overflow) {
            try HierarchicalClustering.linkage(CondensedDistances<Double>(count: 3, storage: [1e200, 2e200, 3e200]), method: .ward)
        }
    }

    @Test func pointsWithoutCoordinatesAreAllAtZero() throws {
        let linkage = try HierarchicalClustering.linkage(points: Matrix<Double>(rows: 3, columns: 0), method: .single)
        #expect(linkage.merges.map(\.height) == [0, 0])
        try linkage.validate()
    }

    // MARK: CSV

    @Test func csvRoundTrip() throws {
        let linkage = Linkage(leafCount: 4, merges: [
            .init(a: 0, b: 1, height: 0.1, size: 2), .init(a: 2, b: 3, height: 1e-05, size: 2),
            .init(a: 4, b: 5, height: 1.0 / 3.0, size: 4)])
        let text = linkage.csv()
        #expect(text == "a,b,height,size\n0,1,0.1,2\n2,3,1e-05,2\n4,5,0.3333333333333333,4\n")
        #expect(try Linkage(csv: text, file: "z.csv") == linkage)
        // numpy.savetxt style integral floats are accepted.
        let numpy = "a,b,height,size\n0.000000000000000000e+00,1.0,5.0e-01,2.0\n"
        #expect(try Linkage(csv: numpy, file: "z.csv").merges == [.init(a: 0, b: 1, height: 0.5, size: 2)])
        let reference = try R.reference("continuous", "euclidean", .average)
        #expect(try Linkage(csv: reference.csv(), file: "r.csv") == reference)
    }

    @Test func invalidCSVIsLocated() {
        func error(_ text: String) -> InputError? {
            do { _ = try Linkage(csv: text, file: "z.csv"); return nil } catch { return error as? InputError }
        }
        let header = "a,b,height,size\n"
        let cases: [(String, Int, Int, String)] = [
            ("a,b,h,size\n0,1,1,2\n", 1, 1, "header"),
            (header, 1, 1, "at least one merge"),
            (header + "0,1,1,2\n0,3,2,3\n", 3, 1, "used more than once"),
            (header + "0,3,1,2\n1,2,2,3\n", 2, 3, "before it is formed"),
            (header + "0,1,-1,2\n2,3,2,3\n", 2, 5, "negative"),
            (header + "0,1,1,2\n2,3,2,2\n4,5,3,3\n", 4, 7, "differs"),
            (header + "0,1,1,2\n2,3,2,4\n", 3, 7, "exceeds"),
            (header + "0,1,x,2\n", 2, 5, "expected a number"),
            (header + "0,1.5,1,2\n", 2, 3, "expected an integer"),
            (header + "-1,1,1,2\n", 2, 1, "negative"),
        ]
        for (text, line, column, message) in cases {
            let e = error(text)
            #expect(e?.line == line && e?.column == column, "\(text.debugDescription): \(String(describing: e))")
            #expect(e?.message.contains(message) == true, "\(text.debugDescription): \(String(describing: e))")
        }
    }

    @Test func validateReportsTheRow() {
        let bad = Linkage(leafCount: 3, merges: [.init(a: 0, b: 1, height: 1, size: 2), .init(a: 2, b: 2, height: 2, size: 3)])
        #expect(throws: LinkageError.self) { try bad.validate() }
        do { try bad.validate() } catch let LinkageError.invalid(row, message) {
            #expect(row == 1 && message.contains("more than once"))
        } catch { Issue.record("unexpected \(error)") }
        #expect(throws: LinkageError.self) { try Linkage(leafCount: 3, merges: []).validate() }
    }
}

/// The points path splits long scans and updates between threads; splitting
/// every one of them must not change the linkage by a bit.
@Suite struct PointsPathSplittingTests {
    @Test(arguments: [LinkageMethod.ward, .centroid, .median])
    func splittingEveryScanChangesNothing(_ method: LinkageMethod) throws {
        var generator = SeededGenerator(seed: 77)
        let n = 240
        var points = Matrix<Double>(rows: n, columns: 4)
        // Few distinct values: many exact ties, where the split could go wrong.
        for k in points.storage.indices { points.storage[k] = Double(generator.next() % 4) }
        let whole = try HierarchicalClustering.linkage(points: points, method: method)
        let split: Linkage
        switch method {
        case .ward:
            split = try stepwiseLinkage(nearestNeighborChain(CentroidStore<Double, WardCentroids>(points: points, parallelWork: 1)),
                                        leafCount: n)
        case .centroid:
            split = Linkage(leafCount: n, merges: try genericLinkage(CentroidStore<Double, TrueCentroids>(points: points, parallelWork: 1)))
        default:
            split = Linkage(leafCount: n, merges: try genericLinkage(CentroidStore<Double, MedianCentroids>(points: points, parallelWork: 1)))
        }
        #expect(whole == split, "\(method)")
    }
}

/// The points path scans through a single-precision copy (`FloatShadow`) and
/// checks the candidates exactly; it must give the exact scan's linkage to
/// the bit: on plain data, on heavily tied data (many candidates, buffer
/// overflows), far from the origin (centring), and beyond Float's range
/// (the exact fallback).
@Suite struct FloatShadowFilterTests {
    func linkages(_ points: Matrix<Double>, _ method: LinkageMethod) throws -> (Linkage, Linkage) {
        let n = points.rows
        func run(_ filtering: Bool) throws -> Linkage {
            switch method {
            case .ward:
                return try stepwiseLinkage(nearestNeighborChain(CentroidStore<Double, WardCentroids>(points: points, filtering: filtering)),
                                           leafCount: n)
            case .centroid:
                return Linkage(leafCount: n, merges: try genericLinkage(CentroidStore<Double, TrueCentroids>(points: points, filtering: filtering)))
            default:
                return Linkage(leafCount: n, merges: try genericLinkage(CentroidStore<Double, MedianCentroids>(points: points, filtering: filtering)))
            }
        }
        return (try run(true), try run(false))
    }

    func data(_ n: Int, _ d: Int, seed: UInt64, _ value: (inout SeededGenerator) -> Double) -> Matrix<Double> {
        var generator = SeededGenerator(seed: seed)
        var points = Matrix<Double>(rows: n, columns: d)
        for k in points.storage.indices { points.storage[k] = value(&generator) }
        return points
    }

    @Test(arguments: [LinkageMethod.ward, .centroid, .median])
    func filteredScansGiveTheExactLinkage(_ method: LinkageMethod) throws {
        let cases: [(String, Matrix<Double>)] = [
            ("gaussian", data(300, 12, seed: 3) { $0.nextGaussian() }),
            ("tied grid", data(400, 8, seed: 4) { Double($0.next() % 3) }),
            ("far from the origin", data(250, 9, seed: 5) { 1e7 + $0.nextGaussian() * 1e-3 }),
            ("beyond Float", data(120, 8, seed: 6) { $0.nextGaussian() * 1e39 }),
        ]
        for (name, points) in cases {
            let (filtered, exact) = try linkages(points, method)
            #expect(filtered == exact, "\(name), \(method)")
        }
    }

    /// The single-precision distances (C, in every vector variant, each
    /// adding its terms in its own order) stay within `bound` of the exact
    /// squared distances: the filter's premise. Coordinate counts around the
    /// sixteen lanes and the four-row groups; data far from the origin too.
    @Test func shadowDistancesStayWithinTheirBound() {
        for (d, offset) in [(1, 0.0), (15, 0.0), (16, 3.0), (33, 1e6), (64, 0.0)] {
            let n = 23
            let points = data(n, d, seed: UInt64(d)) { offset + $0.nextGaussian() }
            let shadow = points.storage.withUnsafeBufferPointer { FloatShadow(points: $0.baseAddress!, count: n, dimension: d) }
            let list = Array((0..<n).reversed()), rowOf = Array(0..<n)
            for variant in VectorVariant.available {
                var out = [Float](repeating: .nan, count: n)
                shadow.squaredDistances(from: 5, to: list, rowOf: rowOf, count: n, into: &out, variant: variant)
                for (k, i) in list.enumerated() {
                    let exact = (0..<d).reduce(0.0) { $0 + (points[5, $1] - points[i, $1]) * (points[5, $1] - points[i, $1]) }
                    let approximate = Double(out[k])
                    #expect(abs(approximate - exact) <= shadow.bound(5, i, approximate: approximate),
                            "d=\(d) variant=\(variant.code) row \(i): \(approximate) vs \(exact)")
                }
            }
        }
    }
}
