/// Ids of rows (members, participants, coders) name leaves in Newick trees,
/// rows of CSV outputs and lines on a terminal, so two kinds are refused:
/// - a control character (a tab, a line break inside quotes, an escape
///   sequence), which would break those outputs or the terminal, or an
///   invisible format character (a zero-width space, a right-to-left
///   override), which makes two different ids look alike or reorders text;
/// - a first character `=`, `+`, `-` or `@` on an id that is not a number,
///   which a spreadsheet opening a CSV output reads as a formula and may run
///   ("CSV injection", OWASP). Quoting does not stop it, and the usual
///   defence, a leading apostrophe, would change the id; numbers such as
///   `-5` or `+447700900123` are read as numbers and stay allowed.
public enum IdentifierText {
    static let formulaStartBytes: [UInt8] = Array("=+-@".utf8)

    /// A scalar as messages name it: "U+001B".
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let code = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - code.count)) + code
    }

    /// Throws at the id's cell when `id` is one of the kinds above.
    public static func validate(_ id: String, noun: String, file: String, line: Int, column: Int) throws {
        // Called once per row id while parsing, so it allocates nothing (the
        // parse benchmark counts mallocs), and printable ASCII, the usual id,
        // skips the Unicode property lookups.
        if !id.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            for (offset, scalar) in id.unicodeScalars.enumerated() {
                let kind: String
                switch scalar.properties.generalCategory {
                case .control: kind = "a control character"
                case .format: kind = "an invisible format character"
                case .lineSeparator, .paragraphSeparator: kind = "a line break"
                default: continue
                }
                throw InputError(file: file, line: line, column: column,
                                 "\(noun) id holds \(kind) (\(codePoint(scalar)), character \(offset + 1)); ids must be printable text")
            }
        }
        if let byte = id.utf8.first, formulaStartBytes.contains(byte), let first = id.first, DecimalParser.decimal(id) == nil {
            throw InputError(file: file, line: line, column: column,
                             "\(noun) id \(InputError.quoted(id)) begins with \"\(first)\": a spreadsheet opening the outputs would read it as a formula; rename it")
        }
    }
}
