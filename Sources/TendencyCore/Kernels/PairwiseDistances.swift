/// All pairwise distances between the rows of a matrix, computed as BLAS
/// level-3 products (`?syrk`/`?gemm`) in the matrix's own precision.
///
/// Definitions (x_i is row i, p the number of columns):
/// - `sqeuclidean`: sum_k (x_ik - x_jk)^2; `euclidean`: its square root.
/// - `cosine`: 1 - x_i.x_j / (|x_i| |x_j|); `correlation`: the same after
///   subtracting each row's mean. Clamped to [0, 2].
/// - `jaccard`, `dice` (0/1 data only): see `BinaryOverlapKernel`.
/// - `hamming`: the fraction of the p columns where the rows differ.
/// - `gower`: Gower (1971) with missing values, see `GowerKernel`.
/// All but `gower` equal SciPy's `pdist` with the same metric name, up to
/// rounding (exactly, in `Double`, for jaccard/dice/hamming), except that
/// Dice gives 0 rather than NaN for two all-zero rows.
///
/// Missing values are NaN. Only `gower` accepts them; every other metric
/// throws `KernelError.missingValue` naming the first one (row-major order).
/// Infinite values are always rejected. Errors are `KernelError`s (and
/// `LinearAlgebraError` should an expanded width outgrow 32-bit BLAS).
///
/// Memory: `condensed` works in row blocks (see `RowBlocks`), so besides its
/// n(n-1)/2 output it holds one tile of at most max(128 n, 1 Mi) scalars plus
/// the metric's prepared copy of the data; `square` fills its n x n output
/// in place.
public enum PairwiseDistances {
    /// The distances in SciPy's condensed order.
    public static func condensed<S: BLASScalar>(
        _ data: Matrix<S>, metric: DistanceMetric,
        noSharedColumns: NoSharedColumnsPolicy = .fail,
        directionlessRows: DirectionlessRowPolicy = .fail
    ) throws -> CondensedDistances<S> {
        // Call the implementation with a concrete type, so the optimiser
        // specialises its loops instead of running them through generics.
        if let double = data as? Matrix<Double>,
           let result = try condensedDistances(double, metric, noSharedColumns, directionlessRows) as? CondensedDistances<S> {
            return result
        }
        if let float = data as? Matrix<Float>,
           let result = try condensedDistances(float, metric, noSharedColumns, directionlessRows) as? CondensedDistances<S> {
            return result
        }
        return try condensedDistances(data, metric, noSharedColumns, directionlessRows)
    }

    /// The full symmetric n x n matrix of distances, zero on the diagonal.
    public static func square<S: BLASScalar>(
        _ data: Matrix<S>, metric: DistanceMetric,
        noSharedColumns: NoSharedColumnsPolicy = .fail
    ) throws -> Matrix<S> {
        if let double = data as? Matrix<Double>,
           let result = try squareDistances(double, metric, noSharedColumns) as? Matrix<S> {
            return result
        }
        if let float = data as? Matrix<Float>,
           let result = try squareDistances(float, metric, noSharedColumns) as? Matrix<S> {
            return result
        }
        return try squareDistances(data, metric, noSharedColumns)
    }

    /// Gower distances with a weight per column (Gower 1971): column k's
    /// differences and presence count `columnWeights[k]` times. Weights must be
    /// finite, non-negative, one per column, and not all zero.
    public static func gower<S: BLASScalar>(
        _ data: Matrix<S>, columnWeights: [Double],
        noSharedColumns: NoSharedColumnsPolicy = .fail
    ) throws -> CondensedDistances<S> {
        guard columnWeights.count == data.columns else {
            throw KernelError.badWeights("\(columnWeights.count) weights for \(data.columns) columns")
        }
        guard columnWeights.allSatisfy({ $0.isFinite && $0 >= 0 }), columnWeights.contains(where: { $0 > 0 }) else {
            throw KernelError.badWeights("weights must be finite, non-negative and not all zero")
        }
        try validate(data, .gower, square: false)
        if data.rows < 2 { return CondensedDistances(count: data.rows) }
        if let double = data as? Matrix<Double>,
           let result = try RowBlocks.condensed(GowerKernel(double, policy: noSharedColumns, columnWeights: columnWeights),
                                                blockHeight: nil) as? CondensedDistances<S> {
            return result
        }
        return try RowBlocks.condensed(GowerKernel(data, policy: noSharedColumns, columnWeights: columnWeights), blockHeight: nil)
    }

    static func condensedDistances<S: BLASScalar>(
        _ data: Matrix<S>, _ metric: DistanceMetric, _ policy: NoSharedColumnsPolicy,
        _ directionless: DirectionlessRowPolicy = .fail, blockHeight: Int? = nil, progress: WorkProgress? = nil
    ) throws -> CondensedDistances<S> {
        try validate(data, metric, square: false)
        if data.rows < 2 { return CondensedDistances(count: data.rows) }
        func condensed<K: PairKernel>(_ kernel: K) throws -> CondensedDistances<S> where K.Scalar == S {
            try RowBlocks.condensed(kernel, blockHeight: blockHeight, progress: progress)
        }
        switch metric {
        case .sqeuclidean: return try condensed(EuclideanKernel(data, takeRoot: false))
        case .euclidean: return try condensed(EuclideanKernel(data, takeRoot: true))
        case .cosine: return try condensed(AngularKernel(data, centreRows: false, directionless: directionless))
        case .correlation: return try condensed(AngularKernel(data, centreRows: true, directionless: directionless))
        case .jaccard: return try condensed(BinaryOverlapKernel(data, dice: false))
        case .dice: return try condensed(BinaryOverlapKernel(data, dice: true))
        case .hamming: return try condensed(HammingKernel(data))
        case .gower: return try condensed(GowerKernel(data, policy: policy))
        }
    }

    static func squareDistances<S: BLASScalar>(
        _ data: Matrix<S>, _ metric: DistanceMetric, _ policy: NoSharedColumnsPolicy,
        blockHeight: Int? = nil
    ) throws -> Matrix<S> {
        try validate(data, metric, square: true)
        let n = data.rows
        if n < 2 { return Matrix(rows: n, columns: n) }
        let storage = try [S](unsafeUninitializedCapacity: n * n) { buffer, initialized in
            guard let address = buffer.baseAddress else { return }
            try fillSquare(data, metric, policy, into: address, blockHeight: blockHeight)
            initialized = n * n
        }
        return Matrix(rows: n, columns: n, storage: storage)
    }

    /// Writes the n x n distances at `base`, for data already validated with
    /// at least 2 rows: squared with `squaring`, `diagonal` on the diagonal
    /// (see `RowBlocks.fillSquare`). Returns the first pair whose distance is
    /// not finite, if any.
    @discardableResult
    static func fillSquare<S: BLASScalar>(
        _ data: Matrix<S>, _ metric: DistanceMetric, _ policy: NoSharedColumnsPolicy,
        into base: UnsafeMutablePointer<S>, blockHeight: Int? = nil, squaring: Bool = false, diagonal: S = 0,
        progress: WorkProgress? = nil
    ) throws -> (Int, Int)? {
        func fill<K: PairKernel>(_ kernel: K) throws -> (Int, Int)? where K.Scalar == S {
            try RowBlocks.fillSquare(kernel, into: base, blockHeight: blockHeight, squaring: squaring, diagonal: diagonal,
                                     progress: progress)
        }
        switch metric {
        case .sqeuclidean: return try fill(EuclideanKernel(data, takeRoot: false))
        case .euclidean: return try fill(EuclideanKernel(data, takeRoot: true))
        case .cosine: return try fill(AngularKernel(data, centreRows: false))
        case .correlation: return try fill(AngularKernel(data, centreRows: true))
        case .jaccard: return try fill(BinaryOverlapKernel(data, dice: false))
        case .dice: return try fill(BinaryOverlapKernel(data, dice: true))
        case .hamming: return try fill(HammingKernel(data))
        case .gower: return try fill(GowerKernel(data, policy: policy))
        }
    }

    /// Rejects data the metric is not defined on, naming the first offending
    /// cell in row-major order, and sizes beyond what can be computed.
    static func validate<S: BLASScalar>(_ data: Matrix<S>, _ metric: DistanceMetric, square: Bool) throws {
        let n = data.rows, p = data.columns
        let blasLimit = Int(Int32.max)
        if n > blasLimit { throw KernelError.tooLarge(dimension: "rows", value: n, limit: blasLimit) }
        if p > blasLimit { throw KernelError.tooLarge(dimension: "columns", value: p, limit: blasLimit) }
        // The output must be addressable: n^2 (square) or n(n-1)/2 (condensed) scalars.
        let indexLimit = Int.max / MemoryLayout<S>.stride
        let (squared, overflow) = n.multipliedReportingOverflow(by: n)
        if overflow || (square ? squared : squared / 2) > indexLimit {
            let largest = Int((Double(indexLimit) * (square ? 1 : 2)).squareRoot())
            throw KernelError.tooLarge(dimension: "rows", value: n, limit: largest)
        }
        if n >= 2 && p == 0 { throw KernelError.noColumns }
        try data.storage.withUnsafeBufferPointer { x in
            for i in 0..<n {
                for k in 0..<p {
                    let v = x[i * p + k]
                    if v.isFinite {
                        if metric.requiresBinaryData && v != 0 && v != 1 {
                            throw KernelError.notBinary(row: i, column: k, value: Double(v), metric: metric)
                        }
                    } else if v.isNaN {
                        if !metric.acceptsMissingValues {
                            throw KernelError.missingValue(row: i, column: k, metric: metric)
                        }
                    } else {
                        throw KernelError.nonFinite(row: i, column: k)
                    }
                }
            }
        }
    }
}
