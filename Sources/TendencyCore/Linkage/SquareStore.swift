/// Inter-cluster dissimilarities in a full symmetric n x n matrix updated in
/// place by a Lance–Williams rule. Every scan of a slot reads one contiguous
/// row, where the condensed layout reads half a row with a stride; a merge
/// writes the union's row and column. Twice the memory of `CondensedStore`
/// for fewer cache misses; the results are identical (same values, same order).
final class SquareStore<S: BLASScalar, Rule: LanceWilliamsRule>: DissimilarityStore {
    typealias Value = S
    let slots: ClusterSlots
    private let m: UnsafeMutablePointer<S>
    private let n: Int

    /// The square form of condensed distances (squared for rules that work on
    /// squared distances); the diagonal is unused.
    init(condensed d: UnsafePointer<S>, count: Int) {
        n = count
        slots = ClusterSlots(count: count)
        m = .allocate(capacity: count * count)
        var k = 0
        for i in 0..<count {
            let length = count - i - 1
            (m + i * count + i).initialize(to: 0)
            let row = m + i * count + i + 1
            if Rule.squaresDistances {
                for j in 0..<length { (row + j).initialize(to: d[k + j] * d[k + j]) }
            } else {
                row.initialize(from: d + k, count: length)
            }
            k += length
        }
        // Mirror the upper triangle in tiles, so reads and writes stay in cache.
        let tile = 64
        var i0 = 0
        while i0 < count {
            var j0 = i0
            while j0 < count {
                for i in i0..<min(i0 + tile, count) {
                    for j in max(j0, i + 1)..<max(min(j0 + tile, count), i + 1) {
                        (m + j * count + i).initialize(to: m[i * count + j])
                    }
                }
                j0 += tile
            }
            i0 += tile
        }
    }

    deinit { m.deallocate() }

    @inline(__always)
    func dissimilarity(_ x: Int, _ y: Int) -> S { m[x * n + y] }

    @inline(__always)
    func height(_ value: S) -> Double { Rule.height(value) }

    func nearest(to x: Int, start: Int, startValue: S) -> (slot: Int, value: S) {
        var best = start
        var bestValue = startValue
        let list = slots.list
        let row = m + x * n
        for k in 0..<slots.activeCount {
            let i = list[k]
            let v = row[i]
            if v < bestValue && i != x { bestValue = v; best = i }
        }
        return (best, bestValue)
    }

    func nearestAbove(_ x: Int) -> (slot: Int, value: S) {
        var best = -1
        var bestValue = S.infinity
        let list = slots.list
        let count = slots.activeCount
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) >> 1
            if list[mid] <= x { low = mid + 1 } else { high = mid }
        }
        let row = m + x * n
        for k in low..<count {
            let i = list[k]
            let v = row[i]
            if v < bestValue { bestValue = v; best = i }
        }
        return (best, bestValue)
    }

    func merge(_ x: Int, into y: Int, dissimilarity dxy: S, visitingBelow limit: Int,
               _ visit: (Int, S) -> Void) {
        let size = slots.size
        let nx = size[x]
        let ny = size[y]
        let sx = S(nx)
        let sy = S(ny)
        let list = slots.list
        let rowX = m + x * n
        let rowY = m + y * n
        for k in 0..<slots.activeCount {
            let i = list[k]
            if i == x || i == y { continue }
            let v = Rule.update(rowX[i], rowY[i], dxy, sx, sy, S(size[i]))
            rowY[i] = v
            m[i * n + y] = v
            if i < limit { visit(i, v) }
        }
        slots.remove(x)
        size[y] = nx + ny
    }
}
