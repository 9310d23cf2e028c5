/// Exact conversion of short decimal numbers to `Double`, the "fast path" of
/// Clinger (1990), "How to read floating point numbers accurately", PLDI '90:
/// when the decimal significand w has at most 19 digits and is at most 2^53,
/// and the power of ten 10^|e| is exact in a `Double` (|e| <= 22), both are
/// representable exactly, so one IEEE 754 multiplication or division
/// `w * 10^e` (`w / 10^-e`) is correctly rounded: the result equals strtod's.
/// For 22 < e <= 22 + 15 the factor 10^(e-22) is first moved into w while w
/// stays exact (w * 10^(e-22) <= 2^53), as in Gay (1990), "Correctly rounded
/// binary-decimal and decimal-binary conversions".
///
/// Longer significands (up to 19 digits, as printed by shortest round-trip
/// formatting: 17 digits for most doubles) with 1 to 19 fraction digits take
/// Clinger's Algorithm R instead: an approximation within two units in the
/// last place, corrected by exact comparisons with the halfway points in
/// 128-bit integer arithmetic (`quotient`).
///
/// Everything else (more digits, larger exponents, `inf`, `nan`, hex floats,
/// malformed text) returns nil, and the caller falls back to `strtod`, so the
/// accepted language and the values are exactly strtod's.
public enum DecimalParser {
    /// Whether the `count` bytes at `text` are written in decimal notation
    /// only (digits, sign, point, exponent), so that strtod's other forms
    /// (hexadecimal `0x10`, `inf`, `nan`) are refused as numbers: NumPy's
    /// and R's CSV readers refuse them too.
    @inline(__always)
    static func isDecimalNotation(_ text: UnsafePointer<UInt8>, count: Int) -> Bool {
        for i in 0..<count {
            switch text[i] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "e"), UInt8(ascii: "E"): continue
            default: return false
            }
        }
        return count > 0
    }

    /// The value of a number written in decimal notation (after trimming
    /// spaces and tabs), or nil for any other text; the value strtod gives.
    public static func decimal(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { bytes -> Double? in
            var a = 0, b = bytes.count
            while a < b, bytes[a] == 32 || bytes[a] == 9 { a += 1 }
            while b > a, bytes[b - 1] == 32 || bytes[b - 1] == 9 { b -= 1 }
            guard let base = bytes.baseAddress, isDecimalNotation(base + a, count: b - a) else { return nil }
            return parse(base + a, count: b - a) ?? Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<b]), as: UTF8.self))
        }
    }

    /// 10^0 ... 10^22, each exactly representable in binary64.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
    private static let maxExactSignificand: UInt64 = 1 << 53

    /// The value of `[+-]?digits[.digits][(e|E)[+-]?digits]` spanning exactly
    /// `count` bytes at `text` (at least one significand digit), or nil when
    /// the text has another form or lies outside the exact fast path.
    @inline(__always)
    static func parse(_ text: UnsafePointer<UInt8>, count: Int) -> Double? {
        var i = 0
        var negative = false
        if i < count, text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") {
            negative = text[i] == UInt8(ascii: "-")
            i += 1
        }
        var significand: UInt64 = 0
        var digits = 0          // significant digits kept in `significand`
        var sawDigit = false
        var exponent = 0
        // Integer part.
        guard let integerDigits = appendDigits(text, count: count, at: &i, to: &significand, kept: &digits) else { return nil }
        if integerDigits > 0 { sawDigit = true }
        // Fraction.
        if i < count, text[i] == UInt8(ascii: ".") {
            i += 1
            // Eight digits at a time while they fit; leading zeros count as
            // digits here, which only makes the 19-digit bound stricter.
            while i + 8 <= count, digits + 8 <= 19, let chunk = eightDigits(text + i) {
                sawDigit = true
                significand = significand &* 100_000_000 &+ chunk
                if significand != 0 { digits += 8 }
                exponent -= 8
                i += 8
            }
            guard let fractionDigits = appendDigits(text, count: count, at: &i, to: &significand, kept: &digits) else { return nil }
            if fractionDigits > 0 { sawDigit = true }
            exponent -= fractionDigits
        }
        guard sawDigit else { return nil }
        // Exponent.
        if i < count, text[i] == UInt8(ascii: "e") || text[i] == UInt8(ascii: "E") {
            i += 1
            var negativeExponent = false
            if i < count, text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") {
                negativeExponent = text[i] == UInt8(ascii: "-")
                i += 1
            }
            var value = 0
            var exponentDigits = 0
            while i < count {
                let d = text[i] &- UInt8(ascii: "0")
                guard d < 10 else { break }
                if value < 100_000 { value = value * 10 + Int(d) }
                exponentDigits += 1
                i += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent += negativeExponent ? -value : value
        }
        guard i == count else { return nil }

        if significand == 0 { return negative ? -0.0 : 0.0 }
        var value: Double
        if exponent == 0 {
            value = Double(significand)  // integer conversion rounds correctly
        } else if significand > maxExactSignificand {
            guard exponent < 0, exponent >= -19, let quotient = quotient(significand, powerOfTen: -exponent) else { return nil }
            value = quotient
        } else if exponent < 0 {
            guard exponent >= -22 else { return nil }
            value = Double(significand) / exactPowersOfTen[-exponent]
        } else if exponent <= 22 {
            value = Double(significand) * exactPowersOfTen[exponent]
        } else {
            guard exponent <= 22 + 15 else { return nil }
            var shifted = significand
            for _ in 0..<(exponent - 22) {
                shifted *= 10
                guard shifted <= maxExactSignificand else { return nil }
            }
            value = Double(shifted) * 1e22
        }
        return negative ? -value : value
    }

    /// Reads the decimal digits at `text[i...]` into `significand`, one at a
    /// time, leading zeros not counted in `kept`; how many digits were read,
    /// or nil when a 20th significant digit would not fit the fast path.
    @inline(__always)
    private static func appendDigits(_ text: UnsafePointer<UInt8>, count: Int, at i: inout Int,
                                     to significand: inout UInt64, kept digits: inout Int) -> Int? {
        let start = i
        while i < count {
            let d = text[i] &- UInt8(ascii: "0")
            guard d < 10 else { break }
            if significand != 0 || d != 0 {
                guard digits < 19 else { return nil }
                significand = significand &* 10 &+ UInt64(d)
                digits += 1
            }
            i += 1
        }
        return i - start
    }

    /// The value of eight ASCII digits at `p`, or nil if any byte is not a
    /// digit: one 64-bit load, a range check on all bytes at once, and three
    /// multiply-add steps pairing digits into 2-, 4- and 8-digit numbers
    /// (the SWAR technique of Lemire, "Number parsing at a gigabyte per
    /// second", Software: Practice and Experience 51(8), 2021).
    @inline(__always)
    private static func eightDigits(_ p: UnsafePointer<UInt8>) -> UInt64? {
        let chunk = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        // Every byte is 0x30...0x39: high nibble 3, and adding 6 keeps it 3.
        let highNibbles = chunk & 0xF0F0_F0F0_F0F0_F0F0
        let carried = (chunk &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0
        guard highNibbles | (carried >> 4) == 0x3333_3333_3333_3333 else { return nil }
        // Byte k (the k-th digit) holds d_k; combine neighbours: 10 d_k + d_k+1.
        var v = chunk &- 0x3030_3030_3030_3030
        v = (v &* 10) &+ (v >> 8)                      // 2-digit values in bytes 0, 2, 4, 6
        let pairs02 = v & 0x0000_00FF_0000_00FF          // bytes 0 and 4
        let pairs13 = (v >> 16) & 0x0000_00FF_0000_00FF  // bytes 2 and 6
        return (pairs02 &* (100 + (1_000_000 << 32)) &+ pairs13 &* (1 + (10_000 << 32))) >> 32
    }

    /// 10^0 ... 10^19, the powers of ten that fit in 64 bits.
    private static let powersOfTen: [UInt64] = (0...19).map { k in (0..<k).reduce(1) { p, _ in p * 10 } }

    /// w / 10^k correctly rounded (to nearest, ties to even), for
    /// 2^53 < w < 2^64 and 1 <= k <= 19, by Clinger's (1990) Algorithm R:
    /// start from fl(fl(w) / 10^k), within two units in the last place, and
    /// step to the neighbouring double while the exact quotient lies beyond a
    /// halfway point. With c = m 2^q, the upper halfway point is
    /// (2m + 1) 2^(q-1), so "w / 10^k above it" reads
    /// w 2^(1-q) > (2m + 1) 10^k: both sides are integers below 2^128.
    /// Returns nil if the quotient is 2^53 or more (no fraction bits to
    /// decide), leaving such inputs to strtod.
    private static func quotient(_ w: UInt64, powerOfTen k: Int) -> Double? {
        let p = powersOfTen[k]
        var c = Double(w) / exactPowersOfTen[k]
        for _ in 0..<4 {
            let m = c.significandBitPattern | (1 << 52)
            let q = Int(c.exponent) - 52
            guard q <= 0 else { return nil }
            let above = compare(w, shiftedBy: 1 - q, with: 2 * m + 1, times: p)
            if above > 0 { c = c.nextUp; continue }
            if above == 0 { return m & 1 == 0 ? c : c.nextUp }
            // Below c the spacing halves when m is the smallest significand.
            let below = m == 1 << 52
                ? compare(w, shiftedBy: 2 - q, with: 4 * m - 1, times: p)
                : compare(w, shiftedBy: 1 - q, with: 2 * m - 1, times: p)
            if below < 0 { c = c.nextDown; continue }
            if below == 0 { return m & 1 == 0 ? c : c.nextDown }
            return c
        }
        return nil
    }

    /// The sign of w 2^s - a b, computed exactly in 128 bits (a b < 2^128
    /// always; w 2^s beyond 2^128 is larger).
    @inline(__always)
    private static func compare(_ w: UInt64, shiftedBy s: Int, with a: UInt64, times b: UInt64) -> Int {
        let left: (high: UInt64, low: UInt64)
        if s == 0 {
            left = (0, w)
        } else if s < 64 {
            left = (w >> (64 - s), w << s)
        } else if s < 128, w.leadingZeroBitCount >= s - 64 {
            left = (w << (s - 64), 0)
        } else {
            return 1
        }
        let right = a.multipliedFullWidth(by: b)
        if left.high != right.high { return left.high < right.high ? -1 : 1 }
        if left.low != right.low { return left.low < right.low ? -1 : 1 }
        return 0
    }
}
