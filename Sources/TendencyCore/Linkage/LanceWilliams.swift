/// The Lance–Williams recurrences: the dissimilarity between a cluster `i`
/// and the union of clusters `x` and `y`, from `d(x,i)`, `d(y,i)`, `d(x,y)` and
/// the cluster sizes (Müllner 2011, arXiv:1109.2378, Figure 2).
///
/// Ward, centroid and median work on squared Euclidean distances, where their
/// recurrences are exact; the callers square the input and take square roots
/// of the merge heights. The other rules use the distances as given, with the
/// same floating-point expressions as SciPy so results agree to the bit.
protocol LanceWilliamsRule {
    /// Whether the rule's dissimilarities are squared input distances.
    static var squaresDistances: Bool { get }
    static func update<S: BLASScalar>(_ dxi: S, _ dyi: S, _ dxy: S, _ nx: S, _ ny: S, _ ni: S) -> S
}

extension LanceWilliamsRule {
    /// The merge height reported for a working dissimilarity.
    @inline(__always)
    static func height<S: BLASScalar>(_ value: S) -> Double {
        squaresDistances ? Double(max(value, 0)).squareRoot() : Double(value)
    }
}

enum SingleRule: LanceWilliamsRule {
    static var squaresDistances: Bool { false }
    @inline(__always)
    static func update<S: BLASScalar>(_ dxi: S, _ dyi: S, _ dxy: S, _ nx: S, _ ny: S, _ ni: S) -> S { min(dxi, dyi) }
}

enum CompleteRule: LanceWilliamsRule {
    static var squaresDistances: Bool { false }
    @inline(__always)
    static func update<S: BLASScalar>(_ dxi: S, _ dyi: S, _ dxy: S, _ nx: S, _ ny: S, _ ni: S) -> S { max(dxi, dyi) }
}

/// UPGMA: the size-weighted mean.
enum AverageRule: LanceWilliamsRule {
    static var squaresDistances: Bool { false }
    @inline(__always)
    static func update<S: BLASScalar>(_ dxi: S, _ dyi: S, _ dxy: S, _ nx: S, _ ny: S, _ ni: S) -> S {
        (nx * dxi + ny * dyi) / (nx + ny)
    }
}

/// WPGMA: the plain mean.
enum WeightedRule: LanceWilliamsRule {
    static var squaresDistances: Bool { false }
    @inline(__always)
    static func update<S: BLASScalar>(_ dxi: S, _ dyi: S, _ dxy: S, _ nx: S, _ ny: S, _ ni: S) -> S {
        0.5 * (dxi + dyi)
    }
}

/// Ward's minimum variance, on squared distances.
enum WardRule: LanceWilliamsRule {
    static var squaresDistances: Bool { true }
    @inline(__always)
    static func update<S: BLASScalar>(_ dxi: S, _ dyi: S, _ dxy: S, _ nx: S, _ ny: S, _ ni: S) -> S {
        ((nx + ni) * dxi + (ny + ni) * dyi - ni * dxy) / (nx + ny + ni)
    }
}

/// UPGMC: squared distance between centroids.
enum CentroidRule: LanceWilliamsRule {
    static var squaresDistances: Bool { true }
    @inline(__always)
    static func update<S: BLASScalar>(_ dxi: S, _ dyi: S, _ dxy: S, _ nx: S, _ ny: S, _ ni: S) -> S {
        let nxy = nx + ny
        return (nx * dxi + ny * dyi) / nxy - (nx * ny * dxy) / (nxy * nxy)
    }
}

/// WPGMC: squared distance between the midpoints of merged clusters.
enum MedianRule: LanceWilliamsRule {
    static var squaresDistances: Bool { true }
    @inline(__always)
    static func update<S: BLASScalar>(_ dxi: S, _ dyi: S, _ dxy: S, _ nx: S, _ ny: S, _ ni: S) -> S {
        0.5 * (dxi + dyi) - 0.25 * dxy
    }
}
