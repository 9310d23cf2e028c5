import Foundation

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
/// The chain's long replays come when it reaches a row not read for many
/// merges, which it then replays alone while the partner waits. After a
/// merge the chain goes on from the element before the pair, and in 82% of
/// cases (n = 20,000, average) that element's new neighbour is the runner-up
/// of its last scan (`FirstMinimum`'s hint). So a merge update replays that
/// row too, as one more part of the same pass, when its replay is long; and
/// a long replay before a scan takes the row's own runner-up along, one row
/// per thread. Of 24,262 long replays before scans (n = 20,000, average),
/// 15,865 remain; 7,204 run beside an update, 1,243 in pairs.
///
/// When half the rows are merged away the matrix is compacted in place to
/// the active rows and columns (in slot order, so ties still resolve by
/// slot): later passes read only live entries.
///
/// Memory: n^2 scalars plus O(n) for stamps, caches and the log.
final class SquareStore<S: BLASScalar, Rule: LanceWilliamsRule>: DissimilarityStore, PartedPass {
    typealias Value = S
    let slots: ClusterSlots
    private let matrix: SquareMatrixBuffer<S>
    /// Row length and number of rows in use; rows and columns are positions,
    /// ascending with slots.
    private var width: Int
    private let position: UnsafeMutablePointer<Int>
    private let slotAt: UnsafeMutablePointer<Int>
    // Per position:
    /// Merges (of the current log) reflected by the row.
    private let stamp: UnsafeMutablePointer<Int>
    /// Cached nearest neighbour: a slot, -1 for none (all infinite), or `stale`.
    private let neighbor: UnsafeMutablePointer<Int>
    private let neighborValue: UnsafeMutablePointer<S>
    /// A likely second-nearest slot at the row's last scan (-1: none known):
    /// after the neighbour merges, the chain usually goes there next.
    private let runnerUp: UnsafeMutablePointer<Int>
    /// The row the chain will likely scan after the coming merge (a
    /// position, -1 for none), brought up to date during the merge update.
    private var ahead = -1
    /// How many merge updates replayed that row beside them, and how many
    /// long replays before a scan took another row along (for tests).
    private(set) var aheadReplays = 0
    private(set) var pairedReplays = 0
    /// Cluster sizes as scalars, 0 for inactive rows.
    private let sizeValue: UnsafeMutablePointer<S>
    /// The merge log since the last compaction: positions and (d(x,y), |x|, |y|).
    private let logX: UnsafeMutablePointer<Int>
    private let logY: UnsafeMutablePointer<Int>
    private let logValues: UnsafeMutablePointer<S>
    private var merged = 0

    /// Rows at least this long have their scans and merge updates cut into
    /// `parts` parts shared with `partner` (see `PassPartner`); the two
    /// replays before a merge and the compaction use the partner at any width.
    private let partedWidth: Int
    private var partner: PassPartner<SquareStore>?
    /// The pass the partner is helping with, and one result per part.
    private var pass = RowPass.none
    private let partMinima = PartMinima<S>(parts: SquareStore.parts)
    private static var parts: Int { 8 }

    private enum RowPass {
        case none
        /// First strict minima of `row[low..<high]` in parts of `length`.
        case scan(row: UnsafePointer<S>, low: Int, high: Int, length: Int)
        /// The merge update of positions `low..<high` in parts of `length`,
        /// after part 0 replaying row `ahead` when it is not -1.
        case update(MergeUpdate, high: Int, length: Int, ahead: Int)
        /// Replays of two rows.
        case refresh(Int, Int)
        /// Compaction: rows `first..<end` gathered, in parts of `length` rows.
        case move(first: Int, end: Int, length: Int, columns: UnsafePointer<Int>, oldWidth: Int, newWidth: Int)
    }

    /// What a merge of row `px` (slot `x`) into row `py` (slot `y`) needs.
    private struct MergeUpdate {
        let x: Int, y: Int
        let rx: UnsafeMutablePointer<S>, ry: UnsafeMutablePointer<S>
        let dxy: S, sx: S, sy: S
    }

    private static var stale: Int { -2 }

    /// Works on a filled matrix (see `SquareMatrixBuffer`), in place.
    ///
    /// With more than one core (or `partedWidth` given, for tests) a
    /// `PassPartner` thread takes half of each long pass. Handing passes to a
    /// dispatch queue instead (one wake-up per merge) measured a net loss:
    /// 4.0 s instead of 2.2 s for n = 20,000 on 2 cores.
    init(_ matrix: SquareMatrixBuffer<S>, partedWidth: Int? = nil) {
        self.matrix = matrix
        self.partedWidth = partedWidth ?? Self.defaultPartedWidth
        let count = matrix.count
        width = count
        slots = ClusterSlots(count: count)
        position = .allocate(capacity: count)
        slotAt = .allocate(capacity: count)
        for i in 0..<count {
            position[i] = i
            slotAt[i] = i
        }
        stamp = .allocate(capacity: count)
        stamp.initialize(repeating: 0, count: count)
        // One allocation for the cached neighbours and the runner-ups after them.
        neighbor = .allocate(capacity: 2 * count)
        neighbor.initialize(repeating: Self.stale, count: count)
        neighborValue = .allocate(capacity: count)
        neighborValue.initialize(repeating: .infinity, count: count)
        runnerUp = neighbor + count
        runnerUp.initialize(repeating: -1, count: count)
        sizeValue = .allocate(capacity: count)
        sizeValue.initialize(repeating: 1, count: count)
        logX = .allocate(capacity: count)
        logY = .allocate(capacity: count)
        logValues = .allocate(capacity: 3 * count)
        logValues.initialize(repeating: 0, count: 3 * count)
        if partedWidth != nil || (ProcessorCount.active > 1 && count >= Self.defaultPartedWidth) {
            partner = PassPartner(self, stepsAside: partedWidth == nil)
        }
    }

    /// Below this row length a part is too short to repay the hand-over.
    static var defaultPartedWidth: Int { 1024 }

    deinit {
        partner?.stop()
        position.deallocate()
        slotAt.deallocate()
        stamp.deallocate()
        neighbor.deallocate()
        neighborValue.deallocate()
        sizeValue.deallocate()
        logX.deallocate()
        logY.deallocate()
        logValues.deallocate()
    }

    @inline(__always)
    private func row(_ p: Int) -> UnsafeMutablePointer<S> { matrix.pointer + p &* width }

    @inline(__always)
    func dissimilarity(_ x: Int, _ y: Int) -> S {
        let px = position[x], py = position[y]
        return stamp[px] >= stamp[py] ? row(px)[py] : row(py)[px]
    }

    @inline(__always)
    func height(_ value: S) -> Double { Rule.height(value) }

    /// Replays on row `p` the logged merges it has not seen. The row's
    /// cluster size is constant over them: a merge into it rewrites the row.
    private func refresh(_ p: Int) {
        var k = stamp[p]
        guard k < merged else { return }
        let r = row(p)
        let np = sizeValue[p]
        // A long replay touches most cache lines of the row at random: read
        // the row in order first (prefetched, into L2), measured ~2x faster.
        if isLongStale(p) {
            var touched: S = 0
            let step = max(1, 64 / MemoryLayout<S>.stride)
            var j = 0
            while j < width {
                touched += r[j]
                j &+= step
            }
            // Never true (entries are finite or +infinity), but the compiler cannot know.
            if touched.isNaN { stamp[p] = -1 }
        }
        while k < merged {
            let x = logX[k], y = logY[k]
            let v = logValues + 3 &* k
            r[y] = Rule.update(r[x], r[y], v[0], v[1], v[2], np)
            r[x] = .infinity
            k += 1
        }
        stamp[p] = merged
    }

    /// The first strict minimum of row `p` over positions `low..<high`, as a
    /// slot: inactive positions and the diagonal hold +infinity, so a plain
    /// contiguous scan skips them.
    /// Also a likely runner-up slot (-1 if none).
    private func scan(_ p: Int, from low: Int, to high: Int) -> (slot: Int, value: S, runnerUp: Int) {
        refresh(p)
        let r = row(p)
        guard low < high else { return (-1, .infinity, -1) }
        let best: Int, bestValue: S, second: Int
        if let partner, high - low >= partedWidth {
            (best, bestValue, second) = partedMinimum(partner, over: high - low) {
                .scan(row: r, low: low, high: high, length: $0)
            }
        } else {
            let (first, value, next) = FirstMinimum.of(r + low, count: high - low)
            (best, bestValue, second) = (first < 0 ? -1 : low + first, value, next < 0 ? -1 : low + next)
        }
        return (best < 0 ? -1 : slotAt[best], bestValue, second < 0 ? -1 : slotAt[second])
    }

    /// Parts cover whole 64-byte lines, so two threads never write one line.
    private static func partLength(_ count: Int) -> Int {
        let line = max(1, 64 / MemoryLayout<S>.stride)
        return ((count + parts - 1) / parts + line - 1) / line * line
    }

    /// Runs the pass `make(length)` over `count` entries in parts of
    /// `length`, shared with the partner; the first strict minimum over the
    /// parts' results, in part order, and the best other part's (a runner-up
    /// hint). `extraParts` more parts run first (see `RowPass.update`).
    private func partedMinimum(_ partner: PassPartner<SquareStore>, over count: Int, extraParts: Int = 0,
                               _ make: (_ length: Int) -> RowPass) -> (Int, S, Int) {
        let length = Self.partLength(count)
        let parts = (count + length - 1) / length
        pass = make(length)
        partner.run(parts: parts + extraParts)
        let (best, value) = partMinima.first(of: parts)
        return (best, value, partMinima.runnerUp(of: parts, besides: best))
    }

    func runPart(_ part: Int) {
        switch pass {
        case .none:
            preconditionFailure("no pass posted")
        case let .scan(row, low, high, length):
            let start = low + part * length
            let (first, value, _) = FirstMinimum.of(row + start, count: min(high, start + length) - start)
            partMinima.set(part, (first < 0 ? -1 : start + first, value))
        case let .update(merge, high, length, ahead):
            if ahead >= 0 {
                // Part 0 replays the row the chain will likely scan next, beside the update.
                guard part > 0 else { return refresh(ahead) }
                partMinima.set(part - 1, update(merge, (part - 1) * length..<min(high, part * length)))
            } else {
                partMinima.set(part, update(merge, part * length..<min(high, (part + 1) * length)))
            }
        case let .refresh(p, q):
            refresh(part == 0 ? p : q)
        case let .move(first, end, length, columns, oldWidth, newWidth):
            for q in (first + part * length)..<min(end, first + (part + 1) * length) {
                moveRow(from: columns[q], to: q, columns: columns, oldWidth: oldWidth, newWidth: newWidth)
            }
        }
    }

    func nearest(to x: Int, start: Int, startValue: S) -> (slot: Int, value: S) {
        let p = position[x]
        if neighbor[p] == Self.stale {
            // A long replay here means a row the chain reached from afar; the
            // row it likely goes to next (this one's runner-up) is replayed
            // beside it.
            if let partner, width >= partedWidth, isLongStale(p) {
                let next = runnerUp[p] < 0 ? -1 : position[runnerUp[p]]
                if next >= 0, next != p, sizeValue[next] != 0, isLongStale(next) {
                    pairedReplays += 1
                    pass = .refresh(p, next)
                    partner.run(parts: 2)
                }
            }
            let (slot, value, second) = scan(p, from: 0, to: width)
            neighbor[p] = slot
            neighborValue[p] = value
            runnerUp[p] = second
        }
        // A scan from (start, startValue) keeps `start` unless some slot is strictly closer.
        let value = neighborValue[p]
        return value < startValue ? (neighbor[p], value) : (start, startValue)
    }

    func nearestAbove(_ x: Int) -> (slot: Int, value: S) {
        let p = position[x]
        let (slot, value, _) = scan(p, from: p + 1, to: width)
        return (slot, value)
    }

    /// Whether row `p`'s replay is long enough to read the row in order first.
    @inline(__always)
    private func isLongStale(_ p: Int) -> Bool { (merged - stamp[p]) &* 16 >= width }

    func willContinue(from slot: Int) {
        let next = runnerUp[position[slot]]
        ahead = next < 0 ? -1 : position[next]
    }

    func merge(_ x: Int, into y: Int, dissimilarity dxy: S, visitingBelow limit: Int,
               _ visit: (Int, S) -> Void) {
        let px = position[x], py = position[y]
        // Worth a part of its own only when long; never x or y, nor a row merged away.
        let ahead = self.ahead
        self.ahead = -1
        let replayAhead = ahead >= 0 && ahead != px && ahead != py && sizeValue[ahead] != 0 && isLongStale(ahead)
            ? ahead : -1
        if let partner, 64 * (merged - max(stamp[px], stamp[py])) >= partedWidth {
            // Two independent rows: each replay writes only its own row and stamp.
            pass = .refresh(px, py)
            partner.run(parts: 2)
        } else {
            refresh(px)
            refresh(py)
        }
        let size = slots.size
        let nx = size[x]
        let ny = size[y]
        let ry = row(py)
        let change = MergeUpdate(x: x, y: y, rx: row(px), ry: ry, dxy: dxy, sx: sizeValue[px], sy: sizeValue[py])
        let best: Int, bestValue: S
        if let partner, width >= partedWidth {
            if replayAhead >= 0 { aheadReplays += 1 }
            (best, bestValue, _) = partedMinimum(partner, over: width, extraParts: replayAhead >= 0 ? 1 : 0) {
                .update(change, high: width, length: $0, ahead: replayAhead)
            }
        } else {
            (best, bestValue) = update(change, 0..<width)
        }
        if limit > 0 {
            let list = slots.list
            for k in 0..<slots.activeCount where list[k] < limit && list[k] != x && list[k] != y {
                visit(list[k], ry[position[list[k]]])
            }
        }
        neighbor[py] = best < 0 ? -1 : slotAt[best]
        neighborValue[py] = bestValue
        neighbor[px] = Self.stale
        logX[merged] = px
        logY[merged] = py
        let entry = logValues + 3 * merged
        entry[0] = dxy
        entry[1] = change.sx
        entry[2] = change.sy
        merged += 1
        stamp[py] = merged
        slots.remove(x)
        size[y] = nx + ny
        sizeValue[px] = 0
        sizeValue[py] = S(nx + ny)
        if 2 * slots.activeCount <= width && width >= 64 { compact() }
    }

    /// The Lance–Williams update of positions `range` of row y from rows x
    /// and y, with row i's cached neighbour kept exact after d(i,x) is
    /// removed and d(i,y) changes; the first strict minimum of the new row y
    /// over `range`. One contiguous pass over both rows. Inactive positions
    /// and the diagonal entries (x, x), (y, y) hold +infinity, so the update
    /// gives +infinity at x, at y and at every inactive position: those stay
    /// excluded from every scan.
    private func update(_ m: MergeUpdate, _ range: Range<Int>) -> (Int, S) {
        let (x, y, rx, ry) = (m.x, m.y, m.rx, m.ry)
        let neighbor = self.neighbor
        let neighborValue = self.neighborValue
        let sizeValue = self.sizeValue
        var best = -1
        var bestValue = S.infinity
        for i in range {
            let v = Rule.update(rx[i], ry[i], m.dxy, m.sx, m.sy, sizeValue[i])
            ry[i] = v
            if v < bestValue { bestValue = v; best = i }
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
        }
        return (best, bestValue)
    }

    /// Keeps only the active rows and columns, in slot order, in place: each
    /// row brought up to date and gathered to the front while in cache.
    /// Empties the log.
    ///
    /// Row q moves from position p_q >= q to [q m, (q + 1) m). As m <= old / 2,
    /// rows q in [a, 2a) land below a * old, where only rows before a lived:
    /// so the rounds [0, 1), [1, 2), [2, 4), [4, 8), ... each run in parallel
    /// (one memory pass, on every core, instead of a parallel replay and a
    /// sequential gather: 0.2 s less at n = 20,000).
    private func compact() {
        let m = slots.activeCount
        let list = slots.list
        let old = width
        precondition(2 * m <= old, "compaction needs half the rows merged away")
        let columns = UnsafeMutablePointer<Int>.allocate(capacity: m)
        defer { columns.deallocate() }
        for k in 0..<m { columns[k] = position[list[k]] }
        var low = 0
        while low < m {
            let first = low, end = min(m, max(1, 2 * low))
            if let partner, end - first >= 2 {
                // Parts of a few rows each, claimed as they go: balanced
                // however the rows' replay lengths differ.
                let length = max(1, (end - first) / 64)
                pass = .move(first: first, end: end, length: length, columns: columns, oldWidth: old, newWidth: m)
                partner.run(parts: (end - first + length - 1) / length)
            } else {
                for q in first..<end { moveRow(from: columns[q], to: q, columns: columns, oldWidth: old, newWidth: m) }
            }
            low = end
        }
        // The per-row state, in order: position p_q >= q is read before it is overwritten.
        for q in 0..<m {
            let p = columns[q]
            stamp[q] = 0
            neighbor[q] = neighbor[p]
            neighborValue[q] = neighborValue[p]
            runnerUp[q] = runnerUp[p]
            sizeValue[q] = sizeValue[p]
            position[list[q]] = q
            slotAt[q] = list[q]
        }
        width = m
        merged = 0
    }

    /// Brings the row at position `p` up to date and gathers its entries at
    /// `columns` into row `q` of a matrix `newWidth` wide.
    private func moveRow(from p: Int, to q: Int, columns: UnsafePointer<Int>, oldWidth: Int, newWidth: Int) {
        refresh(p)
        let source = matrix.pointer + p &* oldWidth
        let target = matrix.pointer + q &* newWidth
        for k in 0..<newWidth { target[k] = source[columns[k]] }
    }
}
