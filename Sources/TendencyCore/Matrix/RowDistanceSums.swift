/// The indices in each group, ascending: `result[g]` lists the i with
/// `group[i] == g`, for g in `0..<groups`; negative entries belong to none.
/// The groups `Matrix.euclideanDistanceSums` takes, from one label per row.
package func indicesByGroup(_ group: [Int], groups: Int) -> [[Int]] {
    var members = [[Int]](repeating: [], count: groups)
    for (i, g) in group.enumerated() where g >= 0 { members[g].append(i) }
    return members
}

/// Euclidean distances from rows to groups of rows, summed group by group,
/// computed from the coordinates: what silhouettes, nearest groups and a
/// heatmap's block means need of a distance matrix, in memory linear in the
/// rows, for points that are linked without one
/// (`HierarchicalClustering.linkage(points:method:)`).
extension Matrix where Scalar == Double {
    /// The summed distances, and each row's largest distance.
    package struct DistanceSums {
        /// `sums[g][q * groupings[g].count + t]`: the distances from row
        /// `rows[q]` to the rows of `groupings[g][t]`, added in that group's order.
        package var sums: [[Double]]
        /// `farthest[q]`: the largest distance from row `rows[q]` to any row,
        /// when asked for (else empty).
        package var farthest: [Double]
    }

    /// For each of `rows` and each group of each grouping (a group lists its
    /// rows; a group may hold the row itself, whose distance 0 leaves the
    /// sum's bits as they are), the sum of the distances to the group's rows.
    ///
    /// Each distance has the bits of `euclideanDistances(fromRow:into:)`.
    /// Rows are taken eight at a time: their distances to every row j are
    /// computed once into the lanes of one vector per j, then each group is
    /// summed with one vector load per member, each lane adding its own row's
    /// terms in the group's order (one row at a time would be bound by the
    /// latency of each addition). The blocks of eight run on every core and
    /// each writes only its own rows' sums, so the result is the same on any
    /// number of threads.
    package func euclideanDistanceSums(fromRows requested: [Int], toGroups groupings: [[[Int]]],
                                       farthest findFarthest: Bool = false) -> DistanceSums {
        precondition(requested.allSatisfy { $0 >= 0 && $0 < rows }, "rows are 0..<\(rows)")
        precondition(groupings.allSatisfy { $0.allSatisfy { $0.allSatisfy { $0 >= 0 && $0 < rows } } }, "group members are 0..<\(rows)")
        let lanes = 8
        let blocks = (requested.count + lanes - 1) / lanes
        // Blocks of eight rows per task: enough tasks to share the cores, few
        // enough that each task's n-vector buffer is allocated rarely.
        let tasks = min(blocks, 16 * ProcessorCount.active)
        let partials = (try? orderedConcurrentMap(count: tasks) { task -> DistanceSums in
            let blockRange = (task * blocks / tasks)..<((task + 1) * blocks / tasks)
            let first = blockRange.lowerBound * lanes, end = min(requested.count, blockRange.upperBound * lanes)
            var sums = groupings.map { [Double](repeating: 0, count: (end - first) * $0.count) }
            var farthest = [Double](repeating: 0, count: findFarthest ? end - first : 0)
            var distances = [SIMD8<Double>](repeating: .zero, count: rows)
            for start in stride(from: first, to: end, by: lanes) {
                let block = Array(requested[start..<min(start + lanes, end)])
                let largest = laneDistances(from: block, into: &distances, farthest: findFarthest)
                distances.withUnsafeBufferPointer { d in
                    for (g, groups) in groupings.enumerated() {
                        for (t, members) in groups.enumerated() {
                            var total = SIMD8<Double>.zero
                            for j in members { total += d[j] }
                            for u in block.indices { sums[g][(start - first + u) * groups.count + t] = total[u] }
                        }
                    }
                }
                if findFarthest { for u in block.indices { farthest[start - first + u] = largest[u] } }
            }
            return DistanceSums(sums: sums, farthest: farthest)
        }) ?? []
        return DistanceSums(sums: groupings.indices.map { g in partials.flatMap { $0.sums[g] } },
                            farthest: partials.flatMap(\.farthest))
    }

    /// `out[j][u]` = |row block[u] - row j| for up to eight rows (lanes past
    /// the block repeat its first row), summed as `euclideanDistances(fromRow:into:)`
    /// sums them: below eight coordinates in coordinate order from 0, else
    /// by `squaredEuclidean`; the square roots in C. Returns each lane's
    /// largest distance when `farthest` (the root of the largest square:
    /// a correctly rounded root keeps the order), else zeros.
    private func laneDistances(from block: [Int], into out: inout [SIMD8<Double>], farthest: Bool) -> SIMD8<Double> {
        let d = columns
        let lanes = (0..<8).map { $0 < block.count ? block[$0] : block[0] }
        var largest = SIMD8<Double>.zero
        storage.withUnsafeBufferPointer { points in
            out.withUnsafeMutableBufferPointer { out in
                guard let base = points.baseAddress else { return }
                if d < 8 {
                    let own = (0..<d).map { c in SIMD8<Double>(lanes.map { base[$0 * d + c] }) }
                    for j in 0..<rows {
                        let p = base + j * d
                        var sum = SIMD8<Double>.zero
                        for c in 0..<d {
                            let t = own[c] - SIMD8(repeating: p[c])
                            sum += t * t
                        }
                        out[j] = sum
                    }
                } else {
                    for j in 0..<rows {
                        var sum = SIMD8<Double>.zero
                        for u in 0..<8 { sum[u] = squaredEuclidean(base + lanes[u] * d, base + j * d, d) }
                        out[j] = sum
                    }
                }
                if farthest {
                    for j in 0..<rows { largest.replace(with: out[j], where: out[j] .> largest) }
                }
                UnsafeMutableRawBufferPointer(out).withMemoryRebound(to: Double.self) { values in
                    VectorPasses.takeSquareRoots(values.baseAddress!, count: values.count)
                }
            }
        }
        return farthest ? largest.squareRoot() : largest
    }

    /// The mean distance between every two groups of rows, as
    /// `CondensedDistances.blockMeans` gives it from a distance matrix
    /// (a `groups x groups` row-major matrix; a group's mean with itself
    /// averages over size^2 pairs, each row with itself at 0), and the
    /// largest distance between any two rows. Block (a, b), a <= b, sums the
    /// rows of a in ascending order, and (b, a) takes its value.
    package func euclideanBlockMeans(group: [Int], groups: Int) -> (means: [Double], largest: Double) {
        precondition(group.count == rows, "one group per row")
        precondition(group.allSatisfy { $0 >= 0 && $0 < groups }, "groups are 0..<\(groups)")
        let members = indicesByGroup(group, groups: groups)
        let found = euclideanDistanceSums(fromRows: Array(0..<rows), toGroups: [members], farthest: true)
        var means = [Double](repeating: 0, count: groups * groups)
        for a in 0..<groups {
            for b in a..<groups {
                var sum = 0.0
                for i in members[a] { sum += found.sums[0][i * groups + b] }
                let pairs = Double(members[a].count * members[b].count)
                let mean = pairs > 0 ? sum / pairs : 0
                means[a * groups + b] = mean
                means[b * groups + a] = mean
            }
        }
        return (means, found.farthest.max() ?? 0)
    }
}
