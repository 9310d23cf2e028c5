/// Optimal leaf ordering: flip merges' children so that the sum of distances
/// between neighbouring leaves is minimal (Bar-Joseph, Gifford & Jaakkola
/// 2001, "Fast optimal leaf ordering for hierarchical clustering",
/// Bioinformatics 17 suppl. 1, S22-S29), as SciPy's `optimal_leaf_ordering`.
///
/// To return SciPy's linkage exactly, including among equally good orders,
/// this follows SciPy's computation: the table M of best path lengths is held
/// in single precision with SciPy's rounding steps, candidates are searched in
/// SciPy's order (ascending M, sorted by the same median-of-three quicksort,
/// whose handling of ties decides which candidates the early termination
/// skips) and the first minimum wins.
///
/// Cost: memory 5 n^2 bytes (M in Float, the flip choices in bytes) plus the
/// distances; time O(n^3) for the sorting and the early-terminated search in
/// practice (the search has no better worst-case bound than O(n^4)). Meant for
/// n up to `optimalOrderingLeafLimit`; beyond that callers use `leafOrder()`.
extension Dendrogram {
    /// The largest n for which `optimallyOrdered(distances:)` is intended
    /// (about 80 MB of tables at this size).
    public static let optimalOrderingLeafLimit = 4000

    /// SciPy `optimal_leaf_ordering(Z, y)`: the same merges (rows, heights,
    /// sizes) with the children of some merges swapped, so that
    /// `leafOrder()` of the result has minimal total neighbour distance.
    /// `distances` are the leaves' condensed distances (taken as Double).
    public func optimallyOrdered<S: BLASScalar>(distances: CondensedDistances<S>) throws -> Linkage {
        let n = leafCount
        guard distances.count == n else {
            throw DendrogramError.countMismatch(what: "the distances", expected: n, actual: distances.count)
        }
        guard distances.storage.allSatisfy({ $0.isFinite }) else { throw DendrogramError.nonFiniteDistances }
        guard n >= 3 else { return linkage }

        // Distances between leaf positions p < q of the current order, in
        // condensed order: the pair (p, q) is at rowOffset[p] + q.
        var rowOffset = [Int](repeating: 0, count: n)
        for p in 0..<n { rowOffset[p] = n * p - p * (p + 1) / 2 - p - 1 }
        var byPosition = [Double](repeating: 0, count: n * (n - 1) / 2)
        for p in 0..<n {
            for q in (p + 1)..<max(p + 1, n) {
                byPosition[rowOffset[p] + q] = Double(distances[order[p], order[q]])
            }
        }

        let mustSwap = byPosition.withUnsafeBufferPointer { d in
            rowOffset.withUnsafeBufferPointer { offsets in
                flipChoices(distance: { m, k in d[offsets[m] + k] })
            }
        }

        // A merge's children end up swapped when an odd number of it and its
        // ancestors must swap; parents come after their children.
        var parity = mustSwap
        for i in stride(from: n - 2, through: 0, by: -1) {
            if left[i] >= n { parity[left[i] - n] ^= parity[i] }
            if right[i] >= n { parity[right[i] - n] ^= parity[i] }
        }
        var result = linkage
        for i in 0..<(n - 1) where parity[i] == 1 {
            (result.merges[i].a, result.merges[i].b) = (result.merges[i].b, result.merges[i].a)
        }
        return result
    }

    /// For every merge, whether its parent's best order needs it flipped (the
    /// root is never flipped). `distance(m, k)` is the distance between the
    /// leaves at positions m < k of `order`.
    private func flipChoices(distance: (Int, Int) -> Double) -> [UInt8] {
        let n = leafCount
        // best[u * n + w]: shortest path from leaf position u to w through all
        // leaves of the smallest cluster holding both (SciPy's M, Float).
        var best = [Float](repeating: 0, count: n * n)
        // choice[u * n + w]: bit 0 = the left child is flipped, bit 1 = the right.
        var choice = [UInt8](repeating: 0, count: n * n)
        var mustSwap = [UInt8](repeating: 0, count: n - 1)
        var sorter = SimultaneousSorter()

        for i in 0..<(n - 1) {
            let l = left[i], r = right[i]
            // Where the outer leaves u (left side) and w (right side) may come
            // from, with the inner leaves m and k from the other grandchild.
            let uFrom = l < n ? [l] : [left[l - n], right[l - n]]
            let mFrom = l < n ? [l] : [right[l - n], left[l - n]]
            let wFrom = r < n ? [r] : [right[r - n], left[r - n]]
            let kFrom = r < n ? [r] : [left[r - n], right[r - n]]

            for flipLeft in uFrom.indices {
                for flipRight in wFrom.indices {
                    let us = span(uFrom[flipLeft]), ms = span(mFrom[flipLeft])
                    let ws = span(wFrom[flipRight]), ks = span(kFrom[flipRight])

                    // The least distance between the inner sets (a lower bound
                    // for the early termination), rounded to Float like SciPy.
                    var innerMinimum = Float.infinity
                    for m in ms {
                        for k in ks where distance(m, k) < Double(innerMinimum) {
                            innerMinimum = Float(distance(m, k))
                        }
                    }

                    // For every w, the k in ascending order of best[w, k].
                    var kOrders = [Int](repeating: 0, count: ws.count * ks.count)
                    for (wi, w) in ws.enumerated() {
                        let sorted = sorter.sortedIndices(ks) { best[w * n + $0] }
                        for (ki, k) in sorted.enumerated() { kOrders[wi * ks.count + ki] = k }
                    }
                    let flips = UInt8(flipLeft) | (UInt8(flipRight) << 1)

                    for u in us {
                        let mOrder = sorter.sortedIndices(ms) { best[u * n + $0] }
                        for (wi, w) in ws.enumerated() {
                            let kOrder = kOrders[(wi * ks.count)..<((wi + 1) * ks.count)]
                            let firstK = best[w * n + kOrder[kOrder.startIndex]]
                            var shortest = Float.infinity
                            for m in mOrder {
                                let um = best[u * n + m]
                                if um + firstK + innerMinimum >= shortest { break }
                                for k in kOrder {
                                    let wk = best[w * n + k]
                                    if um + wk + innerMinimum >= shortest { break }
                                    // SciPy: Float sum, plus a Double, stored as Float.
                                    let candidate = Float(Double(um + wk) + distance(m, k))
                                    if candidate < shortest { shortest = candidate }
                                }
                            }
                            best[u * n + w] = shortest
                            best[w * n + u] = shortest
                            choice[u * n + w] = flips
                            choice[w * n + u] = flips
                        }
                    }
                }
            }

            // The best pair of outer leaves decides how the children are oriented.
            var shortest = Float.infinity
            var bestU = starts[l], bestW = starts[r]
            for u in span(l) {
                for w in span(r) where best[u * n + w] < shortest {
                    shortest = best[u * n + w]
                    bestU = u
                    bestW = w
                }
            }
            let flips = choice[bestU * n + bestW]
            if l >= n { mustSwap[l - n] = flips & 1 }
            if r >= n { mustSwap[r - n] = flips >> 1 }
        }
        return mustSwap
    }

    /// The positions in `order` of the leaves of a node.
    private func span(_ node: Int) -> Range<Int> { starts[node]..<(starts[node] + sizes[node]) }
}

/// Sorts indices by Float keys with the median-of-three quicksort that SciPy's
/// `_simultaneous_sort` uses (taken there from scikit-learn), run with an
/// explicit stack. It is not stable; reproducing it reproduces SciPy's order
/// among equal keys.
private struct SimultaneousSorter {
    private var keys = [Float]()
    private var indices = [Int]()
    private var pending = [(start: Int, count: Int)]()

    mutating func sortedIndices(_ range: Range<Int>, key: (Int) -> Float) -> [Int] {
        keys.removeAll(keepingCapacity: true)
        indices.removeAll(keepingCapacity: true)
        for index in range {
            keys.append(key(index))
            indices.append(index)
        }
        pending.append((0, keys.count))
        while let (start, count) = pending.popLast() {
            if count <= 1 { continue }
            if count == 2 {
                if keys[start] > keys[start + 1] { exchange(start, start + 1) }
                continue
            }
            if count == 3 {
                if keys[start] > keys[start + 1] { exchange(start, start + 1) }
                if keys[start + 1] > keys[start + 2] {
                    exchange(start + 1, start + 2)
                    if keys[start] > keys[start + 1] { exchange(start, start + 1) }
                }
                continue
            }
            // Median of first, middle and last goes to the end as the pivot.
            let last = start + count - 1, middle = start + count / 2
            if keys[start] > keys[last] { exchange(start, last) }
            if keys[last] > keys[middle] {
                exchange(last, middle)
                if keys[start] > keys[last] { exchange(start, last) }
            }
            let pivot = keys[last]
            var store = start
            for position in start..<last where keys[position] < pivot {
                exchange(position, store)
                store += 1
            }
            exchange(store, last)
            let leftCount = store - start
            if leftCount > 1 { pending.append((start, leftCount)) }
            if leftCount + 2 < count { pending.append((store + 1, count - leftCount - 1)) }
        }
        return indices
    }

    private mutating func exchange(_ i: Int, _ j: Int) {
        keys.swapAt(i, j)
        indices.swapAt(i, j)
    }
}
