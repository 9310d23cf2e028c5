/// Pairwise distances between observations, read from storage or computed.
protocol PairwiseSource {
    associatedtype Value: BLASScalar
    var count: Int { get }
    /// The working distance between observations `x != i` (monotone in the true distance).
    func distance(_ x: Int, _ i: Int) -> Value
    /// The true distance for a working distance.
    func height(_ value: Value) -> Double
}

/// Condensed distances, read in place.
struct CondensedSource<S: BLASScalar>: PairwiseSource {
    let d: UnsafePointer<S>
    let count: Int

    @inline(__always)
    func distance(_ x: Int, _ i: Int) -> S {
        let (a, b) = x < i ? (x, i) : (i, x)
        return d[count &* a &- ((a &* (a &+ 1)) >> 1) &+ (b &- a &- 1)]
    }

    @inline(__always)
    func height(_ value: S) -> Double { Double(value) }
}

/// A full n x n matrix, row-major, read in place: Prim's scans read along
/// one row, contiguously (the condensed layout's column part is strided).
struct SquareSource<S: BLASScalar>: PairwiseSource {
    let d: UnsafePointer<S>
    let count: Int

    @inline(__always)
    func distance(_ x: Int, _ i: Int) -> S { d[x &* count &+ i] }

    @inline(__always)
    func height(_ value: S) -> Double { Double(value) }
}

/// Points in Euclidean space; working distances are squared.
struct PointSource<S: BLASScalar>: PairwiseSource {
    let points: UnsafePointer<S>
    let count: Int
    let dimension: Int

    @inline(__always)
    func distance(_ x: Int, _ i: Int) -> S {
        squaredEuclidean(points + x * dimension, points + i * dimension, dimension)
    }

    @inline(__always)
    func height(_ value: S) -> Double { Double(value).squareRoot() }
}
