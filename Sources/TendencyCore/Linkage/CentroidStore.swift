/// How a geometric method measures two clusters from their representative
/// points (Müllner 2011, arXiv:1109.2378, section 2.1): Ward and centroid use
/// the size-weighted centroid, median the midpoint of the two merged points.
protocol PointRule {
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

/// `|a - b|^2` over `dimension` coordinates, summed in four interleaved
/// partial sums (a fixed order, so the result is deterministic and symmetric).
@inline(__always)
func squaredEuclidean<S: BLASScalar>(_ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ dimension: Int) -> S {
    var s0: S = 0
    var s1: S = 0
    var s2: S = 0
    var s3: S = 0
    var k = 0
    while k + 4 <= dimension {
        let t0 = a[k] - b[k]
        let t1 = a[k + 1] - b[k + 1]
        let t2 = a[k + 2] - b[k + 2]
        let t3 = a[k + 3] - b[k + 3]
        s0 += t0 * t0
        s1 += t1 * t1
        s2 += t2 * t2
        s3 += t3 * t3
        k += 4
    }
    while k < dimension {
        let t = a[k] - b[k]
        s0 += t * t
        k += 1
    }
    return (s0 + s1) + (s2 + s3)
}

/// Inter-cluster dissimilarities computed on the fly from one representative
/// point per cluster (Müllner's `linkage_vector` idea): memory is the n x m
/// points plus O(n), never n^2. Slot `y`'s point becomes the merged point.
final class CentroidStore<S: BLASScalar, Rule: PointRule>: DissimilarityStore {
    typealias Value = S
    let slots: ClusterSlots
    private let points: UnsafeMutablePointer<S>
    private let dimension: Int

    init(points source: Matrix<S>) {
        slots = ClusterSlots(count: source.rows)
        dimension = source.columns
        points = .allocate(capacity: max(source.storage.count, 1))
        source.storage.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { points.initialize(from: base, count: buffer.count) }
        }
    }

    deinit { points.deallocate() }

    @inline(__always)
    private func point(_ slot: Int) -> UnsafeMutablePointer<S> { points + slot * dimension }

    @inline(__always)
    func dissimilarity(_ x: Int, _ y: Int) -> S {
        Rule.dissimilarity(squaredDistance: squaredEuclidean(point(x), point(y), dimension),
                           nx: S(slots.size[x]), ny: S(slots.size[y]))
    }

    @inline(__always)
    func height(_ value: S) -> Double { Double(max(value, 0)).squareRoot() }

    func nearest(to x: Int, start: Int, startValue: S) -> (slot: Int, value: S) {
        var best = start
        var bestValue = startValue
        let list = slots.list
        for k in 0..<slots.activeCount {
            let i = list[k]
            if i == x { continue }
            let v = dissimilarity(x, i)
            if v < bestValue { bestValue = v; best = i }
        }
        return (best, bestValue)
    }

    func nearestAbove(_ x: Int) -> (slot: Int, value: S) {
        var best = -1
        var bestValue = S.infinity
        let list = slots.list
        let m = slots.activeCount
        var low = 0
        var high = m
        while low < high {
            let mid = (low + high) >> 1
            if list[mid] <= x { low = mid + 1 } else { high = mid }
        }
        for k in low..<m {
            let i = list[k]
            let v = dissimilarity(x, i)
            if v < bestValue { bestValue = v; best = i }
        }
        return (best, bestValue)
    }

    func merge(_ x: Int, into y: Int, dissimilarity dxy: S, visitingBelow limit: Int,
               _ visit: (Int, S) -> Void) {
        let size = slots.size
        let nx = size[x]
        let ny = size[y]
        let px = point(x)
        let py = point(y)
        if Rule.weightsBySize {
            let wx = S(nx) / S(nx + ny)
            let wy = S(ny) / S(nx + ny)
            for k in 0..<dimension { py[k] = wx * px[k] + wy * py[k] }
        } else {
            for k in 0..<dimension { py[k] = 0.5 * (px[k] + py[k]) }
        }
        slots.remove(x)
        size[y] = nx + ny
        let list = slots.list
        for k in 0..<slots.activeCount {
            let i = list[k]
            if i >= limit { break }
            if i != y { visit(i, dissimilarity(i, y)) }
        }
    }
}
