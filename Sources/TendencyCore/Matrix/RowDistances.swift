/// Euclidean distances from one row to every row, computed from the
/// coordinates: for work that needs a few rows of the distance matrix of
/// points that are linked without one (`HierarchicalClustering.linkage(points:method:)`).
extension Matrix where Scalar == Double {
    /// `out[j] = |row i - row j|` for every row j (0 at j = i), each squared
    /// distance summed as the points linkage sums it (`squaredEuclidean`),
    /// the square roots taken in C (`VectorPasses`): the same values on any
    /// thread and CPU.
    package func euclideanDistances(fromRow i: Int, into out: UnsafeMutableBufferPointer<Double>) {
        precondition(i >= 0 && i < rows && out.count >= rows, "row \(i) of \(rows), or too small an output")
        let d = columns
        storage.withUnsafeBufferPointer { points in
            guard let base = points.baseAddress else {
                for j in 0..<rows { out[j] = 0 }
                return
            }
            let own = base + i * d
            var j = 0
            if d < 8 {
                // Four rows at once, one per lane: below eight coordinates
                // `squaredEuclidean` adds the squares in coordinate order into
                // one sum, and so does each lane (the same bits, without the
                // loop overhead that dominated for the 2 coordinates of
                // `tendency polis`).
                while j + 4 <= rows {
                    var sum = SIMD4<Double>()
                    for c in 0..<d {
                        let p = base + j * d + c
                        let t = SIMD4(repeating: own[c]) - SIMD4(p[0], p[d], p[2 * d], p[3 * d])
                        sum += t * t
                    }
                    for lane in 0..<4 { out[j + lane] = sum[lane] }
                    j += 4
                }
            }
            while j < rows {
                out[j] = squaredEuclidean(own, base + j * d, d)
                j += 1
            }
            VectorPasses.takeSquareRoots(out.baseAddress!, count: rows)
        }
    }
}
