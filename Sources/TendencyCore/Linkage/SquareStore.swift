/// Inter-cluster dissimilarities for the nearest-neighbour chain in a square
/// n x n working matrix whose rows are brought up to date lazily, plus a
/// cached nearest neighbour per row.
///
/// Why: the chain reads whole rows (nearest-neighbour scans) and a merge
/// changes a whole row and a whole column. In a condensed or a symmetric
/// square layout one of the two is strided, one cache miss per element, which
/// costs 30-100x a contiguous read and dominated the running time. Here every
/// pass is contiguous:
///
/// - A merge of `x` into `y` at step `k` rewrites row `y` only (the
///   Lance–Williams update of rows `x` and `y`, Müllner 2011, arXiv:1109.2378,
///   Figure 2) and appends `(x, y, d(x,y), |x|, |y|)` to a log. The column
///   entries `row_i[y]` go stale; `stamp[i]` is the number of merges row `i`
///   reflects.
/// - Before a row is read in full it replays the logged merges it has not
///   seen, in order, on its own entries: `row_i[y] = update(row_i[x], row_i[y], ...)`.
///   That is the same floating-point expression with the same inputs as the
///   update of row `y`, so both copies of a pair agree to the bit.
/// - The current value of a single pair is in the row with the larger stamp.
/// - Merged-away slots and the diagonal hold +infinity (a replay sets
///   `row_i[x]`), so scans and updates run over whole rows without an index
///   list: plain contiguous loops.
///
/// The cached neighbour of a row is the first strict minimum of the row over
/// the active slots, SciPy's tie rule; a merge keeps it exact with O(1) work per
/// row (or marks it stale when the neighbour was `x` or `y` and the union is
/// farther), so a row is rescanned only when the chain reaches it stale.
/// Typically that removes most of the chain's O(n) scans per merge.
///
/// Every value is computed by the same operations as in `CondensedStore`,
/// and every nearest-neighbour answer is the same, so the linkage is
/// identical to the condensed path's (and to SciPy's).
///
/// Memory: n^2 scalars (the caller's condensed copy can be released once
/// the square is filled) plus O(n) for stamps, caches and the log.
final class SquareStore<S: BLASScalar, Rule: LanceWilliamsRule>: DissimilarityStore {
    typealias Value = S
    let slots: ClusterSlots
    private let n: Int
    private let matrix: SquareMatrixBuffer<S>
    /// Merges reflected by each row.
    private let stamp: UnsafeMutablePointer<Int>
    /// Cached nearest neighbour per row: a slot, -1 for none (all infinite),
    /// or `stale`.
    private let neighbor: UnsafeMutablePointer<Int>
    private let neighborValue: UnsafeMutablePointer<S>
    /// Cluster sizes as scalars, 0 for inactive slots.
    private let sizeValue: UnsafeMutablePointer<S>
    /// The merge log, one entry per merge so far.
    private let logX: UnsafeMutablePointer<Int>
    private let logY: UnsafeMutablePointer<Int>
    private let logValues: UnsafeMutablePointer<S>
    private var merged = 0

    private static var stale: Int { -2 }

    /// The working matrix is filled from the condensed distances `d` of
    /// `count` observations (squared for rules on squared distances); `d` can
    /// be released afterwards.
    /// Works on a prepared matrix (see `SquareMatrixBuffer.prepare`), in place.
    init(_ matrix: SquareMatrixBuffer<S>) {
        self.matrix = matrix
        let count = matrix.count
        n = count
        slots = ClusterSlots(count: count)
        stamp = .allocate(capacity: count)
        stamp.initialize(repeating: 0, count: count)
        neighbor = .allocate(capacity: count)
        neighbor.initialize(repeating: Self.stale, count: count)
        neighborValue = .allocate(capacity: count)
        neighborValue.initialize(repeating: .infinity, count: count)
        sizeValue = .allocate(capacity: count)
        sizeValue.initialize(repeating: 1, count: count)
        logX = .allocate(capacity: count)
        logY = .allocate(capacity: count)
        logValues = .allocate(capacity: 3 * count)
        logValues.initialize(repeating: 0, count: 3 * count)
    }

    deinit {
        stamp.deallocate()
        neighbor.deallocate()
        neighborValue.deallocate()
        sizeValue.deallocate()
        logX.deallocate()
        logY.deallocate()
        logValues.deallocate()
    }

    @inline(__always)
    private func row(_ i: Int) -> UnsafeMutablePointer<S> { matrix.pointer + i &* n }

    @inline(__always)
    func dissimilarity(_ x: Int, _ y: Int) -> S {
        stamp[x] >= stamp[y] ? row(x)[y] : row(y)[x]
    }

    @inline(__always)
    func height(_ value: S) -> Double { Rule.height(value) }

    /// Replays on row `i` the merges it has not seen. Row `i`'s cluster size
    /// is constant over them: a merge into `i` rewrites the row.
    private func refresh(_ i: Int) {
        var k = stamp[i]
        guard k < merged else { return }
        let r = row(i)
        let ni = sizeValue[i]
        while k < merged {
            let x = logX[k], y = logY[k]
            let v = logValues + 3 &* k
            r[y] = Rule.update(r[x], r[y], v[0], v[1], v[2], ni)
            r[x] = .infinity
            k += 1
        }
        stamp[i] = merged
    }

    /// The first strict minimum of row `x` over `low...high`: inactive slots
    /// and the diagonal hold +infinity, so a plain contiguous scan skips them.
    private func scan(_ x: Int, from low: Int, through high: Int) -> (slot: Int, value: S) {
        refresh(x)
        let r = row(x)
        var best = -1
        var bestValue = S.infinity
        var j = low
        while j <= high {
            let v = r[j]
            if v < bestValue { bestValue = v; best = j }
            j += 1
        }
        return (best, bestValue)
    }

    func nearest(to x: Int, start: Int, startValue: S) -> (slot: Int, value: S) {
        if neighbor[x] == Self.stale {
            let (slot, value) = scan(x, from: slots.list[0], through: slots.list[slots.activeCount - 1])
            neighbor[x] = slot
            neighborValue[x] = value
        }
        // A scan from (start, startValue) keeps `start` unless some slot is strictly closer.
        let value = neighborValue[x]
        return value < startValue ? (neighbor[x], value) : (start, startValue)
    }

    func nearestAbove(_ x: Int) -> (slot: Int, value: S) {
        let high = slots.list[slots.activeCount - 1]
        return x < high ? scan(x, from: x + 1, through: high) : (-1, .infinity)
    }

    func merge(_ x: Int, into y: Int, dissimilarity dxy: S, visitingBelow limit: Int,
               _ visit: (Int, S) -> Void) {
        refresh(x)
        refresh(y)
        let size = slots.size
        let nx = size[x]
        let ny = size[y]
        let sx = sizeValue[x]
        let sy = sizeValue[y]
        let rx = row(x)
        let ry = row(y)
        let low = slots.list[0]
        let high = slots.list[slots.activeCount - 1]
        let neighbor = self.neighbor
        let neighborValue = self.neighborValue
        let sizeValue = self.sizeValue
        var best = -1
        var bestValue = S.infinity
        // One contiguous pass over both rows. Inactive slots and the
        // diagonal entries (x, x), (y, y) hold +infinity, so the update gives
        // +infinity at x, at y and at every inactive slot: those stay
        // excluded from every scan.
        var i = low
        while i <= high {
            let v = Rule.update(rx[i], ry[i], dxy, sx, sy, sizeValue[i])
            ry[i] = v
            if v < bestValue { bestValue = v; best = i }
            // Row i's cached first strict minimum after d(i,x) is removed and d(i,y) becomes v.
            let c = neighbor[i]
            if c != Self.stale {
                let cv = neighborValue[i]
                if v < cv {
                    neighbor[i] = y
                    neighborValue[i] = v
                } else if c == x || c == y {
                    // Equal to the old minimum with x < y: a slot between them may now come first.
                    if c != y || v != cv { neighbor[i] = Self.stale }
                } else if v == cv && y < c {
                    neighbor[i] = y
                }
            }
            i += 1
        }
        if limit > 0 {
            let list = slots.list
            for k in 0..<slots.activeCount where list[k] < limit && list[k] != x && list[k] != y {
                visit(list[k], ry[list[k]])
            }
        }
        neighbor[y] = best
        neighborValue[y] = bestValue
        neighbor[x] = Self.stale
        logX[merged] = x
        logY[merged] = y
        let entry = logValues + 3 * merged
        entry[0] = dxy
        entry[1] = sx
        entry[2] = sy
        merged += 1
        stamp[y] = merged
        slots.remove(x)
        size[y] = nx + ny
        sizeValue[x] = 0
        sizeValue[y] = S(nx + ny)
    }
}
