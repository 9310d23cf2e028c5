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

    public var description: String {
        switch self {
        case .missingValue(let row, let column, let metric):
            return "missing value at row \(row), column \(column) (0-based): the \(metric.rawValue) distance needs complete data (only gower accepts missing values)"
        case .nonFinite(let row, let column):
            return "infinite value at row \(row), column \(column) (0-based): distances need finite values"
        case .notBinary(let row, let column, let value, let metric):
            return "value \(value) at row \(row), column \(column) (0-based): the \(metric.rawValue) distance needs 0/1 data"
        case .zeroNorm(let row):
            return "row \(row) (0-based) is all zeros: its cosine distance to any row is undefined"
        case .constantRow(let row):
            return "row \(row) (0-based) is constant: its correlation distance to any row is undefined"
        case .noSharedColumns(let row, let otherRow):
            return "rows \(row) and \(otherRow) (0-based) have no column where both have a value: their gower distance is undefined"
        case .noColumns:
            return "the data has no columns: there is nothing to compare rows on"
        case .tooLarge(let dimension, let value, let limit):
            return "\(dimension) = \(value) exceeds the limit \(limit)"
        case .badWeights(let reason):
            return "column weights: \(reason)"
        }
    }
}
