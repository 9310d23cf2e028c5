import Testing
import TendencyCore
@testable import Tendency

/// The tendency cut: k tendencies of at least the minimum size, members of
/// small branches assigned to the nearest tendency on average.
@Suite struct TendencyCutTests {
    /// Random distances, with ties (values on a coarse grid).
    static func distances(count n: Int, seed: UInt64) -> CondensedDistances<Double> {
        var g = SeededGenerator(seed: seed)
        var d = CondensedDistances<Double>(count: n)
        for k in d.storage.indices { d.storage[k] = Double(g.nextIndex(below: 40)) / 8 }
        return d
    }

    /// The one-pass assignment gives, to the bit, the means of a plain loop
    /// over each core and the same choice (lowest tendency on ties, empty
    /// tendencies skipped).
    @Test(arguments: [1, 2, 3] as [UInt64])
    func nearestCoresMatchesALoopOverEachCore(seed: UInt64) {
        let n = 57, k = 4
        let d = Self.distances(count: n, seed: seed)
        var g = SeededGenerator(seed: seed, stream: 5)
        // Tendency 3 has no core: it must never be chosen.
        let cores = (0..<n).map { _ in g.nextIndex(below: 4) - 1 }.map { $0 == 3 ? -1 : $0 }
        var coreSizes = [Int](repeating: 0, count: k)
        for t in cores where t >= 0 { coreSizes[t] += 1 }
        let apart = (0..<n).filter { cores[$0] < 0 }
        #expect(apart.count > 5)
        let found = TendencyCut.nearestCores([TendencyCut.Cores(tendency: cores, sizes: coreSizes, apart: apart)], distances: d)[0]
        for (i, label) in zip(apart, found) {
            var best = 0, bestMean = Double.infinity
            for t in 0..<k where coreSizes[t] > 0 {
                var sum = 0.0
                for j in 0..<n where cores[j] == t { sum += d[i, j] }
                let mean = sum / Double(coreSizes[t])
                if mean < bestMean { bestMean = mean; best = t }
            }
            #expect(label == best, "member \(i)")
        }
    }

    /// From points, the nearest cores are those a plain loop over each core
    /// finds with the points' Euclidean distances, to the bit (each distance
    /// summed in coordinate order, as a loop sums it, for fewer than eight
    /// coordinates), in several cuts at once.
    @Test(arguments: [1, 2] as [UInt64])
    func nearestCoresFromPointsMatchALoopOverEachCore(seed: UInt64) {
        let n = 61, d = 3, k = 3
        var g = SeededGenerator(seed: seed, stream: 9)
        let points = Matrix(rows: n, columns: d, storage: (0..<(n * d)).map { _ in g.nextGaussian() })
        func distance(_ i: Int, _ j: Int) -> Double {
            var s = 0.0
            for c in 0..<d { let t = points[i, c] - points[j, c]; s += t * t }
            return s.squareRoot()
        }
        let cuts = (0..<2).map { _ in
            let cores = (0..<n).map { _ in g.nextIndex(below: k + 1) - 1 }
            var sizes = [Int](repeating: 0, count: k)
            for t in cores where t >= 0 { sizes[t] += 1 }
            return TendencyCut.Cores(tendency: cores, sizes: sizes, apart: (0..<n).filter { cores[$0] < 0 })
        }
        let found = TendencyCut.nearestCores(cuts, points: points)
        for (cut, labels) in zip(cuts, found) {
            #expect(cut.apart.count > 5 && labels.count == cut.apart.count)
            for (i, label) in zip(cut.apart, labels) {
                var best = 0, bestMean = Double.infinity
                for t in 0..<k where cut.sizes[t] > 0 {
                    var sum = 0.0
                    for j in 0..<n where cut.tendency[j] == t { sum += distance(i, j) }
                    let mean = sum / Double(cut.sizes[t])
                    if mean < bestMean { bestMean = mean; best = t }
                }
                #expect(label == best, "member \(i)")
            }
        }
    }

    /// Every tendency's core has at least the minimum size, the tendencies
    /// are numbered by core size, and exactly the members outside the cores
    /// are flagged apart.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func cutKeepsKLargeCoresAndFlagsTheRest(seed: UInt64) throws {
        let n = 80, minimum = 6
        let d = Self.distances(count: n, seed: seed)
        let dendrogram = Dendrogram(try HierarchicalClustering.linkage(d, method: .average))
        for k in 2...4 {
            let cut = TendencyCut(dendrogram: dendrogram, distances: d, k: k, minimumSize: minimum)
            #expect(cut.labels.count == n)
            #expect(Set(cut.labels) == Set(0..<k))
            let coreSizes = (0..<k).map { t in (0..<n).filter { cut.labels[$0] == t && !cut.apart.contains($0) }.count }
            #expect(coreSizes.allSatisfy { $0 >= minimum }, "k = \(k): \(coreSizes)")
            #expect(coreSizes == coreSizes.sorted(by: >))
            // The cores are whole clusters of the maxclust cut the cut chose.
            let m = dendrogram.smallestClusterCount(from: k, withAtLeast: k, ofSize: minimum)
            let flat = dendrogram.flatClusters(count: m)
            for i in 0..<n where !cut.apart.contains(i) {
                for j in 0..<n where !cut.apart.contains(j) {
                    #expect((flat[i] == flat[j]) == (cut.labels[i] == cut.labels[j]))
                }
            }
        }
    }

    /// Cutting at several k in one pass gives each k's cut as cutting at that
    /// k alone, in any order of the ks and with k = 1 among them.
    @Test(arguments: [4, 5] as [UInt64])
    func cutsAtSeveralCountsMatchOneCountAtATime(seed: UInt64) throws {
        let n = 90, minimum = 12
        let d = Self.distances(count: n, seed: seed)
        // Single linkage chains, leaving small branches outside large cores.
        let dendrogram = Dendrogram(try HierarchicalClustering.linkage(d, method: .single))
        let ks = [3, 1, 6, 2, 5, 4]
        let together = TendencyCut.cuts(dendrogram: dendrogram, distances: d, ks: ks, minimumSize: minimum)
        var apartSomewhere = false
        for (k, cut) in zip(ks, together) {
            let alone = TendencyCut(dendrogram: dendrogram, distances: d, k: k, minimumSize: minimum)
            #expect(cut.labels == alone.labels, "k = \(k)")
            #expect(cut.apart == alone.apart, "k = \(k)")
            #expect(Set(cut.labels) == Set(0..<k))
            apartSomewhere = apartSomewhere || !cut.apart.isEmpty
        }
        #expect(apartSomewhere, "some cut must have members apart, or the pass is not exercised")
    }

    /// A tree that takes in members one by one (points 0, 1, 3, 7, ... on a
    /// line, single linkage) has no cut with two branches of 3: the cut says
    /// so, and a choice of k never picks it.
    @Test func chainsLeaveNoReachableSplit() throws {
        let x = Matrix<Double>((0..<8).map { [Double((1 << $0) - 1)] })
        let d = try PairwiseDistances.condensed(x, metric: .euclidean)
        let tree = Dendrogram(try HierarchicalClustering.linkage(d, method: .single))
        let cuts = TendencyCut.cuts(dendrogram: tree, distances: d, ks: 1...3, minimumSize: 3)
        #expect(cuts.map(\.reachable) == [true, false, false])
        // Points in two groups of four are reachable at k = 2.
        let y = Matrix<Double>([[0], [1], [2], [3], [20], [21], [22], [23]])
        let e = try PairwiseDistances.condensed(y, metric: .euclidean)
        let split = TendencyCut(dendrogram: Dendrogram(try HierarchicalClustering.linkage(e, method: .single)),
                                distances: e, k: 2, minimumSize: 3)
        #expect(split.reachable && split.labels == [0, 0, 0, 0, 1, 1, 1, 1])
        let candidates = (1...3).map { AnalysisReport.Candidate(k: $0, silhouette: $0 == 1 ? nil : 0.9, stability: 1, rank: 0) }
        let ranked = KSelection.rank(candidates, gapPick: nil, unreachable: [2, 3], minimumSize: 3)
        #expect(ranked[0].k == 1)
        #expect(ranked.filter { $0.k > 1 }.allSatisfy { $0.reason?.hasPrefix("Not possible: no cut of the tree gives") == true })
        // The pick's reason says when the gap statistic disagrees.
        let disagreeing = KSelection.rank(candidates, gapPick: 1)
        #expect(disagreeing[0].k == 2 && disagreeing[0].reason?.hasSuffix("The gap statistic points to 1 instead.") == true)
    }

    /// Support rests on the mean stability: a tendency below 0.5 on its own
    /// is named for the chosen k (whoever chose it) and counted for the others.
    @Test func weakTendenciesAreNamed() {
        let weak = KSelection.weakTendencies([2: [0.9, 0.8], 3: [0.87, 0.68, 0.28], 4: [0.3, 0.2, 0.9, 0.6]])
        #expect(weak[2] == nil && weak[3]?.map(\.tendency) == [3] && weak[3]?.first?.stability == 0.28)
        #expect(weak[4]?.map(\.tendency) == [2, 1])  // every one below 0.5, weakest first
        let candidates = [AnalysisReport.Candidate(k: 1, rank: 0),
                          AnalysisReport.Candidate(k: 2, silhouette: 0.3, stability: 0.85, rank: 0),
                          AnalysisReport.Candidate(k: 3, silhouette: 0.2, stability: 0.61, rank: 0)]
        let picked = KSelection.rank(candidates, gapPick: nil, weak: weak)
        #expect(picked[0].k == 2 && picked[0].reason == "The 2 tendencies hold up under resampling (stability 0.85) and are separated (silhouette 0.30).")
        let three = picked.first { $0.k == 3 }!.reason!
        #expect(three.contains("hold up under resampling on average (stability 0.61) and are only weakly separated (silhouette 0.20)."))
        #expect(three.hasSuffix(" One of its tendencies does not hold up on its own (stability 0.28)."))
        let chosen = KSelection.rank(candidates, gapPick: nil, weak: weak, chosen: 3).first { $0.k == 3 }!.reason!
        #expect(chosen.hasSuffix(" Tendency 3 on its own does not hold up (stability 0.28): read it with caution."))
        // A Polis conversation's report says opinion groups and participants.
        let conversation = KSelection.rank(candidates, gapPick: nil, weak: weak, chosen: 3,
                                           words: .conversation)
        #expect(conversation.first { $0.k == 2 }!.reason == "The 2 opinion groups hold up under resampling (stability 0.85) and are separated (silhouette 0.30).")
        #expect(conversation.first { $0.k == 3 }!.reason!.hasSuffix(" Group 3 on its own does not hold up (stability 0.28): read it with caution."))
        #expect(conversation.first { $0.k == 1 }!.reason == "One opinion group: the answer when no split is supported.")
        let unsupported = KSelection.explain(AnalysisReport.Candidate(k: 2, silhouette: 0.05, stability: 0.9, rank: 0),
                                             supported: false, picked: false, gapPick: nil, words: .conversation)
        #expect(unsupported == "Not supported: participants are nearly as close to other opinion groups as to their own (silhouette 0.05 < 0.1).")
        // Several weak tendencies: all named for the chosen k, counted for the others.
        let four = [AnalysisReport.Candidate(k: 1, rank: 0), AnalysisReport.Candidate(k: 4, silhouette: 0.3, stability: 0.61, rank: 0)]
        let named = KSelection.rank(four, gapPick: nil, weak: weak, chosen: 4).first { $0.k == 4 }!.reason!
        #expect(named.hasSuffix(" Tendency 2 and Tendency 1 do not hold up on their own (stability 0.20 and 0.30): read them with caution."))
        let counted = KSelection.rank(four, gapPick: nil, weak: weak, chosen: 1).first { $0.k == 4 }!.reason!
        #expect(counted.hasSuffix(" Two of its tendencies do not hold up on their own (stability 0.20 and 0.30)."))
    }
}
