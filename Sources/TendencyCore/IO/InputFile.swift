import Foundation

/// Reading an input file whole, under a size bound checked before any byte
/// is read, so a mistaken multi-gigabyte path fails at once with a clear
/// message instead of exhausting memory.
public enum InputFile {
    /// The default bound on one input file: 256 MiB.
    public static let defaultMaxBytes = 256 << 20

    /// The bytes of the file at `path`. `name` is used in error messages;
    /// `whenTooLarge` says what to do about a file over the bound.
    public static func read(_ path: String, name: String, maxBytes: Int = defaultMaxBytes,
                            whenTooLarge advice: String = "raise it with --max-input-bytes") throws -> Data {
        // One stat(2) says whether it exists, whether it is a folder and how large it is.
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw InputError(file: name, errno == ENOENT ? "no such file" : "cannot read: \(String(cString: strerror(errno)))")
        }
        if info.st_mode & S_IFMT == S_IFDIR { throw InputError(file: name, "is a folder; expected a file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(file: name, "cannot open the file for reading")
        }
        defer { try? handle.close() }
        // Regular files report their size; pipes and devices are read up to the bound.
        if info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) > maxBytes {
            throw tooLarge(name, size: Int(info.st_size), maxBytes: maxBytes, advice: advice)
        }
        let data = try handle.read(upToCount: maxBytes == .max ? maxBytes : maxBytes + 1) ?? Data()  // one past the bound, to see it passed
        guard data.count <= maxBytes else { throw tooLarge(name, size: nil, maxBytes: maxBytes, advice: advice) }
        return data
    }

    private static func tooLarge(_ name: String, size: Int?, maxBytes: Int, advice: String) -> InputError {
        let found = size.map { "is \($0) bytes" } ?? "is larger than the limit"
        return InputError(file: name, "the file \(found); the limit is \(maxBytes) bytes (\(advice))")
    }

    /// Where the text of `bytes` stops being UTF-8, as the 1-based line and
    /// column (in bytes) of the first offending byte, or nil when it is valid.
    /// A NUL byte counts as offending: no input kind holds one legitimately.
    public static func firstInvalidUTF8(_ bytes: [UInt8]) -> (line: Int, column: Int, byte: UInt8)? {
        if !bytes.contains(0), String(validating: bytes, as: UTF8.self) != nil { return nil }
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1, column = 1  // in characters, as editors count them
        while i < bytes.count {
            let b = bytes[i]
            if b == 0 { return (line, column, b) }
            if b == UInt8(ascii: "\n") { line += 1; column = 1; i += 1; continue }
            if b == UInt8(ascii: "\r") {
                if i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                line += 1; column = 1; i += 1; continue
            }
            if b < 0x80 { i += 1; column += 1; continue }
            let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0
            guard length > 0, i + length <= bytes.count,
                  String(validating: bytes[i..<(i + length)], as: UTF8.self) != nil else {
                return (line, column, b)
            }
            i += length
            column += 1
        }
        return nil
    }

    /// A located error for bytes that are not UTF-8 text, naming the likely
    /// encoding (UTF-16 byte-order marks; NUL bytes; other bytes as Latin-1 or
    /// Windows-1252 exports) and the fix. Nil when the bytes are valid UTF-8.
    public static func encodingError(_ bytes: [UInt8], file: String) -> InputError? {
        if bytes.starts(with: [0xFF, 0xFE, 0, 0]) || bytes.starts(with: [0, 0, 0xFE, 0xFF]) {
            return InputError(file: file, line: 1, column: 1, "the file is UTF-32 text; save it as UTF-8")
        }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return InputError(file: file, line: 1, column: 1, "the file is UTF-16 text; save it as UTF-8")
        }
        guard let bad = firstInvalidUTF8(bytes) else { return nil }
        if bad.byte == 0 {
            return InputError(file: file, line: bad.line, column: bad.column, "NUL byte; expected UTF-8 text (is this a binary or UTF-16 file?)")
        }
        return InputError(file: file, line: bad.line, column: bad.column,
                          "byte 0x\(String(bad.byte, radix: 16, uppercase: true)) is not UTF-8; save the file as UTF-8 (it may be Latin-1 or Windows-1252)")
    }
}
