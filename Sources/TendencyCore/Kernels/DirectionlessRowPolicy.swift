/// What the cosine and correlation distances do with a row that has no
/// direction: all zeros (cosine) or constant (correlation), so that its
/// distance to any row is 0/0.
public enum DirectionlessRowPolicy: Sendable, Equatable {
    /// Throw `KernelError.zeroNorm` or `.constantRow` naming the first such
    /// row. The default (SciPy gives NaN).
    case fail
    /// Give the row distance 1 to every other row, other directionless rows
    /// included: the distance of orthogonal (uncorrelated) rows. It says
    /// nothing about direction, so it is related to none. For survey answers,
    /// where a member who answers every item at the scale's midpoint centres
    /// to a row of zeros.
    case unrelated
}
