/// What the Gower distance does for two rows that share no column where both
/// have a value (its denominator is 0).
public enum NoSharedColumnsPolicy: Sendable, Equatable {
    /// Throw `KernelError.noSharedColumns` naming the first such pair (in
    /// condensed order). The default: nothing is known about the pair.
    case fail
    /// Give the pair distance 1, the largest Gower distance, so sparse data
    /// (e.g. answers to disjoint subsets of questions) stays usable.
    case maximalDistance
}
