/// How a name typed by a person is compared with the names an input defines:
/// case-folded, runs of whitespace collapsed to one space, ends trimmed. So
/// "People  of Color " and "people of color" are the same spelling.
enum LookupKey {
    static func normalise(_ text: String) -> String {
        text.lowercased()
            .split(whereSeparator: { $0.isWhitespace })
            .joined(separator: " ")
    }
}
