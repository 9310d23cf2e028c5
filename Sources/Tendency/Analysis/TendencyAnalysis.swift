import Foundation

/// The main job: from features to candidate tendencies, who is aligned with
/// which and how surely, and what each tendency stands for.
///
/// Pipeline: pairwise kernel -> linkage -> for each k, a cut into tendencies
/// (`TendencyCut`) with its silhouette, gap statistic and bootstrap stability
/// -> the pick (`KSelection`) -> member confidence from the same resamples
/// -> profiles.
public struct TendencyAnalysis: Sendable {
    public struct Member: Sendable, Equatable {
        /// Position in the analysed members, `AnalysisInput.memberIDs`.
        public var index: Int
        /// Tendency number, 1-based.
        public var tendency: Int
        /// Share of resamples in which the member stays with their tendency.
        public var confidence: Double
        /// Silhouette of the member in the chosen cut.
        public var silhouette: Double
        /// Not yet clearly aligned.
        public var ambiguous: Bool
        /// The tendencies the member sits between (own first), when ambiguous.
        public var between: [Int]
        /// Why the member is flagged, in plain words.
        public var reason: String?
    }

    public var options: AnalysisOptions
    /// The members' distances, or nil when the tree was linked on the
    /// members' points (single or Ward linkage under Euclidean distance,
    /// where that is faster: `tendency polis`'s defaults): every figure then
    /// takes its distances from the points, and the analysis holds nothing
    /// that grows with the square of the members.
    public var distances: CondensedDistances<Double>? {
        if case .matrix(let distances) = memberDistances { distances } else { nil }
    }
    var memberDistances: MemberDistances
    public var linkage: Linkage
    public var leafOrder: [Int]
    public var candidates: [AnalysisReport.Candidate]
    public var gapPick: Int?
    public var k: Int
    /// Tendency per member, 1-based.
    public var labels: [Int]
    public var members: [Member]
    /// Mean Jaccard recovery per tendency (index t - 1).
    public var stability: [Double]
    /// Said when one of the chosen k's tendencies falls apart under
    /// resampling (stability below 0.5), whoever chose k.
    public var weakTendencyWarning: String?

    /// The fewest members an analysis takes: two cannot show a structure.
    public static let minimumMembers = 3

    /// `progress`, if given, sees the stages as they begin: "distances",
    /// "linkage" (counting merges), "resampling" (counting resamples),
    /// "gap statistic" (counting clusterings, the data's and each reference
    /// set's) and "assessing candidates" (silhouettes, stability, members).
    public init(_ input: AnalysisInput, options: AnalysisOptions, progress: WorkProgress? = nil) throws {
        self.options = options
        let n = input.memberIDs.count
        guard n >= Self.minimumMembers else {
            throw AnalysisError("found \(n) member\(n == 1 ? "" : "s") with data; the analysis needs at least \(Self.minimumMembers)")
        }
        try options.validate()
        try TendencyAnalysis.checkFits(input, options: options)
        let distances: MemberDistances
        // The members' points (nil for Gower), and those points again when the tree is linked on them.
        let space: Matrix<Double>?, points: Matrix<Double>?
        progress?.begin("distances")
        do {
            space = try TendencyAnalysis.memberSpace(input, options: options)
            points = TendencyAnalysis.linkagePoints(space, options: options)
            try TendencyAnalysis.checkMemory(members: n, features: input.rawFeatures.columns, pointColumns: points?.columns,
                                             words: input.origin.words)
            if let points {
                distances = .points(points)
            } else {
                distances = .matrix(try space.map { try TendencyAnalysis.distances(inSpace: $0, options: options) }
                    ?? TendencyAnalysis.distances(input.rawFeatures, weights: input.columnWeights, options: options))
            }
        } catch let error as KernelError {
            // Members and features by name, not by 0-based index.
            let columns = input.columns
            throw AnalysisError(error.description(row: { "member \"\(input.memberIDs[$0])\"" },
                                                  column: { "feature \"\(columns[$0].label)\"" }))
        }
        memberDistances = distances
        let tree = try distances.linkage(method: options.method, progress: progress)
        linkage = tree
        let dendrogram = Dendrogram(tree)
        leafOrder = n <= 2000
            ? Dendrogram(try dendrogram.optimallyOrdered(distances: try distances.matrix(options: options))).leafOrder()
            : dendrogram.leafOrder()

        // Every k up to --max-k (and a larger --k) is assessed, so that a
        // number the user sets can be compared with the others.
        let maxK = min(max(options.k ?? 1, options.maxK), max(1, n / options.minimumTendencySize(members: n)))
        let ks = 1...max(1, maxK)
        let minimum = options.minimumTendencySize(members: n)
        let cuts = distances.cuts(dendrogram: dendrogram, ks: ks, minimumSize: minimum)
        if let k = options.k, !cuts[k - 1].reachable {
            throw AnalysisError("--k \(k): no cut of the tree gives \(k) tendencies of at least \(minimum) members each (members with identical answers, or members who join the tree one by one); choose a smaller --k")
        }
        // Hundreds of linkages of one or a few sizes: their working matrices are reused.
        let (resamples, gap) = try HierarchicalClustering.reusingWorkingMatrices {
            let resamples = options.bootstrap > 0 && maxK >= 2
                ? try ResampledTrees(input: input, distances: distances, options: options, ks: ks, progress: progress) : nil
            // Evidence per k.
            // The gap statistic cannot be computed when some cut has zero dispersion
            // (every cluster made of identical members); it is then left out.
            return (resamples, try? TendencyAnalysis.gapStatistic(input, options: options, ks: ks, space: space,
                                                                   progress: progress))
        }
        gapPick = gap?.chosenK
        progress?.begin("assessing candidates")
        // Each k's silhouette widths (nil for k = 1).
        let widths = try distances.silhouettes(labelings: ks.map { cuts[$0 - 1].labels })
        var candidates: [AnalysisReport.Candidate] = []
        var assessments: [Int: ClusterStability] = [:]
        for k in ks {
            let labels = cuts[k - 1].labels
            let assessment = k >= 2 ? try resamples?.assess(labels: labels, k: k) : nil
            assessments[k] = assessment
            // A k no cut can give is shown without evidence: its figures would
            // describe tendencies too small to be any.
            let possible = cuts[k - 1].reachable
            candidates.append(AnalysisReport.Candidate(
                k: k,
                silhouette: possible ? widths[k - ks.lowerBound].map(Silhouette.score(samples:)) : nil,
                gap: possible ? gap?.entries[k - 1].gap : nil, gapStandardError: possible ? gap?.entries[k - 1].standardError : nil,
                stability: possible ? assessment.map { $0.meanJaccard.map { $0 ?? 0 }.reduce(0, +) / Double(k) } : nil,
                rank: 0))
        }
        let unreachable = Set(ks.filter { !cuts[$0 - 1].reachable })
        // Support rests on the mean over a k's tendencies: a tendency below the
        // 0.5 at which Hennig (2007) reads a cluster as dissolved is named.
        let weak = KSelection.weakTendencies(assessments.mapValues { $0.meanJaccard.map { $0 ?? 0 } })
        let words = input.origin.words
        let ranked = KSelection.rank(candidates, gapPick: gapPick, unreachable: unreachable, minimumSize: minimum,
                                     weak: weak, chosen: options.k, words: words)
        self.candidates = ranked
        let k = options.k ?? ranked[0].k
        self.k = k
        weakTendencyWarning = weak[k].map { KSelection.weakWarning($0, named: true, words: words) }
        let cut = cuts[min(k, cuts.count) - 1]
        labels = cut.labels.map { $0 + 1 }
        let assessment = assessments[k] ?? nil
        let tendencyStability = assessment?.meanJaccard.map { $0 ?? 0 } ?? Array(repeating: 1, count: k)
        stability = tendencyStability
        // Members: confidence, silhouette, and whether they sit between tendencies.
        let silhouettes = widths[min(k, cuts.count) - ks.lowerBound] ?? Array(repeating: 0, count: n)
        // Each member's total distance to each tendency's core (group k: apart).
        let core = (0..<n).map { cut.apart.contains($0) ? k : cut.labels[$0] }
        let coreSums = k >= 2 ? distances.groupSums(group: core, groups: k + 1) : []
        var coreSizes = [Int](repeating: 0, count: k + 1)
        for t in core { coreSizes[t] += 1 }
        var members: [Member] = []
        for i in 0..<n {
            let own = cut.labels[i]
            let confidence = assessment?.support[i] ?? 1
            var between = [own + 1]
            var reasons: [String] = []
            if k >= 2 {
                var meanTo = [Double](repeating: .infinity, count: k)
                for t in 0..<k {
                    let others = coreSizes[t] - (core[i] == t ? 1 : 0)
                    if others > 0 { meanTo[t] = coreSums[i * (k + 1) + t] / Double(others) }
                }
                let nearestOther = (0..<k).filter { $0 != own }.min { meanTo[$0] < meanTo[$1] }!
                if confidence < options.confidenceThreshold {
                    reasons.append("stays with \(words.nameInSentence(own + 1)) in only \(Int((confidence * 100).rounded()))% of resamples")
                }
                if meanTo[own] >= options.betweenRatio * meanTo[nearestOther] {
                    reasons.append("is about as close to \(words.nameInSentence(nearestOther + 1)) as to \(words.nameInSentence(own + 1))")
                }
                if cut.apart.contains(i) { reasons.append("sits apart from every \(words.group)'s core") }
                if !reasons.isEmpty { between.append(nearestOther + 1) }
            }
            members.append(Member(index: i, tendency: own + 1, confidence: confidence, silhouette: silhouettes[i],
                                  ambiguous: !reasons.isEmpty, between: between,
                                  reason: reasons.isEmpty ? nil : reasons.joined(separator: "; ")))
        }
        self.members = members
    }

    /// Refuses what would give an empty or meaningless answer: nothing to
    /// form tendencies from, more tendencies than the members can fill, more
    /// principal components than the answers have.
    static func checkFits(_ input: AnalysisInput, options: AnalysisOptions) throws {
        let features = input.rawFeatures
        let roles = input.includeLeanings ? "the orientation or leaning role" : "the orientation role (leanings take part only with --include-leanings)"
        guard features.columns > 0 else {
            let forming = input.space.blocks.contains { $0.role == .orientation || (input.includeLeanings && $0.role == .leaning) }
            let files = Set(input.space.blocks.compactMap(\.definedIn)).sorted()
            let whereSet = files.isEmpty ? "" : "; roles and weights are set in \(ReportFormat.list(files))"
            throw AnalysisError(forming
                ? "every element or item with \(roles) has weight 0; nothing would count\(whereSet)"
                : "nothing to form tendencies from: no element or item has \(roles)\(whereSet)")
        }
        guard features.storage.contains(where: { !$0.isNaN }) else {
            throw AnalysisError("no member answered any element or item with \(roles)")
        }
        // Alike on every answered feature, members differ only in which questions they answered.
        guard features.hasVaryingColumn else {
            throw AnalysisError("every member gave the same answers to every element or item with \(roles), so nothing tells tendencies apart; in coded sketches, no code of such an element was named, or every sketch named the same ones")
        }
        let n = features.rows
        let minimum = options.minimumTendencySize(members: n)
        if let k = options.k, k > max(1, n / minimum) {
            throw AnalysisError("--k \(k) asks for more tendencies than \(n) members can fill: a tendency needs at least \(minimum) members, so at most \(max(1, n / minimum))")
        }
        if let components = options.components, components > min(features.columns, n) {
            throw AnalysisError("--components \(components) is more than the answers allow: \(features.columns) feature column\(features.columns == 1 ? "" : "s") and \(n) members give at most \(min(features.columns, n))")
        }
    }

    /// Refuses, before allocating, an analysis whose distance matrices do not
    /// fit: the full one, plus one per resample running at once. Members
    /// linked as points of `pointColumns` coordinates need no matrix at all:
    /// their features, then the points of the analysis and of each resample
    /// running at once, and a vector of eight distances per member on each core.
    static func checkMemory(members n: Int, features d: Int, pointColumns: Int?, words: ReportWords) throws {
        guard let available = MemoryBudget.available() else { return }
        let concurrent = ProcessInfo.processInfo.activeProcessorCount
        let scalar = MemoryLayout<Double>.stride
        let needed: Int, what: String
        if let pointColumns {
            needed = MemoryBudget.besidesDistances(rows: n, columns: d)
                + (1 + concurrent) * MemoryBudget.pointsPath(rows: n, columns: pointColumns, scalarBytes: scalar)
                + concurrent * 8 * n * scalar
            what = "for their features, points and trees"
        } else {
            let each = MemoryBudget.distancePath(rows: n, columns: d, scalarBytes: scalar)
            needed = each > Int.max / (1 + concurrent) ? .max : (1 + concurrent) * each
            what = "for their distance matrices (one per resample running at once)"
        }
        if needed > available * 4 / 5 {
            throw AnalysisError("analysing \(words.people(n)) needs about \(MemoryBudget.describe(needed)) \(what), but about \(MemoryBudget.describe(available * 4 / 5)) is available; for a first look at data this large use `tendency cluster --micro-clusters`")
        }
    }

    /// Distances between members. Gower takes the unweighted features with
    /// each column's weight (so a block counts by its weight, not by its
    /// number of columns, and missing values drop out of a pair's mean);
    /// the other metrics take the features scaled by the square roots of the
    /// weights, with missing values filled by column means, optionally
    /// projected on their leading principal components.
    static func distances(_ features: Matrix<Double>, weights: [Double], options: AnalysisOptions) throws -> CondensedDistances<Double> {
        if comparesRawFeatures(options) {
            return try PairwiseDistances.gower(features, columnWeights: weights, noSharedColumns: .maximalDistance)
        }
        return try distances(inSpace: try euclideanSpace(features, weights: weights, options: options), options: options)
    }

    /// Gower without principal components compares members on their raw
    /// features (missing values and all); every other metric, on their
    /// points in `euclideanSpace`.
    static func comparesRawFeatures(_ options: AnalysisOptions) -> Bool {
        options.components == nil && options.metric == .gower
    }

    /// The members as points of `euclideanSpace`, where the metric compares
    /// them there; nil for Gower on the raw features.
    static func memberSpace(_ input: AnalysisInput, options: AnalysisOptions) throws -> Matrix<Double>? {
        comparesRawFeatures(options) ? nil : try euclideanSpace(input.rawFeatures, weights: input.columnWeights, options: options)
    }

    /// Distances between members given as points of `euclideanSpace`.
    static func distances(inSpace space: Matrix<Double>, options: AnalysisOptions) throws -> CondensedDistances<Double> {
        // A member at every scale's midpoint has no direction: unrelated to all (distance 1), not an error.
        try PairwiseDistances.condensed(space, metric: options.effectiveMetric, directionlessRows: .unrelated)
    }

    /// Whether a tree of `points` under `metric` is linked on the points
    /// instead of through their distance matrix: single or Ward linkage
    /// under Euclidean distance, where
    /// `HierarchicalClustering.linksFasterOnPoints` expects it to be faster
    /// (Polis's defaults: Ward on 2 principal components). The tree is the
    /// same up to rounding; the resamples then need no n x n matrix each
    /// (`tendency polis` on 20,000 generated participants: README,
    /// "Polis conversations at scale").
    static func linksOnPoints(_ points: Matrix<Double>, metric: DistanceMetric, method: LinkageMethod) -> Bool {
        metric == .euclidean && HierarchicalClustering.linksFasterOnPoints(points, method: method)
    }

    /// `space` (the members' `memberSpace`) when the analysis links its tree on it, else nil.
    static func linkagePoints(_ space: Matrix<Double>?, options: AnalysisOptions) -> Matrix<Double>? {
        space.flatMap { linksOnPoints($0, metric: options.effectiveMetric, method: options.method) ? $0 : nil }
    }

    /// Whether `distances` with a column's weight multiplied by m equals
    /// `distances` with the column repeated m times: true where each column
    /// adds its weight times its own term to every sum (Gower, the Euclidean
    /// metrics and cosine on square-root-scaled features, principal
    /// components, whose covariance is the same), not for correlation (a
    /// row's mean counts columns) nor Hamming, Jaccard and Dice (which count
    /// columns, not weights).
    static func weightsMultiplyColumnTerms(_ options: AnalysisOptions) -> Bool {
        switch options.effectiveMetric {
        case .gower, .euclidean, .sqeuclidean, .cosine: true
        case .correlation, .hamming, .jaccard, .dice: false
        }
    }

    /// The complete, weight-scaled features (or their principal-component
    /// scores when asked) that non-Gower metrics and the gap statistic use.
    static func euclideanSpace(_ features: Matrix<Double>, weights: [Double], options: AnalysisOptions) throws -> Matrix<Double> {
        var scaled = features.imputingColumnMeans()
        let scales = weights.map { $0.squareRoot() }
        for r in 0..<scaled.rows { for c in 0..<scaled.columns { scaled[r, c] *= scales[c] } }
        guard let components = options.components else { return scaled }
        return try PrincipalComponents(scaled, components: min(components, scaled.columns, scaled.rows)).scores
    }

    /// The gap statistic (Tibshirani, Walther & Hastie 2001) on the complete,
    /// weight-scaled features: reference sets are drawn in a box around
    /// complete continuous data, so each set is clustered with the same
    /// method on Euclidean distances.
    /// `space`, when given, is the members' `euclideanSpace`, already computed.
    static func gapStatistic(
        _ input: AnalysisInput, options: AnalysisOptions, ks: ClosedRange<Int>, space: Matrix<Double>? = nil,
        progress: WorkProgress? = nil
    ) throws -> GapStatistic? {
        guard options.gapReferences > 0 else { return nil }
        progress?.begin("gap statistic", total: options.gapReferences + 1, unit: "clusterings")
        let data = try space ?? euclideanSpace(input.rawFeatures, weights: input.columnWeights, options: options)
        let minimumShare = options
        return try GapStatistic(data: data, ks: ks, references: options.gapReferences, seed: options.seed) { matrix in
            defer { progress?.advance() }
            // One tree per matrix, cut at every k: on the points where that is faster.
            let metric = options.effectiveMetric.isEuclidean ? options.effectiveMetric : .euclidean
            let minimum = minimumShare.minimumTendencySize(members: matrix.rows)
            let cuts = linksOnPoints(matrix, metric: metric, method: options.method)
                ? try TendencyCut.cuts(ofTreeOn: matrix, method: options.method, ks: ks, minimumSize: minimum)
                : try TendencyCut.cuts(ofTreeOf: PairwiseDistances.condensed(matrix, metric: metric), method: options.method,
                                       ks: ks, minimumSize: minimum)
            return { k in cuts[k - ks.lowerBound].labels }
        }
    }
}

/// A problem with the analysis as asked (not with an input file).
public struct AnalysisError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
