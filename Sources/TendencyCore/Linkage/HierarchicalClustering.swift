/// Hierarchical agglomerative clustering with SciPy's linkage conventions
/// (`scipy.cluster.hierarchy.linkage`), by the algorithms of Müllner 2011,
/// "Modern hierarchical, agglomerative clustering algorithms", arXiv:1109.2378:
///
/// - single: Prim's minimum spanning tree;
/// - complete, average, weighted, Ward: the nearest-neighbour chain;
/// - centroid, median: the generic algorithm (handles inversions).
///
/// Outputs match SciPy 1.17 row for row: single..Ward are sorted by height
/// (stable) and renumbered by union-find; centroid and median rows are in
/// merge order. Ties are broken as SciPy breaks them (first strict minimum in
/// index order); for single, complete, average and weighted the arithmetic is
/// SciPy's too, so even tied inputs give SciPy's matrix. Ward, centroid and
/// median read distances as Euclidean and work on their squares (exact
/// recurrences; heights are square roots), so on exact ties they may choose
/// another, equally valid, merge than SciPy.
///
/// Dissimilarities are computed in the precision of the input (`Float` or
/// `Double`); heights are reported as `Double`.
public enum HierarchicalClustering {
    /// The linkage of condensed distances (SciPy's `pdist` order).
    ///
    /// Memory: single linkage reads the distances in place. The other methods
    /// update a working copy of the n(n-1)/2 values, made in huge pages when it
    /// takes at most 4 GiB; above that they work in the distances' own storage,
    /// which costs no extra memory when the caller passes the distances as
    /// their last use (or with `consume`). Both ways give identical results.
    public static func linkage<S: BLASScalar>(_ distances: consuming CondensedDistances<S>, method: LinkageMethod) throws -> Linkage {
        try linkage(distances, method: method, workingCopyBytes: workingCopyBytes)
    }

    /// `linkage(_:method:)` with a chosen working-copy budget (tests use 0 to
    /// exercise the in-place path).
    static func linkage<S: BLASScalar>(_ distances: consuming CondensedDistances<S>, method: LinkageMethod,
                                       workingCopyBytes budget: Int) throws -> Linkage {
        let n = distances.count
        guard n >= 2 else { throw LinkageError.tooFewObservations(n) }
        if let bad = distances.storage.firstIndex(where: { !$0.isFinite }) {
            let (i, j) = pair(atCondensedIndex: bad, count: n)
            throw LinkageError.nonFiniteDistance(i: i, j: j)
        }
        if method == .single {
            let merges = try distances.storage.withUnsafeBufferPointer { buffer in
                try minimumSpanningTree(CondensedSource(d: buffer.baseAddress!, count: n))
            }
            return try stepwiseLinkage(merges, leafCount: n)
        }
        var working: [S] = []
        swap(&working, &distances.storage)
        switch method {
        case .single: return try checked(layOut(&working, n, budget, SingleRule.self, generic: false))
        case .complete: return try checked(layOut(&working, n, budget, CompleteRule.self, generic: false))
        case .average: return try checked(layOut(&working, n, budget, AverageRule.self, generic: false))
        case .weighted: return try checked(layOut(&working, n, budget, WeightedRule.self, generic: false))
        case .ward: return try checked(layOut(&working, n, budget, WardRule.self, generic: false))
        case .centroid: return try checked(layOut(&working, n, budget, CentroidRule.self, generic: true))
        case .median: return try checked(layOut(&working, n, budget, MedianRule.self, generic: true))
        }
    }

    /// Up to this many bytes of condensed values, the working matrix is a
    /// fresh copy in huge pages (see `HugePages`: strided scans over a large
    /// matrix in 4 KiB pages ran about 2x slower); above it the work is done
    /// in the caller's storage to save memory. 4 GiB: n <= 32,768 for `Double`.
    static let workingCopyBytes = 1 << 32

    /// Runs the chain or the generic algorithm on the condensed distances in
    /// `working`, copied into huge pages within `budget`, else in place.
    private static func layOut<S: BLASScalar, Rule: LanceWilliamsRule>(
        _ working: inout [S], _ n: Int, _ budget: Int, _ rule: Rule.Type, generic: Bool
    ) throws -> Linkage {
        let count = working.count
        if count * MemoryLayout<S>.stride <= budget {
            let copy = HugePages.allocate(S.self, count: count)
            defer { copy.deallocate() }
            working.withUnsafeBufferPointer { source in
                if let base = source.baseAddress { copy.initialize(from: base, count: count) }
            }
            working = []
            let store = CondensedStore<S, Rule>(copy, count: n)
            return generic ? try self.generic(store) : try chain(store)
        }
        return try working.withUnsafeMutableBufferPointer { buffer in
            let store = CondensedStore<S, Rule>(buffer.baseAddress!, count: n)
            return generic ? try self.generic(store) : try chain(store)
        }
    }

    /// The linkage of points (rows) under Euclidean distance with memory
    /// linear in n: distances are computed on the fly (Müllner's
    /// `linkage_vector`), from cluster centroids for Ward and centroid and from
    /// merge midpoints for median. O(n^2 m) time for n points of m coordinates.
    ///
    /// Supports single, ward, centroid and median; the other methods need the
    /// distance matrix and throw `LinkageError.methodNeedsDistances`. The result
    /// equals `linkage(_:method:)` on the points' Euclidean distances up to
    /// rounding.
    public static func linkage<S: BLASScalar>(points: Matrix<S>, method: LinkageMethod) throws -> Linkage {
        let n = points.rows
        guard n >= 2 else { throw LinkageError.tooFewObservations(n) }
        if let bad = points.storage.firstIndex(where: { !$0.isFinite }) {
            throw LinkageError.nonFiniteCoordinate(row: bad / points.columns, column: bad % points.columns)
        }
        let result: Linkage
        switch method {
        case .complete, .average, .weighted:
            throw LinkageError.methodNeedsDistances(method)
        case .single:
            // Without coordinates every distance is 0, as with one zero coordinate.
            let source = points.columns > 0 ? points : Matrix<S>(rows: n, columns: 1)
            let merges = try source.storage.withUnsafeBufferPointer { buffer in
                try minimumSpanningTree(PointSource(points: buffer.baseAddress!, count: n, dimension: source.columns))
            }
            result = try stepwiseLinkage(merges, leafCount: n)
        case .ward: result = try chain(CentroidStore<S, WardCentroids>(points: points))
        case .centroid: result = try generic(CentroidStore<S, TrueCentroids>(points: points))
        case .median: result = try generic(CentroidStore<S, MedianCentroids>(points: points))
        }
        return try checked(result)
    }

    private static func chain<Store: DissimilarityStore>(_ store: Store) throws -> Linkage {
        try stepwiseLinkage(nearestNeighborChain(store), leafCount: store.slots.count)
    }

    private static func generic<Store: DissimilarityStore>(_ store: Store) throws -> Linkage {
        Linkage(leafCount: store.slots.count, merges: try genericLinkage(store))
    }

    /// Finite inputs can still overflow in the recurrences (e.g. squaring 1e200).
    private static func checked(_ linkage: Linkage) throws -> Linkage {
        guard linkage.merges.allSatisfy({ $0.height.isFinite }) else { throw LinkageError.overflow }
        return linkage
    }

    /// The pair (i, j), i < j, stored at `index` of a condensed matrix.
    static func pair(atCondensedIndex index: Int, count n: Int) -> (Int, Int) {
        var i = 0
        var rowStart = 0
        while rowStart + (n - 1 - i) <= index {
            rowStart += n - 1 - i
            i += 1
        }
        return (i, i + 1 + index - rowStart)
    }
}
