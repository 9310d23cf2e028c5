/// Cuts a dendrogram into k tendencies, keeping small outlying branches from
/// counting as tendencies of their own.
///
/// Plain `maxclust` cuts on noisy alignment data often split off one or two
/// outlying members as a "cluster". Instead we cut into the fewest clusters
/// m >= k such that k of them have at least `minimumSize` members; those k
/// are the tendencies, and members of the smaller branches are assigned to
/// the tendency they are closest to on average and flagged as sitting apart.
struct TendencyCut {
    /// Tendency per member, 0..<k, numbered by size (largest first).
    var labels: [Int]
    /// Members that were in a small branch, not in a tendency's core.
    var apart: Set<Int>
    /// Whether every tendency's core has at least the minimum size: false
    /// when no cut of the tree has k branches that large (ties, or a tree
    /// that sheds members one by one), and the smallest tendencies are then
    /// single branches below the minimum.
    var reachable = true

    init(dendrogram: Dendrogram, distances: CondensedDistances<Double>, k: Int, minimumSize: Int) {
        self = Self.cuts(dendrogram: dendrogram, distances: distances, ks: [k], minimumSize: minimumSize)[0]
    }

    private init(labels: [Int], apart: Set<Int>, reachable: Bool = true) {
        self.labels = labels
        self.apart = apart
        self.reachable = reachable
    }

    /// The cut for each k of `ks`, each as `init(dendrogram:distances:k:minimumSize:)`
    /// makes it, with one pass over the distances for all of them: a pass
    /// reads most of the matrix from memory, and the analysis cuts every
    /// tree at up to `--max-k` counts (measured: `nearestCores` was 9% of
    /// `tendency analyze`'s samples at 5,000 members with a pass per k).
    static func cuts(dendrogram: Dendrogram, distances: CondensedDistances<Double>, ks: some Sequence<Int>,
                     minimumSize: Int) -> [TendencyCut] {
        cuts(dendrogram: dendrogram, count: distances.count, ks: ks, minimumSize: minimumSize) {
            nearestCores($0, distances: distances)
        }
    }

    /// The same cuts of a tree of points under Euclidean distance, linked
    /// without a distance matrix: the members apart take their rows of
    /// distances from the coordinates (`nearestCores(_:points:)`).
    static func cuts(dendrogram: Dendrogram, points: Matrix<Double>, ks: some Sequence<Int>,
                     minimumSize: Int) -> [TendencyCut] {
        cuts(dendrogram: dendrogram, count: points.rows, ks: ks, minimumSize: minimumSize) {
            nearestCores($0, points: points)
        }
    }

    /// One tree linked on `points` (`HierarchicalClustering.linkage(points:method:)`), cut at every k of `ks`.
    static func cuts(ofTreeOn points: Matrix<Double>, method: LinkageMethod, ks: some Sequence<Int>,
                     minimumSize: Int) throws -> [TendencyCut] {
        let tree = Dendrogram(try HierarchicalClustering.linkage(points: points, method: method))
        return cuts(dendrogram: tree, points: points, ks: ks, minimumSize: minimumSize)
    }

    /// One tree linked through `distances`, cut at every k of `ks`.
    static func cuts(ofTreeOf distances: CondensedDistances<Double>, method: LinkageMethod, ks: some Sequence<Int>,
                     minimumSize: Int) throws -> [TendencyCut] {
        let tree = Dendrogram(try HierarchicalClustering.linkage(distances, method: method))
        return cuts(dendrogram: tree, distances: distances, ks: ks, minimumSize: minimumSize)
    }

    private static func cuts(dendrogram: Dendrogram, count n: Int, ks: some Sequence<Int>, minimumSize: Int,
                             nearest: ([Cores]) -> [[Int]]) -> [TendencyCut] {
        let cores = ks.map { $0 > 1 ? Cores(dendrogram, count: n, k: $0, minimumSize: minimumSize) : nil }
        var nearest = nearest(cores.compactMap { $0 }).makeIterator()
        return cores.map { cut in
            guard let cut else { return TendencyCut(labels: Array(repeating: 0, count: n), apart: []) }
            var labels = cut.tendency
            for (i, t) in zip(cut.apart, nearest.next()!) { labels[i] = t }
            return TendencyCut(labels: labels, apart: Set(cut.apart), reachable: cut.sizes.allSatisfy { $0 >= minimumSize })
        }
    }

    /// The k tendencies' cores of one cut.
    struct Cores {
        /// Tendency per member, -1 for members apart.
        var tendency: [Int]
        /// Members per core.
        var sizes: [Int]
        /// The members apart, ascending.
        var apart: [Int]

        init(tendency: [Int], sizes: [Int], apart: [Int]) {
            self.tendency = tendency
            self.sizes = sizes
            self.apart = apart
        }

        /// The k largest clusters of the smallest maxclust cut that has k of
        /// at least `minimumSize` members (k > 1).
        init(_ dendrogram: Dendrogram, count n: Int, k: Int, minimumSize: Int) {
            // Cluster sizes alone decide m, so only the final cut labels the
            // members (on noisy data m can run to hundreds past k).
            let m = dendrogram.smallestClusterCount(from: k, withAtLeast: k, ofSize: minimumSize)
            let flat = dendrogram.flatClusters(count: m)
            // The k largest clusters (ties: the one whose first member comes first) become tendencies.
            // Labels run 1...c.
            let labelCount = (flat.max() ?? 0) + 1
            var sizes = [Int](repeating: 0, count: labelCount)
            var firstMember = [Int](repeating: n, count: labelCount)
            for (i, label) in flat.enumerated() {
                sizes[label] += 1
                firstMember[label] = min(firstMember[label], i)
            }
            let ranked = (0..<labelCount).filter { sizes[$0] > 0 }
                .sorted { (sizes[$0], -firstMember[$0]) > (sizes[$1], -firstMember[$1]) }
            var tendencyOf = [Int](repeating: -1, count: labelCount)
            for (t, label) in ranked.prefix(k).enumerated() { tendencyOf[label] = t }

            let tendency = flat.map { tendencyOf[$0] }
            var coreSizes = [Int](repeating: 0, count: k)
            for t in tendency where t >= 0 { coreSizes[t] += 1 }
            self.init(tendency: tendency, sizes: coreSizes, apart: (0..<n).filter { tendency[$0] < 0 })
        }
    }

    /// For each cut, for each of its members apart, the tendency whose core
    /// members are closest on average; the lowest on ties.
    ///
    /// One pass over the condensed rows, each read contiguously and once for
    /// every cut: a member apart adds its whole row, a core member its
    /// entries in the columns of the members apart. Each pair is stored once,
    /// in the row of its lower member, so every sum adds its terms in
    /// increasing member order, as a loop over the core would (and gives the
    /// same bits).
    static func nearestCores(_ cuts: [Cores], distances: CondensedDistances<Double>) -> [[Int]] {
        let n = distances.count
        // Cut c's sums at offset[c] + (position among its apart) * k + tendency.
        var offset = [0]
        for cut in cuts { offset.append(offset.last! + cut.apart.count * cut.sizes.count) }
        var sums = [Double](repeating: 0, count: offset.last!)
        // Every cut's tendencies and members apart in flat arrays, read through pointers in the loop.
        let tendencies = cuts.flatMap(\.tendency)
        var apartStart = [0]
        for cut in cuts { apartStart.append(apartStart.last! + cut.apart.count) }
        let apart = cuts.flatMap(\.apart)
        var next = [Int](repeating: 0, count: cuts.count)
        distances.storage.withUnsafeBufferPointer { d in
            sums.withUnsafeMutableBufferPointer { sums in
                tendencies.withUnsafeBufferPointer { tendencies in
                    apart.withUnsafeBufferPointer { apart in
                        for a in 0..<n {
                            let row = d.baseAddress! + distances.rowBase(a)
                            for c in cuts.indices {
                                let k = cuts[c].sizes.count
                                let tendency = tendencies.baseAddress! + c * n
                                let cutSums = sums.baseAddress! + offset[c]
                                let t = tendency[a]
                                if t < 0 {
                                    let s = cutSums + next[c] * k
                                    next[c] += 1
                                    for j in (a + 1)..<max(a + 1, n) where tendency[j] >= 0 { s[tendency[j]] += row[j] }
                                } else {
                                    let members = apart.baseAddress! + apartStart[c]
                                    for q in next[c]..<(apartStart[c + 1] - apartStart[c]) {
                                        cutSums[q * k + t] += row[members[q]]
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return nearestFromSums(cuts, sums: sums, offset: offset)
    }

    /// `nearestCores` from distances computed from the coordinates of
    /// points: each member apart in some cut gets its distances to every
    /// cut's core members from the coordinates once (n d work, in place of a
    /// pass over an n x n matrix that the points' linkage never builds),
    /// summed tendency by tendency in increasing member order
    /// (`Matrix.euclideanDistanceSums`: eight members at a time, 9% of
    /// `tendency polis` on 20,000 generated participants one at a time, 3%
    /// so).
    static func nearestCores(_ cuts: [Cores], points: Matrix<Double>) -> [[Int]] {
        var offset = [0]
        for cut in cuts { offset.append(offset.last! + cut.apart.count * cut.sizes.count) }
        // Each cut's core members, tendency by tendency, ascending within each.
        let cores = cuts.map { indicesByGroup($0.tendency, groups: $0.sizes.count) }
        let apart = Set(cuts.flatMap(\.apart)).sorted()
        let place = Dictionary(uniqueKeysWithValues: apart.enumerated().map { ($1, $0) })
        let found = points.euclideanDistanceSums(fromRows: apart, toGroups: cores)
        var sums = [Double](repeating: 0, count: offset.last!)
        for (c, cut) in cuts.enumerated() {
            let k = cut.sizes.count
            for (q, a) in cut.apart.enumerated() {
                for t in 0..<k { sums[offset[c] + q * k + t] = found.sums[c][place[a]! * k + t] }
            }
        }
        return nearestFromSums(cuts, sums: sums, offset: offset)
    }

    /// For each cut's members apart (in order), the tendency with the least
    /// mean in `sums` (cut c's at `offset[c] + position * k + tendency`); the
    /// lowest on ties, tendencies without a core skipped.
    private static func nearestFromSums(_ cuts: [Cores], sums: [Double], offset: [Int]) -> [[Int]] {
        cuts.enumerated().map { c, cut in
            let k = cut.sizes.count
            return cut.apart.indices.map { q in
                var best = 0, bestMean = Double.infinity
                for t in 0..<k where cut.sizes[t] > 0 {
                    let mean = sums[offset[c] + q * k + t] / Double(cut.sizes[t])
                    if mean < bestMean { bestMean = mean; best = t }
                }
                return best
            }
        }
    }
}
