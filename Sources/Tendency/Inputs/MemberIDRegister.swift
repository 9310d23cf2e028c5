import Foundation

/// Member ids read from the first column of a CSV table: trimmed, not empty,
/// printable, and on one row only; errors point at the offending cell.
struct MemberIDRegister {
    /// "member" or "participant", as the file's own vocabulary has it.
    let noun: String
    /// Appended to the repeated-id message, e.g. "; expected one row per member".
    let repeatHint: String
    private var firstLine: [String: Int] = [:]

    init(noun: String, repeatHint: String = "") {
        self.noun = noun
        self.repeatHint = repeatHint
    }

    /// The cell's id, once it is known to be new.
    mutating func register(_ cell: CSVTable.Cell, file: String) throws -> String {
        let id = cell.text.trimmedCell()
        guard !id.isEmpty else {
            throw InputError(file: file, line: cell.line, column: cell.column, "empty \(noun) id")
        }
        try IdentifierText.validate(id, noun: noun, file: file, line: cell.line, column: cell.column)
        if let line = firstLine[id] {
            throw InputError(file: file, line: cell.line, column: cell.column,
                             "\(noun) \"\(id)\" is repeated (first at line \(line))\(repeatHint)")
        }
        firstLine[id] = cell.line
        return id
    }
}
