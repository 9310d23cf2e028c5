/// Single linkage as a minimum spanning tree by Prim's algorithm, O(n^2)
/// distance evaluations and O(n) extra memory (Müllner 2011, arXiv:1109.2378,
/// Figure 6).
///
/// Conventions as SciPy's `mst_single_linkage`: the tree grows from
/// observation 0; each step takes the first strict minimum, in index order, of
/// the distances to the tree, and continues from the observation it added.
/// The edges come out in tree order: sort them with `stepwiseLinkage`.
func minimumSpanningTree<Source: PairwiseSource>(_ source: Source, progress: WorkProgress? = nil) throws -> [SlotMerge] {
    var nearest = [Source.Value](repeating: .infinity, count: source.count)
    return try nearest.withUnsafeMutableBufferPointer { nearest in
        let outside = ClusterSlots(count: source.count)
        return try primsTree(outside: outside, height: source.height, progress: progress) { added in
            var best = -1
            var bestValue = Source.Value.infinity
            let list = outside.list
            for k in 0..<outside.activeCount {
                let i = list[k]
                let v = source.distance(added, i)
                if nearest[i] > v { nearest[i] = v }
                if nearest[i] < bestValue {
                    bestValue = nearest[i]
                    best = k
                }
            }
            return (best, bestValue)
        }
    }
}

/// Prim's algorithm around its step, with the conventions above: from
/// observation 0, `step(added)` lowers the distances to the tree of the
/// observations still in `outside` (the one just added already removed) by
/// their distances to `added`, and returns the list position in `outside` of
/// the first strict minimum and its working value (-1 when none is finite:
/// an overflow). Shared by every source of distances and by
/// `PointSpanningTree`, whose step runs in C and in parts. Each step counts
/// one unit on `progress`.
func primsTree<Value: BLASScalar>(outside: ClusterSlots, height: (Value) -> Double, progress: WorkProgress? = nil,
                                  step: (_ added: Int) throws -> (position: Int, value: Value)) throws -> [SlotMerge] {
    let n = outside.count
    var merges = [SlotMerge]()
    merges.reserveCapacity(max(0, n - 1))
    var added = 0
    for _ in 0..<max(0, n - 1) {
        outside.remove(added)
        let (position, value) = try step(added)
        guard position >= 0 else { throw LinkageError.overflow }
        let next = outside.list[position]
        merges.append(SlotMerge(dropped: added, kept: next, height: height(value)))
        added = next
        progress?.advance()
    }
    return merges
}
