/// Distances summed by groups of observations, in one pass over the
/// condensed storage in order (a pair-by-pair walk in any other order reads
/// it at random).
extension CondensedDistances {
    /// Each observation's total distance to each group: `result[i * groups + g]`
    /// sums d(i, j) over the j != i with `group[j] == g`, adding the terms in
    /// increasing j (as a loop over the group's members would, to the bit).
    /// Pair (i, j), i < j, is read once, in row i, and added to both sums:
    /// row i's terms for j come after those of every row before it.
    @inlinable
    package func groupSums(group: [Int], groups: Int) -> [Double] {
        let n = count
        checkGroups(group, groups)
        var sums = [Double](repeating: 0, count: n * groups)
        storage.withUnsafeBufferPointer { d in
            group.withUnsafeBufferPointer { g in
                sums.withUnsafeMutableBufferPointer { sums in
                    var position = 0
                    for i in 0..<n {
                        let gi = g[i], own = i * groups
                        for j in (i + 1)..<max(i + 1, n) {
                            let value = Double(d[position])
                            position += 1
                            sums[own + g[j]] += value
                            sums[j * groups + gi] += value
                        }
                    }
                }
            }
        }
        return sums
    }

    /// One group per observation, each in `0..<groups`.
    @usableFromInline
    func checkGroups(_ group: [Int], _ groups: Int) {
        precondition(group.count == count, "one group per observation")
        precondition(group.allSatisfy { $0 >= 0 && $0 < groups }, "groups are 0..<\(groups)")
    }
}

extension CondensedDistances where Scalar == Double {
    /// The mean distance between every two groups of observations:
    /// `group[i]` in `0..<groups` names observation i's group, and the result
    /// is a `groups x groups` row-major matrix. Each observation pairs with
    /// itself at distance 0, so a group's mean with itself averages over
    /// `size^2` pairs, as a block of the square matrix does.
    ///
    /// Why one pass: averaging the square matrix's blocks pair by pair reads
    /// the condensed storage at random (3.8 s for n = 20,000). Here the
    /// storage is read once, in order, row by row into a per-row sum per
    /// group. Rows are cut into `chunks` fixed ranges of about equal pair
    /// counts, run on every core and added in chunk order, so the result is
    /// the same on any number of threads.
    package func blockMeans(group: [Int], groups: Int, chunks: Int = 32) -> [Double] {
        let n = count
        checkGroups(group, groups)
        let cells = groups * groups
        // Row ranges with about equal numbers of pairs: row i has n - i - 1.
        let total = n * (n - 1) / 2
        var bounds = [0]
        var pairs = 0
        for i in 0..<n {
            pairs += n - i - 1
            if pairs * chunks >= total * bounds.count, i + 1 < n { bounds.append(i + 1) }
        }
        bounds.append(n)
        let ranges = zip(bounds, bounds.dropFirst()).map { $0..<$1 }.filter { !$0.isEmpty }
        // Sums over pairs i < j, by (group of i, group of j).
        let partials = (try? orderedConcurrentMap(count: ranges.count) { (chunk: Int) -> [Double] in
            var sums = [Double](repeating: 0, count: cells)
            var row = [Double](repeating: 0, count: groups)
            storage.withUnsafeBufferPointer { d in
                group.withUnsafeBufferPointer { g in
                    row.withUnsafeMutableBufferPointer { row in
                        for i in ranges[chunk] {
                            let base = rowBase(i)
                            for j in (i + 1)..<n { row[g[j]] += d[base + j] }
                            let offset = g[i] * groups
                            for c in 0..<groups {
                                sums[offset + c] += row[c]
                                row[c] = 0
                            }
                        }
                    }
                }
            }
            return sums
        }) ?? []
        var sums = [Double](repeating: 0, count: cells)
        for partial in partials {
            for k in 0..<cells { sums[k] += partial[k] }
        }
        var sizes = [Int](repeating: 0, count: groups)
        for g in group { sizes[g] += 1 }
        var means = [Double](repeating: 0, count: cells)
        for a in 0..<groups {
            for b in a..<groups {
                let pairCount = Double(sizes[a] * sizes[b])
                // Each unordered pair was summed once, under (i's group, j's group).
                let sum = a == b ? 2 * sums[a * groups + a] : sums[a * groups + b] + sums[b * groups + a]
                let mean = pairCount > 0 ? sum / pairCount : 0
                means[a * groups + b] = mean
                means[b * groups + a] = mean
            }
        }
        return means
    }
}
