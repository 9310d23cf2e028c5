import CVectorLoops

/// The stored rows of a set of points, grouped into blocks of nearby points,
/// each with a ball that holds every point in it and the smallest cluster
/// size among them: a nearest-neighbour scan skips a whole block when the
/// distance from the query to the ball, weighted for the smallest size,
/// already exceeds the best dissimilarity found.
///
/// Why: a scan of `CentroidStore` evaluates a distance to every active
/// point, the linkage's whole cost; on data with structure most points are
/// far from the query's neighbourhood. Blocks are the leaves of a
/// median-split tree on the coordinate of widest range (Bentley 1975, the
/// k-d tree; bounding balls per leaf as in Omohundro 1989's ball trees), so
/// a block's ball is small. For the Gaussian mixture of
/// `Benchmarks/compare.py` (8 centres, d = 64, n = 20,000) Ward's scans
/// read 18% of the rows in all; on data without structure every block is
/// read, at the cost of one distance per block (a 64th of the scan's work;
/// `PruningRecord` stops computing them where they skip nothing).
///
/// Blocks are themselves gathered, consecutive in the tree's order, into
/// groups of about sqrt(blocks) blocks with balls of their own: a scan
/// first skips whole groups, then blocks within those it reads. On few
/// coordinates the blocks' bounds, not the points, were the scans' cost:
/// Ward on 100,000 points in the plane spent 70% of its time measuring
/// the 1,500 blocks of every scan.
///
/// The store owns the rows; here are only their grouping and bounds. Rows of
/// block `b` are `first[b] ..< first[b] + count[b]`; removing a row moves
/// the block's last row into its place. A ball only grows: a merged point
/// moved out of it widens the radius, and a removed point leaves it as it
/// was, still a valid bound.
final class BoundingBlocks<S: BLASScalar> {
    let dimension: Int
    private(set) var blockCount = 0
    /// Groups of `groupSize` consecutive blocks (the last may hold fewer).
    private(set) var groupCount = 0
    private(set) var groupSize = 1
    /// Per block, then per group from `groupBase` on: smallest cluster size,
    /// radius (and for blocks: first row, rows in use).
    let first: UnsafeMutablePointer<Int>
    let count: UnsafeMutablePointer<Int>
    let minimumSize: UnsafeMutablePointer<Int>
    private let radius: UnsafeMutablePointer<Double>
    /// Per block, then per group, `dimension` coordinates: the centre of
    /// its ball; then one more row, the query of `measure`.
    private let centre: UnsafeMutablePointer<S>
    private let groupBase: Int
    private let queryRow: Int
    /// 0, 1, 2, ...: row or block numbers as a list, and as their own rows.
    let identity: UnsafeMutablePointer<Int>
    /// Per block, then per group: the squared distance from the query to its centre.
    private let squaredToCentre: UnsafeMutablePointer<S>
    /// Per row: its block, and the size of its cluster (kept by the store).
    let blockOfRow: UnsafeMutablePointer<Int>
    let sizeOfRow: UnsafeMutablePointer<Int>
    /// Scratch for `spatialOrder`: per coordinate the lowest and highest
    /// value of a range, and per slot its value on the split coordinate.
    private let splitLow: UnsafeMutablePointer<S>
    private let splitHigh: UnsafeMutablePointer<S>
    private let splitKeys: UnsafeMutablePointer<S>
    private let rowCapacity: Int
    /// Relative slack on distances and bounds, wider than the rounding of a
    /// `dimension`-term squared distance in `S` (Higham 2002, section 3.1:
    /// (m + 2) u for the sum), so a bound never exceeds a computed value.
    private let slack: Double

    /// Blocks hold at most this many points (and at least half as many).
    static var leafSize: Int { 64 }
    /// Fewest blocks per group but the last, so that skipping a group
    /// spares more bounds than measuring it costs.
    static var smallestGroup: Int { 4 }

    /// Room for `rows` rows. A split halves a range of more than
    /// `leafSize` points, so every block but a lone one holds at least
    /// `leafSize / 2`: at most rows / (leafSize / 2) + 1 blocks.
    init(rows: Int, dimension: Int) {
        self.dimension = dimension
        let capacity = max(rows, 1)
        let blocks = capacity / (Self.leafSize / 2) + 1
        // Groups hold at least `smallestGroup` blocks but the last.
        let balls = blocks + blocks / Self.smallestGroup + 1
        first = .allocate(capacity: blocks)
        count = .allocate(capacity: blocks)
        minimumSize = .allocate(capacity: balls)
        radius = .allocate(capacity: balls)
        centre = .allocate(capacity: (balls + 1) * max(dimension, 1))
        groupBase = blocks
        queryRow = balls
        let listed = max(capacity, balls)
        identity = .allocate(capacity: listed + 1)
        for k in 0...listed { identity[k] = k }
        squaredToCentre = .allocate(capacity: balls)
        blockOfRow = .allocate(capacity: capacity)
        sizeOfRow = .allocate(capacity: capacity)
        splitLow = .allocate(capacity: max(dimension, 1))
        splitHigh = .allocate(capacity: max(dimension, 1))
        splitKeys = .allocate(capacity: capacity)
        rowCapacity = capacity
        slack = 4 * Double(dimension + 16) * Double(S.ulpOfOne)
    }

    deinit {
        first.deallocate()
        count.deallocate()
        minimumSize.deallocate()
        radius.deallocate()
        centre.deallocate()
        identity.deallocate()
        squaredToCentre.deallocate()
        blockOfRow.deallocate()
        sizeOfRow.deallocate()
        splitLow.deallocate()
        splitHigh.deallocate()
        splitKeys.deallocate()
    }

    /// Orders `slots` so that each block's points are consecutive, and
    /// returns where each block starts in that order. `point(slot)` gives a
    /// slot's coordinates. A range is split at its median on the coordinate
    /// whose values spread widest, ties by slot, until it fits a block.
    /// At most as many slots as the blocks have room for rows.
    func spatialOrder(_ slots: inout [Int], point: (Int) -> UnsafePointer<S>) -> [Int] {
        var starts = [Int]()
        guard !slots.isEmpty else { return starts }
        precondition(slots.count <= rowCapacity, "more points than rows")
        let dimension = self.dimension
        let low = splitLow, high = splitHigh, keys = splitKeys
        slots.withUnsafeMutableBufferPointer { buffer in
            let order = buffer.baseAddress!
            func split(_ range: Range<Int>) {
                guard range.count > Self.leafSize else {
                    starts.append(range.lowerBound)
                    return
                }
                low.initialize(repeating: .infinity, count: dimension)
                high.initialize(repeating: -.infinity, count: dimension)
                for i in range {
                    let p = point(order[i])
                    for k in 0..<dimension {
                        low[k] = min(low[k], p[k])
                        high[k] = max(high[k], p[k])
                    }
                }
                var widest = 0
                for k in 1..<max(dimension, 1) where high[k] - low[k] > high[widest] - low[widest] { widest = k }
                for i in range { keys[i] = point(order[i])[widest] }
                let middle = range.lowerBound + range.count / 2
                Self.select(middle, in: range, of: order, keys: keys)
                split(range.lowerBound..<middle)
                split(middle..<range.upperBound)
            }
            split(0..<buffer.count)
        }
        return starts
    }

    /// Rearranges `slots[range]` (and `keys[range]` along) so that position
    /// `k` holds the element that sorting by (key, slot) would put there,
    /// with no greater element before it and no smaller after: quickselect
    /// (Hoare 1961, Algorithm 65 "Find"), median-of-three pivots, in place
    /// (a sort would allocate a buffer at every split). The order is strict
    /// and total (slots differ), so the result is deterministic.
    private static func select(_ k: Int, in range: Range<Int>, of slots: UnsafeMutablePointer<Int>,
                               keys: UnsafeMutablePointer<S>) {
        @inline(__always) func less(_ i: Int, _ j: Int) -> Bool {
            keys[i] < keys[j] || (keys[i] == keys[j] && slots[i] < slots[j])
        }
        @inline(__always) func exchange(_ i: Int, _ j: Int) {
            swap(&slots[i], &slots[j])
            swap(&keys[i], &keys[j])
        }
        var low = range.lowerBound, high = range.upperBound - 1
        while low < high {
            let mid = low + (high - low) / 2
            if less(mid, low) { exchange(mid, low) }
            if less(high, low) { exchange(high, low) }
            if less(high, mid) { exchange(high, mid) }
            let pivot = (key: keys[mid], slot: slots[mid])
            var i = low, j = high
            while i <= j {
                while keys[i] < pivot.key || (keys[i] == pivot.key && slots[i] < pivot.slot) { i += 1 }
                while pivot.key < keys[j] || (pivot.key == keys[j] && pivot.slot < slots[j]) { j -= 1 }
                if i <= j {
                    if i != j { exchange(i, j) }
                    i += 1
                    j -= 1
                }
            }
            // Now slots[low...j] <= pivot <= slots[i...high], and j < i.
            if k <= j { high = j } else if k >= i { low = i } else { return }
        }
    }

    /// Forms blocks over rows `0..<rows`, block `b` starting at `starts[b]`,
    /// from the rows' points and cluster sizes, and their groups.
    func rebuild(starts: [Int], rows: Int, point: (Int) -> UnsafePointer<S>, size: (Int) -> Int) {
        precondition(starts.count <= groupBase, "more blocks than room for them")
        blockCount = starts.count
        for b in 0..<blockCount {
            let low = starts[b]
            let high = b + 1 < blockCount ? starts[b + 1] : rows
            first[b] = low
            count[b] = high - low
            let c = centre + b * dimension
            c.initialize(repeating: 0, count: dimension)
            var smallest = Int.max
            for row in low..<high {
                blockOfRow[row] = b
                let p = point(row)
                for k in 0..<dimension { c[k] += p[k] }
                sizeOfRow[row] = size(row)
                smallest = min(smallest, sizeOfRow[row])
            }
            let scale = 1 / S(high - low)
            for k in 0..<dimension { c[k] *= scale }
            minimumSize[b] = smallest
            radius[b] = 0
            for row in low..<high { widen(ball: b, to: point(row)) }
        }
        // About sqrt(blocks) groups of about sqrt(blocks) blocks: a scan
        // measures every group and the blocks of the few it reads.
        groupSize = max(Self.smallestGroup, Int(Double(blockCount).squareRoot().rounded(.up)))
        groupCount = (blockCount + groupSize - 1) / groupSize
        for g in 0..<groupCount {
            let ball = groupBase + g
            let members = blocks(inGroup: g)
            let low = first[members.lowerBound]
            let high = first[members.upperBound - 1] + count[members.upperBound - 1]
            let c = centre + ball * dimension
            c.initialize(repeating: 0, count: dimension)
            for row in low..<high {
                let p = point(row)
                for k in 0..<dimension { c[k] += p[k] }
            }
            let scale = 1 / S(high - low)
            for k in 0..<dimension { c[k] *= scale }
            var smallest = Int.max
            for b in members { smallest = min(smallest, minimumSize[b]) }
            minimumSize[ball] = smallest
            radius[ball] = 0
            for row in low..<high { widen(ball: ball, to: point(row)) }
        }
    }

    /// Widens the balls of `row`'s block and group to hold `point`.
    @inline(__always)
    func enclose(row: Int, _ point: UnsafePointer<S>) {
        let b = blockOfRow[row]
        widen(ball: b, to: point)
        widen(ball: groupBase + b / groupSize, to: point)
    }

    @inline(__always)
    private func widen(ball: Int, to point: UnsafePointer<S>) {
        let distance = Double(squaredEuclidean(point, centre + ball * dimension, dimension)).squareRoot()
        radius[ball] = max(radius[ball], distance * (1 + slack))
    }

    /// The blocks of group `g`.
    @inline(__always)
    func blocks(inGroup g: Int) -> Range<Int> {
        (g * groupSize)..<min((g + 1) * groupSize, blockCount)
    }

    /// The groups holding any of blocks `range`.
    @inline(__always)
    func groups(holding range: Range<Int>) -> Range<Int> {
        range.isEmpty ? 0..<0 : (range.lowerBound / groupSize)..<((range.upperBound - 1) / groupSize + 1)
    }

    /// Removes `row` from its block; returns the row moved into its place
    /// (the block's last, its size moved along), or nil when `row` was the last.
    func remove(row: Int) -> Int? {
        let b = blockOfRow[row]
        count[b] -= 1
        let last = first[b] + count[b]
        guard last != row else { return nil }
        sizeOfRow[row] = sizeOfRow[last]
        return last
    }

    /// An estimate of the fraction of points a nearest-neighbour scan
    /// among singletons reads despite the blocks: for `probes` points spread
    /// evenly over the rows, the points in blocks whose lower bound is within
    /// the nearest distance in the probe's own block. Costs the blocks'
    /// construction (O(n m log n)) and `probes` short scans.
    static func readFraction(points: UnsafePointer<S>, count n: Int, dimension: Int, probes: Int = 64) -> Double {
        guard n >= 2 * leafSize, dimension > 0 else { return 1 }
        let blocks = BoundingBlocks(rows: n, dimension: dimension)
        var order = Array(0..<n)
        let starts = blocks.spatialOrder(&order) { points + $0 * dimension }
        // Rows in block order, as a store keeps them.
        let rows = UnsafeMutablePointer<S>.allocate(capacity: n * dimension)
        defer { rows.deallocate() }
        for (k, i) in order.enumerated() { (rows + k * dimension).initialize(from: points + i * dimension, count: dimension) }
        blocks.rebuild(starts: starts, rows: n, point: { UnsafePointer(rows + $0 * dimension) }, size: { _ in 1 })
        var read = 0
        let probeCount = min(probes, n)
        for p in 0..<probeCount {
            let row = p * n / probeCount
            let query = rows + row * dimension
            let own = blocks.blockOfRow[row]
            var nearest = S.infinity
            for other in blocks.first[own]..<(blocks.first[own] + blocks.count[own]) where other != row {
                nearest = min(nearest, squaredEuclidean(query, rows + other * dimension, dimension))
            }
            blocks.setQuery(query)
            blocks.measure(0..<blocks.blockCount)
            for b in 0..<blocks.blockCount
            where b == own || blocks.lowerBound(TrueCentroids.self, size: 1, block: b) <= Double(nearest) {
                read += blocks.count[b]
            }
        }
        return Double(read) / Double(probeCount * n)
    }

    /// Makes `point` the query of `measure`.
    func setQuery(_ point: UnsafePointer<S>) {
        (centre + queryRow * dimension).update(from: point, count: dimension)
    }

    /// The squared distances from the query to the centres of groups
    /// `range`, for `lowerBound(_:size:group:)`.
    func measure(groups range: Range<Int>) {
        measure((groupBase + range.lowerBound)..<(groupBase + range.upperBound))
    }

    /// A lower bound of `Rule.dissimilarity` from the query to every point
    /// of group `g`, as `lowerBound(_:size:block:)` is for a block.
    @inline(__always)
    func lowerBound<Rule: PointRule>(_ rule: Rule.Type, size: Int, group g: Int) -> Double {
        lowerBound(rule, size: size, block: groupBase + g)
    }

    /// The squared distances from the query to the centres of blocks
    /// `range`, for `lowerBound`: in C for the CPU's widest vectors, in an
    /// order of the sum that the slack allows for. Calls for disjoint ranges
    /// may run at once.
    func measure(_ range: Range<Int>) {
        let out = squaredToCentre + range.lowerBound
        let list = identity + range.lowerBound
        if S.self == Double.self {
            tendency_squared_distances_f64(VectorVariant.best.code, UnsafeRawPointer(centre).assumingMemoryBound(to: Double.self),
                                           dimension, queryRow, list, identity, range.count,
                                           UnsafeMutableRawPointer(out).assumingMemoryBound(to: Double.self))
        } else if S.self == Float.self {
            tendency_shadow_squared_distances(VectorVariant.best.code, UnsafeRawPointer(centre).assumingMemoryBound(to: Float.self),
                                              dimension, queryRow, list, identity, range.count,
                                              UnsafeMutableRawPointer(out).assumingMemoryBound(to: Float.self))
        } else {
            let query = centre + queryRow * dimension
            for b in range { squaredToCentre[b] = squaredEuclidean(query, centre + b * dimension, dimension) }
        }
    }

    /// A lower bound of `Rule.dissimilarity` from the query (a point of a
    /// cluster of `size`; `measure` has covered block `b`) to every point
    /// of block `b`: the distance to the ball, weighted as for the block's
    /// smallest cluster, which `Rule` must not weight more than larger ones.
    /// Zero when the query is in the ball or the arithmetic is not finite.
    @inline(__always)
    func lowerBound<Rule: PointRule>(_ rule: Rule.Type, size: Int, block b: Int) -> Double {
        let toCentre = Double(squaredToCentre[b]).squareRoot()
        let gap = toCentre * (1 - slack) - radius[b]
        guard gap > 0, gap.isFinite else { return 0 }
        let weighted = Double(Rule.dissimilarity(squaredDistance: S(gap * gap), nx: S(size), ny: S(minimumSize[b])))
        return weighted.isFinite ? weighted * (1 - slack) : 0
    }
}
