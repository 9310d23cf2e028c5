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

    @Test func eigenOfDiagonal() throws {
        var a: [Double] = [2, 0, 0, 5]
        var w: [Double] = [0, 0]
        try Double.symmetricEigen(n: 2, a: &a, eigenvalues: &w)
        #expect(w == [2, 5])
        #expect(LinearAlgebraRuntime.buildDescription.lowercased().contains("openblas"))
    }
}
