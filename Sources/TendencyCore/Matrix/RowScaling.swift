extension Matrix {
    /// The matrix with each row divided by its largest magnitude, after
    /// subtracting the row's mean when `centring`; rows with no direction
    /// (all zeros, or constant when centring) become zeros.
    ///
    /// Cosine distance does not change when a row is scaled, nor correlation
    /// when a row is also shifted, so these rows give the same distances. Done
    /// in `Double` before a single-precision copy, it keeps every row's
    /// direction: a row of values near 1e-320 would round to zeros in a
    /// `Float`, and 1 beside 1 + 1e-9 to a constant row.
    public func scalingRows(centring: Bool) -> Matrix {
        var out = self
        var row = [Double](repeating: 0, count: columns)
        storage.withUnsafeBufferPointer { values in
            for i in 0..<rows {
                let hasDirection = rowDirection(values, row: i, columns: columns, centring: centring, into: &row)
                for k in 0..<columns { out.storage[i * columns + k] = hasDirection ? Scalar(row[k]) : 0 }
            }
        }
        return out
    }
}

/// Row `i` of the row-major `values` (`columns` wide), minus its mean when
/// `centring`, divided by its largest magnitude, into `out`: the row's
/// direction, free of its scale, computed in `Double`. False, with `out`
/// undefined, when the row has none: all zeros, or constant when centring.
/// A constant row is caught before centring, since its computed mean can
/// round away from its value and leave a tiny direction.
func rowDirection<S: BLASScalar>(_ values: UnsafeBufferPointer<S>, row i: Int, columns p: Int, centring: Bool,
                                 into out: inout [Double]) -> Bool {
    let start = i * p
    if centring, (start..<(start + p)).allSatisfy({ values[$0] == values[start] }) { return false }
    var mean = 0.0
    if centring {
        for k in 0..<p { mean += Double(values[start + k]) }
        mean /= Double(p)
    }
    var largest = 0.0
    for k in 0..<p {
        out[k] = Double(values[start + k]) - mean
        largest = max(largest, abs(out[k]))
    }
    guard largest > 0 else { return false }
    for k in 0..<p { out[k] /= largest }
    return true
}
