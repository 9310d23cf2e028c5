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
            for j in 0..<rows { out[j] = squaredEuclidean(own, base + j * d, d) }
            VectorPasses.takeSquareRoots(out.baseAddress!, count: rows)
        }
    }
}
