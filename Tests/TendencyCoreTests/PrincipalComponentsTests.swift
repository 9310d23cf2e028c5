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
}
