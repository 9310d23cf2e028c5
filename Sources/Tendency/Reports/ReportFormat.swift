/// Text helpers shared by the HTML page and its SVG figures. Every function is
/// locale-free and deterministic, so the same report gives the same bytes.
enum ReportFormat {
    /// Escapes text for XML and HTML (element content and quoted attributes)
    /// and drops control characters that XML 1.0 does not allow.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF || (0x7F...0x9F).contains(v) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `value` rounded half away from zero to `decimals` places, trailing
    /// zeros kept ("0.50"). Non-finite values print as "n/a".
    static func fixed(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return "n/a" }
        let places = max(0, min(decimals, 9))
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let limit = 9.0e15 / Double(scale)
        let clamped = max(-limit, min(limit, value))
        let scaled = Int64((clamped * Double(scale)).rounded(.toNearestOrAwayFromZero))
        let magnitude = scaled.magnitude
        let whole = magnitude / UInt64(scale)
        var text = String(whole)
        if places > 0 {
            var fraction = String(magnitude % UInt64(scale))
            fraction = String(repeating: "0", count: places - fraction.count) + fraction
            text += "." + fraction
        }
        return scaled < 0 ? "-" + text : text
    }

    /// Like `fixed` but without trailing zeros ("0.5", "12"): compact numbers for SVG coordinates.
    static func compact(_ value: Double, decimals: Int = 2) -> String {
        var text = fixed(value, decimals: decimals)
        guard text != "n/a", text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// A share in 0...1 as a whole percentage ("72%").
    static func percent(_ share: Double) -> String {
        guard share.isFinite else { return "n/a" }
        return fixed(share * 100, decimals: 0) + "%"
    }

    /// "1 member" / "3 members" / "2,537 members".
    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        integer(n) + " " + (n == 1 ? singular : (plural ?? singular + "s"))
    }

    /// A whole number for prose, its digits grouped in thousands ("2,537"):
    /// from 1,000 on, so that counts side by side ("10,183 members", "9,817
    /// members") read alike.
    static func integer(_ n: Int) -> String {
        let digits = String(n.magnitude)
        guard digits.count > 3 else { return n < 0 ? "-" + digits : digits }
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return n < 0 ? "-" + grouped : grouped
    }

    /// `text` with its first letter in upper case, for a heading or the
    /// start of a sentence ("members" -> "Members").
    static func capitalised(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }

    /// Small numbers in words for sentences ("two"), digits beyond twelve.
    static func word(_ n: Int) -> String {
        let words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                     "eleven", "twelve"]
        return (0..<words.count).contains(n) ? words[n] : String(n)
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String], conjunction: String = "and") -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " \(conjunction) " + items[items.count - 1]
        }
    }

    /// Shortens text to `limit` characters with an ellipsis.
    static func truncated(_ text: String, limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(max(1, limit - 1))) + "…"
    }

    /// `text` broken at spaces into at most `maxLines` lines of at most
    /// `width` characters (SVG text does not wrap by itself); a word longer
    /// than a line is cut, and what does not fit ends the last line with "…".
    static func wrapped(_ text: String, width: Int, maxLines: Int) -> [String] {
        var lines = [String]()
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        let kept = lines.prefix(maxLines).map { truncated($0, limit: width) }
        guard lines.count > maxLines, var last = kept.last else { return kept }
        last = truncated(last + " " + lines[maxLines], limit: width)
        if !last.hasSuffix("…") { last = truncated(last + "…", limit: width) }
        return kept.dropLast() + [last]
    }
}
