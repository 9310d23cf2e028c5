/// Cophenetic distances (Sokal & Rohlf 1962): the height of the merge at
/// which two leaves first share a cluster.
extension Dendrogram {
    /// SciPy `cophenet(Z)`: the cophenetic distances in condensed order.
    /// O(n^2) time and memory (the output itself).
    public func copheneticDistances() -> CondensedDistances<Double> {
        let n = leafCount
        var result = CondensedDistances<Double>(count: n)
        for i in 0..<max(n - 1, 0) {
            let a = left[i], b = right[i]
            for p in starts[a]..<(starts[a] + sizes[a]) {
                for q in starts[b]..<(starts[b] + sizes[b]) {
                    result.storage[result.index(order[p], order[q])] = heights[i]
                }
            }
        }
        return result
    }

    /// SciPy `cophenet(Z, Y)[0]`: Pearson's correlation between the cophenetic
    /// distances and `distances` (taken as Double). The sums are compensated
    /// (Neumaier), so the value is within a few ulps of SciPy's pairwise sums.
    /// NaN when either side is constant (SciPy returns NaN too).
    public func copheneticCorrelation<S: BLASScalar>(with distances: CondensedDistances<S>) throws -> Double {
        guard distances.count == leafCount else {
            throw DendrogramError.countMismatch(what: "the distances", expected: leafCount, actual: distances.count)
        }
        let z = copheneticDistances().storage
        let y = distances.storage
        guard !z.isEmpty else { return .nan }
        var ySum = CompensatedSum(), zSum = CompensatedSum()
        for k in z.indices {
            ySum.add(Double(y[k]))
            zSum.add(z[k])
        }
        let yMean = ySum.value / Double(z.count)
        let zMean = zSum.value / Double(z.count)
        var products = CompensatedSum(), ySquares = CompensatedSum(), zSquares = CompensatedSum()
        for k in z.indices {
            let dy = Double(y[k]) - yMean
            let dz = z[k] - zMean
            products.add(dy * dz)
            ySquares.add(dy * dy)
            zSquares.add(dz * dz)
        }
        return products.value / (ySquares.value * zSquares.value).squareRoot()
    }
}

/// Neumaier's improved Kahan summation: a running sum with its rounding error.
private struct CompensatedSum {
    private var sum = 0.0
    private var compensation = 0.0

    mutating func add(_ x: Double) {
        let t = sum + x
        if abs(sum) >= abs(x) { compensation += (sum - t) + x } else { compensation += (x - t) + sum }
        sum = t
    }

    var value: Double { sum + compensation }
}
