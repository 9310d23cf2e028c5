/// The nearest-neighbour chain algorithm for reducible methods (single,
/// complete, average, weighted, Ward): follow nearest neighbours from the
/// lowest active slot until two clusters are reciprocal nearest neighbours,
/// merge them, and continue from the rest of the chain (Müllner 2011,
/// arXiv:1109.2378, Figure 5). O(n^2) dissimilarity evaluations.
///
/// Conventions as SciPy's `nn_chain`: the previous chain element is preferred
/// on ties (so the chain cannot cycle), otherwise the first strict minimum in
/// slot order; of the two merged slots the lower is dropped and the higher
/// keeps the union. The merges come out in chain order: sort them with
/// `stepwiseLinkage`. Each merge counts one unit on `progress`.
func nearestNeighborChain<Store: DissimilarityStore>(_ store: Store, progress: WorkProgress? = nil) throws -> [SlotMerge] {
    let slots = store.slots
    let n = slots.count
    var merges = [SlotMerge]()
    merges.reserveCapacity(n - 1)
    var chain = [Int](repeating: 0, count: n)
    var length = 0
    for _ in 0..<(n - 1) {
        if length == 0 {
            chain[0] = slots.lowest
            length = 1
        }
        var x = 0
        var y = 0
        var value = Store.Value.infinity
        while true {
            x = chain[length - 1]
            if length > 1 {
                let previous = chain[length - 2]
                (y, value) = store.nearest(to: x, start: previous, startValue: store.dissimilarity(x, previous))
                if y == previous { break }
            } else {
                (y, value) = store.nearest(to: x, start: -1, startValue: .infinity)
            }
            // Only non-finite dissimilarities leave no neighbour or let the chain grow past n.
            guard y >= 0, length < n else { throw LinkageError.overflow }
            chain[length] = y
            length += 1
        }
        length -= 2
        if length > 0 { store.willContinue(from: chain[length - 1]) }
        let (dropped, kept) = x < y ? (x, y) : (y, x)
        merges.append(SlotMerge(dropped: dropped, kept: kept, height: store.height(value)))
        store.merge(dropped, into: kept, dissimilarity: value, visitingBelow: 0) { _, _ in }
        progress?.advance()
    }
    return merges
}
