import Foundation

/// Inter-cluster dissimilarities computed on the fly from one representative
/// point per cluster (Müllner's `linkage_vector` idea): memory is the n x m
/// points plus O(n), never n^2. Slot `y`'s point becomes the merged point.
/// Nearest-neighbour scans, n distance evaluations each and nearly all the
/// running time, are cut into parts shared with a `PassPartner` thread when
/// long. (Handing each part to `DispatchQueue.concurrentPerform` instead cost
/// a thread wake-up per scan and a varying number of allocations inside
/// libdispatch: Ward on 5,000 points made 35 K allocations, give or take a
/// few hundred between runs.)
///
/// With `pruning` (Ward's chain asks for it) and from 256 points on, the
/// rows are kept in `BoundingBlocks` of nearby points, and a scan skips every
/// block whose ball is too far to hold a closer point; the answer is the
/// same as a scan of every point, to the bit. Ward on the Gaussian mixture
/// of `Benchmarks/compare.py` (n = 20,000, d = 64): 1.2-1.5 s instead of
/// 3.7-4.3 s. Without blocks, a scan goes over the active slots in order.
/// The generic algorithm (centroid, median) gains nothing from them: its
/// merges compute the distances from every slot below the union anyway, and
/// its scans start without a bound (measured at n = 20,000, d = 16: the
/// same time on the mixture, 1.7x slower on Gaussian noise), so its scans
/// (`nearestAbove`) go over the active slots in order even with blocks.
///
/// When half the stored points belong to merged-away slots, the active ones
/// are moved to the front (in slot order, or regrouped into new blocks):
/// scans then stream dense rows (prefetched, and in cache sooner) instead of
/// points scattered among dead ones. Ward at n = 50,000, d = 64 (25.6 MB of
/// points, beyond what stays in cache): 165 s instead of 200 s.
final class CentroidStore<S: BLASScalar, Rule: PointRule>: DissimilarityStore, PartedPass {
    typealias Value = S
    let slots: ClusterSlots
    private let points: UnsafeMutablePointer<S>
    private let dimension: Int
    /// The stored row of each slot's point, the slot of each row, and the rows in use.
    private let rowOf: UnsafeMutablePointer<Int>
    private let slotOfRow: UnsafeMutablePointer<Int>
    private var storedRows: Int
    /// The rows' blocks, when scans are pruned by them.
    private let blocks: BoundingBlocks<S>?
    /// Per part of a pruned scan: the rows of a chunk of blocks to read and
    /// their single-precision squared distances; the slots that may be
    /// nearest and their lower bounds; the rows it read.
    private let chunkRows: UnsafeMutablePointer<Int>
    private let chunkApproximations: UnsafeMutablePointer<Float>
    private let chunkCandidates: UnsafeMutablePointer<Int>
    private let chunkLowerBounds: UnsafeMutablePointer<Double>
    private let rowsRead: UnsafeMutablePointer<Int>
    /// Whether the blocks' bounds are worth computing on this data.
    private var pruning = PruningRecord()

    /// Scans and updates of at least this many coordinates are cut into
    /// `parts` parts shared with `partner` (the default, about 0.1 ms of work,
    /// repays the hand-over; tests lower it).
    private let parallelWork: Int
    private var partner: PassPartner<CentroidStore>?
    /// The pass the partner is helping with, and each part's first minimum.
    private var pass = PointPass.none
    private let partMinima = PartMinima<S>(parts: max(CentroidStore.parts, CentroidStore.blockParts))
    private static var parts: Int { 8 }

    private enum PointPass {
        case none
        /// First strict minima of d(x, .) over list positions `positions`.
        case scan(from: Int, positions: Range<Int>)
        /// d(., y) into `unionDistances` over list positions `0..<count`.
        case union(to: Int, count: Int)
        /// The smallest d(x, i) (lowest slot on ties) over each part's
        /// blocks but `skipping`, values beyond `bound` left out; blocks
        /// pruned by their lower bounds when `bounded`.
        case blocks(from: Int, skipping: Int, bound: S, bounded: Bool)
    }
    /// Scratch for `merge`: the distances to the union, by active-list position.
    private let unionDistances: UnsafeMutablePointer<S>
    /// For `Double` points: the filtering copy (see `FloatShadow`).
    private let shadow: FloatShadow?

    /// With more than one core and enough work (or `parallelWork` given, for
    /// tests) a `PassPartner` thread takes parts of each long pass.
    /// `pruning` turns the blocks on. Without `ascendingList` (for the
    /// nearest-neighbour chain only: `nearestAbove` and `merge` visiting
    /// slots below a limit need the order) and with blocks, the active
    /// list is kept in no order.
    init(points source: Matrix<S>, parallelWork: Int? = nil, filtering: Bool = true, pruning: Bool = false,
         ascendingList: Bool = true) {
        self.parallelWork = parallelWork ?? Self.defaultParallelWork
        unionDistances = .allocate(capacity: max(source.rows, 1))
        let blocked = pruning && source.rows >= Self.blockedRows && source.columns > 0
        // Only pruned scans break ties by slot themselves; `compact` needs the order.
        slots = ClusterSlots(count: source.rows, ascending: ascendingList || !blocked)
        dimension = source.columns
        rowOf = .allocate(capacity: max(source.rows, 1))
        slotOfRow = .allocate(capacity: max(source.rows, 1))
        for slot in 0..<source.rows {
            rowOf[slot] = slot
            slotOfRow[slot] = slot
        }
        storedRows = source.rows
        blocks = blocked
            ? BoundingBlocks(rows: source.rows, dimension: source.columns) : nil
        let scratch = blocks == nil ? 1 : Self.blockParts * Self.chunkCapacity
        chunkRows = .allocate(capacity: scratch)
        chunkApproximations = .allocate(capacity: scratch)
        chunkCandidates = .allocate(capacity: scratch)
        chunkLowerBounds = .allocate(capacity: scratch)
        rowsRead = .allocate(capacity: Self.blockParts)
        rowsRead.initialize(repeating: 0, count: Self.blockParts)
        let points = UnsafeMutablePointer<S>.allocate(capacity: max(source.storage.count, 1))
        source.storage.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { points.initialize(from: base, count: buffer.count) }
        }
        self.points = points
        shadow = S.self == Double.self && source.columns >= 8 && filtering
            ? FloatShadow(points: UnsafeRawPointer(points).assumingMemoryBound(to: Double.self),
                          count: source.rows, dimension: source.columns)
            : nil
        if parallelWork != nil || (ProcessorCount.active > 1 && source.rows * source.columns >= self.parallelWork) {
            partner = PassPartner(self, stepsAside: parallelWork == nil)
        }
        if blocks != nil { regroup() }
    }

    static var defaultParallelWork: Int { 1 << 17 }
    /// Fewest points for blocks: four of them.
    static var blockedRows: Int { 4 * BoundingBlocks<S>.leafSize }

    deinit {
        partner?.stop()
        points.deallocate()
        rowOf.deallocate()
        slotOfRow.deallocate()
        unionDistances.deallocate()
        chunkRows.deallocate()
        rowsRead.deallocate()
        chunkApproximations.deallocate()
        chunkCandidates.deallocate()
        chunkLowerBounds.deallocate()
    }

    @inline(__always)
    private func point(_ slot: Int) -> UnsafeMutablePointer<S> { points + rowOf[slot] &* dimension }

    @inline(__always)
    func dissimilarity(_ x: Int, _ y: Int) -> S {
        Rule.dissimilarity(squaredDistance: squaredEuclidean(point(x), point(y), dimension),
                           nx: S(slots.size[x]), ny: S(slots.size[y]))
    }

    @inline(__always)
    func height(_ value: S) -> Double { Double(max(value, 0)).squareRoot() }

    func nearest(to x: Int, start: Int, startValue: S) -> (slot: Int, value: S) {
        let found = if let blocks {
            prunedMinimum(from: x, bound: startValue, blocks)
        } else {
            firstMinimum(from: x, overListPositions: 0..<slots.activeCount)
        }
        // A scan from (start, startValue) keeps `start` unless some slot is strictly closer.
        return found.value < startValue ? found : (start, startValue)
    }

    /// Over the active slots in order, blocks or not: only the generic
    /// algorithm asks, and it gains nothing from them (see above).
    func nearestAbove(_ x: Int) -> (slot: Int, value: S) {
        precondition(slots.ascending, "nearestAbove needs the ascending list")
        return firstMinimum(from: x, overListPositions: activeCount(below: x + 1)..<slots.activeCount)
    }

    /// The number of active slots below `limit`: they lead the ascending active list.
    private func activeCount(below limit: Int) -> Int {
        let list = slots.list
        var low = 0
        var high = slots.activeCount
        while low < high {
            let mid = (low + high) >> 1
            if list[mid] < limit { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The first strict minimum of d(x, i) over the active slots at the
    /// given positions of the active list (x itself skipped), as (-1,
    /// +infinity) when none is finite. Long scans are cut into parts, each
    /// part's first strict minimum combined in list order: the same answer
    /// as one pass, whichever thread runs which part.
    private func firstMinimum(from x: Int, overListPositions positions: Range<Int>) -> (slot: Int, value: S) {
        guard let partner, positions.count * dimension >= parallelWork else {
            return scan(from: x, overListPositions: positions)
        }
        pass = .scan(from: x, positions: positions)
        partner.run(parts: Self.parts)
        pass = .none
        let best = partMinima.first(of: Self.parts)
        return (best.index, best.value)
    }

    /// Part `k` of `parts` consecutive ranges that split `positions`.
    private static func part(_ k: Int, of positions: Range<Int>) -> Range<Int> {
        let low = positions.lowerBound, count = positions.count
        return (low + k * count / parts)..<(low + (k + 1) * count / parts)
    }

    func runPart(_ part: Int) {
        switch pass {
        case .none:
            preconditionFailure("no pass posted")
        case let .scan(x, positions):
            let found = scan(from: x, overListPositions: Self.part(part, of: positions))
            partMinima.set(part, (found.slot, found.value))
        case let .union(y, count):
            distances(to: y, overListPositions: Self.part(part, of: 0..<count))
        case let .blocks(x, skipped, bound, bounded):
            guard let blocks else { preconditionFailure("no blocks") }
            let count = blocks.blockCount
            let found = scan(blocks: (part * count / Self.blockParts)..<((part + 1) * count / Self.blockParts),
                             skipping: skipped, bounded: bounded, from: x, bound: bound,
                             best: (-1, .infinity), scratch: part, blocks)
            partMinima.set(part, (found.slot, found.value))
        }
    }

    /// The lowest slot i != x with the smallest d(x, i), as
    /// every slot's scan would find it, or one whose value exceeds `bound`
    /// (then no slot has a value at or below `bound`). Reads every block whose
    /// lower bound is within the best value so far (or `bound`; when that is
    /// infinite, `x`'s own block first): when the points are many, in parts of the blocks
    /// shared with the partner, each part pruning by its own best, the
    /// parts' answers combined by (value, slot).
    private func prunedMinimum(from x: Int, bound: S,
                               _ blocks: BoundingBlocks<S>) -> (slot: Int, value: S) {
        // Without a finite bound, x's own block gives one first.
        var best = (slot: -1, value: S.infinity)
        var skipped = -1
        if !bound.isFinite {
            skipped = blocks.blockOfRow[rowOf[x]]
            best = scan(rowsAt: blocks.identity + blocks.first[skipped], count: blocks.count[skipped], from: x,
                        bound: bound, best: best, scratch: 0, blocks)
        }
        let bounded = pruning.boundsPay
        if bounded { blocks.setQuery(point(x)) }
        var read = skipped >= 0 ? blocks.count[skipped] : 0
        if let partner, slots.activeCount * dimension >= parallelWork {
            pass = .blocks(from: x, skipping: skipped, bound: min(bound, best.value), bounded: bounded)
            partner.run(parts: Self.blockParts)
            pass = .none
            for part in 0..<Self.blockParts {
                best = Self.better(best, partMinima.part(part))
                read += rowsRead[part]
            }
        } else {
            best = scan(blocks: 0..<blocks.blockCount, skipping: skipped, bounded: bounded, from: x, bound: bound,
                        best: best, scratch: 0, blocks)
            read += rowsRead[0]
        }
        if bounded {
            pruning.record(rowsRead: read, of: slots.activeCount)
        } else {
            pruning.recordUnbounded()
        }
        return best
    }

    /// `best` updated with the blocks in `range` (but `own`) whose lower
    /// bound, and their group's, is within min(`bound`, best value),
    /// gathered into chunks of about `chunkRows` rows (one call of the
    /// distance loop each), using part `scratch`'s buffers.
    private func scan(blocks range: Range<Int>, skipping own: Int, bounded: Bool, from x: Int, bound: S,
                      best: (slot: Int, value: S), scratch: Int, _ blocks: BoundingBlocks<S>) -> (slot: Int, value: S) {
        var best = best
        let nx = slots.size[x]
        let groups = blocks.groups(holding: range)
        if bounded { blocks.measure(groups: groups) }
        let chunk = chunkRows + scratch * Self.chunkCapacity
        var read = 0
        var count = 0
        for g in groups {
            if bounded && blocks.lowerBound(Rule.self, size: nx, group: g) > Double(min(bound, best.value)) { continue }
            let members = blocks.blocks(inGroup: g).clamped(to: range)
            if bounded { blocks.measure(members) }
            for b in members {
                let rows = blocks.count[b]
                guard b != own && rows > 0,
                      !bounded || blocks.lowerBound(Rule.self, size: nx, block: b) <= Double(min(bound, best.value))
                else { continue }
                (chunk + count).initialize(from: blocks.identity + blocks.first[b], count: rows)
                count += rows
                if count >= Self.chunkLength {
                    read += count
                    best = scan(rowsAt: chunk, count: count, from: x, bound: bound, best: best, scratch: scratch, blocks)
                    count = 0
                }
            }
        }
        if count > 0 {
            read += count
            best = scan(rowsAt: chunk, count: count, from: x, bound: bound, best: best, scratch: scratch, blocks)
        }
        rowsRead[scratch] = read
        return best
    }

    /// Parts of a pruned scan: more than of other passes, since pruning
    /// leaves some parts little to do.
    private static var blockParts: Int { 16 }
    /// Rows gathered per call of the distance loop, and room for them.
    private static var chunkLength: Int { 512 }
    private static var chunkCapacity: Int { chunkLength + BoundingBlocks<S>.leafSize }

    /// The smaller value; on equal values the lower slot (-1 never wins a tie).
    @inline(__always)
    private static func better(_ a: (slot: Int, value: S), _ b: (slot: Int, value: S)) -> (slot: Int, value: S) {
        b.value < a.value || (b.value == a.value && b.slot >= 0 && (a.slot < 0 || b.slot < a.slot)) ? b : a
    }

    /// `best` updated with the slots i != x of rows
    /// `list[0..<count]` whose d(x, i) could be at most min(`bound`, best
    /// value): through the single-precision copy when there is one (only
    /// points within its rounding bound are computed exactly), else exactly.
    private func scan(rowsAt list: UnsafePointer<Int>, count: Int, from x: Int, bound: S,
                      best: (slot: Int, value: S), scratch: Int, _ blocks: BoundingBlocks<S>) -> (slot: Int, value: S) {
        var best = best
        guard let shadow else {
            for k in 0..<count {
                let i = slotOfRow[list[k]]
                if i == x { continue }
                best = Self.better(best, (i, dissimilarity(x, i)))
            }
            return best
        }
        let rx = rowOf[x]
        let nx = S(slots.size[x])
        let approximations = chunkApproximations + scratch * Self.chunkCapacity
        shadow.squaredDistances(from: rx, to: list, rowOf: blocks.identity, count: count, into: approximations)
        // Rows whose lower bound is within the smallest upper bound so far,
        // computed exactly once the run is done (most drop out by then).
        let candidates = chunkCandidates + scratch * Self.chunkCapacity
        let lowers = chunkLowerBounds + scratch * Self.chunkCapacity
        var candidateCount = 0
        var upper = Double(min(bound, best.value))
        for k in 0..<count {
            let row = list[k]
            let i = slotOfRow[row]
            if i == x { continue }
            let factor = Double(Rule.dissimilarity(squaredDistance: 1, nx: nx, ny: S(blocks.sizeOfRow[row])))
            // Beyond single precision's range: computed exactly.
            var lower = -Double.infinity
            if let (low, high) = shadow.interval(rx, row, approximate: approximations[k], factor: factor) {
                if low > upper { continue }
                lower = low
                upper = min(upper, high)
            }
            candidates[candidateCount] = i
            lowers[candidateCount] = lower
            candidateCount += 1
        }
        for c in 0..<candidateCount where lowers[c] <= upper {
            best = Self.better(best, (candidates[c], dissimilarity(x, candidates[c])))
        }
        return best
    }

    /// One pass of `firstMinimum`.
    private func scan(from x: Int, overListPositions positions: Range<Int>) -> (slot: Int, value: S) {
        if let shadow, positions.count >= 32, let found = filteredScan(from: x, overListPositions: positions, shadow) {
            return found
        }
        let list = slots.list
        var best = -1
        var bestValue = S.infinity
        for k in positions {
            let i = list[k]
            if i == x { continue }
            let v = dissimilarity(x, i)
            if v < bestValue { bestValue = v; best = i }
        }
        return (best, bestValue)
    }

    /// `scan` through the single-precision copy: candidates within the
    /// rounding bound of the smallest upper bound, then the exact first strict
    /// minimum among them, in list order. Nil when more than a buffer's worth
    /// of candidates stay close (heavily tied data): the caller scans exactly.
    private func filteredScan(from x: Int, overListPositions positions: Range<Int>,
                              _ shadow: FloatShadow) -> (slot: Int, value: S)? {
        let list = slots.list, size = slots.size
        let rx = rowOf[x]
        let nx = S(size[x])
        let capacity = 64
        let approximations = shadow.approximations + positions.lowerBound
        shadow.squaredDistances(from: rx, to: list + positions.lowerBound, rowOf: rowOf, count: positions.count,
                                into: approximations)
        return withUnsafeTemporaryAllocation(of: (position: Int, lower: Double).self, capacity: capacity) { candidates in
            var count = 0
            var upper = Double.infinity
            for k in positions {
                let i = list[k]
                if i == x { continue }
                let factor = Double(Rule.dissimilarity(squaredDistance: 1, nx: nx, ny: S(size[i])))
                // Beyond single precision's range: scan exactly.
                guard let (lower, high) = shadow.interval(rx, rowOf[i], approximate: approximations[k - positions.lowerBound],
                                                          factor: factor) else { return nil }
                if lower > upper { continue }
                upper = min(upper, high)
                if count == capacity {
                    // Keep only what the current upper bound still admits.
                    var kept = 0
                    for c in 0..<count where candidates[c].lower <= upper {
                        candidates[kept] = candidates[c]
                        kept += 1
                    }
                    count = kept
                    if count == capacity { return nil }
                }
                candidates[count] = (k, lower)
                count += 1
            }
            var best = -1
            var bestValue = S.infinity
            for c in 0..<count where candidates[c].lower <= upper {
                let i = list[candidates[c].position]
                let v = dissimilarity(x, i)
                if v < bestValue { bestValue = v; best = i }
            }
            return (best, bestValue)
        }
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
            // Equal coordinates stay exact (wx + wy can round away from 1), so clusters
            // of identical points stay at distance 0 from each other, as in SciPy.
            for k in 0..<dimension where px[k] != py[k] { py[k] = wx * px[k] + wy * py[k] }
        } else {
            for k in 0..<dimension { py[k] = 0.5 * (px[k] + py[k]) }
        }
        shadow?.set(row: rowOf[y], to: UnsafeRawPointer(py).assumingMemoryBound(to: Double.self))
        slots.remove(x)
        size[y] = nx + ny
        if let blocks {
            blocks.enclose(row: rowOf[y], py)
            blocks.sizeOfRow[rowOf[y]] = nx + ny
            let row = rowOf[x]
            if let last = blocks.remove(row: row) {
                // The block's last row fills the hole: its rows stay contiguous.
                (points + row * dimension).update(from: points + last * dimension, count: dimension)
                shadow?.move(row: last, to: row)
                let moved = slotOfRow[last]
                slotOfRow[row] = moved
                rowOf[moved] = row
            }
        }
        if 2 * slots.activeCount <= storedRows && storedRows >= 64 {
            if blocks != nil { regroup() } else { compact() }
        }
        // The distances from the active slots below `limit` to the union are
        // computed first (in parallel when many), then visited in order.
        precondition(slots.ascending || limit == 0, "visiting below a limit needs the ascending list")
        let count = limit > 0 ? activeCount(below: limit) : 0
        guard count > 0 else { return }
        let list = slots.list
        if let partner, count * dimension >= parallelWork {
            pass = .union(to: y, count: count)
            partner.run(parts: Self.parts)
            pass = .none
        } else {
            distances(to: y, overListPositions: 0..<count)
        }
        for k in 0..<count where list[k] != y { visit(list[k], unionDistances[k]) }
    }

    /// Moves the active slots' points to rows 0..<activeCount, in slot order.
    /// A slot's row only moves down and rows keep slot order, so copying in
    /// order never overwrites a point still to be read.
    private func compact() {
        let list = slots.list
        for k in 0..<slots.activeCount {
            let slot = list[k]
            let row = rowOf[slot]
            if row != k {
                (points + k * dimension).update(from: points + row * dimension, count: dimension)
                shadow?.move(row: row, to: k)
            }
            rowOf[slot] = k
            slotOfRow[k] = slot
        }
        storedRows = slots.activeCount
    }

    /// Moves the active slots' points to rows 0..<activeCount, grouped into
    /// new blocks (`BoundingBlocks.spatialOrder`), with fresh balls.
    private func regroup() {
        guard let blocks else { return }
        let active = slots.activeCount
        // In slot order, whatever the list's: the same blocks, rows in the same order.
        var order = [Int]()
        order.reserveCapacity(active)
        for slot in 0..<slots.count where slots.size[slot] > 0 { order.append(slot) }
        let starts = blocks.spatialOrder(&order) { UnsafePointer(point($0)) }
        let moved = UnsafeMutablePointer<S>.allocate(capacity: max(active * dimension, 1))
        defer { moved.deallocate() }
        for (k, slot) in order.enumerated() { (moved + k * dimension).initialize(from: point(slot), count: dimension) }
        points.update(from: moved, count: active * dimension)
        for (k, slot) in order.enumerated() {
            rowOf[slot] = k
            slotOfRow[k] = slot
            shadow?.set(row: k, to: UnsafeRawPointer(points + k * dimension).assumingMemoryBound(to: Double.self))
        }
        storedRows = active
        let size = slots.size
        blocks.rebuild(starts: starts, rows: active, point: { UnsafePointer(points + $0 * dimension) },
                       size: { size[slotOfRow[$0]] })
    }

    /// d(i, y) into `unionDistances[k]` for the active slots i at the given list positions.
    private func distances(to y: Int, overListPositions positions: Range<Int>) {
        let list = slots.list
        for k in positions where list[k] != y { unionDistances[k] = dissimilarity(list[k], y) }
    }
}
