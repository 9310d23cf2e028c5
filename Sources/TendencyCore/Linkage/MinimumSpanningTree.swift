/// Single linkage as a minimum spanning tree by Prim's algorithm, O(n^2)
/// distance evaluations and O(n) extra memory (Müllner 2011, arXiv:1109.2378,
/// Figure 6).
///
/// Conventions as SciPy's `mst_single_linkage`: the tree grows from
/// observation 0; each step takes the first strict minimum, in index order, of
/// the distances to the tree, and continues from the observation it added.
/// The edges come out in tree order: sort them with `stepwiseLinkage`.
func minimumSpanningTree<Source: PairwiseSource>(_ source: Source) throws -> [SlotMerge] {
    let n = source.count
    let outside = ClusterSlots(count: n)
    var nearest = [Source.Value](repeating: .infinity, count: n)
    var merges = [SlotMerge]()
    merges.reserveCapacity(n - 1)
    try nearest.withUnsafeMutableBufferPointer { nearest in
        var x = 0
        for _ in 0..<(n - 1) {
            outside.remove(x)
            var best = -1
            var bestValue = Source.Value.infinity
            let list = outside.list
            for k in 0..<outside.activeCount {
                let i = list[k]
                let v = source.distance(x, i)
                if nearest[i] > v { nearest[i] = v }
                if nearest[i] < bestValue {
                    bestValue = nearest[i]
                    best = i
                }
            }
            guard best >= 0 else { throw LinkageError.overflow }
            merges.append(SlotMerge(dropped: x, kept: best, height: source.height(bestValue)))
            x = best
        }
    }
    return merges
}
