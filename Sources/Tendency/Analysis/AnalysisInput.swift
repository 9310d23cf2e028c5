/// What the analysis needs, whatever the inputs were (sketch codings,
/// surveys, a Polis export): members, the features that form tendencies, and
/// what is reported beside them.
public struct AnalysisInput: Sendable {
    /// One feature column and where it came from.
    public struct Column: Sendable, Equatable {
        public enum Kind: String, Sendable { case binary, thermometer, scaled }
        /// The block (codebook element, survey item or statement) it belongs to.
        public var block: String
        /// The block's question or statement text.
        public var blockText: String
        /// The code or level it stands for (nil for a scaled item).
        public var code: String?
        /// Human-readable label of the code, or the item text.
        public var label: String
        public var kind: Kind

        public init(block: String, blockText: String, code: String?, label: String, kind: Kind) {
            self.block = block; self.blockText = blockText; self.code = code; self.label = label; self.kind = kind
        }
    }

    public var memberIDs: [String]
    /// Orientation features (or more, when asked), NaN where missing, already block-weighted.
    public var features: Matrix<Double>
    /// The same features before block weighting, for profiles (0/1 codes, centred items).
    public var rawFeatures: Matrix<Double>
    public var columns: [Column]
    /// Leanings per member (labels), reported apart from tendencies.
    public var leanings: [[String]]
    /// Context elements per member: element label -> labels.
    public var context: [String: [[String]]]
    /// Inputs each member is missing entirely (e.g. "survey").
    public var missingInputs: [[String]]
    /// A partition to compare with (e.g. Polis's groups), nil labels for unplaced members.
    public var reference: (name: String, labels: [Int?])?

    public init(memberIDs: [String], features: Matrix<Double>, rawFeatures: Matrix<Double>, columns: [Column],
                leanings: [[String]], context: [String: [[String]]] = [:], missingInputs: [[String]],
                reference: (name: String, labels: [Int?])? = nil) {
        self.memberIDs = memberIDs; self.features = features; self.rawFeatures = rawFeatures; self.columns = columns
        self.leanings = leanings; self.context = context; self.missingInputs = missingInputs; self.reference = reference
    }

    /// Column indices grouped by block, in first-appearance order (the unit of feature resampling).
    public var blocks: [[Int]] {
        var order: [String] = []
        var groups: [String: [Int]] = [:]
        for (index, column) in columns.enumerated() {
            if groups[column.block] == nil { order.append(column.block) }
            groups[column.block, default: []].append(index)
        }
        return order.map { groups[$0]! }
    }
}
