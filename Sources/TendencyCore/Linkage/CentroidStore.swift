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
/// When half the stored points belong to merged-away slots, the active ones
/// are moved to the front, in slot order: scans then stream one dense array
/// (prefetched, and in cache sooner) instead of points scattered among dead
/// ones. Ward at n = 50,000, d = 64 (25.6 MB of points, beyond what stays
/// in cache): 165 s instead of 200 s.
final class CentroidStore<S: BLASScalar, Rule: PointRule>: DissimilarityStore, PartedPass {
    typealias Value = S
    let slots: ClusterSlots
    private let points: UnsafeMutablePointer<S>
    private let dimension: Int
    /// The stored row of each slot's point, and the rows in use.
    private let rowOf: UnsafeMutablePointer<Int>
    private var storedRows: Int

    /// Scans and updates of at least this many coordinates are cut into
    /// `parts` parts shared with `partner` (the default, about 0.1 ms of work,
    /// repays the hand-over; tests lower it).
    private let parallelWork: Int
    private var partner: PassPartner<CentroidStore>?
    /// The pass the partner is helping with, and each part's first minimum.
    private var pass = PointPass.none
    private let partMinima = PartMinima<S>(parts: CentroidStore.parts)
    private static var parts: Int { 8 }

    private enum PointPass {
        case none
        /// First strict minima of d(x, .) over list positions `positions`.
        case scan(from: Int, positions: Range<Int>)
        /// d(., y) into `unionDistances` over list positions `0..<count`.
        case union(to: Int, count: Int)
    }
    /// Scratch for `merge`: the distances to the union, by active-list position.
    private let unionDistances: UnsafeMutablePointer<S>
    /// For `Double` points: the filtering copy (see `FloatShadow`).
    private let shadow: FloatShadow?

    /// With more than one core and enough work (or `parallelWork` given, for
    /// tests) a `PassPartner` thread takes parts of each long pass.
    init(points source: Matrix<S>, parallelWork: Int? = nil, filtering: Bool = true) {
        self.parallelWork = parallelWork ?? Self.defaultParallelWork
        unionDistances = .allocate(capacity: max(source.rows, 1))
        slots = ClusterSlots(count: source.rows)
        dimension = source.columns
        rowOf = .allocate(capacity: max(source.rows, 1))
        for slot in 0..<source.rows { rowOf[slot] = slot }
        storedRows = source.rows
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
    }

    static var defaultParallelWork: Int { 1 << 17 }

    deinit {
        partner?.stop()
        points.deallocate()
        rowOf.deallocate()
        unionDistances.deallocate()
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
        let found = firstMinimum(from: x, overListPositions: 0..<slots.activeCount)
        // A scan from (start, startValue) keeps `start` unless some slot is strictly closer.
        return found.value < startValue ? found : (start, startValue)
    }

    func nearestAbove(_ x: Int) -> (slot: Int, value: S) {
        firstMinimum(from: x, overListPositions: activeCount(below: x + 1)..<slots.activeCount)
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
        }
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
                let approximate = Double(approximations[k - positions.lowerBound])
                let error = shadow.bound(rx, rowOf[i], approximate: approximate)
                // Beyond single precision's range: scan exactly.
                guard approximate.isFinite && error.isFinite else { return nil }
                let factor = Double(Rule.dissimilarity(squaredDistance: 1, nx: nx, ny: S(size[i])))
                let lower = factor * (approximate - error)
                if lower > upper { continue }
                upper = min(upper, factor * (approximate + error) * (1 + 0x1p-50))
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
            for k in 0..<dimension { py[k] = wx * px[k] + wy * py[k] }
        } else {
            for k in 0..<dimension { py[k] = 0.5 * (px[k] + py[k]) }
        }
        shadow?.set(row: rowOf[y], to: UnsafeRawPointer(py).assumingMemoryBound(to: Double.self))
        slots.remove(x)
        size[y] = nx + ny
        if 2 * slots.activeCount <= storedRows && storedRows >= 64 { compact() }
        // The distances from the active slots below `limit` to the union are
        // computed first (in parallel when many), then visited in order.
        let count = activeCount(below: limit)
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
        }
        storedRows = slots.activeCount
    }

    /// d(i, y) into `unionDistances[k]` for the active slots i at the given list positions.
    private func distances(to y: Int, overListPositions positions: Range<Int>) {
        let list = slots.list
        for k in positions where list[k] != y { unionDistances[k] = dissimilarity(list[k], y) }
    }
}
