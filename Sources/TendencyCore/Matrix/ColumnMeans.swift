/// The mean of each column of `rows` x `columns` row-major values over its
/// present (non-NaN) values, accumulated in `Double` in row order (0 for a
/// column with none). Used to centre data before forming squared distances
/// from norms or from a single-precision copy, which keeps rounding relative
/// to the data's spread, and to impute missing values.
func columnMeans<S: BLASScalar>(_ values: UnsafeBufferPointer<S>, rows: Int, columns: Int) -> [Double] {
    var means = [Double](repeating: 0, count: columns)
    var counts = [Int](repeating: 0, count: columns)
    for i in 0..<rows {
        for k in 0..<columns where !values[i * columns + k].isNaN {
            means[k] += Double(values[i * columns + k])
            counts[k] += 1
        }
    }
    for k in 0..<columns where counts[k] > 0 { means[k] /= Double(counts[k]) }
    return means
}

extension Matrix {
    /// The matrix with each column's mean subtracted (NaN stays NaN).
    /// Distances that do not change when a column is shifted (Euclidean,
    /// Gower) then keep, in single precision, the digits that data far from
    /// the origin would lose: 1e8 + 0.1 is 1e8 in a `Float`.
    public func centringColumns() -> Matrix {
        let means = storage.withUnsafeBufferPointer { columnMeans($0, rows: rows, columns: columns) }
        var out = self
        for i in out.storage.indices { out.storage[i] = Scalar(Double(out.storage[i]) - means[i % columns]) }
        return out
    }
}
