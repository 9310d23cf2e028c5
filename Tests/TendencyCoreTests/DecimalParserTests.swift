import Foundation
import Testing
@testable import TendencyCore

/// `DecimalParser` must give exactly strtod's value whenever it answers
/// (and answer for the common shapes, or it would not be a fast path).
struct DecimalParserTests {
    private func fast(_ text: String) -> Double? {
        Array(text.utf8).withUnsafeBufferPointer { DecimalParser.parse($0.baseAddress!, count: $0.count) }
    }

    private func strtodValue(_ text: String) -> Double {
        text.withCString { strtod($0, nil) }
    }

    @Test func agreesWithStrtodOnRandomDecimals() {
        var generator = SeededGenerator(seed: 2026)
        var answered = 0
        let total = 200_000
        for _ in 0..<total {
            let digits = 1 + Int(generator.next() % 20)
            var body = ""
            for position in 0..<digits {
                let digit = position == 0 ? 1 + generator.next() % 9 : generator.next() % 10
                body += String(digit)
            }
            if generator.next() % 4 != 0 {  // put a decimal point somewhere
                let point = Int(generator.next() % UInt64(digits + 1))
                let index = body.index(body.startIndex, offsetBy: point)
                body.insert(".", at: index)
            }
            if generator.next() % 8 == 0 { body = "0.000" + body.replacingOccurrences(of: ".", with: "") }
            if generator.next() % 3 == 0 { body += "e" + String(Int(generator.next() % 61) - 30) }
            let text = (generator.next() % 2 == 0 ? "-" : "") + body
            if let value = fast(text) {
                answered += 1
                #expect(value.bitPattern == strtodValue(text).bitPattern, "\(text)")
            }
        }
        #expect(answered > total / 2)
    }

    /// Shortest round-trip digits (Swift's description, Python's repr) of
    /// values from 0.001 up are answered, and read back exactly; smaller ones
    /// (more than 19 fraction digits) may be left to strtod.
    @Test func shortestRoundTripDoublesTakeTheFastPath() {
        var generator = SeededGenerator(seed: 7)
        var answered = 0
        for _ in 0..<50_000 {
            let x = 3 * generator.nextGaussian() + generator.nextGaussian()
            let text = "\(x)"
            let value = fast(text)
            if abs(x) >= 0.001 { #expect(value != nil, "\(text)") }
            if value != nil { answered += 1 }
            #expect(value.map { $0.bitPattern == x.bitPattern } ?? true, "\(text)")
        }
        #expect(answered > 49_900)
    }

    @Test func halfwayCasesRoundToEven() {
        // 2^52 has spacing 1 above and 0.5 below; 2^51..2^52 has spacing 0.5.
        let cases = ["4503599627370496.5", "4503599627370497.5", "4503599627370495.75",
                     "2251799813685248.25", "2251799813685248.75", "9007199254740993",
                     "9007199254740993.0", "0.30000000000000001665", "1.7976931348623157e3"]
        for text in cases {
            // Either no answer (strtod takes it) or strtod's answer.
            #expect(fast(text).map { $0.bitPattern == strtodValue(text).bitPattern } ?? true, "\(text)")
        }
        #expect(fast("4503599627370496.5") == 4503599627370496)
        #expect(fast("4503599627370497.5") == 4503599627370498)
        #expect(fast("4503599627370495.75") == 4503599627370496)
    }

    /// Fractions read eight digits at a time: every digit position, leading
    /// zeros, and a non-digit inside a chunk.
    @Test func longFractionsAreExact() {
        for text in ["0.12345678", "0.123456789", "1.0000000012345678", "-0.0000000000000001",
                     "9.99999999", "0.00000000", "3.14159265358979", "2.718281828459045"] {
            #expect(fast(text)?.bitPattern == strtodValue(text).bitPattern, "\(text)")
        }
        for text in ["0.1234a678", "0.12345678x", "0.1234567/", "0.1234567:"] {
            #expect(fast(text) == nil, "\(text)")
        }
    }

    @Test func leavesOtherFormsToStrtod() {
        for text in ["", "-", ".", "e5", "1e", "1e+", "1.2.3", "inf", "nan", "0x1p3", "1,5", " 1", "1 ",
                     "1e400", "1e-400", "123456789012345678901"] {
            #expect(fast(text) == nil, "\(text)")
        }
        #expect(fast("-0")?.sign == .minus)
        #expect(fast("+.5") == 0.5)
        #expect(fast("5.") == 5)
        #expect(fast("0e999") == 0)
    }

    /// Only decimal notation counts as a number in a data file: strtod's
    /// other forms (hexadecimal, inf, nan) are refused, as NumPy refuses them.
    @Test func decimalNotationOnly() {
        for text in ["0x10", "0X1p3", "inf", "-infinity", "nan", "1e5x", "", " ", "1,5", "--1"] {
            #expect(DecimalParser.decimal(text) == nil, "\(text)")
        }
        for (text, value) in [("7", 7.0), (" 7 ", 7), ("-0.5", -0.5), ("+2.5e3", 2500), ("1E-2", 0.01),
                              ("3.14159265358979323846", 3.14159265358979323846), (".5", 0.5)] {
            #expect(DecimalParser.decimal(text) == value, "\(text)")
        }
    }

    /// A quoted cell in an error message is cut when it is long.
    @Test func longCellsAreCutInMessages() {
        #expect(InputError.quoted("abc") == "\"abc\"")
        let long = String(repeating: "x", count: 10_000)
        let quoted = InputError.quoted(long)
        #expect(quoted == "\"" + String(repeating: "x", count: 60) + "...\" (10000 characters)")
    }
}
