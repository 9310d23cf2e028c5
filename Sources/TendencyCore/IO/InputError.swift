/// A problem with an input file, located as precisely as the reader can:
/// file, 1-based line and column, and what was expected there.
///
/// Its description follows the compiler convention `file:line:column: message`
/// so editors and terminals can jump to the spot.
public struct InputError: Error, CustomStringConvertible, Equatable, Sendable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): \(message)"
    }
}
