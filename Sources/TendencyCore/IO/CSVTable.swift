import Foundation

/// A CSV file read into fields, every field remembering the line and column
/// where it starts, so later stages can point at the exact cell that is wrong.
///
/// Follows RFC 4180: comma separator, double-quoted fields that may hold
/// commas, quotes (doubled) and line breaks; LF, CRLF or bare CR line ends;
/// a UTF-8 byte-order mark is skipped; bytes that are not UTF-8 are an error
/// at their line and column. Blank lines are ignored. The reader is written
/// here rather than taken from a CSV package because none of the available
/// ones reports positions, and every error must name its line and column.
public struct CSVTable: Sendable {
    /// A field's text and where it starts (1-based).
    public struct Cell: Sendable, Equatable {
        public var text: String
        public var line: Int
        public var column: Int
    }

    /// One record of the file.
    public struct Record: Sendable {
        public var cells: [Cell]
        /// The line where the record starts.
        public var line: Int
    }

    /// The name used in error messages.
    public let file: String
    /// The header record.
    public let header: Record
    /// The records after the header.
    public let records: [Record]

    /// Reads a CSV file of at most `maxBytes` bytes.
    public init(contentsOf path: String, displayName: String? = nil, maxBytes: Int = InputFile.defaultMaxBytes) throws {
        let name = displayName ?? path
        try self.init(data: InputFile.read(path, name: name, maxBytes: maxBytes), file: name)
    }

    /// Parses CSV bytes. `file` names the source in error messages.
    public init(data: Data, file: String) throws {
        self.file = file
        var header: Record?
        var records: [Record] = []
        try CSVTable.forEachRecord(in: data, file: file, header: { header = $0 }) { records.append($0) }
        self.header = header!
        self.records = records
    }

    /// Reads CSV bytes a record at a time, checked as `init(data:file:)`
    /// checks them, without holding the table: for files of millions of
    /// fields, where a `Cell` per field would take several times the file's
    /// size (a Polis export of 100,000 participants x 1,000 statements:
    /// 100 M fields, 3.2 GB of cells for a 107 MB file). `header` sees the
    /// header record first, then `body` every record after it, in order.
    public static func forEachRecord(
        in data: Data, file: String, header: (Record) throws -> Void, _ body: (Record) throws -> Void
    ) throws {
        var first: Record?
        try parse([UInt8](data), file: file) { record in
            guard let first else {
                try checkHeader(record, file: file)
                first = record
                try header(record)
                return
            }
            if record.cells.count != first.cells.count {
                let last = record.cells.last!
                throw InputError(file: file, line: record.line, column: record.cells.count > first.cells.count
                                    ? record.cells[first.cells.count].column : last.column + last.text.count,
                                 "row has \(record.cells.count) fields; the header has \(first.cells.count)")
            }
            try body(record)
        }
        guard first != nil else {
            throw InputError(file: file, line: 1, column: 1, data.isEmpty ? "the file is empty; expected a header row" : "the file holds only blank lines; expected a header row")
        }
    }

    /// Throws, at the line after the header, when the file has no records:
    /// every input kind needs at least one. `expected` says what a row holds.
    public func requireRecords(_ expected: String) throws {
        guard records.isEmpty else { return }
        throw Self.noRecords(file: file, headerLine: header.line, expected: expected)
    }

    /// The error for a file with a header and no records after it.
    public static func noRecords(file: String, headerLine: Int, expected: String) -> InputError {
        InputError(file: file, line: headerLine + 1, column: 1, "no rows after the header; expected \(expected)")
    }

    /// The header's column names.
    public var columnNames: [String] { header.cells.map(\.text) }

    private static func checkHeader(_ header: Record, file: String) throws {
        var seen = [String: Int]()
        for cell in header.cells {
            let name = cell.text.trimmingCharacters(in: .whitespaces)
            if name.isEmpty {
                throw InputError(file: file, line: cell.line, column: cell.column, "empty column name in the header")
            }
            if let first = seen[name] {
                throw InputError(file: file, line: cell.line, column: cell.column,
                                 "duplicate column name \"\(name)\" (first in column \(first))")
            }
            seen[name] = cell.column
        }
    }

    /// Splits bytes into records of fields, tracking lines and columns, and
    /// hands each record to `body` as it ends.
    static func parse(_ bytes: [UInt8], file: String, _ body: (Record) throws -> Void) throws {
        var index = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        if let error = InputFile.encodingError(bytes, file: file) { throw error }
        var cells: [Cell] = []
        var field: [UInt8] = []
        var line = 1, lineStart = index
        // UTF-8 continuation bytes since the line's start: columns count characters, as editors do.
        var continuation = 0
        var fieldLine = 1, fieldColumn = 1
        var recordLine = 1
        var inQuotes = false, wasQuoted = false, fieldStarted = false

        func endField() throws {
            // The whole file was validated as UTF-8 above and fields end at
            // ASCII bytes, so each field is valid on its own: decoding without
            // a second validation per field (16% of reading a 20,000 x 1,000
            // Polis export) gives the same text.
            cells.append(Cell(text: String(decoding: field, as: UTF8.self), line: fieldLine, column: fieldColumn))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
            fieldStarted = false
        }
        func endRecord() throws {
            try endField()
            if !(cells.count == 1 && cells[0].text.isEmpty) {
                try body(Record(cells: cells, line: recordLine))
            }
            cells.removeAll()
        }

        while index < bytes.count {
            let byte = bytes[index]
            if byte & 0xC0 == 0x80 { continuation += 1 }
            if !fieldStarted {
                fieldStarted = true
                fieldLine = line
                fieldColumn = index - lineStart - continuation + 1
                if cells.isEmpty { recordLine = line }
            }
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte); index += 2; continue
                    }
                    inQuotes = false
                    index += 1
                    if index < bytes.count, ![UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(bytes[index]) {
                        throw InputError(file: file, line: line, column: index - lineStart - continuation + 1,
                                         "expected a comma or the end of the line after a closing quote")
                    }
                    continue
                }
                if byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r") && (index + 1 == bytes.count || bytes[index + 1] != UInt8(ascii: "\n"))) {
                    line += 1; lineStart = index + 1; continuation = 0
                }
                field.append(byte)
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                try endField()
                fieldStarted = true
                fieldLine = line
                fieldColumn = index - lineStart - continuation + 2
            case UInt8(ascii: "\r") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n"):
                index += 1
                try endRecord()
                line += 1; lineStart = index + 1; continuation = 0
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):  // LF, or a bare CR (classic Mac exports)
                try endRecord()
                line += 1; lineStart = index + 1; continuation = 0
            case UInt8(ascii: "\"") where field.isEmpty && !wasQuoted:
                inQuotes = true
                wasQuoted = true
            case UInt8(ascii: "\""):
                throw InputError(file: file, line: line, column: index - lineStart - continuation + 1,
                                 "unexpected quote inside an unquoted field; quote the whole field and double inner quotes")
            default:
                field.append(byte)
            }
            index += 1
        }
        if inQuotes {
            throw InputError(file: file, line: fieldLine, column: fieldColumn, "quoted field is never closed")
        }
        if fieldStarted || !cells.isEmpty || !field.isEmpty { try endRecord() }
    }
}
