extension PairwiseDistances {
    /// A single-precision copy of `data` from which `metric`'s distances lose
    /// no more than rounding, and the factor to multiply those distances (and
    /// merge heights) by to get the distances of `data` itself.
    ///
    /// No value of the copy is infinite. Rounding each value to `Float` on its own would lose what the metric
    /// depends on when the values are far from the origin (1e8 + 0.1 is 1e8),
    /// tiny (1e-150 is 0), huge (1e150 is infinite), or differ below single
    /// precision (hamming's 16777216 and 16777217 are equal). So, in `Double`
    /// first, before rounding:
    /// - `euclidean`, `sqeuclidean`: columns centred (no change in distance),
    ///   then every value scaled by one power of two, which is exact, so that
    ///   the largest is near 1; distances are scaled back by that power (its
    ///   square for `sqeuclidean`).
    /// - `gower`: each column scaled to its range, (x - min) / R, as the
    ///   metric does anyway.
    /// - `cosine`, `correlation`: each row scaled (and centred, for
    ///   correlation), which neither distance sees (`Matrix.scalingRows`).
    /// - `hamming`: each column's values replaced by their rank among its
    ///   distinct values, which keeps exactly which values are equal.
    /// - `jaccard`, `dice`: as they are (0/1 data; any other value, which the
    ///   kernels refuse, becomes 2, so that it cannot overflow).
    /// Missing values (NaN) stay missing.
    public static func singlePrecisionInput(
        _ data: Matrix<Double>, metric: DistanceMetric
    ) -> (values: Matrix<Float>, distanceScale: Double) {
        switch metric {
        case .euclidean, .sqeuclidean:
            let centred = data.centringColumns()
            let largest = centred.storage.reduce(0.0) { $1.isNaN ? $0 : max($0, abs($1)) }
            guard largest > 0, largest.isFinite else { return (centred.converted(to: Float.self), 1) }
            // 2^e >= largest, so values fall in [-1, 1]; multiplying by 2^-e is exact.
            let exponent = largest.exponent + 1
            let down = Double(sign: .plus, exponent: -exponent, significand: 1)
            var scaled = centred
            for i in scaled.storage.indices { scaled.storage[i] *= down }
            let up = Double(sign: .plus, exponent: metric == .sqeuclidean ? 2 * exponent : exponent, significand: 1)
            return (scaled.converted(to: Float.self), up)
        case .gower:
            return (data.mappingColumns { column in
                let present = column.filter { !$0.isNaN }
                guard let low = present.min(), let high = present.max(), high > low else {
                    return column.map { $0.isNaN ? .nan : 0 }
                }
                // Halved first where the range itself would overflow (values near 1e308).
                let half = !(high - low).isFinite
                let (l, r) = half ? (low / 2, high / 2 - low / 2) : (low, high - low)
                return column.map { ((half ? $0 / 2 : $0) - l) / r }
            }.converted(to: Float.self), 1)
        case .cosine, .correlation:
            return (data.scalingRows(centring: metric == .correlation).converted(to: Float.self), 1)
        case .hamming:
            return (data.mappingColumns { column in
                let rank = Dictionary(Set(column.filter { !$0.isNaN }).sorted().enumerated().map { ($1, Double($0)) },
                                      uniquingKeysWith: { first, _ in first })
                return column.map { $0.isNaN ? .nan : rank[$0]! }
            }.converted(to: Float.self), 1)
        case .jaccard, .dice:
            // Any other value is refused by the kernels; as 2 it is refused in range.
            var binary = data
            for i in binary.storage.indices where !(binary.storage[i] == 0 || binary.storage[i] == 1 || binary.storage[i].isNaN) {
                binary.storage[i] = 2
            }
            return (binary.converted(to: Float.self), 1)
        }
    }
}

extension Matrix where Scalar == Double {
    /// The matrix with each column replaced by `transform` of its values.
    func mappingColumns(_ transform: ([Double]) -> [Double]) -> Matrix {
        var out = self
        for k in 0..<columns {
            let column = (0..<rows).map { storage[$0 * columns + k] }
            for (i, value) in transform(column).enumerated() { out.storage[i * columns + k] = value }
        }
        return out
    }
}
