/// Flat clusterings cut from the tree, as SciPy's `fcluster`: each leaf gets a
/// label 1...c, numbered in the order SciPy's traversal meets the clusters
/// (so labels agree with SciPy exactly, not just up to renaming).
extension Dendrogram {
    /// SciPy `fcluster(Z, count, 'maxclust')`: the lowest cut (among the
    /// merges' subtree maximum heights) giving at most `count` clusters.
    ///
    /// Like SciPy, the search over cut heights is a bisection over merge
    /// indices, which assumes a monotone linkage sorted by height; for other
    /// linkages (centroid, median) the result is SciPy's, possibly with fewer
    /// than `count` clusters. Ties in height can also give fewer clusters.
    /// `count >= n` gives every leaf its own label; `count < 1` is taken as 1.
    public func flatClusters(count: Int) -> [Int] {
        let n = leafCount
        if n == 1 { return [1] }
        if count >= n { return Array(1...n) }
        return labels(criterion: heightMaxima, cutoff: maxclustCutoff(count))
    }

    /// The sizes of the clusters `flatClusters(count:)` gives, left to right,
    /// without labelling the leaves: O(c log n) for c clusters instead of
    /// O(n log n), for callers that try count after count.
    public func flatClusterSizes(count: Int) -> [Int] {
        let n = leafCount
        if n == 1 { return [1] }
        if count >= n { return [Int](repeating: 1, count: n) }
        let cutoff = maxclustCutoff(count)
        var found = [Int]()
        var stack = [2 * n - 2]
        while let node = stack.popLast() {
            if node < n || heightMaxima[node - n] <= cutoff {
                found.append(sizes[node])
            } else {
                stack.append(right[node - n])
                stack.append(left[node - n])
            }
        }
        return found
    }

    /// The smallest count m in `start..<n` whose `flatClusters(count: m)`
    /// has at least `required` clusters of at least `minimumSize` leaves;
    /// `max(start, n)` when none has. The same answer as trying
    /// `flatClusterSizes(count:)` for m = start, start + 1, ... .
    ///
    /// Why: on noisy data the answer can lie hundreds of counts past
    /// `start`. For a linkage sorted by height (every method but centroid and
    /// median) the maxclust cut at m is the tree with its merges opened from
    /// the top while at most m clusters result, whole ties at a time; one
    /// sweep down the merges serves every m, counting the large clusters as
    /// it goes: O(n) in all instead of O(n + log^2 n) per count.
    public func smallestClusterCount(from start: Int, withAtLeast required: Int, ofSize minimumSize: Int) -> Int {
        let n = leafCount
        guard start < n else { return start }
        let criterion = heightMaxima
        guard zip(criterion, criterion.dropFirst()).allSatisfy({ $0 <= $1 }) else {
            var m = start
            while m < n && flatClusterSizes(count: m).filter({ $0 >= minimumSize }).count < required { m += 1 }
            return m
        }
        // Merges n-2, n-3, ... in turn (descending criterion; on ties a
        // parent, with the higher index, before its children).
        var large = n >= minimumSize ? 1 : 0
        var opened = 0
        var tieEnd: Int?
        var m = start
        while true {
            while opened < n - 1 {
                let top = n - 2 - opened
                let end: Int
                if let tieEnd { end = tieEnd } else {
                    var low = top
                    while low > 0 && criterion[low - 1] == criterion[top] { low -= 1 }
                    end = low
                    tieEnd = low
                }
                // Opening the tie group leaves 1 + opened + its size clusters.
                guard opened + top - end + 2 <= m else { break }
                for merge in stride(from: top, through: end, by: -1) {
                    if sizes[n + merge] >= minimumSize { large -= 1 }
                    if sizes[left[merge]] >= minimumSize { large += 1 }
                    if sizes[right[merge]] >= minimumSize { large += 1 }
                }
                opened += top - end + 1
                tieEnd = nil
            }
            if large >= required { return m }
            m += 1
            if m >= n { return m }
        }
    }

    /// The cut height of `flatClusters(count:)`, for 1 <= count < n.
    private func maxclustCutoff(_ count: Int) -> Double {
        let n = leafCount
        let limit = max(count, 1)
        let criterion = heightMaxima
        // Invariant: the cut at criterion[lower] gives more than `limit`
        // clusters (lower = -1 stands for minus infinity), the cut at
        // criterion[upper] at most `limit` (upper = n-1 is never evaluated).
        var lower = -1
        var upper = n - 1
        while upper - lower > 1 {
            let middle = (lower + upper) >> 1
            if cutCounts.count(cutoff: criterion[middle]) > limit {
                lower = middle
            } else {
                upper = middle
            }
        }
        return criterion[upper]
    }

    /// SciPy `fcluster(Z, height, 'distance')`: leaves joined by merges whose
    /// subtree maximum height is <= `height` share a label.
    public func flatClusters(height: Double) -> [Int] {
        labels(criterion: heightMaxima, cutoff: height)
    }

    /// SciPy `fcluster(Z, threshold, 'inconsistent', depth)`: leaves joined by
    /// merges whose subtree maximum inconsistency coefficient (see
    /// `inconsistencyStatistics(depth:)`) is <= `threshold` share a label.
    public func flatClusters(inconsistency threshold: Double, depth: Int = 2) -> [Int] {
        let coefficients = inconsistencyStatistics(depth: depth).map(\.coefficient)
        return labels(criterion: subtreeMaxima(of: coefficients), cutoff: threshold)
    }

    /// For each merge, the maximum of `values` over the merges in its subtree
    /// (SciPy's `get_max_dist_for_each_cluster` / `get_max_Rfield_for_each_cluster`).
    func subtreeMaxima(of values: [Double]) -> [Double] {
        Self.subtreeMaxima(of: values, left: left, right: right)
    }

    static func subtreeMaxima(of values: [Double], left: [Int], right: [Int]) -> [Double] {
        let n = left.count + 1
        var maxima = values
        for i in 0..<left.count {
            if left[i] >= n, maxima[left[i] - n] > maxima[i] { maxima[i] = maxima[left[i] - n] }
            if right[i] >= n, maxima[right[i] - n] > maxima[i] { maxima[i] = maxima[right[i] - n] }
        }
        return maxima
    }

    /// SciPy's `cluster_monocrit` labelling. A depth-first walk from the root
    /// descends into internal children (left, then right) before labelling a
    /// node's leaf children (left, then right). The first node met with
    /// `criterion <= cutoff` opens a new label that all leaves below it get;
    /// outside such nodes every leaf opens a label of its own.
    func labels(criterion: [Double], cutoff: Double) -> [Int] {
        let n = leafCount
        guard n > 1 else { return [Int](repeating: 1, count: n) }
        var labels = [Int](repeating: 0, count: n)
        var visited = [Bool](repeating: false, count: 2 * n - 1)
        var stack = [2 * n - 2]
        stack.reserveCapacity(n)
        var label = 0
        var leader = -1
        while let top = stack.last {
            let row = top - n
            let a = left[row], b = right[row]
            if leader == -1 && criterion[row] <= cutoff {
                leader = row
                label += 1
            }
            if a >= n && !visited[a] {
                visited[a] = true
                stack.append(a)
                continue
            }
            if b >= n && !visited[b] {
                visited[b] = true
                stack.append(b)
                continue
            }
            if a < n {
                if leader == -1 { label += 1 }
                labels[a] = label
            }
            if b < n {
                if leader == -1 { label += 1 }
                labels[b] = label
            }
            if leader == row { leader = -1 }
            stack.removeLast()
        }
        return labels
    }
}
