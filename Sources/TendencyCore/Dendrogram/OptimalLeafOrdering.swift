/// Optimal leaf ordering: swap merges' children so that the sum of distances
/// between neighbouring leaves is minimal among the 2^(n-1) orders the tree
/// allows (Bar-Joseph, Gifford & Jaakkola 2001, "Fast optimal leaf ordering
/// for hierarchical clustering", Bioinformatics 17 suppl. 1, S22-S29).
extension Dendrogram {
    /// The largest n for which `optimallyOrdered(distances:)` is intended:
    /// at this size it needs about 200 MB (the n x n path table plus the
    /// distances) and about n^3/3 = 2e10 additions. Beyond it callers use
    /// `leafOrder()`. Nothing enforces the limit.
    public static let optimalOrderingLeafLimit = 4000

    /// The same merges (rows, heights, sizes) with the children of some merges
    /// swapped so that `leafOrder()` of the result is an optimal leaf order for
    /// `distances` (the leaves' condensed distances, taken as Double).
    ///
    /// By default the order is truly optimal (O(n^3) time, 8 n^2 bytes); ties
    /// are broken deterministically towards the current orientation (with all
    /// distances equal nothing is swapped). With
    /// `matchingSciPy` the result is exactly SciPy's
    /// `optimal_leaf_ordering(Z, y)`, which is often slightly suboptimal
    /// (scipy/scipy#11227); see `sciPySwaps`.
    public func optimallyOrdered<S: BLASScalar>(
        distances: CondensedDistances<S>, matchingSciPy: Bool = false
    ) throws -> Linkage {
        let n = leafCount
        guard distances.count == n else {
            throw DendrogramError.countMismatch(what: "the distances", expected: n, actual: distances.count)
        }
        guard distances.storage.allSatisfy({ $0.isFinite }) else { throw DendrogramError.nonFiniteDistances }
        guard n >= 3 else { return linkage }
        let byPosition = PositionDistances(distances, order: order)
        let swaps = matchingSciPy ? sciPySwaps(byPosition) : optimalSwaps(byPosition)
        var result = linkage
        for i in 0..<(n - 1) where swaps[i] {
            (result.merges[i].a, result.merges[i].b) = (result.merges[i].b, result.merges[i].a)
        }
        return result
    }

    /// Bar-Joseph et al.'s O(n^3) dynamic programme. Bottom-up, for every
    /// merge with children A and B and every leaf u of A and w of B,
    ///   M[u, w] = min over m, k of M[u, m] + D[m, k] + M[k, w],
    /// the shortest path through all of the merge's leaves from u to w, where
    /// m ranges over A's leaves in the other child of A than u (m = u = A for a
    /// leaf A), likewise k for B and w. Taking the minimum over m first for
    /// each (u, k) and then over k gives O(|A||B|(|A|+|B|)) per merge.
    /// Then top-down, the best end leaves of the root are traced back to the
    /// inner leaves of each child, which fixes every merge's orientation.
    func optimalSwaps(_ distance: PositionDistances) -> [Bool] {
        let n = leafCount
        // Leaf positions; path[u * n + w] = M[u, w], symmetric.
        var path = [Double](repeating: 0, count: n * n)
        var throughInner = [Double](repeating: 0, count: n)
        // The O(n^3) part, on raw buffers (all indices stay within spans).
        path.withUnsafeMutableBufferPointer { path in
            throughInner.withUnsafeMutableBufferPointer { throughInner in
                for i in 0..<(n - 1) {
                    let a = left[i], b = right[i]
                    let bSpan = span(b)
                    for u in span(a) {
                        // throughInner[k] = min over m of M[u, m] + D[m, k], k in B.
                        for k in bSpan { throughInner[k] = .infinity }
                        for m in innerSpan(a, outer: u) {
                            let um = path[u * n + m]
                            distance.withRow(m) { row in
                                for k in bSpan {
                                    let value = um + row[k]
                                    if value < throughInner[k] { throughInner[k] = value }
                                }
                            }
                        }
                        for w in bSpan {
                            var shortest = Double.infinity
                            for k in innerSpan(b, outer: w) {
                                let value = throughInner[k] + path[w * n + k]
                                if value < shortest { shortest = value }
                            }
                            path[u * n + w] = shortest
                            path[w * n + u] = shortest
                        }
                    }
                }
            }
        }

        // Top-down: each merge with the leaves its display must start and end
        // with (start in one child, end in the other).
        var swaps = [Bool](repeating: false, count: n - 1)
        let root = n - 2
        var shortest = Double.infinity
        var ends = (start: starts[left[root]], end: starts[right[root]])
        // Ties keep the current order: the first minimum is searched from the
        // display's outside in (u ascending, w descending here; m and k below
        // from the children's current outer ends).
        for u in span(left[root]) {
            for w in span(right[root]).reversed() where path[u * n + w] < shortest {
                shortest = path[u * n + w]
                ends = (u, w)
            }
        }
        var pending = [(row: root, start: ends.start, end: ends.end)]
        while let (row, start, end) = pending.popLast() {
            let a = left[row], b = right[row]
            swaps[row] = !span(a).contains(start)
            // The path's end leaves in A and B, and its best inner leaves m (in
            // A) and k (in B), evaluated exactly as in the bottom-up pass.
            let (u, w) = swaps[row] ? (end, start) : (start, end)
            var best = Double.infinity
            var inner = (m: u, k: w)
            let ms = innerSpan(a, outer: u), ks = innerSpan(b, outer: w)
            for mi in 0..<ms.count {
                let m = swaps[row] ? ms.lowerBound + mi : ms.upperBound - 1 - mi
                let um = path[u * n + m]
                for ki in 0..<ks.count {
                    let k = swaps[row] ? ks.upperBound - 1 - ki : ks.lowerBound + ki
                    let value = (um + distance[m, k]) + path[w * n + k]
                    if value < best {
                        best = value
                        inner = (m, k)
                    }
                }
            }
            // Each child is displayed from the leaf on the outside of the
            // merge's display to the inner leaf, or the reverse when swapped.
            if a >= n { pending.append(swaps[row] ? (a - n, inner.m, u) : (a - n, u, inner.m)) }
            if b >= n { pending.append(swaps[row] ? (b - n, w, inner.k) : (b - n, inner.k, w)) }
        }
        return swaps
    }

    /// The positions in `order` of the leaves of a node.
    func span(_ node: Int) -> Range<Int> { starts[node]..<(starts[node] + sizes[node]) }

    /// Where the far end of a path through `node` that starts at leaf position
    /// `outer` can be: `node` itself for a leaf, else the leaves of the child
    /// of `node` that does not hold `outer`.
    private func innerSpan(_ node: Int, outer: Int) -> Range<Int> {
        guard node >= leafCount else { return span(node) }
        let a = left[node - leafCount], b = right[node - leafCount]
        return span(a).contains(outer) ? span(b) : span(a)
    }
}

/// Condensed distances re-indexed by leaf position in a dendrogram's leaf
/// order: the pair of positions m < k is at `rowOffset[m] + k`.
struct PositionDistances {
    private var storage: [Double]
    private var rowOffset: [Int]

    init<S: BLASScalar>(_ distances: CondensedDistances<S>, order: [Int]) {
        // The gather specialised for Double (the generic one is far slower).
        let selected = S.self == Double.self
            ? unsafeBitCast(distances, to: CondensedDistances<Double>.self).selecting(order)
            : CondensedDistances(count: order.count, storage: distances.selecting(order).storage.map { Double($0) })
        rowOffset = (0..<order.count).map(selected.rowBase)
        storage = selected.storage
    }

    /// The distance between the leaves at positions m < k.
    @inline(__always)
    subscript(m: Int, k: Int) -> Double { storage[rowOffset[m] + k] }

    /// Calls `body` with a pointer `row` such that `row[k]` is the distance
    /// between positions m and k, for m < k < n.
    @inline(__always)
    func withRow<R>(_ m: Int, _ body: (UnsafePointer<Double>) -> R) -> R {
        storage.withUnsafeBufferPointer { body($0.baseAddress! + rowOffset[m]) }
    }
}
