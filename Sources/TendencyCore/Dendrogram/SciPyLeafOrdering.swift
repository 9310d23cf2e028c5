/// SciPy's `optimal_leaf_ordering`, reproduced to the bit for exchange with
/// SciPy (`optimallyOrdered(distances:matchingSciPy: true)`).
///
/// SciPy (code from Polo, after Bar-Joseph, Gifford & Jaakkola 2001) fills
/// the table M of best path lengths correctly but then orients each merge's
/// children by that merge's own best end leaves instead of the ends its
/// parent needs, so its result is often not optimal (scipy/scipy#11227).
/// To agree with it exactly, including among ties, this follows its
/// computation: M in single precision with SciPy's rounding steps, candidate
/// inner leaves searched in ascending M as sorted by the same median-of-three
/// quicksort (its order of ties decides what the early termination skips),
/// and the first minimum wins. Memory 5 n^2 bytes; time O(n^3) for the sorts
/// plus the early-terminated search (worst case O(n^4), rarely near it).
extension Dendrogram {
    /// SciPy's `identify_swaps` and the parity rule applied after it: for every
    /// merge, whether its children end up swapped.
    func sciPySwaps(_ distance: PositionDistances) -> [Bool] {
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
                        for k in ks where distance[m, k] < Double(innerMinimum) {
                            innerMinimum = Float(distance[m, k])
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
                                    let candidate = Float(Double(um + wk) + distance[m, k])
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
        // A merge's children end up swapped when an odd number of it and its
        // ancestors must swap; parents come after their children.
        var parity = mustSwap
        for i in stride(from: n - 2, through: 0, by: -1) {
            if left[i] >= n { parity[left[i] - n] ^= parity[i] }
            if right[i] >= n { parity[right[i] - n] ^= parity[i] }
        }
        return parity.map { $0 == 1 }
    }
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
