/// The tree of a hierarchical clustering, read from a linkage in SciPy's
/// conventions, with the operations of `scipy.cluster.hierarchy` that work on
/// it (`fcluster`, `inconsistent`, `cophenet`, `dendrogram` leaves,
/// `optimal_leaf_ordering`) plus Newick output.
///
/// Every operation is iterative (explicit stacks or passes over the merges in
/// index order, which is a bottom-up order since a merge only refers to
/// earlier clusters), so deep chain-shaped trees of 50,000 leaves are fine.
public struct Dendrogram: Sendable {
    /// The linkage the tree was built from.
    public let linkage: Linkage
    /// The number of leaves, n. Leaves are nodes 0..<n, merge i is node n+i.
    public var leafCount: Int { linkage.leafCount }

    /// Left and right child and height of each merge.
    let left: [Int]
    let right: [Int]
    let heights: [Double]
    /// For each merge, the largest height in its subtree: the criterion of
    /// the `maxclust` and `distance` cuts (equal to `heights` when monotone).
    let heightMaxima: [Double]
    /// The number of clusters of a cut at any height (`maxclust` bisections).
    let cutCounts: CutClusterCount
    /// For every node 0..<2n-1: how many leaves it holds, and where they start
    /// in `order` (a node's leaves are contiguous in SciPy's left-first order).
    let sizes: [Int]
    let starts: [Int]
    /// The leaves left to right, as SciPy's `dendrogram(Z)['leaves']`.
    let order: [Int]

    /// A dendrogram of a linkage known to be valid (one from this package's
    /// linkage code). Use `init(validating:)` for a linkage read from a file.
    public init(_ linkage: Linkage) {
        if let problem = Dendrogram.problem(in: linkage) {
            preconditionFailure("invalid linkage: \(problem); use Dendrogram(validating:) for untrusted input")
        }
        self.init(trusted: linkage)
    }

    /// A dendrogram of any linkage, checked first like SciPy's
    /// `is_valid_linkage`: n-1 merges for n >= 1 leaves, merge i joins two
    /// different clusters below n+i that no earlier merge used, with a finite
    /// non-negative height and size equal to the sum of its children's sizes.
    public init(validating linkage: Linkage) throws {
        if let problem = Dendrogram.problem(in: linkage) { throw DendrogramError.invalidLinkage(problem) }
        self.init(trusted: linkage)
    }

    private init(trusted linkage: Linkage) {
        self.linkage = linkage
        let n = linkage.leafCount
        left = linkage.merges.map(\.a)
        right = linkage.merges.map(\.b)
        heights = linkage.merges.map(\.height)
        heightMaxima = Dendrogram.subtreeMaxima(of: heights, left: left, right: right)
        cutCounts = CutClusterCount(left: left, right: right, criterion: heightMaxima)
        var sizes = [Int](repeating: 1, count: 2 * n - 1)
        for i in 0..<(n - 1) { sizes[n + i] = sizes[left[i]] + sizes[right[i]] }
        // Top-down (decreasing merge index): the left child starts where its
        // parent starts, the right child after the left child's leaves.
        var starts = [Int](repeating: 0, count: 2 * n - 1)
        for i in stride(from: n - 2, through: 0, by: -1) {
            starts[left[i]] = starts[n + i]
            starts[right[i]] = starts[n + i] + sizes[left[i]]
        }
        var order = [Int](repeating: 0, count: n)
        for leaf in 0..<n { order[starts[leaf]] = leaf }
        self.sizes = sizes
        self.starts = starts
        self.order = order
    }

    /// The first thing wrong with `linkage`, or nil when it is valid.
    static func problem(in linkage: Linkage) -> String? {
        let n = linkage.leafCount
        guard n >= 1 else { return "a linkage needs at least one leaf, got \(n)" }
        guard linkage.merges.count == n - 1 else {
            return "\(n) leaves need \(n - 1) merges, got \(linkage.merges.count)"
        }
        var used = [Bool](repeating: false, count: 2 * n - 1)
        var sizes = [Int](repeating: 1, count: 2 * n - 1)
        for (i, merge) in linkage.merges.enumerated() {
            for child in [merge.a, merge.b] {
                guard child >= 0, child < n + i else {
                    return "merge \(i) refers to cluster \(child), which is not below \(n + i)"
                }
                guard !used[child] else { return "merge \(i) reuses cluster \(child)" }
                used[child] = true
            }
            guard merge.a != merge.b else { return "merge \(i) joins cluster \(merge.a) with itself" }
            guard merge.height.isFinite, merge.height >= 0 else {
                return "merge \(i) has height \(merge.height); heights must be finite and non-negative"
            }
            sizes[n + i] = sizes[merge.a] + sizes[merge.b]
            guard merge.size == sizes[n + i] else {
                return "merge \(i) has size \(merge.size), but its children hold \(sizes[n + i]) leaves"
            }
        }
        return nil
    }

    /// SciPy's `dendrogram(Z, no_plot=True)['leaves']` (and `leaves_list`):
    /// the leaves left to right, each merge's first child drawn on the left.
    public func leafOrder() -> [Int] { order }

    /// The leaves under cluster `id` (a leaf 0..<n, or merge i as n+i), in
    /// `leafOrder()` order. O(size of the cluster).
    public func leaves(ofCluster id: Int) -> [Int] {
        precondition(id >= 0 && id < 2 * leafCount - 1, "cluster \(id) is not in this dendrogram")
        return Array(order[starts[id]..<(starts[id] + sizes[id])])
    }
}

/// Why a dendrogram operation refused its input.
public enum DendrogramError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The linkage is not a valid SciPy-convention linkage.
    case invalidLinkage(String)
    /// An argument describes a different number of leaves than the dendrogram.
    case countMismatch(what: String, expected: Int, actual: Int)
    /// Distances contain infinity or NaN where finite values are needed.
    case nonFiniteDistances

    public var description: String {
        switch self {
        case .invalidLinkage(let message):
            return "invalid linkage: \(message)"
        case .countMismatch(let what, let expected, let actual):
            return "\(what) describe \(actual) leaves, but the dendrogram has \(expected)"
        case .nonFiniteDistances:
            return "the distances must all be finite"
        }
    }
}
