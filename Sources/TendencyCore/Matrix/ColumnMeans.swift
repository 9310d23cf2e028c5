/// The mean of each column of `rows` x `columns` row-major values,
/// accumulated in `Double` in row order (0 when there are no rows). Used to
/// centre data before forming squared distances from norms or from a
/// single-precision copy, which keeps rounding relative to the data's spread.
func columnMeans<S: BLASScalar>(_ values: UnsafeBufferPointer<S>, rows: Int, columns: Int) -> [Double] {
    var means = [Double](repeating: 0, count: columns)
    for i in 0..<rows { for k in 0..<columns { means[k] += Double(values[i * columns + k]) } }
    for k in 0..<columns { means[k] /= Double(max(rows, 1)) }
    return means
}

extension Matrix {
    /// Each column's mean over its present (non-NaN) values, in double;
    /// nil for a column with none.
    public func columnMeans() -> [Double?] {
        var sums = [Double](repeating: 0, count: columns)
        var counts = [Int](repeating: 0, count: columns)
        for r in 0..<rows {
            for c in 0..<columns {
                let v = storage[r * columns + c]
                if !v.isNaN { sums[c] += Double(v); counts[c] += 1 }
            }
        }
        return (0..<columns).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : nil }
    }

    /// The matrix with each column's mean subtracted (NaN stays NaN).
    /// Distances that do not change when a column is shifted (Euclidean,
    /// Gower) then keep, in single precision, the digits that data far from
    /// the origin would lose: 1e8 + 0.1 is 1e8 in a `Float`.
    public func centringColumns() -> Matrix {
        let means = columnMeans().map { $0 ?? 0 }
        var out = self
        for i in out.storage.indices { out.storage[i] = Scalar(Double(out.storage[i]) - means[i % columns]) }
        return out
    }
}
