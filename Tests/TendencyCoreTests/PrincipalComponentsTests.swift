import Testing
@testable import TendencyCore

@Suite struct PrincipalComponentsTests {
    struct Case: Decodable {
        let rows, columns, components: Int
        let data, explained_variance, explained_variance_ratio, loadings, scores: [Double]
    }

    /// Against scikit-learn's PCA(svd_solver='full'): tall (covariance route),
    /// wide (Gram route) and square data. The sign convention is the same as
    /// scikit-learn's, so loadings and scores are compared with their signs.
    @Test func matchesScikitLearnIncludingSigns() throws {
        let cases = try StatsReference.cases("pca.json", as: Case.self)
        #expect(cases.count == 3)
        for c in cases {
            let pca = try PrincipalComponents(Matrix(rows: c.rows, columns: c.columns, storage: c.data),
                                              components: c.components)
            #expect(pca.scores.rows == c.rows && pca.scores.columns == c.components)
            for (mine, reference) in zip(pca.explainedVarianceRatio, c.explained_variance_ratio) {
                #expect(close(mine, reference, 1e-10))
            }
            for (mine, reference) in zip(pca.explainedVariance, c.explained_variance) {
                #expect(close(mine, reference, 1e-9))
            }
            for (mine, reference) in zip(pca.loadings.storage, c.loadings) { #expect(abs(mine - reference) < 1e-8) }
            for (mine, reference) in zip(pca.scores.storage, c.scores) { #expect(abs(mine - reference) < 1e-8) }
            // The convention itself: the largest-magnitude loading of each component is positive.
            for j in 0..<c.components {
                let row = Array(pca.loadings.row(j))
                let largest = row.max { abs($0) < abs($1) } ?? 0
                #expect(largest > 0)
            }
        }
    }

    @Test func orthonormalDirectionsAndRankDeficientData() throws {
        // Three points on a line in 4-D: one component carries all the variance.
        let data = Matrix<Double>([[1, 2, 0, 0], [2, 4, 0, 0], [3, 6, 0, 0]])
        let pca = try PrincipalComponents(data, components: 3)  // Gram route (4 columns > 3 rows)
        #expect(close(pca.explainedVarianceRatio[0], 1, 1e-12))
        #expect(pca.explainedVarianceRatio[1] < 1e-12 && pca.explainedVarianceRatio[2] < 1e-12)
        let first = Array(pca.loadings.row(0))
        #expect(close(first[0], 1 / 5.0.squareRoot(), 1e-12) && close(first[1], 2 / 5.0.squareRoot(), 1e-12))
        #expect(close(pca.scores[0, 0], -5.0.squareRoot(), 1e-12))

        let tall = try PrincipalComponents(Matrix<Double>([[1, 0], [0, 1], [2, 3], [4, 1], [0, 0]]), components: 2)
        let a = Array(tall.loadings.row(0)), b = Array(tall.loadings.row(1))
        #expect(close(a[0] * a[0] + a[1] * a[1], 1, 1e-14) && abs(a[0] * b[0] + a[1] * b[1]) < 1e-14)
        #expect(close(tall.explainedVarianceRatio.reduce(0, +), 1, 1e-14))

        #expect(throws: StatisticsError.self) { try PrincipalComponents(Matrix<Double>([[1, 2]]), components: 1) }
        #expect(throws: StatisticsError.self) { try PrincipalComponents(data, components: 4) }
        #expect(throws: StatisticsError.self) { try PrincipalComponents(Matrix<Double>([[1, .nan], [1, 2]]), components: 1) }
    }

    /// Scores of weighted column subsets from one cross product equal
    /// `PrincipalComponents` of each subset scaled by the square roots of
    /// its weights, up to rounding and with the same signs: subsets in any
    /// order, of one column, of all, and wider than the rows (the Gram route).
    @Test func columnSubsetsMatchTheirOwnComponents() throws {
        var g = SeededGenerator(seed: 21)
        let n = 40, p = 12
        // Columns with structure (a shared factor), so the components are well separated.
        let factor = (0..<n).map { _ in g.nextGaussian() }
        let data = Matrix(rows: n, columns: p, storage: (0..<(n * p)).map { k in
            factor[k / p] * Double(k % p + 1) / 4 + g.nextGaussian()
        })
        let wide = Matrix(rows: 6, columns: p, storage: Array(data.storage.prefix(6 * p)))
        for (matrix, subsets) in [(data, [[3, 0, 7, 11, 5], [9], Array(0..<p), [2, 4, 6, 8, 10, 1]]),
                                  (wide, [[0, 2, 4, 6, 8, 10, 11, 3], [1, 5, 7]])] {
            let many = try ColumnSubsetComponents(matrix)
            for subset in subsets {
                let weights = subset.map { Double($0 % 3 + 1) }
                let m = min(2, subset.count, matrix.rows)
                var scaled = matrix.selectingColumns(subset)
                for r in 0..<matrix.rows { for (i, w) in weights.enumerated() { scaled[r, i] *= w.squareRoot() } }
                let expected = try PrincipalComponents(scaled, components: m).scores
                let found = try many.scores(columns: subset, weights: weights, components: m)
                #expect(found.rows == matrix.rows && found.columns == m)
                let scale = expected.storage.map(abs).max() ?? 1
                for (a, b) in zip(found.storage, expected.storage) {
                    #expect(abs(a - b) <= 1e-10 * scale, "subset \(subset): \(a) vs \(b)")
                }
            }
            #expect(throws: StatisticsError.self) { try many.scores(columns: [1, 2], weights: [1, 1], components: 3) }
        }
    }

}
