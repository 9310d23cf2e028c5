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
