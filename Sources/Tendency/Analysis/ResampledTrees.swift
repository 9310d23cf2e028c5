/// Bootstrap resamples of the clustering (Hennig 2007, "Cluster-wise
/// assessment of cluster stability"): half of them resample members with
/// replacement, half resample feature blocks with replacement; each resample
/// is re-clustered and cut at every candidate k.
///
/// Resample b draws from its own `SeededGenerator` stream, so its outcome
/// does not depend on which thread ran it or in what order.
struct ResampledTrees {
    struct Resample {
        /// The distinct members present (sorted), into the original indices.
        var members: [Int]
        /// Labels per k (index k - 2 for k = 2...maxK), one per present member.
        var labelsByK: [[Int]]
    }

    var resamples: [Resample]

    init(input: AnalysisInput, distances: CondensedDistances<Double>, options: AnalysisOptions, ks: ClosedRange<Int>) throws {
        let n = distances.count
        let b = options.bootstrap
        let blocks = input.blocks
        let weights = input.columnWeights
        let draws = BootstrapResampling(seed: options.seed)
        resamples = try orderedConcurrentMap(count: 2 * b) { index in
            let members: [Int]
            let resampled: CondensedDistances<Double>
            if index < b {
                members = Array(Set(draws.rowIndices(resample: index, count: n))).sorted()
                resampled = distances.selecting(members)
            } else {
                var generator = SeededGenerator(seed: options.seed, stream: UInt64(2 * index + 1))
                var columns: [Int] = []
                for _ in 0..<blocks.count { columns += blocks[generator.nextIndex(below: blocks.count)] }
                members = Array(0..<n)
                resampled = try TendencyAnalysis.distances(input.rawFeatures.selectingColumns(columns),
                                                           weights: columns.map { weights[$0] }, options: options)
            }
            let dendrogram = Dendrogram(try HierarchicalClustering.linkage(resampled, method: options.method))
            let minimum = options.minimumTendencySize(members: members.count)
            let labelsByK = ks.filter { $0 >= 2 }.map {
                TendencyCut(dendrogram: dendrogram, distances: resampled, k: $0, minimumSize: minimum).labels
            }
            return Resample(members: members, labelsByK: labelsByK)
        }
    }

    /// Cluster-wise stability and per-member support of `labels` (k tendencies).
    func assess(labels: [Int], k: Int) throws -> ClusterStability {
        try ClusterStability(original: labels, resamples: resamples.map {
            ClusterStability.Resample(indices: $0.members, labels: $0.labelsByK[k - 2])
        })
    }
}
