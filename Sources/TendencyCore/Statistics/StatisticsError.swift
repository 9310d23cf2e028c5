/// A statistic asked of input it is not defined for: mismatched lengths,
/// empty groups, negative counts, probabilities outside [0, 1], NaN values.
///
/// The message says what was wrong, so callers can pass it on unchanged.
public struct StatisticsError: Error, CustomStringConvertible, Equatable, Sendable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
