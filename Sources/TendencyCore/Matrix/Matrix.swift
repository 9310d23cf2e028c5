/// A dense row-major matrix of `Double` or `Float`.
///
/// Row-major storage keeps each observation's features contiguous, which is
/// what the pairwise kernels (A * A^T through `?syrk`/`?gemm`) and the
/// nearest-neighbour scans read.
public struct Matrix<Scalar: BLASScalar>: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// `rows * columns` values, row after row.
    public var storage: [Scalar]

    /// A matrix of `rows x columns` filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Scalar = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// A matrix over existing row-major storage.
    public init(rows: Int, columns: Int, storage: [Scalar]) {
        precondition(storage.count == rows * columns, "storage holds \(storage.count) values, not \(rows) x \(columns)")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix from an array of equally long rows.
    public init(_ rowArrays: [[Scalar]]) {
        let columns = rowArrays.first?.count ?? 0
        precondition(rowArrays.allSatisfy { $0.count == columns }, "rows differ in length")
        self.init(rows: rowArrays.count, columns: columns, storage: rowArrays.flatMap { $0 })
    }

    @inlinable
    public subscript(row: Int, column: Int) -> Scalar {
        get { storage[row * columns + column] }
        set { storage[row * columns + column] = newValue }
    }

    /// The values of one row.
    @inlinable
    public func row(_ index: Int) -> ArraySlice<Scalar> {
        storage[(index * columns)..<((index + 1) * columns)]
    }

    /// The same matrix with rows taken in the order `indices` gives (repeats
    /// allowed). Every row in order gives the matrix itself, its storage
    /// shared until either is written (no copy of a large matrix kept whole).
    @inlinable
    public func selectingRows(_ indices: [Int]) -> Matrix {
        if Self.isEveryIndex(indices, count: rows) { return self }
        var out = [Scalar]()
        out.reserveCapacity(indices.count * columns)
        for i in indices { out.append(contentsOf: row(i)) }
        return Matrix(rows: indices.count, columns: columns, storage: out)
    }

    /// The same matrix with columns taken in the order `indices` gives
    /// (repeats allowed); every column in order gives the matrix itself, as
    /// `selectingRows` does (a Polis conversation's features are all its
    /// statements: 800 MB each at 100,000 participants x 1,000).
    @inlinable
    public func selectingColumns(_ indices: [Int]) -> Matrix {
        if Self.isEveryIndex(indices, count: columns) { return self }
        var out = [Scalar]()
        out.reserveCapacity(rows * indices.count)
        for r in 0..<rows {
            let base = r * columns
            for c in indices { out.append(storage[base + c]) }
        }
        return Matrix(rows: rows, columns: indices.count, storage: out)
    }

    /// Whether `indices` is 0, 1, ..., count - 1.
    @inlinable
    static func isEveryIndex(_ indices: [Int], count: Int) -> Bool {
        indices.count == count && indices.enumerated().allSatisfy { $0.offset == $0.element }
    }

    /// The transpose.
    public var transposed: Matrix {
        var out = Matrix(rows: columns, columns: rows)
        for r in 0..<rows { for c in 0..<columns { out.storage[c * rows + r] = storage[r * columns + c] } }
        return out
    }

    /// The matrix converted to another scalar type.
    public func converted<Other: BLASScalar>(to _: Other.Type = Other.self) -> Matrix<Other> {
        Matrix<Other>(rows: rows, columns: columns, storage: storage.map { Other($0) })
    }
}
