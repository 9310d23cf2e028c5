/// One feature column and where it came from, for profiles and reports.
public struct FeatureColumn: Sendable, Equatable, Codable {
    /// How the column encodes its source.
    public enum Encoding: String, Sendable, Codable {
        /// 1 when the member's merged coding has the code, else 0 (multi and single elements).
        case indicator
        /// 1 when the member's level is at least `code` (ordinal thermometer), else 0.
        case threshold
        /// The answer centred on the scale midpoint and divided by the half-range, in [-1, 1];
        /// the sign flips for reverse items.
        case centred
        /// A numeric answer standardised by the column's mean and sample standard deviation.
        case standardised
    }

    /// A short unique name: `element:code`, `element>=level`, or the item id.
    public var name: String
    /// Index of the column's block in `FeatureSpace.blocks`.
    public var block: Int
    public var role: Role
    public var source: FeatureSource
    /// The element, item or statement id.
    public var sourceID: String
    /// The code id (indicator) or level id (threshold); nil for survey items.
    public var code: String?
    /// The code's label, "<level label> (or higher)" (the top level's label
    /// alone), or the item's text.
    public var label: String
    public var encoding: Encoding
    /// A reverse-keyed item: its values are the negated answers, so that
    /// agreeing points the way the other items' does; the statement as
    /// worded is read with the sign flipped back (`FeatureSpace.statedValues`).
    public var reversed = false
}
