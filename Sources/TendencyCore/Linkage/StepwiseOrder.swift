/// Turns merges found out of order (by the nearest-neighbour chain or the
/// spanning tree) into a SciPy linkage matrix, as SciPy does after `nn_chain`
/// and `mst_single_linkage`: a stable sort by height, then cluster ids from a
/// union-find over the sorted merges (the union of a merge is numbered
/// `n + row`; each row lists the smaller id first).
func stepwiseLinkage(_ slotMerges: [SlotMerge], leafCount n: Int) throws -> Linkage {
    // Non-finite heights (from overflow) have no order to sort by.
    guard slotMerges.allSatisfy({ $0.height.isFinite }) else { throw LinkageError.overflow }
    let order = slotMerges.indices.sorted { lhs, rhs in
        let (a, b) = (slotMerges[lhs].height, slotMerges[rhs].height)
        return a < b || (a == b && lhs < rhs)
    }
    var parent = Array(0..<(2 * n - 1))
    var size = [Int](repeating: 1, count: 2 * n - 1)
    func root(_ start: Int) -> Int {
        var r = start
        while parent[r] != r { r = parent[r] }
        var node = start
        while parent[node] != r {
            let next = parent[node]
            parent[node] = r
            node = next
        }
        return r
    }
    var merges = [Linkage.Merge]()
    merges.reserveCapacity(n - 1)
    for (row, index) in order.enumerated() {
        let x = root(slotMerges[index].dropped)
        let y = root(slotMerges[index].kept)
        let cluster = n + row
        parent[x] = cluster
        parent[y] = cluster
        size[cluster] = size[x] + size[y]
        merges.append(Linkage.Merge(a: min(x, y), b: max(x, y), height: slotMerges[index].height, size: size[cluster]))
    }
    return Linkage(leafCount: n, merges: merges)
}
