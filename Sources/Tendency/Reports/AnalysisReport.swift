import Foundation

/// Everything the main analysis report shows, as plain data.
///
/// The analysis fills it; `HTMLReport` draws it; `jsonData()` writes it as
/// `report.json`. It holds no dates and no floating-point values that are not
/// finite (JSON has no NaN: use `nil` for "undefined"), so the same analysis
/// gives byte-identical JSON. Numbers are kept at full precision; only the
/// HTML rounds them for display.
///
/// Indexing contract: `members` is in the analysis's observation order, and
/// every per-observation array in the figures (`dendrogram.leafLabels`,
/// `dendrogram.leafTendency`, `heatmap.order`, `referencePartition.labels`)
/// uses the same order. Tendency ids are the ones in `tendencies[].id`
/// (conventionally 1...k); colours follow the position in `tendencies`.
public struct AnalysisReport: Codable, Sendable, Equatable {
    /// Version of this JSON layout; bumped on incompatible changes.
    public var schemaVersion: Int
    /// Heading of the page, e.g. "Strategic tendencies".
    public var title: String
    /// What the members are: an organisation's (nil) or a Polis
    /// conversation's participants, which sets the page's words.
    public var origin: Origin?
    /// The number of tendencies reported.
    public var k: Int
    /// Every candidate number of tendencies that was evaluated, with its evidence.
    public var candidates: [Candidate]
    /// Which k was reported, and why.
    public var pick: Pick
    /// The codebook elements and survey items the report refers to.
    public var elements: [Element]
    /// One entry per member, in observation order.
    public var members: [Member]
    /// One profile per tendency.
    public var tendencies: [TendencyProfile]
    /// Codes and items shared across all tendencies.
    public var consensus: [ConsensusItem]
    /// Leanings against tendencies; `nil` when no leanings were given.
    public var leaningCrosstab: Crosstab?
    /// One cross-tab per context element.
    public var contextCrosstabs: [Crosstab]
    /// The 2-D map of members (principal components).
    public var map: MemberMap?
    /// The hierarchy of who stands with whom.
    public var dendrogram: Dendrogram?
    /// Member-by-member similarity in dendrogram order.
    public var heatmap: Heatmap?
    /// An outside grouping to compare with (e.g. Polis's groups).
    public var referencePartition: ReferencePartition?
    /// How the run was made: enough to rerun it.
    public var manifest: Manifest
    /// Plain-language remarks (inputs missing, warnings, caveats).
    public var notes: [String]

    public init(
        schemaVersion: Int = 1,
        title: String = "Strategic tendencies",
        k: Int,
        candidates: [Candidate],
        pick: Pick,
        elements: [Element] = [],
        members: [Member],
        tendencies: [TendencyProfile],
        consensus: [ConsensusItem] = [],
        leaningCrosstab: Crosstab? = nil,
        contextCrosstabs: [Crosstab] = [],
        map: MemberMap? = nil,
        dendrogram: Dendrogram? = nil,
        heatmap: Heatmap? = nil,
        referencePartition: ReferencePartition? = nil,
        manifest: Manifest,
        notes: [String] = []
    ) {
        self.schemaVersion = schemaVersion
        self.title = title
        self.k = k
        self.candidates = candidates
        self.pick = pick
        self.elements = elements
        self.members = members
        self.tendencies = tendencies
        self.consensus = consensus
        self.leaningCrosstab = leaningCrosstab
        self.contextCrosstabs = contextCrosstabs
        self.map = map
        self.dendrogram = dendrogram
        self.heatmap = heatmap
        self.referencePartition = referencePartition
        self.manifest = manifest
        self.notes = notes
    }
}

extension AnalysisReport {
    /// Where the members come from.
    public enum Origin: String, Codable, Sendable {
        /// An organisation's members (sketches, surveys): the default.
        case organisation
        /// The participants of a Polis conversation.
        case polisConversation
    }
}

extension AnalysisReport {
    /// The encoder for `report.json`: sorted keys so the bytes are stable.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }

    /// `report.json`'s bytes (ends with a newline). Throws if a number is not
    /// finite.
    public func jsonData() throws -> Data {
        var data = try Self.makeEncoder().encode(self)
        data.append(0x0A)
        return data
    }

    /// Reads a report written by `jsonData()`.
    public init(jsonData data: Data) throws {
        self = try JSONDecoder().decode(AnalysisReport.self, from: data)
    }
}
