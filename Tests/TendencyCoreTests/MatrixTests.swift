import Testing
@testable import TendencyCore

@Suite struct MatrixTests {
    @Test func condensedRoundTrip() {
        var square = Matrix<Double>(rows: 4, columns: 4)
        for i in 0..<4 { for j in 0..<4 where i != j { square[i, j] = Double(min(i, j) * 10 + max(i, j)) } }
        let condensed = CondensedDistances(square: square)
        #expect(condensed.storage == [1, 2, 3, 12, 13, 23])
        #expect(condensed[2, 1] == 12)
        #expect(condensed.square == square)
    }

    /// `selecting` gathers by row offsets; the subscript is the plain
    /// definition. Indices out of order and repeated (distance 0) included.
    @Test func selectingMatchesTheSubscript() {
        let n = 9
        var condensed = CondensedDistances<Double>(count: n)
        for k in condensed.storage.indices { condensed.storage[k] = Double(k) + 0.5 }
        for indices in [[], [4], [0, 1, 2, 3, 4, 5, 6, 7, 8], [8, 0, 3, 3, 7, 1], [2, 2], [5, 8, 6]] {
            let selected = condensed.selecting(indices)
            #expect(selected.count == indices.count)
            for a in indices.indices {
                for b in indices.indices where a < b {
                    #expect(selected[a, b] == condensed[indices[a], indices[b]], "\(indices) \(a) \(b)")
                }
            }
        }
        let floats = CondensedDistances<Float>(count: 4, storage: [1, 2, 3, 4, 5, 6])
        #expect(floats.selecting([3, 0, 2]).storage == [3, 6, 2])
    }

    /// The square working matrix filled from condensed distances in blocks on
    /// every core equals the plain definition: both triangles, squared when
    /// asked, the diagonal given. 1,000 rows make 7 blocks of 128.
    @Test(arguments: [1, 2, 3, 129, 1000])
    func squareFromCondensedMatchesTheSubscript(_ n: Int) {
        func check<S: BLASScalar>(_: S.Type) {
            var generator = SeededGenerator(seed: UInt64(n))
            var condensed = CondensedDistances<S>(count: n)
            for k in condensed.storage.indices { condensed.storage[k] = S(generator.next() % 10_000) / 7 }
            for squaring in [false, true] {
                let square = UnsafeMutablePointer<S>.allocate(capacity: n * n)
                defer { square.deallocate() }
                condensed.storage.withUnsafeBufferPointer {
                    RowBlocks.fillSquare(fromCondensed: $0.baseAddress!, into: square, count: n, squaring: squaring, diagonal: .infinity)
                }
                var mismatches = 0
                for i in 0..<n {
                    for j in 0..<n {
                        let expected = i == j ? S.infinity : (squaring ? condensed[i, j] * condensed[i, j] : condensed[i, j])
                        if square[i * n + j] != expected { mismatches += 1 }
                    }
                }
                #expect(mismatches == 0, "n \(n), \(S.self), squaring \(squaring)")
            }
        }
        check(Double.self)
        check(Float.self)
    }

    /// Each observation's distance sums by group equal a loop over the
    /// group's other members in increasing order, to the bit, in Double and
    /// Float storage.
    /// Rows and columns in any order, repeated or left out, are those
    /// entries; every one in order is the matrix itself, and writing to the
    /// selection leaves the original as it was.
    @Test func selectingRowsAndColumnsTakesThoseEntries() {
        let m = Matrix<Double>(rows: 3, columns: 4, storage: (0..<12).map(Double.init))
        #expect(m.selectingColumns([3, 0, 0]).storage == [3, 0, 0, 7, 4, 4, 11, 8, 8])
        #expect(m.selectingRows([2, 0]).storage == [8, 9, 10, 11, 0, 1, 2, 3])
        #expect(m.selectingColumns([0, 1, 2]).columns == 3 && m.selectingRows([0, 1]).rows == 2)
        #expect(m.selectingColumns([]).storage.isEmpty && m.selectingRows([]).rows == 0)
        var whole = m.selectingColumns([0, 1, 2, 3]).selectingRows([0, 1, 2])
        #expect(whole == m)
        whole[1, 1] = -1
        #expect(m[1, 1] == 5 && whole[1, 1] == -1)
    }

    /// A row of Euclidean distances from the coordinates: to the bit what a
    /// loop in coordinate order gives below eight coordinates (one partial
    /// sum), within rounding of it beyond; 0 to the row itself.
    @Test(arguments: [1, 3, 8, 21])
    func rowDistancesMatchAPlainLoop(columns d: Int) {
        let n = 37
        var g = SeededGenerator(seed: UInt64(d))
        let points = Matrix(rows: n, columns: d, storage: (0..<(n * d)).map { _ in g.nextGaussian() })
        var row = [Double](repeating: -1, count: n)
        for i in [0, 17, n - 1] {
            row.withUnsafeMutableBufferPointer { points.euclideanDistances(fromRow: i, into: $0) }
            #expect(row[i] == 0)
            for j in 0..<n {
                var s = 0.0
                for c in 0..<d { let t = points[i, c] - points[j, c]; s += t * t }
                if d < 8 { #expect(row[j] == s.squareRoot()) } else { #expect(abs(row[j] - s.squareRoot()) <= 1e-14 * s.squareRoot()) }
            }
        }
    }

    @Test func groupSumsMatchALoopOverEachGroup() {
        func check<S: BLASScalar>(_: S.Type) {
            var generator = SeededGenerator(seed: 3)
            let n = 211, groups = 4
            var condensed = CondensedDistances<S>(count: n)
            for k in condensed.storage.indices { condensed.storage[k] = S(generator.next() % 1_000_000) / 997 }
            // Group 3 left empty; group 2 a single observation.
            let group = (0..<n).map { $0 == 50 ? 2 : Int(generator.next() % 2) }
            let sums = condensed.groupSums(group: group, groups: groups)
            #expect(sums.count == n * groups)
            var mismatches = 0
            for i in 0..<n {
                for g in 0..<groups {
                    let expected = (0..<n).filter { $0 != i && group[$0] == g }.reduce(0.0) { $0 + Double(condensed[i, $1]) }
                    if sums[i * groups + g] != expected { mismatches += 1 }
                }
            }
            #expect(mismatches == 0, "\(S.self)")
        }
        check(Double.self)
        check(Float.self)
    }

    /// Block means from one pass over the storage equal the means over the
    /// square matrix's blocks (pairs with themselves at 0), whatever the
    /// number of chunks; the same chunks give the same bits every time.
    @Test func blockMeansMatchAPlainLoop() {
        var generator = SeededGenerator(seed: 11)
        let n = 503, groups = 7
        var condensed = CondensedDistances<Double>(count: n)
        for k in condensed.storage.indices { condensed.storage[k] = Double(generator.next() % 1_000_000) / 1_000 }
        // Unequal groups in scattered order, one of them a single observation.
        var group = (0..<n).map { $0 == 17 ? 6 : Int(generator.next() % 6) }
        group.swapAt(0, 1)
        var sums = [Double](repeating: 0, count: groups * groups), counts = sums
        for i in 0..<n {
            for j in 0..<n {
                sums[group[i] * groups + group[j]] += condensed[i, j]
                counts[group[i] * groups + group[j]] += 1
            }
        }
        let expected = zip(sums, counts).map { $0 / $1 }
        let means = condensed.blockMeans(group: group, groups: groups)
        #expect(means.count == groups * groups)
        for k in means.indices { #expect(abs(means[k] - expected[k]) <= 1e-12 * expected[k], "cell \(k)") }
        for chunks in [1, 3, 64, 1000] {
            let other = condensed.blockMeans(group: group, groups: groups, chunks: chunks)
            for k in means.indices { #expect(abs(other[k] - means[k]) <= 1e-12 * means[k], "\(chunks) chunks, cell \(k)") }
        }
        #expect(condensed.blockMeans(group: group, groups: groups) == means)
        #expect(CondensedDistances<Double>(count: 1).blockMeans(group: [0], groups: 1) == [0])
    }

    /// Distances from rows to groups of rows, summed from the coordinates:
    /// to the bit a loop over each group's members in its order, adding the
    /// values `euclideanDistances(fromRow:into:)` gives (a group holding the
    /// row itself included), for any number of rows, past the eight lanes of
    /// a block and with a scalar tail; each row's largest distance with it.
    @Test(arguments: [2, 5, 8, 13])
    func distanceSumsMatchALoopOverEachGroup(columns d: Int) {
        let n = 211
        var g = SeededGenerator(seed: UInt64(100 + d))
        let points = Matrix(rows: n, columns: d, storage: (0..<(n * d)).map { _ in g.nextGaussian() })
        // Two groupings: one of every row in three scattered groups (one empty,
        // one a single row); one of a few rows out of order and repeated.
        var first = [[Int]](repeating: [], count: 4)
        for i in 0..<n { first[i == 40 ? 2 : Int(g.next() % 2)].append(i) }
        let second = [[5, 3, 200, 3], [], [0]]
        for rows in [Array(0..<n), [17], [210, 0, 9, 9, 33, 1, 2, 3, 4, 5, 6]] {
            let found = points.euclideanDistanceSums(fromRows: rows, toGroups: [first, second], farthest: true)
            #expect(found.sums.count == 2 && found.farthest.count == rows.count)
            let sumsAlone = points.euclideanDistanceSums(fromRows: rows, toGroups: [first, second])
            #expect(sumsAlone.sums == found.sums && sumsAlone.farthest.isEmpty)
            var row = [Double](repeating: 0, count: n)
            var mismatches = 0
            for (q, i) in rows.enumerated() {
                row.withUnsafeMutableBufferPointer { points.euclideanDistances(fromRow: i, into: $0) }
                for (grouping, groups) in [first, second].enumerated() {
                    for (t, members) in groups.enumerated() {
                        let expected = members.reduce(0.0) { $0 + row[$1] }
                        if found.sums[grouping][q * groups.count + t] != expected { mismatches += 1 }
                    }
                }
                if found.farthest[q] != row.max()! { mismatches += 1 }
            }
            #expect(mismatches == 0, "\(rows.count) rows, \(d) columns")
        }
        #expect(points.euclideanDistanceSums(fromRows: [], toGroups: [first]).sums == [[]])
    }

    /// Block means from the points' rows equal those from their distance
    /// matrix, exactly symmetric, with the largest distance.
    @Test func blockMeansFromPointsMatchThoseFromTheDistances() {
        var generator = SeededGenerator(seed: 12)
        let n = 307, d = 3, groups = 6
        let points = Matrix(rows: n, columns: d, storage: (0..<(n * d)).map { _ in generator.nextGaussian() })
        let condensed = CondensedDistances.euclideanByPlainLoop(points)
        let group = (0..<n).map { $0 == 8 ? 5 : Int(generator.next() % 5) }
        let expected = condensed.blockMeans(group: group, groups: groups)
        let (means, largest) = points.euclideanBlockMeans(group: group, groups: groups)
        for k in means.indices { #expect(abs(means[k] - expected[k]) <= 1e-12 * expected[k], "cell \(k)") }
        for a in 0..<groups { for b in 0..<groups { #expect(means[a * groups + b] == means[b * groups + a]) } }
        #expect(largest == condensed.storage.max())
    }

    @Test func eigenOfDiagonal() throws {
        var a: [Double] = [2, 0, 0, 5]
        var w: [Double] = [0, 0]
        try Double.symmetricEigen(n: 2, a: &a, eigenvalues: &w)
        #expect(w == [2, 5])
        #expect(LinearAlgebraRuntime.buildDescription.lowercased().contains("openblas"))
    }
}
