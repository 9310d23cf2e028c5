/// Why a pairwise distance could not be computed.
///
/// Rows and columns are 0-based indices into the data matrix; callers that
/// know where a row came from (a file line, an id) translate them.
public enum KernelError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A missing value (NaN) where the metric needs complete data.
    case missingValue(row: Int, column: Int, metric: DistanceMetric)
    /// An infinite value; no metric accepts one.
    case nonFinite(row: Int, column: Int)
    /// A value other than 0 or 1 for a metric on binary data.
    case notBinary(row: Int, column: Int, value: Double, metric: DistanceMetric)
    /// A row of zeros, for which the cosine distance is undefined.
    case zeroNorm(row: Int)
    /// A constant row, for which the correlation distance is undefined.
    case constantRow(row: Int)
    /// Two rows with no column where both have a value (Gower).
    case noSharedColumns(row: Int, otherRow: Int)
    /// Rows to compare but no columns to compare them on.
    case noColumns
    /// A size beyond what the computation can address (32-bit BLAS
    /// dimensions, or more values than memory can index).
    case tooLarge(dimension: String, value: Int, limit: Int)
    /// Column weights that do not fit the data.
    case badWeights(String)

    /// The row the problem is in (the first of two) and its column when
    /// one cell is at fault, for callers that map them back to a file.
    public var place: (row: Int, column: Int?)? {
        switch self {
        case .missingValue(let r, let c, _), .nonFinite(let r, let c), .notBinary(let r, let c, _, _): (r, c)
        case .zeroNorm(let r), .constantRow(let r), .noSharedColumns(let r, _): (r, nil)
        case .noColumns, .tooLarge, .badWeights: nil
        }
    }

    public var description: String {
        description(row: { "row \($0) (0-based)" }, column: { "column \($0) (0-based)" })
    }

    /// The description with rows and columns named by `row` and `column`
    /// (e.g. a row's id in quotes), for callers that know where they came from.
    public func description(row: (Int) -> String, column: (Int) -> String) -> String {
        switch self {
        case .missingValue(let r, let c, let metric):
            return "missing value at \(row(r)), \(column(c)): the \(metric.rawValue) distance needs complete data (only gower accepts missing values)"
        case .nonFinite(let r, let c):
            return "infinite value at \(row(r)), \(column(c)): distances need finite values"
        case .notBinary(let r, let c, let value, let metric):
            return "value \(value) at \(row(r)), \(column(c)): the \(metric.rawValue) distance needs 0/1 data"
        case .zeroNorm(let r):
            return "\(row(r)) is all zeros: its cosine distance to any row is undefined"
        case .constantRow(let r):
            return "\(row(r)) is constant: its correlation distance to any row is undefined"
        case .noSharedColumns(let r, let other):
            return "\(row(r)) and \(row(other)) have no column where both have a value: their gower distance is undefined"
        case .noColumns:
            return "the data has no columns: there is nothing to compare rows on"
        case .tooLarge(let dimension, let value, let limit):
            return "\(dimension) = \(value) exceeds the limit \(limit)"
        case .badWeights(let reason):
            return "column weights: \(reason)"
        }
    }
}
