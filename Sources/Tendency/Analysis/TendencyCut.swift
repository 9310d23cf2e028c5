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

    init(dendrogram: Dendrogram, distances: CondensedDistances<Double>, k: Int, minimumSize: Int) {
        let n = distances.count
        guard k > 1 else {
            labels = Array(repeating: 0, count: n)
            apart = []
            return
        }
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

        let cores = flat.map { tendencyOf[$0] }
        var coreSizes = [Int](repeating: 0, count: k)
        for t in cores where t >= 0 { coreSizes[t] += 1 }
        let apartMembers = (0..<n).filter { cores[$0] < 0 }
        var labels = cores
        for (i, t) in zip(apartMembers, TendencyCut.nearestCores(apartMembers, cores: cores, coreSizes: coreSizes, distances: distances)) {
            labels[i] = t
        }
        self.labels = labels
        self.apart = Set(apartMembers)
    }

    /// For each member of `apart` (ascending, in no core: `cores[i] == -1`),
    /// the tendency whose core members are closest on average; the lowest on
    /// ties.
    ///
    /// One pass over the condensed rows, each read contiguously: a member
    /// apart adds its whole row, a core member its entries in the columns of
    /// the members apart. Each pair is stored once, in the row of its lower
    /// member, so every sum adds its terms in increasing member order, as a
    /// loop over the core would (and gives the same bits).
    static func nearestCores(_ apart: [Int], cores: [Int], coreSizes: [Int], distances: CondensedDistances<Double>) -> [Int] {
        let n = distances.count, k = coreSizes.count
        var sums = [Double](repeating: 0, count: apart.count * k)
        distances.storage.withUnsafeBufferPointer { d in
            var next = 0
            for a in 0..<n {
                let base = distances.rowBase(a)
                let t = cores[a]
                if t < 0 {
                    let s = next * k
                    next += 1
                    for j in (a + 1)..<max(a + 1, n) where cores[j] >= 0 { sums[s + cores[j]] += d[base + j] }
                } else {
                    for q in next..<apart.count { sums[q * k + t] += d[base + apart[q]] }
                }
            }
        }
        return apart.indices.map { q in
            var best = 0, bestMean = Double.infinity
            for t in 0..<k where coreSizes[t] > 0 {
                let mean = sums[q * k + t] / Double(coreSizes[t])
                if mean < bestMean { bestMean = mean; best = t }
            }
            return best
        }
    }
}
