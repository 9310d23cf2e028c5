/// How a geometric method measures two clusters from their representative
/// points (Müllner 2011, arXiv:1109.2378, section 2.1): Ward and centroid use
/// the size-weighted centroid, median the midpoint of the two merged points.
protocol PointRule: SendableMetatype {
    /// Whether a merged cluster's point is the size-weighted mean (else the midpoint).
    static var weightsBySize: Bool { get }
    /// The squared dissimilarity from the squared distance between the clusters' points.
    static func dissimilarity<S: BLASScalar>(squaredDistance: S, nx: S, ny: S) -> S
}

/// Ward: `2 nx ny / (nx + ny) * |cx - cy|^2`, which equals the Lance–Williams
/// recurrence on squared distances started from singletons.
enum WardCentroids: PointRule {
    static var weightsBySize: Bool { true }
    @inline(__always)
    static func dissimilarity<S: BLASScalar>(squaredDistance: S, nx: S, ny: S) -> S {
        (2 * nx * ny / (nx + ny)) * squaredDistance
    }
}

/// Centroid (UPGMC): `|cx - cy|^2`.
enum TrueCentroids: PointRule {
    static var weightsBySize: Bool { true }
    @inline(__always)
    static func dissimilarity<S: BLASScalar>(squaredDistance: S, nx: S, ny: S) -> S { squaredDistance }
}

/// Median (WPGMC): `|wx - wy|^2` between midpoints.
enum MedianCentroids: PointRule {
    static var weightsBySize: Bool { false }
    @inline(__always)
    static func dissimilarity<S: BLASScalar>(squaredDistance: S, nx: S, ny: S) -> S { squaredDistance }
}
