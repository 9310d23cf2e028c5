/// The upper triangle of a symmetric n x n distance matrix, row after row,
/// without the diagonal: SciPy's "condensed" form (`scipy.spatial.distance.pdist`).
///
/// The pair (i, j) with i < j is at `n*i - i*(i+1)/2 + (j - i - 1)`.
public struct CondensedDistances<Scalar: BLASScalar>: Sendable, Equatable {
    /// The number of observations.
    public let count: Int
    /// `count * (count - 1) / 2` values.
    public var storage: [Scalar]

    public init(count: Int, storage: [Scalar]) {
        precondition(storage.count == count * (count - 1) / 2, "condensed storage has the wrong length")
        self.count = count
        self.storage = storage
    }

    public init(count: Int, repeating value: Scalar = 0) {
        self.count = count
        self.storage = Array(repeating: value, count: count * (count - 1) / 2)
    }

    /// The position of the pair (i, j), i != j, in `storage`.
    @inlinable
    public func index(_ i: Int, _ j: Int) -> Int {
        let (a, b) = i < j ? (i, j) : (j, i)
        return rowBase(a) + b
    }

    /// Where row i's pairs start: the pair (i, j), i < j, is at
    /// `rowBase(i) + j` (for loops along a row: one addition per value).
    @inlinable
    public func rowBase(_ i: Int) -> Int {
        count * i - i * (i + 1) / 2 - i - 1
    }

    /// The distance between observations i and j (0 on the diagonal).
    @inlinable
    public subscript(i: Int, j: Int) -> Scalar {
        get { i == j ? 0 : storage[index(i, j)] }
        set { precondition(i != j, "the diagonal is not stored"); storage[index(i, j)] = newValue }
    }

    /// The condensed form of the upper triangle of a square matrix.
    public init(square: Matrix<Scalar>) {
        precondition(square.rows == square.columns, "a square matrix is needed")
        let n = square.rows
        var out = [Scalar]()
        out.reserveCapacity(n * (n - 1) / 2)
        for i in 0..<n { out.append(contentsOf: square.storage[(i * n + i + 1)..<((i + 1) * n)]) }
        self.init(count: n, storage: out)
    }

    /// The full symmetric square matrix, zero on the diagonal.
    public var square: Matrix<Scalar> {
        var m = Matrix<Scalar>(rows: count, columns: count)
        var k = 0
        for i in 0..<count {
            for j in (i + 1)..<max(i + 1, count) {
                m.storage[i * count + j] = storage[k]
                m.storage[j * count + i] = storage[k]
                k += 1
            }
        }
        return m
    }
}

extension CondensedDistances {
    /// The distances among a subset of the observations, in the order given
    /// (for resampling without recomputing the kernel). Inlinable so that
    /// callers in other modules get it specialised for their scalar: the
    /// generic version goes through value witnesses per element.
    @inlinable
    public func selecting(_ indices: [Int]) -> CondensedDistances {
        let m = indices.count, n = count
        for i in indices { precondition(i >= 0 && i < n, "index \(i) out of 0..<\(n)") }
        let bases = indices.map(rowBase)
        let out = [Scalar](unsafeUninitializedCapacity: m * (m - 1) / 2) { target, initialized in
            storage.withUnsafeBufferPointer { d in
                var k = 0
                for a in 0..<m {
                    let i = indices[a], base = bases[a]
                    for b in (a + 1)..<max(a + 1, m) {
                        let j = indices[b]
                        target[k] = i < j ? d[base + j] : (i > j ? d[bases[b] + i] : 0)
                        k += 1
                    }
                }
            }
            initialized = m * (m - 1) / 2
        }
        return CondensedDistances(count: m, storage: out)
    }
}
