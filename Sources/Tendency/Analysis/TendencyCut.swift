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
        var m = k
        while m < n && dendrogram.flatClusterSizes(count: m).filter({ $0 >= minimumSize }).count < k {
            m += 1
        }
        let flat = dendrogram.flatClusters(count: m)
        // The k largest clusters (ties: the one whose first member comes first) become tendencies.
        let sizes = TendencyCut.sizes(flat)
        var firstMember: [Int: Int] = [:]
        for (i, label) in flat.enumerated() where firstMember[label] == nil { firstMember[label] = i }
        let ranked = sizes.keys.sorted { (sizes[$0]!, -firstMember[$0]!) > (sizes[$1]!, -firstMember[$1]!) }
        let kept = Array(ranked.prefix(k))
        var tendencyOf: [Int: Int] = [:]
        for (t, label) in kept.enumerated() { tendencyOf[label] = t }

        var labels = flat.map { tendencyOf[$0] ?? -1 }
        var apart = Set<Int>()
        let cores = (0..<k).map { t in labels.indices.filter { labels[$0] == t } }
        for i in 0..<n where labels[i] < 0 {
            apart.insert(i)
            labels[i] = TendencyCut.nearest(i, cores: cores, distances: distances)
        }
        self.labels = labels
        self.apart = apart
    }

    /// The group whose members are closest to `i` on average.
    static func nearest(_ i: Int, cores: [[Int]], distances: CondensedDistances<Double>) -> Int {
        var best = 0, bestMean = Double.infinity
        for (t, core) in cores.enumerated() {
            var sum = 0.0, others = 0
            for j in core where j != i {
                sum += distances[i, j]
                others += 1
            }
            guard others > 0 else { continue }
            let mean = sum / Double(others)
            if mean < bestMean { bestMean = mean; best = t }
        }
        return best
    }

    static func sizes(_ labels: [Int]) -> [Int: Int] {
        var sizes: [Int: Int] = [:]
        for label in labels { sizes[label, default: 0] += 1 }
        return sizes
    }
}
