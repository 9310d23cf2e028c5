/// The columns one codebook element or survey item became, and its weight.
///
/// Weighting rule: a block of `c` columns with weight `w` gives each column
/// the weight `w / c` (`columnWeight`, for Gower-type means over columns) and
/// the scale `sqrt(w / c)` (`columnScale`, applied by
/// `FeatureSpace.weightedValues` for Euclidean-type metrics). The block's
/// column weights sum to `w`, so a block where every column differs adds
/// `w` times the per-column difference: its share grows with its weight, not
/// with how many codes the element happens to list.
public struct FeatureBlock: Sendable, Equatable, Codable {
    /// The element or item id.
    public var id: String
    public var source: FeatureSource
    public var role: Role
    /// The element's question or the item's text.
    public var text: String
    public var weight: Double
    /// The block's columns in the space.
    public var columns: Range<Int>
    /// The file that sets its role and weight (codebook or survey spec), for
    /// refusals that turn on them.
    public var definedIn: String?

    public init(id: String, source: FeatureSource, role: Role, text: String, weight: Double, columns: Range<Int>,
                definedIn: String? = nil) {
        self.id = id
        self.source = source
        self.role = role
        self.text = text
        self.weight = weight
        self.columns = columns
        self.definedIn = definedIn
    }

    /// `weight / columns.count`: the block's columns' weights sum to `weight`.
    public var columnWeight: Double { columns.isEmpty ? 0 : weight / Double(columns.count) }
    /// `sqrt(columnWeight)`: squared differences of scaled columns sum to the block's weighted share.
    public var columnScale: Double { columnWeight.squareRoot() }
}
