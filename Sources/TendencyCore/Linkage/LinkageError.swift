/// Why a linkage could not be computed or a linkage matrix is not valid.
public enum LinkageError: Error, CustomStringConvertible, Equatable, Sendable {
    /// Fewer than two observations.
    case tooFewObservations(Int)
    /// A distance is NaN or infinite; `i < j` are the observations.
    case nonFiniteDistance(i: Int, j: Int)
    /// A coordinate is NaN or infinite.
    case nonFiniteCoordinate(row: Int, column: Int)
    /// The memory-linear path on points supports only some methods.
    case methodNeedsDistances(LinkageMethod)
    /// Finite inputs overflowed in the linkage arithmetic (values too large).
    case overflow
    /// A linkage matrix breaks one of SciPy's `is_valid_linkage` rules;
    /// `row` is 0-based when the problem is in a row.
    case invalid(row: Int?, String)

    public var description: String {
        switch self {
        case .tooFewObservations(let n):
            return "hierarchical clustering needs at least 2 observations; got \(n)"
        case .nonFiniteDistance(let i, let j):
            return "the distance between observations \(i) and \(j) is not a finite number"
        case .nonFiniteCoordinate(let row, let column):
            return "the value in row \(row), column \(column) is not a finite number"
        case .methodNeedsDistances(let method):
            return "the \(method.rawValue) method is not available on points; compute the condensed distances and use linkage(_:method:) (points support single, ward, centroid, median)"
        case .overflow:
            return "the distances are too large for the linkage arithmetic: a value overflowed to infinity"
        case .invalid(let row, let message):
            if let row { return "invalid linkage (merge row \(row)): \(message)" }
            return "invalid linkage: \(message)"
        }
    }
}
