import Foundation
import Testing
@testable import TendencyCore

/// One reference data set written by
/// Fixtures/reference/dendrogram/make_dendrogram_references.py (SciPy).
private struct DendrogramReference {
    let name: String
    let linkage: Linkage
    let distances: CondensedDistances<Double>

    static let names = [
        "gauss30_average", "uniform45_ward", "blobs60_complete", "gauss20_single",
        "uniform25_median", "gauss35_weighted", "binary40_average", "binary24_complete",
    ]

    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/reference/dendrogram")

    static func table(_ file: String) throws -> [[String]] {
        try CSVTable(contentsOf: directory.appendingPathComponent(file).path).records.map { $0.cells.map(\.text) }
    }

    static func linkage(_ file: String) throws -> Linkage {
        let rows = try table(file)
        let merges = try rows.map { row in
            Linkage.Merge(a: try #require(Int(row[0])), b: try #require(Int(row[1])),
                          height: try #require(Double(row[2])), size: try #require(Int(row[3])))
        }
        return Linkage(leafCount: merges.count + 1, merges: merges)
    }

    static func column(_ file: String) throws -> [Double] {
        try table(file).map { try #require(Double($0[0])) }
    }

    init(_ name: String) throws {
        self.name = name
        linkage = try DendrogramReference.linkage("\(name)_linkage.csv")
        distances = CondensedDistances(count: linkage.leafCount,
                                       storage: try DendrogramReference.column("\(name)_distances.csv"))
    }
}

/// |a - b| within 1e-12 of their size.
private func close(_ a: Double, _ b: Double) -> Bool {
    abs(a - b) <= 1e-12 * max(abs(a), abs(b), 1e-3)
}

private func isMonotone(_ linkage: Linkage) -> Bool {
    let n = linkage.leafCount
    return linkage.merges.allSatisfy { merge in
        [merge.a, merge.b].allSatisfy { $0 < n || linkage.merges[$0 - n].height <= merge.height }
    }
}

/// Sum of distances between neighbouring leaves.
private func pathLength(_ order: [Int], _ d: CondensedDistances<Double>) -> Double {
    zip(order, order.dropFirst()).reduce(0) { $0 + d[$1.0, $1.1] }
}

@Suite struct DendrogramTests {
    // MARK: SciPy references

    @Test(arguments: DendrogramReference.names)
    func flatClustersMatchSciPy(name: String) throws {
        let reference = try DendrogramReference(name)
        let dendrogram = try Dendrogram(validating: reference.linkage)
        let rows = try DendrogramReference.table("\(name)_fcluster.csv")
        #expect(rows.count > 20)
        for row in rows {
            let expected = row[3].split(separator: " ").map { Int($0)! }
            let threshold = try #require(Double(row[1]))
            let got: [Int]
            switch row[0] {
            case "maxclust": got = dendrogram.flatClusters(count: Int(threshold))
            case "distance": got = dendrogram.flatClusters(height: threshold)
            default: got = dendrogram.flatClusters(inconsistency: threshold, depth: try #require(Int(row[2])))
            }
            #expect(got == expected, "\(name) \(row[0]) \(row[1]) depth \(row[2])")
        }
    }

    @Test(arguments: DendrogramReference.names)
    func inconsistencyMatchesSciPy(name: String) throws {
        let dendrogram = try Dendrogram(validating: try DendrogramReference(name).linkage)
        let rows = try DendrogramReference.table("\(name)_inconsistent.csv")
        let n = dendrogram.leafCount
        for depth in 1...4 {
            let got = dendrogram.inconsistencyStatistics(depth: depth)
            let expected = rows.filter { $0[0] == String(depth) }
            try #require(got.count == n - 1 && expected.count == n - 1)
            for (g, e) in zip(got, expected) {
                #expect(close(g.mean, Double(e[1])!), "\(name) depth \(depth) mean")
                #expect(close(g.standardDeviation, Double(e[2])!), "\(name) depth \(depth) std")
                #expect(g.count == Int(e[3])!, "\(name) depth \(depth) count")
                #expect(close(g.coefficient, Double(e[4])!), "\(name) depth \(depth) coefficient")
            }
        }
    }

    @Test(arguments: DendrogramReference.names)
    func copheneticMatchesSciPy(name: String) throws {
        let reference = try DendrogramReference(name)
        let dendrogram = try Dendrogram(validating: reference.linkage)
        let expected = try DendrogramReference.column("\(name)_cophenet.csv")
        #expect(dendrogram.copheneticDistances().storage == expected)
        let correlation = try #require(Double(try DendrogramReference.table("\(name)_scalars.csv")[0][1]))
        #expect(close(try dendrogram.copheneticCorrelation(with: reference.distances), correlation))
        // Single precision input is widened to Double, as SciPy computes.
        let single = CondensedDistances<Float>(count: reference.distances.count,
                                               storage: reference.distances.storage.map { Float($0) })
        #expect(abs(try dendrogram.copheneticCorrelation(with: single) - correlation) < 1e-6)
    }

    @Test(arguments: DendrogramReference.names)
    func leafOrderMatchesSciPy(name: String) throws {
        let dendrogram = try Dendrogram(validating: try DendrogramReference(name).linkage)
        let expected = try DendrogramReference.column("\(name)_leaves.csv").map { Int($0) }
        #expect(dendrogram.leafOrder() == expected)
    }

    @Test(arguments: DendrogramReference.names)
    func optimalLeafOrderingMatchesSciPy(name: String) throws {
        let reference = try DendrogramReference(name)
        let dendrogram = try Dendrogram(validating: reference.linkage)
        let sciPy = try dendrogram.optimallyOrdered(distances: reference.distances, matchingSciPy: true)
        #expect(sciPy == (try DendrogramReference.linkage("\(name)_olo_linkage.csv")))
        let leaves = try DendrogramReference.column("\(name)_olo_leaves.csv").map { Int($0) }
        #expect(Dendrogram(sciPy).leafOrder() == leaves)
        // The truly optimal order is never longer than SciPy's or the original.
        let optimal = try dendrogram.optimallyOrdered(distances: reference.distances)
        let optimalLength = pathLength(Dendrogram(optimal).leafOrder(), reference.distances)
        #expect(optimalLength <= pathLength(leaves, reference.distances) + 1e-12)
        #expect(optimalLength <= pathLength(dendrogram.leafOrder(), reference.distances) + 1e-12)
        #expect(optimal.merges.map(\.height) == reference.linkage.merges.map(\.height))
        #expect(optimal.merges.map(\.size) == reference.linkage.merges.map(\.size))
    }

    // MARK: Properties

    /// The sizes of a maxclust cut, found without labelling the leaves, are
    /// those of the labelled cut; the cluster count of a cut at any height
    /// (binary searches) is that of the labelling. Median linkages are not
    /// monotone and the binary data has ties, so both are covered.
    @Test(arguments: DendrogramReference.names)
    func maxclustSizesAndCutCountsMatchTheLabels(name: String) throws {
        let linkage = try DendrogramReference(name).linkage
        let dendrogram = try Dendrogram(validating: linkage)
        let n = linkage.leafCount
        for k in 0...(n + 1) {
            var sizes = [Int: Int]()
            for label in dendrogram.flatClusters(count: k) { sizes[label, default: 0] += 1 }
            #expect(dendrogram.flatClusterSizes(count: k).sorted() == sizes.values.sorted(), "\(name) k = \(k)")
        }
        let criteria = dendrogram.heightMaxima
        for cutoff in criteria + criteria.map(\.nextDown) + [-1, .infinity] {
            let labelled = Set(dendrogram.labels(criterion: criteria, cutoff: cutoff)).count
            #expect(dendrogram.cutCounts.count(cutoff: cutoff) == labelled, "\(name) cutoff \(cutoff)")
        }
    }

    /// The sweep down the merges gives the count that trying every count
    /// with `flatClusterSizes` gives: on monotone trees, on median trees
    /// (not monotone: the fallback) and with the binary data's ties.
    @Test(arguments: DendrogramReference.names)
    func smallestClusterCountMatchesTryingEachCount(name: String) throws {
        let dendrogram = try Dendrogram(validating: DendrogramReference(name).linkage)
        let n = dendrogram.leafCount
        for minimumSize in 1...5 {
            for required in 1...4 {
                for start in 0...(n + 1) {
                    var m = start
                    while m < n && dendrogram.flatClusterSizes(count: m).filter({ $0 >= minimumSize }).count < required {
                        m += 1
                    }
                    #expect(dendrogram.smallestClusterCount(from: start, withAtLeast: required, ofSize: minimumSize) == m,
                            "\(name) size \(minimumSize) required \(required) start \(start)")
                }
            }
        }
    }

    @Test(arguments: DendrogramReference.names)
    func maxclustGivesExactlyKLabelsWhenPossible(name: String) throws {
        let linkage = try DendrogramReference(name).linkage
        let dendrogram = try Dendrogram(validating: linkage)
        let n = linkage.leafCount
        let sortedHeights = linkage.merges.map(\.height).sorted()
        for k in 1...n {
            let labels = dendrogram.flatClusters(count: k)
            let distinct = Set(labels)
            // Labels are 1...c without gaps, and never more than k of them.
            #expect(distinct == Set(1...distinct.count))
            #expect(distinct.count <= k)
            // With a monotone linkage the cut is ambiguous only when the
            // (n-k)-th and (n-k+1)-th smallest heights tie.
            if isMonotone(linkage), k < n, k == 1 || sortedHeights[n - k - 1] != sortedHeights[n - k] {
                #expect(distinct.count == k, "\(name) k = \(k)")
            }
        }
        #expect(dendrogram.flatClusters(count: 0) == dendrogram.flatClusters(count: 1))
        #expect(dendrogram.flatClusters(count: n + 5) == Array(1...n))
    }

    @Test(arguments: DendrogramReference.names)
    func copheneticIsUltrametricForMonotoneLinkages(name: String) throws {
        let linkage = try DendrogramReference(name).linkage
        let c = try Dendrogram(validating: linkage).copheneticDistances()
        let n = c.count
        var violations = 0
        for i in 0..<n {
            for j in (i + 1)..<n {
                for k in 0..<n where k != i && k != j && c[i, j] > max(c[i, k], c[k, j]) {
                    violations += 1
                }
            }
        }
        if isMonotone(linkage) {
            #expect(violations == 0)
        } else {
            #expect(violations > 0)  // the median data set is deliberately non-monotone
        }
    }

    @Test(arguments: DendrogramReference.names)
    func clusterLeavesAreTheirChildrensUnion(name: String) throws {
        let linkage = try DendrogramReference(name).linkage
        let dendrogram = try Dendrogram(validating: linkage)
        let n = linkage.leafCount
        for leaf in 0..<n { #expect(dendrogram.leaves(ofCluster: leaf) == [leaf]) }
        for (i, merge) in linkage.merges.enumerated() {
            let leaves = dendrogram.leaves(ofCluster: n + i)
            #expect(leaves == dendrogram.leaves(ofCluster: merge.a) + dendrogram.leaves(ofCluster: merge.b))
            #expect(leaves.count == merge.size)
        }
        #expect(dendrogram.leaves(ofCluster: 2 * n - 2) == dendrogram.leafOrder())
    }

    @Test func optimalOrderingIsTheBestOfAllFlips() throws {
        // Random trees of 4...9 leaves with random distances: compare with all
        // 2^(n-1) orders the tree allows. SciPy's result is never better.
        var generator = SeededGenerator(seed: 11)
        var sciPyWasSuboptimal = false
        for _ in 0..<60 {
            let n = 4 + Int(generator.next() % 6)
            var distances = CondensedDistances<Double>(count: n)
            for k in distances.storage.indices { distances.storage[k] = generator.nextUnit() }
            var active = Array(0..<n)
            var sizes = [Int](repeating: 1, count: 2 * n - 1)
            var merges = [Linkage.Merge]()
            for i in 0..<(n - 1) {
                let x = active.remove(at: Int(generator.next() % UInt64(active.count)))
                let y = active.remove(at: Int(generator.next() % UInt64(active.count)))
                sizes[n + i] = sizes[x] + sizes[y]
                merges.append(.init(a: x, b: y, height: Double(i + 1), size: sizes[n + i]))
                active.append(n + i)
            }
            let linkage = Linkage(leafCount: n, merges: merges)
            var bestLength = Double.infinity
            for pattern in 0..<(1 << (n - 1)) {
                var flipped = linkage
                for i in 0..<(n - 1) where pattern & (1 << i) != 0 {
                    (flipped.merges[i].a, flipped.merges[i].b) = (flipped.merges[i].b, flipped.merges[i].a)
                }
                bestLength = min(bestLength, pathLength(Dendrogram(flipped).leafOrder(), distances))
            }
            let dendrogram = try Dendrogram(validating: linkage)
            let optimal = try dendrogram.optimallyOrdered(distances: distances)
            #expect(abs(pathLength(Dendrogram(optimal).leafOrder(), distances) - bestLength) < 1e-12)
            #expect(try dendrogram.optimallyOrdered(distances: distances) == optimal)  // deterministic
            let sciPy = try dendrogram.optimallyOrdered(distances: distances, matchingSciPy: true)
            let sciPyLength = pathLength(Dendrogram(sciPy).leafOrder(), distances)
            #expect(sciPyLength >= bestLength - 1e-12)
            if sciPyLength > bestLength + 1e-9 { sciPyWasSuboptimal = true }
        }
        #expect(sciPyWasSuboptimal)  // scipy/scipy#11227
    }

    @Test func optimalOrderingOfTiedDistancesIsStable() throws {
        // All distances equal: every order is optimal; nothing should be swapped.
        let reference = try DendrogramReference("binary40_average")
        let dendrogram = try Dendrogram(validating: reference.linkage)
        let flat = CondensedDistances<Float>(count: reference.distances.count, repeating: 1)
        #expect(try dendrogram.optimallyOrdered(distances: flat) == reference.linkage)
    }

    // MARK: Newick

    @Test(arguments: DendrogramReference.names)
    func newickParsesBackToTheTree(name: String) throws {
        let linkage = try DendrogramReference(name).linkage
        let dendrogram = try Dendrogram(validating: linkage)
        let n = linkage.leafCount
        let labels = (0..<n).map { "leaf \($0)" }
        let text = try dendrogram.newick(labels: labels)
        #expect(text.hasSuffix(";"))
        let tree = try NewickTree(parsing: text)
        // Internal nodes in post-order correspond to merges; compare by leaf sets.
        var clusters = Set<[String]>()
        for i in 0..<(n - 1) { clusters.insert(dendrogram.leaves(ofCluster: n + i).map { labels[$0] }) }
        #expect(Set(tree.clusters) == clusters)
        #expect(tree.leafOrder == dendrogram.leafOrder().map { labels[$0] })
        // Root-to-leaf path lengths equal the root height (branch lengths telescope).
        let rootHeight = linkage.merges[n - 2].height
        for depth in tree.leafDepths { #expect(abs(depth - rootHeight) <= 1e-9 * max(rootHeight, 1)) }
    }

    @Test func newickQuotesLabelsThatNeedIt() throws {
        let linkage = Linkage(leafCount: 3, merges: [
            .init(a: 0, b: 1, height: 0.5, size: 2), .init(a: 2, b: 3, height: 2, size: 3),
        ])
        let text = try Dendrogram(linkage).newick(labels: ["it's (x)", "plain", "a_b"])
        #expect(text == "('a_b':2.0,('it''s (x)':0.5,plain:0.5):1.5);")
        let tree = try NewickTree(parsing: text)
        #expect(tree.leafOrder == ["a_b", "it's (x)", "plain"])
        #expect(Dendrogram.newickLabel("") == "''")
        #expect(Dendrogram.newickLabel("x:y;z,w") == "'x:y;z,w'")
        #expect(Dendrogram.newickLabel("tab\there") == "'tab\there'")
        #expect(Dendrogram.newickLabel("[note]") == "'[note]'")
        #expect(Dendrogram.newickLabel("Ünïcode-1.5") == "Ünïcode-1.5")
    }

    // MARK: Small and large trees

    @Test func singleLeafAndPair() throws {
        let one = try Dendrogram(validating: Linkage(leafCount: 1, merges: []))
        #expect(one.leafOrder() == [0])
        #expect(one.flatClusters(count: 1) == [1])
        #expect(one.flatClusterSizes(count: 1) == [1])
        #expect(one.cutCounts.count(cutoff: 0) == 1)
        #expect(one.flatClusters(count: 0) == [1])
        #expect(one.flatClusters(height: 0) == [1])
        #expect(one.inconsistencyStatistics().isEmpty)
        #expect(one.copheneticDistances().storage.isEmpty)
        #expect(try one.newick(labels: ["only"]) == "only;")

        let pair = try Dendrogram(validating: Linkage(leafCount: 2, merges: [.init(a: 1, b: 0, height: 3, size: 2)]))
        #expect(pair.leafOrder() == [1, 0])
        #expect(pair.flatClusters(count: 1) == [1, 1])
        #expect(pair.flatClusters(count: 2) == [1, 2])
        #expect(pair.flatClusters(height: 2.9) == [2, 1])  // SciPy numbers the left child first
        #expect(pair.copheneticDistances().storage == [3])
        #expect(pair.inconsistencyStatistics() == [InconsistencyStatistics(mean: 3, standardDeviation: 0, count: 1, coefficient: 0)])
        #expect(try pair.newick(labels: ["a", "b"]) == "(b:3.0,a:3.0);")
    }

    @Test func deepChainsNeedNoRecursion() throws {
        let n = 50_000
        for leafFirst in [false, true] {
            // Each merge adds one leaf to the growing cluster, on the right or the left.
            var merges = [Linkage.Merge(a: 0, b: 1, height: 1, size: 2)]
            for i in 1..<(n - 1) {
                let grown = n + i - 1
                merges.append(leafFirst
                    ? .init(a: i + 1, b: grown, height: Double(i + 1), size: i + 2)
                    : .init(a: grown, b: i + 1, height: Double(i + 1), size: i + 2))
            }
            let dendrogram = try Dendrogram(validating: Linkage(leafCount: n, merges: merges))
            let order = dendrogram.leafOrder()
            #expect(order == (leafFirst ? [Int]((2..<n).reversed()) + [0, 1] : Array(0..<n)))
            #expect(dendrogram.leaves(ofCluster: 2 * n - 2).count == n)
            let three = dendrogram.flatClusters(count: 3)
            #expect(Set(three).count == 3)
            #expect(three[0] == three[1] && three[n - 1] != three[n - 2])
            #expect(Set(dendrogram.flatClusters(height: Double(n / 2))).count == n - n / 2)
            let statistics = dendrogram.inconsistencyStatistics(depth: 3)
            #expect(statistics.last?.count == 3)
            #expect(Set(dendrogram.flatClusters(inconsistency: 10, depth: 3)).count == 1)
            let newick = try dendrogram.newick(labels: (0..<n).map { "x\($0)" })
            #expect(newick.hasSuffix(");"))
            #expect(newick.filter { $0 == "(" }.count == n - 1)
        }
    }

    // MARK: Errors

    @Test func invalidLinkagesAreRejected() {
        func rejects(_ merges: [Linkage.Merge], leaves: Int = 3) -> Bool {
            do { _ = try Dendrogram(validating: Linkage(leafCount: leaves, merges: merges)); return false } catch {
                return error is DendrogramError
            }
        }
        let good: [Linkage.Merge] = [.init(a: 0, b: 1, height: 1, size: 2), .init(a: 2, b: 3, height: 2, size: 3)]
        #expect(!rejects(good))
        #expect(rejects(Array(good.prefix(1))))                                                     // too few merges
        #expect(rejects([], leaves: 0))                                                            // no leaves
        #expect(rejects([.init(a: 0, b: 3, height: 1, size: 2), good[1]]))                         // forward reference
        #expect(rejects([good[0], .init(a: 0, b: 2, height: 2, size: 2)]))                         // reused leaf
        #expect(rejects([.init(a: 1, b: 1, height: 1, size: 2), good[1]]))                         // self merge
        #expect(rejects([good[0], .init(a: 2, b: 3, height: -1, size: 3)]))                        // negative height
        #expect(rejects([good[0], .init(a: 2, b: 3, height: .nan, size: 3)]))                      // NaN height
        #expect(rejects([good[0], .init(a: 2, b: 3, height: 2, size: 4)]))                         // wrong size
        #expect(rejects([good[0], .init(a: -1, b: 3, height: 2, size: 3)]))                        // negative id
    }

    @Test func mismatchedInputsThrow() throws {
        let dendrogram = try Dendrogram(validating: Linkage(leafCount: 3, merges: [
            .init(a: 0, b: 1, height: 1, size: 2), .init(a: 2, b: 3, height: 2, size: 3),
        ]))
        #expect(throws: DendrogramError.countMismatch(what: "the labels", expected: 3, actual: 2)) {
            try dendrogram.newick(labels: ["a", "b"])
        }
        #expect(throws: DendrogramError.self) {
            try dendrogram.copheneticCorrelation(with: CondensedDistances<Double>(count: 4))
        }
        #expect(throws: DendrogramError.self) {
            try dendrogram.optimallyOrdered(distances: CondensedDistances<Double>(count: 2))
        }
        #expect(throws: DendrogramError.nonFiniteDistances) {
            try dendrogram.optimallyOrdered(distances: CondensedDistances<Double>(count: 3, storage: [1, .infinity, 2]))
        }
    }
}

/// A small Newick reader for the tests (recursive; the test trees are
/// shallow): the leaves in order, each internal node's leaves, and each
/// leaf's distance from the root.
private struct NewickTree {
    indirect enum Node {
        case leaf(String)
        case inner([(node: Node, length: Double)])
    }

    struct ParseError: Error { let message: String }

    private(set) var leafOrder = [String]()
    private(set) var clusters = [[String]]()
    private(set) var leafDepths = [Double]()

    init(parsing text: String) throws {
        var reader = Reader(characters: Array(text))
        let root = try reader.node()
        guard reader.next() == ";", reader.position == reader.characters.count else {
            throw ParseError(message: "expected a final ;")
        }
        _ = collect(root, depth: 0)
    }

    private mutating func collect(_ node: Node, depth: Double) -> [String] {
        switch node {
        case .leaf(let label):
            leafOrder.append(label)
            leafDepths.append(depth)
            return [label]
        case .inner(let children):
            let leaves = children.flatMap { collect($0.node, depth: depth + $0.length) }
            clusters.append(leaves)
            return leaves
        }
    }

    private struct Reader {
        let characters: [Character]
        var position = 0

        mutating func next() -> Character? {
            guard position < characters.count else { return nil }
            defer { position += 1 }
            return characters[position]
        }

        var peek: Character? { position < characters.count ? characters[position] : nil }

        mutating func node() throws -> Node {
            guard peek == "(" else { return .leaf(try label()) }
            position += 1
            var children = [(node: Node, length: Double)]()
            while true {
                let child = try node()
                guard next() == ":" else { throw ParseError(message: "expected : at \(position)") }
                var text = ""
                while let c = peek, !",);".contains(c) { text.append(c); position += 1 }
                guard let length = Double(text) else { throw ParseError(message: "bad length \(text)") }
                children.append((child, length))
                switch next() {
                case ",": continue
                case ")": return .inner(children)
                default: throw ParseError(message: "expected , or ) at \(position)")
                }
            }
        }

        mutating func label() throws -> String {
            var text = ""
            if peek == "'" {
                position += 1
                while true {
                    guard let c = next() else { throw ParseError(message: "unclosed quote") }
                    if c == "'" {
                        if peek == "'" { text.append("'"); position += 1; continue }
                        return text
                    }
                    text.append(c)
                }
            }
            while let c = peek, !":,);".contains(c) { text.append(c); position += 1 }
            // Unquoted underscores stand for blanks.
            return text.replacingOccurrences(of: "_", with: " ")
        }
    }
}
