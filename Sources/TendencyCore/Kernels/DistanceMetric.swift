/// The pairwise distances `PairwiseDistances` computes.
///
/// Every metric but `.gower` follows `scipy.spatial.distance.pdist`
/// (see `PairwiseDistances` for the exact definitions and the few documented
/// edge cases).
public enum DistanceMetric: String, CaseIterable, Sendable {
    case sqeuclidean, euclidean, cosine, correlation, jaccard, dice, hamming, gower

    /// True for metrics whose geometry is Euclidean (`sqeuclidean`, `euclidean`):
    /// the ones Ward, centroid and median linkage are defined for.
    public var isEuclidean: Bool {
        switch self {
        case .sqeuclidean, .euclidean: return true
        default: return false
        }
    }

    /// True for the metric that accepts missing values (NaN): `.gower`.
    public var acceptsMissingValues: Bool { self == .gower }

    /// True for the metrics defined on 0/1 data only (`jaccard`, `dice`).
    public var requiresBinaryData: Bool { self == .jaccard || self == .dice }
}
