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

    @Test func eigenOfDiagonal() throws {
        var a: [Double] = [2, 0, 0, 5]
        var w: [Double] = [0, 0]
        try Double.symmetricEigen(n: 2, a: &a, eigenvalues: &w)
        #expect(w == [2, 5])
        #expect(LinearAlgebraRuntime.buildDescription.lowercased().contains("openblas"))
    }
}
