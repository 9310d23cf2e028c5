/// Müllner's generic algorithm, correct for every method including those with
/// inversions (centroid, median): each slot keeps a candidate nearest
/// neighbour among higher slots and a lower bound of its distance in a
/// priority queue; the queue's top is recomputed until its candidate is
/// current, which is then the globally closest pair (Müllner 2011,
/// arXiv:1109.2378, Figure 3). O(n^2) typical, O(n^3) worst case.
///
/// Conventions as SciPy's `fast_linkage`: candidates are first strict minima
/// in slot order; the queue is `NeighborHeap`; the lower slot is dropped and
/// the higher takes the union and the next cluster id. The merges come out in
/// merge order with SciPy ids, unsorted (heights may decrease). Each merge
/// counts one unit on `progress`.
func genericLinkage<Store: DissimilarityStore>(_ store: Store, progress: WorkProgress? = nil) throws -> [Linkage.Merge] {
    let slots = store.slots
    let n = slots.count
    var merges = [Linkage.Merge]()
    merges.reserveCapacity(n - 1)
    var neighbor = [Int](repeating: -1, count: n)
    var lowerBound = [Store.Value](repeating: .infinity, count: n)
    for x in 0..<(n - 1) { (neighbor[x], lowerBound[x]) = store.nearestAbove(x) }
    let heap = NeighborHeap(Array(lowerBound[0..<(n - 1)]))
    var clusterID = Array(0..<n)
    for k in 0..<(n - 1) {
        var x = -1
        var y = -1
        var value = Store.Value.infinity
        var found = false
        // A recomputed candidate is exact, so each slot is recomputed at most
        // once per merge; the bound only guards against non-finite values.
        for _ in 0..<(n - k) {
            (x, value) = heap.top
            y = neighbor[x]
            if y >= 0 && value == store.dissimilarity(x, y) {
                found = true
                break
            }
            (y, value) = store.nearestAbove(x)
            neighbor[x] = y
            heap.change(x, to: value)
        }
        guard found else { throw LinkageError.overflow }
        heap.removeTop()
        let size = slots.size[x] + slots.size[y]
        merges.append(Linkage.Merge(a: min(clusterID[x], clusterID[y]), b: max(clusterID[x], clusterID[y]),
                                    height: store.height(value), size: size))
        // In one pass over the slots below the union, in ascending order:
        // candidates that pointed at the dropped slot now point at the union,
        // and the union may be closer than a slot's current lower bound.
        store.merge(x, into: y, dissimilarity: value, visitingBelow: y) { z, d in
            if neighbor[z] == x { neighbor[z] = y }
            if d < heap.value(of: z) {
                neighbor[z] = y
                heap.change(z, to: d)
            }
        }
        clusterID[y] = n + k
        if y < n - 1 {
            let (z, d) = store.nearestAbove(y)
            if z >= 0 {
                neighbor[y] = z
                heap.change(y, to: d)
            }
        }
        progress?.advance()
    }
    return merges
}
