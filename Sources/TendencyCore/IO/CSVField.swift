import Foundation

/// Writing one CSV field (RFC 4180): quoted when it holds a comma, a quote or
/// a line break, with inner quotes doubled.
public enum CSVField {
    public static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
