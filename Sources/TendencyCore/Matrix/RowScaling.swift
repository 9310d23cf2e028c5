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
        for i in 0..<rows {
            let range = i * columns ..< (i + 1) * columns
            // A constant row is caught before centring: its computed mean can
            // round away from its value and leave a tiny direction.
            if centring, range.allSatisfy({ storage[$0] == storage[range.lowerBound] }) {
                for k in range { out.storage[k] = 0 }
                continue
            }
            var mean = 0.0
            if centring {
                for k in range { mean += Double(storage[k]) }
                mean /= Double(Swift.max(columns, 1))
            }
            var largest = 0.0
            for k in range { largest = Swift.max(largest, abs(Double(storage[k]) - mean)) }
            for k in range {
                out.storage[k] = largest == 0 ? 0 : Scalar((Double(storage[k]) - mean) / largest)
            }
        }
        return out
    }
}
