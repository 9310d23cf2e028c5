/// Ids of rows (members, participants, coders) name leaves in Newick trees,
/// rows of CSV outputs and lines on a terminal, so they must be printable: a
/// control character (a tab, a line break inside quotes, an escape sequence)
/// would break those outputs or the terminal showing them.
public enum IdentifierText {
    /// Throws at the id's cell when `id` holds a control character
    /// (Unicode general category Cc).
    public static func requirePrintable(_ id: String, noun: String, file: String, line: Int, column: Int) throws {
        for (offset, scalar) in id.unicodeScalars.enumerated() where scalar.properties.generalCategory == .control {
            let code = String(scalar.value, radix: 16, uppercase: true)
            throw InputError(file: file, line: line, column: column,
                             "\(noun) id holds a control character (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code), character \(offset + 1)); ids must be printable text")
        }
    }
}
