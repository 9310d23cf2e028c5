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
        /// Labels per k (index k - 2 for k = 2...maxK), one per present
        /// member; 32 bits each, since 200 resamples of 100,000 participants
        /// at five ks hold 100 M of them.
        var labelsByK: [[Int32]]
    }

    var resamples: [Resample]

    /// Members given as points (the analysis links them as points:
    /// `TendencyAnalysis.linksOnPoints`) make every resample do the same:
    /// a member resample takes their rows, a feature resample the points of
    /// its columns, and no resample builds a distance matrix.
    /// `progress`, if given, sees a stage "resampling" counting the resamples.
    init(input: AnalysisInput, distances: MemberDistances, options: AnalysisOptions, ks: ClosedRange<Int>,
         progress: WorkProgress? = nil) throws {
        let n = distances.count
        let b = options.bootstrap
        // Each resample keeps a label per member and k: refused before the work when that cannot fit.
        let needed = 2 * b * n * (MemoryLayout<Int>.stride + ks.count * MemoryLayout<Int32>.stride)
        if let available = MemoryBudget.available(), needed > available * 4 / 5 {
            throw AnalysisError("\(2 * b) resamples of \(n) members need about \(MemoryBudget.describe(needed)) for their labels, but about \(MemoryBudget.describe(available)) is available; give a smaller --bootstrap or --max-k")
        }
        let blocks = input.blocks
        let weights = input.columnWeights
        let draws = BootstrapResampling(seed: options.seed)
        // With principal components, every feature resample projects a subset
        // of the same columns: one cross product serves them all.
        let subsetComponents = try options.components.map { _ in
            try ColumnSubsetComponents(input.rawFeatures.imputingColumnMeans())
        }
        progress?.begin("resampling", total: 2 * b, unit: "resamples")
        resamples = try orderedConcurrentMap(count: 2 * b) { index in
            defer { progress?.advance() }
            let members = index < b ? Array(Set(draws.rowIndices(resample: index, count: n))).sorted() : Array(0..<n)
            let minimum = options.minimumTendencySize(members: members.count)
            let cutKs = ks.filter { $0 >= 2 }
            // The feature resample's columns and weights (a block drawn m times counts m times).
            func drawnColumns() -> (columns: [Int], weights: [Double]) {
                var generator = SeededGenerator(seed: options.seed, stream: UInt64(2 * index + 1))
                let drawn = (0..<blocks.count).map { _ in blocks[generator.nextIndex(below: blocks.count)] }
                return Self.columns(of: drawn, weights: weights, options: options)
            }
            // The members in the feature resample's `euclideanSpace`.
            func drawnSpace() throws -> Matrix<Double> {
                let (columns, columnWeights) = drawnColumns()
                if let subsetComponents, let components = options.components, Set(columns).count == columns.count {
                    return try subsetComponents.scores(columns: columns, weights: columnWeights,
                                                       components: min(components, columns.count, n))
                }
                return try TendencyAnalysis.euclideanSpace(input.rawFeatures.selectingColumns(columns),
                                                           weights: columnWeights, options: options)
            }
            let cuts: [TendencyCut]
            switch distances {
            case .points(let points):
                let resampled = index < b ? points.selectingRows(members) : try drawnSpace()
                cuts = try TendencyCut.cuts(ofTreeOn: resampled, method: options.method, ks: cutKs, minimumSize: minimum)
            case .matrix(let distances):
                let resampled: CondensedDistances<Double>
                if index < b {
                    resampled = distances.selecting(members)
                } else if options.components != nil {
                    resampled = try TendencyAnalysis.distances(inSpace: try drawnSpace(), options: options)
                } else {
                    let (columns, columnWeights) = drawnColumns()
                    resampled = try TendencyAnalysis.distances(input.rawFeatures.selectingColumns(columns),
                                                               weights: columnWeights, options: options)
                }
                cuts = try TendencyCut.cuts(ofTreeOf: resampled, method: options.method, ks: cutKs, minimumSize: minimum)
            }
            return Resample(members: members, labelsByK: cuts.map { $0.labels.map { Int32($0) } })
        }
    }

    /// The columns of the drawn feature blocks, with their weights: a block
    /// drawn m times counts m times. Where a column's weight multiplies its
    /// term (`TendencyAnalysis.weightsMultiplyColumnTerms`), that is the
    /// column once with m times its weight: the same distances for about
    /// 1 - 1/e of the kernel's work (`tendency analyze` on 5,000 generated
    /// members: 37.1 s before, 32.5 s after). Rounding differs, so near-ties
    /// in resample trees may go the other way: measured a quarter of the
    /// variation a different seed gives (Benchmarks/README.md). Otherwise
    /// the columns are repeated.
    static func columns(of drawn: [[Int]], weights: [Double], options: AnalysisOptions) -> (columns: [Int], weights: [Double]) {
        guard TendencyAnalysis.weightsMultiplyColumnTerms(options) else {
            let columns = drawn.flatMap { $0 }
            return (columns, columns.map { weights[$0] })
        }
        var times = [Int](repeating: 0, count: weights.count)
        for block in drawn { for column in block { times[column] += 1 } }
        let columns = times.indices.filter { times[$0] > 0 }
        return (columns, columns.map { weights[$0] * Double(times[$0]) })
    }

    /// Cluster-wise stability and per-member support of `labels` (k tendencies).
    func assess(labels: [Int], k: Int) throws -> ClusterStability {
        try ClusterStability(original: labels, resamples: resamples.map {
            ClusterStability.Resample(indices: $0.members, labels: $0.labelsByK[k - 2].map(Int.init))
        })
    }
}
