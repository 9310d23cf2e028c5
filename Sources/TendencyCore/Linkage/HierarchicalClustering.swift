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
    /// Runs `body`, in which many linkages of the same size run one after
    /// another (bootstrap resamples, reference sets): a square working
    /// matrix one linkage frees is kept for the next of the same size
    /// instead of being returned to the system, which saves faulting in n^2
    /// fresh scalars each time. What is kept is freed when `body` returns,
    /// or sooner when a new matrix would not fit otherwise. Results are the
    /// same with or without it.
    public static func reusingWorkingMatrices<R>(_ body: () throws -> R) rethrows -> R {
        try SquareMemory.reusingFreed(body)
    }

    /// The linkage of condensed distances (SciPy's `pdist` order).
    ///
    /// Memory: single linkage reads the distances in place. Complete,
    /// average, weighted and Ward copy them into an n x n working matrix
    /// (`SquareStore`, contiguous rows: an order of magnitude faster) when it
    /// fits in the memory available (`SquareMemory`), releasing the condensed
    /// storage if the caller passed it as its last use (or with `consume`).
    /// Otherwise, and for centroid and median, the n(n-1)/2 values are
    /// updated in the distances' own storage (in a copy if shared). Every
    /// layout gives the same linkage. Negative distances are accepted, as in
    /// SciPy; NaN and infinity are not.
    ///
    /// `workingMemoryLimit` (bytes) caps the square working matrix further,
    /// for a caller that must stay below what the machine has. `progress`,
    /// if given, sees a stage "linkage" counting the n - 1 merges.
    public static func linkage<S: BLASScalar>(
        _ distances: consuming CondensedDistances<S>, method: LinkageMethod, workingMemoryLimit: Int? = nil,
        progress: WorkProgress? = nil
    ) throws -> Linkage {
        try linkage(distances, method: method, layout: .automatic, limit: workingMemoryLimit, progress: progress)
    }

    /// Where complete, average, weighted and Ward keep their working
    /// dissimilarities; every layout gives the same linkage, to the bit.
    enum WorkingLayout {
        /// `square` when n^2 scalars fit in the memory available (`SquareMemory`), else `condensed`.
        case automatic
        /// In the condensed storage itself: n(n-1)/2 scalars, strided scans.
        case condensed
        /// `SquareStore`: n^2 scalars, contiguous scans, far faster for large n.
        case square
    }

    static func linkage<S: BLASScalar>(
        _ distances: consuming CondensedDistances<S>, method: LinkageMethod, layout: WorkingLayout, limit: Int? = nil,
        progress: WorkProgress? = nil
    ) throws -> Linkage {
        let n = distances.count
        var working: [S] = []
        swap(&working, &distances.storage)
        // Run the O(n^2) loops specialised for the concrete scalar: generic
        // code called from another module goes through value witnesses, an
        // order of magnitude slower. The cast keeps the storage unique.
        if S.self == Double.self {
            var doubles = unsafeBitCast(working, to: [Double].self)
            working = []
            return try linkage(condensed: &doubles, count: n, method: method, layout: layout, limit: limit, progress: progress)
        }
        if S.self == Float.self {
            var floats = unsafeBitCast(working, to: [Float].self)
            working = []
            return try linkage(condensed: &floats, count: n, method: method, layout: layout, limit: limit, progress: progress)
        }
        return try linkage(condensed: &working, count: n, method: method, layout: layout, limit: limit, progress: progress)
    }

    private static func linkage<S: BLASScalar>(
        condensed working: inout [S], count n: Int, method: LinkageMethod, layout: WorkingLayout, limit: Int?,
        progress: WorkProgress?
    ) throws -> Linkage {
        guard n >= 2 else { throw LinkageError.tooFewObservations(n) }
        if let bad = working.firstIndex(where: { !$0.isFinite }) {
            let (i, j) = pair(atCondensedIndex: bad, count: n)
            throw LinkageError.nonFiniteDistance(i: i, j: j)
        }
        beginLinkage(progress, count: n)
        if method == .single {
            let merges = try working.withUnsafeBufferPointer { buffer in
                try minimumSpanningTree(CondensedSource(d: buffer.baseAddress!, count: n), progress: progress)
            }
            return try stepwiseLinkage(merges, leafCount: n)
        }
        // nil: condensed; false: square if `SquareMemory` admits it; true: square.
        let square: Bool? = switch layout {
        case .automatic: false
        case .condensed: nil
        case .square: true
        }
        // The generic algorithm (centroid, median) always works in the condensed layout.
        func link<Rule: LanceWilliamsRule>(_ rule: Rule.Type, generic: Bool = false) throws -> Linkage {
            try checked(layOut(&working, n, rule, generic: generic, square: generic ? nil : square,
                               limit: generic ? nil : limit, progress: progress))
        }
        switch method {
        case .single: return try link(SingleRule.self)
        case .complete: return try link(CompleteRule.self)
        case .average: return try link(AverageRule.self)
        case .weighted: return try link(WeightedRule.self)
        case .ward: return try link(WardRule.self)
        case .centroid: return try link(CentroidRule.self, generic: true)
        case .median: return try link(MedianRule.self, generic: true)
        }
    }

    private static func layOut<S: BLASScalar, Rule: LanceWilliamsRule>(
        _ working: inout [S], _ n: Int, _ rule: Rule.Type, generic: Bool, square: Bool?, limit: Int?,
        progress: WorkProgress?
    ) throws -> Linkage {
        if let force = square, let matrix = working.withUnsafeBufferPointer({
            SquareMatrixBuffer<S>(condensed: $0.baseAddress!, count: n, squared: Rule.squaresDistances, force: force, limit: limit)
        }) {
            working = []
            return try chain(SquareStore<S, Rule>(matrix), progress: progress)
        }
        return try working.withUnsafeMutableBufferPointer { buffer in
            let store = CondensedStore<S, Rule>(buffer.baseAddress!, count: n)
            return generic ? try self.generic(store, progress: progress) : try chain(store, progress: progress)
        }
    }

    /// The linkage of the rows of `data` under `metric`, as
    /// `linkage(PairwiseDistances.condensed(data, metric:), method:)` but
    /// faster: for single, complete, average, weighted and Ward, when n^2
    /// scalars fit in the memory available (`SquareMemory`), the distances
    /// are computed straight into a square working matrix, with no condensed
    /// copy (for n = 50,000 in `Float`: 10 GB instead of 5 + 10), whose rows
    /// every scan reads contiguously. Same result either way.
    /// `workingMemoryLimit` (bytes) caps the square working matrix further.
    /// `distancesComputed` is called once the distances are ready (for phase
    /// timings). `progress`, if given, sees a stage "distances" counting the
    /// n(n - 1)/2 pairs, then "linkage" counting the n - 1 merges. Throws
    /// `KernelError` for data the metric rejects.
    public static func linkage<S: BLASScalar>(
        rows data: Matrix<S>, metric: DistanceMetric, method: LinkageMethod,
        noSharedColumns: NoSharedColumnsPolicy = .fail, workingMemoryLimit: Int? = nil,
        progress: WorkProgress? = nil, distancesComputed: () -> Void = {}
    ) throws -> Linkage {
        // Specialised for the concrete scalar, as for distances.
        if let double = data as? Matrix<Double> {
            return try linkage(specializedRows: double, metric, method, noSharedColumns, workingMemoryLimit, progress, distancesComputed)
        }
        if let float = data as? Matrix<Float> {
            return try linkage(specializedRows: float, metric, method, noSharedColumns, workingMemoryLimit, progress, distancesComputed)
        }
        return try linkage(specializedRows: data, metric, method, noSharedColumns, workingMemoryLimit, progress, distancesComputed)
    }

    private static func linkage<S: BLASScalar>(
        specializedRows data: Matrix<S>, _ metric: DistanceMetric, _ method: LinkageMethod,
        _ policy: NoSharedColumnsPolicy, _ limit: Int?, _ progress: WorkProgress?, _ distancesComputed: () -> Void
    ) throws -> Linkage {
        let n = data.rows
        // Centroid and median (the generic algorithm) work in the condensed layout.
        if method != .centroid && method != .median, n >= 2 {
            try PairwiseDistances.validate(data, metric, square: true)
            if let matrix = SquareMatrixBuffer<S>(count: n, limit: limit) {
                // Squared for rules on squared distances and +infinity on the
                // diagonal: the working form, in the kernel's parallel pass.
                func fill(squaring: Bool) throws {
                    beginDistances(progress, count: n)
                    if let (i, j) = try PairwiseDistances.fillSquare(
                        data, metric, policy, into: matrix.pointer, squaring: squaring, diagonal: .infinity,
                        progress: progress) {
                        throw LinkageError.nonFiniteDistance(i: i, j: j)
                    }
                    distancesComputed()
                    beginLinkage(progress, count: n)
                }
                switch method {
                case .single:
                    try fill(squaring: false)
                    let merges = try minimumSpanningTree(SquareSource(d: matrix.pointer, count: n), progress: progress)
                    return try checked(stepwiseLinkage(merges, leafCount: n))
                case .complete: return try squareChain(matrix, CompleteRule.self, progress, fill)
                case .average: return try squareChain(matrix, AverageRule.self, progress, fill)
                case .weighted: return try squareChain(matrix, WeightedRule.self, progress, fill)
                default: return try squareChain(matrix, WardRule.self, progress, fill)
                }
            }
        }
        if n >= 2 { beginDistances(progress, count: n) }
        let distances = try PairwiseDistances.condensedDistances(data, metric, policy, progress: progress)
        distancesComputed()
        return try linkage(distances, method: method, workingMemoryLimit: limit, progress: progress)
    }

    /// The chain on a square working matrix that `fill(squaring)` prepares.
    private static func squareChain<S: BLASScalar, Rule: LanceWilliamsRule>(
        _ matrix: SquareMatrixBuffer<S>, _ rule: Rule.Type, _ progress: WorkProgress?, _ fill: (Bool) throws -> Void
    ) throws -> Linkage {
        try fill(Rule.squaresDistances)
        return try checked(chain(SquareStore<S, Rule>(matrix), progress: progress))
    }

    /// Whether single or Ward linkage of these points under Euclidean
    /// distance is expected to run faster on the feature vectors
    /// (`linkage(points:method:)`, memory linear in n) than through an n x n
    /// distance matrix: single up to 128 columns, Ward up to 64 when its
    /// scans are estimated to read at most half the points
    /// (`wardScanFraction`). Other methods: false. Measured for n = 20,000
    /// (`tendency cluster --timings`):
    /// - single (Prim's algorithm streams the points once per step): 16
    ///   columns 0.44 s against 3.7 s, 64 columns 1.2 s against 1.5-4.9 s
    ///   (the square matrix's fresh memory), 128 columns 2.4 s against 2.7 s;
    ///   63 MB against 3.2 GB. Beyond that the distances' BLAS product wins.
    /// - Ward (the nearest-neighbour chain on centroids, scans pruned by
    ///   `BoundingBlocks`), 64 columns: 0.8-1.0 s against 2.5-3.3 s on the
    ///   Gaussian mixture of `Benchmarks/compare.py`, 3.6-4.2 s against
    ///   2.8-6.7 s on Gaussian noise, where no block can be skipped; 16
    ///   columns 0.9-1.0 s against 2.5-4.0 s on the mixture, 3.1 s against
    ///   2.2-2.3 s on noise; 2 columns 0.16 s against 2.4 s.
    package static func linksFasterOnPoints<S: BLASScalar>(_ points: Matrix<S>, method: LinkageMethod) -> Bool {
        switch method {
        case .single: points.columns <= 128
        case .ward: points.columns <= 64 && wardScanFraction(points: points) <= 0.5
        default: false
        }
    }

    /// An estimate of the fraction of the points that each nearest-neighbour
    /// scan of Ward's linkage on points reads (`linkage(points:method:)`
    /// skips blocks of points too far from the query): near 1 for data
    /// without structure at the scale of 64 points, small for data in
    /// clusters (about 0.15 for a mixture of 8 Gaussians, d = 64). Costs
    /// about what sorting the points would, and is deterministic.
    public static func wardScanFraction<S: BLASScalar>(points: Matrix<S>) -> Double {
        // Specialised for the concrete scalar, as the linkages are.
        if let double = points as? Matrix<Double> { return scanFraction(specialized: double) }
        if let float = points as? Matrix<Float> { return scanFraction(specialized: float) }
        return scanFraction(specialized: points)
    }

    private static func scanFraction<S: BLASScalar>(specialized points: Matrix<S>) -> Double {
        points.storage.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return 1 }
            return BoundingBlocks<S>.readFraction(points: base, count: points.rows, dimension: points.columns)
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
    /// rounding. `progress`, if given, sees a stage "linkage" counting the
    /// n - 1 merges.
    public static func linkage<S: BLASScalar>(
        points: Matrix<S>, method: LinkageMethod, progress: WorkProgress? = nil
    ) throws -> Linkage {
        // Specialised for the concrete scalar, as for distances.
        if let double = points as? Matrix<Double> { return try linkage(specialized: double, method: method, progress: progress) }
        if let float = points as? Matrix<Float> { return try linkage(specialized: float, method: method, progress: progress) }
        return try linkage(specialized: points, method: method, progress: progress)
    }

    private static func linkage<S: BLASScalar>(
        specialized points: Matrix<S>, method: LinkageMethod, progress: WorkProgress?
    ) throws -> Linkage {
        let n = points.rows
        guard n >= 2 else { throw LinkageError.tooFewObservations(n) }
        if let bad = points.storage.firstIndex(where: { !$0.isFinite }) {
            throw LinkageError.nonFiniteCoordinate(row: bad / points.columns, column: bad % points.columns)
        }
        if ![.complete, .average, .weighted].contains(method) { beginLinkage(progress, count: n) }
        let result: Linkage
        switch method {
        case .complete, .average, .weighted:
            throw LinkageError.methodNeedsDistances(method)
        case .single:
            // Without coordinates every distance is 0, as with one zero coordinate.
            let source = points.columns > 0 ? points : Matrix<S>(rows: n, columns: 1)
            let merges = try source.storage.withUnsafeBufferPointer { buffer in
                try PointSpanningTree(points: buffer.baseAddress!, count: n, dimension: source.columns).edges(progress: progress)
            }
            result = try stepwiseLinkage(merges, leafCount: n)
        case .ward: result = try chain(CentroidStore<S, WardCentroids>(points: points, pruning: true, ascendingList: false), progress: progress)
        case .centroid: result = try generic(CentroidStore<S, TrueCentroids>(points: points), progress: progress)
        case .median: result = try generic(CentroidStore<S, MedianCentroids>(points: points), progress: progress)
        }
        return try checked(result)
    }

    private static func chain<Store: DissimilarityStore>(_ store: Store, progress: WorkProgress?) throws -> Linkage {
        try stepwiseLinkage(nearestNeighborChain(store, progress: progress), leafCount: store.slots.count)
    }

    private static func generic<Store: DissimilarityStore>(_ store: Store, progress: WorkProgress?) throws -> Linkage {
        Linkage(leafCount: store.slots.count, merges: try genericLinkage(store, progress: progress))
    }

    private static func beginDistances(_ progress: WorkProgress?, count n: Int) {
        progress?.begin("distances", total: n * (n - 1) / 2, unit: "pairs")
    }

    private static func beginLinkage(_ progress: WorkProgress?, count n: Int) {
        progress?.begin("linkage", total: n - 1, unit: "merges")
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
