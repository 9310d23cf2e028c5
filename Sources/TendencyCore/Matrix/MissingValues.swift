extension Matrix {
    /// Whether any value is NaN (the core's marker for a missing value).
    public var hasMissingValues: Bool { storage.contains { $0.isNaN } }

    /// Whether some column holds two different present (non-NaN) values:
    /// false when rows differ at most in which values are missing, so that
    /// no distance can tell them apart but by what they left out.
    public var hasVaryingColumn: Bool {
        (0..<columns).contains { j in
            var first: Scalar?
            for i in 0..<rows where !self[i, j].isNaN {
                if let first, first != self[i, j] { return true }
                first = first ?? self[i, j]
            }
            return false
        }
    }

    /// The matrix with each missing (NaN) value replaced by its column's mean
    /// over present values; a column with no present value becomes 0.
    public func imputingColumnMeans() -> Matrix {
        let means = storage.withUnsafeBufferPointer { columnMeans($0, rows: rows, columns: columns) }.map { Scalar($0) }
        var out = self
        for i in out.storage.indices where out.storage[i].isNaN { out.storage[i] = means[i % columns] }
        return out
    }
}
