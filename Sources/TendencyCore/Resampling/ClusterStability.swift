/// Cluster-wise stability under resampling (Hennig 2007, "Cluster-wise
/// assessment of cluster stability", Comput. Stat. Data Anal. 52:258–271),
/// and per-observation support for the original assignment.
///
/// For each resample, an original cluster C is restricted to the
/// observations present in the resample (drawn at least once; repeats count
/// once) and compared with every cluster the resample produced, also as a set
/// of distinct observations; its recovery is the largest Jaccard coefficient.
/// A cluster's stability is its mean recovery over the resamples in which it
/// has at least one observation present.
///
/// An observation's support is the share of the resamples containing it in
/// which it was put in the resample cluster that best matches (largest
/// Jaccard; lowest label on ties) its original cluster.
public struct ClusterStability: Sendable, Equatable {
    /// One resample: the original indices drawn (repeats allowed, e.g. a
    /// bootstrap) and the label found for each draw. When an observation is
    /// drawn more than once, the label of its first draw counts.
    public struct Resample: Sendable, Equatable {
        public var indices: [Int]
        public var labels: [Int]

        public init(indices: [Int], labels: [Int]) {
            self.indices = indices
            self.labels = labels
        }
    }

    /// The distinct original labels, ascending.
    public let clusters: [Int]
    /// Per cluster (as `clusters`), the mean Jaccard recovery; nil when the
    /// cluster had no observation in any resample.
    public let meanJaccard: [Double?]
    /// Per cluster, the number of resamples the mean is taken over.
    public let resamplesPresent: [Int]
    /// Per observation, the share of the resamples containing it that kept it
    /// with its cluster's best match; nil when it was never drawn.
    public let support: [Double?]
    /// Per observation, the number of resamples containing it.
    public let timesDrawn: [Int]

    /// Throws when a resample's indices and labels differ in length or an
    /// index is outside 0..<original.count.
    public init(original: [Int], resamples: [Resample]) throws {
        let n = original.count
        let dense = DenseLabels(original)
        let k = dense.count
        var jaccardSums = [Double](repeating: 0, count: k)
        var present = [Int](repeating: 0, count: k)
        var supported = [Int](repeating: 0, count: n)
        var drawn = [Int](repeating: 0, count: n)

        for (number, resample) in resamples.enumerated() {
            guard resample.indices.count == resample.labels.count else {
                throw StatisticsError("resample \(number): \(resample.indices.count) indices but \(resample.labels.count) labels")
            }
            // The label of each distinct observation drawn (first draw wins).
            var found = [Int?](repeating: nil, count: n)
            for (index, label) in zip(resample.indices, resample.labels) {
                guard index >= 0, index < n else {
                    throw StatisticsError("resample \(number): index \(index) outside 0..<\(n)")
                }
                if found[index] == nil { found[index] = label }
            }
            let presentIndices = (0..<n).filter { found[$0] != nil }
            let resampleLabels = DenseLabels(presentIndices.map { found[$0] ?? 0 })
            let r = resampleLabels.count
            var overlap = [Int](repeating: 0, count: k * r)
            var originalSizes = [Int](repeating: 0, count: k)
            for (position, i) in presentIndices.enumerated() {
                overlap[dense.codes[i] * r + resampleLabels.codes[position]] += 1
                originalSizes[dense.codes[i]] += 1
            }
            let resampleSizes = resampleLabels.sizes
            var bestMatch = [Int](repeating: -1, count: k)
            for c in 0..<k where originalSizes[c] > 0 {
                var best = (match: 0, jaccard: -1.0)
                for d in 0..<r {
                    let both = overlap[c * r + d]
                    let jaccard = Double(both) / Double(originalSizes[c] + resampleSizes[d] - both)
                    if jaccard > best.jaccard { best = (d, jaccard) }
                }
                bestMatch[c] = best.match
                jaccardSums[c] += best.jaccard
                present[c] += 1
            }
            for (position, i) in presentIndices.enumerated() {
                drawn[i] += 1
                if resampleLabels.codes[position] == bestMatch[dense.codes[i]] { supported[i] += 1 }
            }
        }
        clusters = dense.values
        meanJaccard = (0..<k).map { present[$0] > 0 ? jaccardSums[$0] / Double(present[$0]) : nil }
        resamplesPresent = present
        support = (0..<n).map { drawn[$0] > 0 ? Double(supported[$0]) / Double(drawn[$0]) : nil }
        timesDrawn = drawn
    }
}
