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
