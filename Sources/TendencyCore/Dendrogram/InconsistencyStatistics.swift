/// SciPy's `inconsistent(Z, d)` row for one merge: statistics of the heights
/// of the merges at most `depth` levels down from it (itself included).
public struct InconsistencyStatistics: Sendable, Equatable {
    /// Mean of those heights.
    public var mean: Double
    /// Their sample standard deviation (n-1 in the denominator; 0 for one height).
    public var standardDeviation: Double
    /// How many merges were included.
    public var count: Int
    /// (height - mean) / standardDeviation, or 0 when the deviation is 0.
    public var coefficient: Double

    public init(mean: Double, standardDeviation: Double, count: Int, coefficient: Double) {
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.count = count
        self.coefficient = coefficient
    }
}

extension Dendrogram {
    /// SciPy `inconsistent(Z, depth)`: one row per merge (Jain & Dubes 1988,
    /// "Algorithms for Clustering Data", inconsistency coefficient). Heights
    /// are summed in SciPy's order (post-order, left subtree first) and the
    /// variance is SciPy's one-pass formula, so results agree to the last bit.
    /// A depth of 1 or less looks at the merge alone.
    public func inconsistencyStatistics(depth: Int = 2) -> [InconsistencyStatistics] {
        let n = leafCount
        var rows = [InconsistencyStatistics]()
        rows.reserveCapacity(max(n - 1, 0))
        // Stack frames: a merge row and how many of its children were visited.
        var stack = [(row: Int, visited: Int)]()
        for i in 0..<max(n - 1, 0) {
            var count = 0
            var sum = 0.0
            var sumOfSquares = 0.0
            stack.append((i, 0))
            while let frame = stack.last {
                if stack.count - 1 < depth - 1 {
                    if frame.visited == 0 {
                        stack[stack.count - 1].visited = 1
                        if left[frame.row] >= n {
                            stack.append((left[frame.row] - n, 0))
                            continue
                        }
                    }
                    if frame.visited <= 1 {
                        stack[stack.count - 1].visited = 2
                        if right[frame.row] >= n {
                            stack.append((right[frame.row] - n, 0))
                            continue
                        }
                    }
                }
                let height = heights[frame.row]
                count += 1
                sum += height
                sumOfSquares += height * height
                stack.removeLast()
            }
            let total = Double(count)
            let mean = sum / total
            let variance = count < 2
                ? (sumOfSquares - sum * sum) / total
                : (sumOfSquares - (sum * sum) / total) / Double(count - 1)
            if variance > 0 {
                let deviation = variance.squareRoot()
                rows.append(InconsistencyStatistics(mean: mean, standardDeviation: deviation, count: count,
                                                    coefficient: (heights[i] - mean) / deviation))
            } else {
                rows.append(InconsistencyStatistics(mean: mean, standardDeviation: 0, count: count, coefficient: 0))
            }
        }
        return rows
    }
}
