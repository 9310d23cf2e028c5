extension Matrix {
    /// Whether any value is NaN (the core's marker for a missing value).
    public var hasMissingValues: Bool { storage.contains { $0.isNaN } }

    /// The matrix with each missing (NaN) value replaced by its column's mean
    /// over present values; a column with no present value becomes 0.
    public func imputingColumnMeans() -> Matrix {
        var sums = [Double](repeating: 0, count: columns)
        var counts = [Int](repeating: 0, count: columns)
        for r in 0..<rows {
            for c in 0..<columns {
                let v = storage[r * columns + c]
                if !v.isNaN { sums[c] += Double(v); counts[c] += 1 }
            }
        }
        let means = (0..<columns).map { counts[$0] > 0 ? Scalar(sums[$0] / Double(counts[$0])) : 0 }
        var out = self
        for i in out.storage.indices where out.storage[i].isNaN { out.storage[i] = means[i % columns] }
        return out
    }
}
