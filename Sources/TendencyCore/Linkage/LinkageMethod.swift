/// The rule that says how far apart two clusters are, as in SciPy's
/// `scipy.cluster.hierarchy.linkage` (`method=`).
///
/// Every method is defined by its Lance–Williams update (Müllner 2011,
/// "Modern hierarchical, agglomerative clustering algorithms",
/// arXiv:1109.2378, Figure 2); see `LanceWilliams` for the formulas.
public enum LinkageMethod: String, CaseIterable, Sendable {
    case single, complete, average, weighted, ward, centroid, median

    /// Ward, centroid and median are geometric: they read the input distances
    /// as Euclidean distances between points.
    public var requiresEuclidean: Bool {
        switch self {
        case .ward, .centroid, .median: return true
        case .single, .complete, .average, .weighted: return false
        }
    }

    /// Whether merge heights never decrease along the merge sequence.
    /// Centroid and median can produce inversions (Müllner 2011, section 2.2).
    public var isMonotone: Bool {
        switch self {
        case .centroid, .median: return false
        case .single, .complete, .average, .weighted, .ward: return true
        }
    }
}
