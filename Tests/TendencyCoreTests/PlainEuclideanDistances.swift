@testable import TendencyCore

extension CondensedDistances where Scalar == Double {
    /// The Euclidean distances between the rows of `points`, by a plain loop
    /// over each pair in coordinate order: the reference for code that takes
    /// them from the coordinates by other routes.
    static func euclideanByPlainLoop(_ points: Matrix<Double>) -> CondensedDistances<Double> {
        let n = points.rows, d = points.columns
        var condensed = CondensedDistances<Double>(count: n)
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                var s = 0.0
                for c in 0..<d { let t = points[i, c] - points[j, c]; s += t * t }
                condensed[i, j] = s.squareRoot()
            }
        }
        return condensed
    }
}
