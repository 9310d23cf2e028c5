/// Inter-cluster dissimilarities in a condensed matrix updated in place by a
/// Lance–Williams rule: row `y` takes the union of `x` and `y`.
///
/// Memory: the n(n-1)/2 working values (the caller's buffer when it can be
/// taken over) plus O(n). Scans of a slot's row read the part `i < x` with a
/// stride and the part `i > x` contiguously.
final class CondensedStore<S: BLASScalar, Rule: LanceWilliamsRule>: DissimilarityStore {
    typealias Value = S
    let slots: ClusterSlots
    private let d: UnsafeMutablePointer<S>
    private let n: Int

    /// `d` holds the condensed distances for `count` observations and must
    /// outlive the store; they are squared in place for rules on squared distances.
    init(_ d: UnsafeMutablePointer<S>, count: Int) {
        self.d = d
        n = count
        slots = ClusterSlots(count: count)
        if Rule.squaresDistances {
            for k in 0..<(count * (count - 1) / 2) { d[k] = d[k] * d[k] }
        }
    }

    /// Position of the pair (i, j), i < j (wrapping arithmetic: no overflow
    /// checks in the hot loops; an index of an allocated matrix cannot overflow).
    @inline(__always)
    private func index(_ i: Int, _ j: Int) -> Int { n &* i &- ((i &* (i &+ 1)) >> 1) &+ (j &- i &- 1) }

    @inline(__always)
    func dissimilarity(_ x: Int, _ y: Int) -> S { x < y ? d[index(x, y)] : d[index(y, x)] }

    @inline(__always)
    func height(_ value: S) -> Double { Rule.height(value) }

    func nearest(to x: Int, start: Int, startValue: S) -> (slot: Int, value: S) {
        var best = start
        var bestValue = startValue
        let list = slots.list
        let m = slots.activeCount
        var k = 0
        // Column part: pairs (i, x) with i < x.
        while k < m {
            let i = list[k]
            if i >= x { break }
            let v = d[index(i, x)]
            if v < bestValue { bestValue = v; best = i }
            k += 1
        }
        if k < m && list[k] == x { k += 1 }
        return rowMinimum(of: x, fromListPosition: k, best: best, bestValue: bestValue)
    }

    func nearestAbove(_ x: Int) -> (slot: Int, value: S) {
        guard x + 1 < n else { return (-1, .infinity) }
        return rowMinimum(of: x, fromListPosition: firstActive(after: x), best: -1, bestValue: .infinity)
    }

    /// The row part of a scan: pairs (x, i) for the active slots i > x from
    /// list position `k` on, contiguous; keeps (`best`, `bestValue`) unless
    /// some slot is strictly closer.
    @inline(__always)
    private func rowMinimum(of x: Int, fromListPosition k: Int, best: Int, bestValue: S) -> (slot: Int, value: S) {
        var (best, bestValue) = (best, bestValue)
        let list = slots.list
        let m = slots.activeCount
        let row = d + (index(x, x + 1) - (x + 1))
        for position in k..<max(k, m) {
            let i = list[position]
            let v = row[i]
            if v < bestValue { bestValue = v; best = i }
        }
        return (best, bestValue)
    }

    /// The list position of the first active slot above `x`.
    @inline(__always)
    private func firstActive(after x: Int) -> Int {
        let list = slots.list
        var low = 0
        var high = slots.activeCount
        while low < high {
            let mid = (low + high) >> 1
            if list[mid] <= x { low = mid + 1 } else { high = mid }
        }
        return low
    }

    func merge(_ x: Int, into y: Int, dissimilarity dxy: S, visitingBelow limit: Int,
               _ visit: (Int, S) -> Void) {
        let size = slots.size
        let nx = size[x]
        let ny = size[y]
        let sx = S(nx)
        let sy = S(ny)
        let list = slots.list
        let m = slots.activeCount
        let (low, high) = x < y ? (x, y) : (y, x)
        // Offsets such that pair (low, i) is at rowLow + i for i > low, and so for high.
        let rowLow = index(low, low + 1) - (low + 1)
        let rowHigh = index(high, high + 1) - (high + 1)
        for k in 0..<m {
            let i = list[k]
            if i == x || i == y { continue }
            let ilow = i < low ? index(i, low) : rowLow &+ i
            let ihigh = i < high ? index(i, high) : rowHigh &+ i
            let (ix, iy) = x < y ? (ilow, ihigh) : (ihigh, ilow)
            let v = Rule.update(d[ix], d[iy], dxy, sx, sy, S(size[i]))
            d[iy] = v
            if i < limit { visit(i, v) }
        }
        slots.remove(x)
        size[y] = nx + ny
    }
}
