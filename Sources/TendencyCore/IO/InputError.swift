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
        return InputError.printable("\(location): \(message)")
    }

    /// `text` in double quotes for a message; a text longer than 80
    /// characters is cut to its first 60 and its length, so a runaway cell
    /// (a whole file in one field) cannot flood the terminal.
    public static func quoted<Text: StringProtocol>(_ text: Text) -> String {
        guard text.count > 80 else { return "\"\(text)\"" }
        return "\"\(text.prefix(60))...\" (\(text.count) characters)"
    }

    /// `text` with control characters written as escapes (`\n`, `\u{1B}`), so
    /// a cell's line breaks or terminal escape sequences quoted in a message
    /// can neither break the one-line format nor reach the terminal raw.
    public static func printable(_ text: String) -> String {
        // Invisible format characters too: a second byte-order mark or a bidi override would hide in the quote.
        func hidden(_ scalar: Unicode.Scalar) -> Bool {
            [.control, .format].contains(scalar.properties.generalCategory)
        }
        guard text.unicodeScalars.contains(where: hidden) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if hidden(scalar) {
                    out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
