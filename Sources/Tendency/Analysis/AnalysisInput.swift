/// What the analysis needs, whatever the inputs were (sketch codings,
/// surveys, a Polis export): the members' feature space, which of its blocks
/// form tendencies, and an optional outside grouping to compare with.
public struct AnalysisInput: Sendable {
    /// How a feature column is tested in the profiles.
    public enum ColumnKind: Sendable, Equatable { case binary, thermometer, scaled }

    /// A light view of one clustering column, for profiles.
    public struct Column: Sendable, Equatable {
        /// The element, item or statement id.
        public var block: String
        /// Its question or statement text.
        public var blockText: String
        /// The code or level it stands for (nil for a rated item).
        public var code: String?
        public var label: String
        public var kind: ColumnKind
    }

    /// Every block, every role; members who answered none of `clustering`'s
    /// blocks are left out (see `excludedMembers`).
    public let space: FeatureSpace
    /// The blocks that form tendencies.
    public let clustering: FeatureSpace
    public let includeLeanings: Bool
    /// A partition to compare with (e.g. Polis's groups); nil for unplaced members.
    public var reference: (name: String, labels: [Int?])?
    /// Members with no answer to any block that forms tendencies: nothing
    /// would place them (every distance from them would be a default), so
    /// they are left out and named in the report's notes.
    public var excludedMembers: [String]
    /// Who the members are (an organisation's, or a Polis conversation's
    /// participants): it sets the words of the analysis's sentences.
    public var origin: AnalysisReport.Origin

    public init(space: FeatureSpace, includeLeanings: Bool = false, reference: (name: String, labels: [Int?])? = nil,
                origin: AnalysisReport.Origin = .organisation) {
        self.origin = origin
        // A block of weight 0 counts for nothing, so it takes no part (a
        // feature resample of weight-0 blocks alone would have no distances).
        let eligible = space.forClustering(includeLeanings: includeLeanings)
        let clustering = eligible.selectingBlocks(eligible.blocks.indices.filter { eligible.blocks[$0].weight > 0 })
        let values = clustering.values
        let answered = (0..<values.rows).filter { r in (0..<values.columns).contains { !values[r, $0].isNaN } }
        // With no one answering, the analysis refuses (TendencyAnalysis.checkFits).
        if answered.count == values.rows || answered.isEmpty {
            self.space = space
            self.clustering = clustering
            self.reference = reference
            excludedMembers = []
        } else {
            self.space = space.selectingMembers(answered)
            self.clustering = clustering.selectingMembers(answered)
            self.reference = reference.map { partition in (partition.name, answered.map { partition.labels[$0] }) }
            let kept = Set(answered)
            excludedMembers = space.members.indices.filter { !kept.contains($0) }.map { space.members[$0] }
        }
        self.includeLeanings = includeLeanings
    }

    public var memberIDs: [String] { space.members }
    /// Clustering features, unweighted, NaN where missing.
    public var rawFeatures: Matrix<Double> { clustering.values }
    /// Clustering features as the statements read (reverse-keyed items
    /// flipped back), NaN where missing: for profiles, not for distances.
    public var statedFeatures: Matrix<Double> { clustering.statedValues }
    /// Each clustering column's weight (its block's weight shared by its columns).
    public var columnWeights: [Double] { clustering.columnWeights }

    public var columns: [Column] {
        clustering.columns.map { column in
            let kind: ColumnKind = switch column.encoding {
            case .indicator: .binary
            case .threshold: .thermometer
            case .centred, .standardised: .scaled
            }
            return Column(block: column.sourceID, blockText: clustering.blocks[column.block].text,
                          code: column.code, label: column.label, kind: kind)
        }
    }

    /// Clustering column indices grouped by block (the unit of feature resampling).
    public var blocks: [[Int]] { clustering.blocks.map { Array($0.columns) } }

    /// Each member's labels in the blocks of one role: the codes they carry,
    /// or the rated items they agree with ("Agree: " and the statement). For one rated block asked for by itself
    /// (a context item: a scale or a number), the side of the midpoint or
    /// mean the answer is on, so that every member who answered falls in a
    /// category and the block can be cross-tabulated.
    public func labels(role: Role, block: Int? = nil) -> [[String]] {
        let blocks = space.blocks.indices.filter { space.blocks[$0].role == role && (block == nil || $0 == block) }
        let stated = space.statedValues  // agreeing with a reverse-keyed statement is agreeing
        return space.members.indices.map { i in
            blocks.flatMap { b in
                space.blocks[b].columns.compactMap { c -> String? in
                    let v = stated[i, c]
                    guard !v.isNaN else { return nil }
                    switch (space.columns[c].encoding, block) {
                    case (.centred, _?): return v > 0 ? "above the scale's midpoint" : v < 0 ? "below the scale's midpoint" : "at the midpoint"
                    case (.standardised, _?): return v > 0 ? "above the mean" : v < 0 ? "below the mean" : "at the mean"
                    // A rated statement reads as the answer, as in shared ground, beside the codes' names.
                    case (.centred, nil): return v > 0 ? "Agree: \(space.columns[c].label)" : nil
                    default: return v > 0 ? space.columns[c].label : nil
                    }
                }
            }
        }
    }

    /// The context blocks, as (block index, id, text).
    public var contextBlocks: [(index: Int, id: String, text: String)] {
        space.blocks.indices.filter { space.blocks[$0].role == .context }.map { ($0, space.blocks[$0].id, space.blocks[$0].text) }
    }

    /// Inputs each member lacks entirely.
    public var missingInputs: [[String]] {
        space.coverage.map { coverage in
            var missing: [String] = []
            if coverage.hasSketch == false { missing.append("sketch") }
            if coverage.hasSurvey == false { missing.append("survey") }
            return missing
        }
    }
}
