import Foundation

/// A numeric CSV file: a header row, then one row per observation with its id
/// in the first column and numbers after it. An empty cell is a missing value
/// (NaN in `values`); `missingCells` says where each one was.
///
/// Unquoted files take a fast byte-level path (the common case for numeric
/// exports); files with quoted fields go through `CSVTable`. Both report
/// errors with file, line and column.
public struct NumericTable: Sendable {
    /// Row ids, from the first column.
    public var ids: [String]
    /// Column names after the id column.
    public var columnNames: [String]
    /// Values, row-major; NaN where a cell was empty.
    public var values: Matrix<Double>
    /// Positions of the empty cells: the first one, and how many there are.
    public var firstMissingCell: (line: Int, column: Int)?
    public var missingCount: Int
    /// Where each column's name is in the header (after the id column).
    public var columnNamePositions: [(line: Int, column: Int)]
    /// The first row's line, and the later rows that do not start on the
    /// line after the previous row's start (after blank lines or quoted
    /// line breaks), with their lines: all `line(ofRow:)` needs, without an
    /// array per row (the parse benchmark counts mallocs).
    private var firstRowLine: Int
    private var lineJumps: [(row: Int, line: Int)]

    /// The line row `row` is on, so that a problem found after parsing (an
    /// overflowing distance, a row the metric cannot use) can point at it.
    public func line(ofRow row: Int) -> Int {
        // The last jump at or before `row`, by binary search: a file with a blank
        // line after every row has a jump per row.
        var low = 0, high = lineJumps.count
        while low < high {
            let middle = (low + high) / 2
            if lineJumps[middle].row <= row { low = middle + 1 } else { high = middle }
        }
        let jump = low > 0 ? lineJumps[low - 1] : (row: 0, line: firstRowLine)
        return jump.line + row - jump.row
    }

    /// Records that row `row` is on `line`: a jump when the rows before it
    /// do not lead there line by line.
    private static func note(row: Int, line: Int, first: inout Int?, jumps: inout [(row: Int, line: Int)]) {
        guard let start = first else { first = line; return }
        let jump = jumps.last ?? (0, start)
        if jump.line + row - jump.row != line { jumps.append((row, line)) }
    }

    /// Reads a numeric CSV file. `maxBytes` bounds the file size.
    public init(contentsOf path: String, displayName: String? = nil, maxBytes: Int = 4 << 30) throws {
        let name = displayName ?? path
        try self.init(data: try InputFile.read(path, name: name, maxBytes: maxBytes), file: name)
    }

    /// Parses numeric CSV bytes; `file` names the source in error messages.
    public init(data: Data, file: String) throws {
        var bytes = [UInt8]()
        bytes.reserveCapacity(data.count + 1)  // room for the 0 terminator without a copy
        bytes.append(contentsOf: data)
        guard !bytes.isEmpty else {
            throw InputError(file: file, line: 1, column: 1, "the file is empty; expected a header row (id column, then one column per feature)")
        }
        if NumericTable.find(0, in: bytes) {
            throw InputFile.encodingError(bytes, file: file) ?? InputError(file: file, "the file holds NUL bytes; expected UTF-8 text")
        }
        if NumericTable.find(UInt8(ascii: "\""), in: bytes) || NumericTable.hasLoneCarriageReturn(bytes) {
            self = try NumericTable.fromTable(try CSVTable(data: data, file: file), file: file)
        } else {
            bytes.append(0)  // terminates the last number for strtod
            self = try NumericTable.parseUnquoted(bytes, file: file)
        }
        try checkShape(file: file)
    }

    private init(ids: [String], columnNames: [String], values: Matrix<Double>,
                 firstMissingCell: (line: Int, column: Int)?, missingCount: Int,
                 firstRowLine: Int, lineJumps: [(row: Int, line: Int)], columnNamePositions: [(line: Int, column: Int)]) {
        self.ids = ids
        self.columnNames = columnNames
        self.values = values
        self.firstMissingCell = firstMissingCell
        self.missingCount = missingCount
        self.firstRowLine = firstRowLine
        self.lineJumps = lineJumps
        self.columnNamePositions = columnNamePositions
    }

    private func checkShape(file: String) throws {
        guard !columnNames.isEmpty else {
            throw InputError(file: file, line: 1, column: 1, "the header has only an id column; expected at least one feature column after it")
        }
        guard ids.count >= 2 else {
            throw InputError(file: file, line: ids.isEmpty ? 1 : 2, column: 1,
                             "found \(ids.count) data row\(ids.count == 1 ? "" : "s"); clustering needs at least two")
        }
    }

    private static func fromTable(_ table: CSVTable, file: String) throws -> NumericTable {
        let names = Array(table.columnNames.dropFirst())
        var storage = [Double]()
        storage.reserveCapacity(table.records.count * names.count)
        var ids = [String]()
        var lineJumps = [(row: Int, line: Int)]()
        var firstRowLine: Int?
        var seen = [String: Int]()
        var firstMissing: (line: Int, column: Int)?
        var missing = 0
        for record in table.records {
            let idCell = record.cells[0]
            try register(id: idCell.text, line: idCell.line, column: idCell.column, seen: &seen, file: file)
            note(row: ids.count, line: idCell.line, first: &firstRowLine, jumps: &lineJumps)
            ids.append(idCell.text)
            for cell in record.cells.dropFirst() {
                let text = cell.text.trimmingCharacters(in: .whitespaces)
                if text.isEmpty {
                    storage.append(.nan)
                    missing += 1
                    if firstMissing == nil { firstMissing = (cell.line, cell.column) }
                    continue
                }
                guard let value = DecimalParser.decimal(text), value.isFinite else {
                    // inf, nan and 1e999 are numbers to strtod, but not finite ones.
                    let expected = Double(text).map { !$0.isFinite } == true ? "a finite number" : "a number"
                    throw InputError(file: file, line: cell.line, column: cell.column, "expected \(expected), found \(InputError.quoted(cell.text))")
                }
                storage.append(value)
            }
        }
        return NumericTable(ids: ids, columnNames: names,
                            values: Matrix(rows: ids.count, columns: names.count, storage: storage),
                            firstMissingCell: firstMissing, missingCount: missing,
                            firstRowLine: firstRowLine ?? table.header.line + 1, lineJumps: lineJumps,
                            columnNamePositions: table.header.cells.dropFirst().map { ($0.line, $0.column) })
    }

    private static func register(id: String, line: Int, column: Int, seen: inout [String: Int], file: String) throws {
        if isBlank(id) {
            throw InputError(file: file, line: line, column: column, "empty row id; expected an id in the first column")
        }
        try IdentifierText.validate(id, noun: "row", file: file, line: line, column: column)
        if let first = seen[id] {
            throw InputError(file: file, line: line, column: column, "duplicate row id \"\(id)\" (first on line \(first))")
        }
        seen[id] = line
    }

    /// Whether `bytes` holds `byte` (memchr: vectorised in the C library).
    private static func find(_ byte: UInt8, in bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { memchr($0.baseAddress!, Int32(byte), $0.count) != nil }
    }

    /// Whether a CR in `bytes` ends a line by itself (old Mac line ends),
    /// which only the general reader (`CSVTable`) splits lines at.
    private static func hasLoneCarriageReturn(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var start = 0
            while start < raw.count, let found = memchr(raw.baseAddress! + start, 13, raw.count - start) {
                let i = UnsafeRawPointer(found) - raw.baseAddress!
                if i + 1 == raw.count || raw[i + 1] != 10 { return true }
                start = i + 2
            }
            return false
        }
    }

    /// Whether `text` is empty after trimming `CharacterSet.whitespaces`
    /// (Unicode Zs and tab), deciding ASCII text without Foundation.
    private static func isBlank(_ text: String) -> Bool {
        for byte in text.utf8 where byte != 32 && byte != 9 {
            return byte < 128 ? false : text.trimmingCharacters(in: .whitespaces).isEmpty
        }
        return true
    }

    /// The fast path: no quotes anywhere, so records end at line breaks and
    /// fields at commas. `bytes` ends with a 0 byte.
    private static func parseUnquoted(_ bytes: [UInt8], file: String) throws -> NumericTable {
        try bytes.withUnsafeBufferPointer { buffer -> NumericTable in
            let base = buffer.baseAddress!
            let end = buffer.count - 1  // the terminating 0
            var position = (end >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) ? 3 : 0
            var line = 1

            func lineEnd(from start: Int) -> Int {
                guard start < end, let found = memchr(base + start, 10, end - start) else { return end }
                return UnsafeRawPointer(found) - UnsafeRawPointer(base)
            }
            func text(_ from: Int, _ to: Int) -> String {
                String(decoding: UnsafeBufferPointer(start: base + from, count: to - from), as: UTF8.self)
            }
            /// The 1-based column, in characters, of byte `index` of the line at
            /// `position`; counted only for messages (the line is walked).
            func columnAt(_ index: Int) -> Int {
                var characters = 1
                for k in position..<index where base[k] & 0xC0 != 0x80 { characters += 1 }
                return characters
            }
            func validText(_ from: Int, _ to: Int, column: Int) throws -> String {
                guard let s = String(validating: UnsafeBufferPointer(start: base + from, count: to - from), as: UTF8.self) else {
                    throw InputError(file: file, line: line, column: column, "field is not valid UTF-8 text")
                }
                return s
            }

            // Skip leading blank lines, then read the header.
            while position < end, base[position] == 10 || base[position] == 13 {
                if base[position] == 10 { line += 1 }
                position += 1
            }
            guard position < end else {
                throw InputError(file: file, line: 1, column: 1, "the file is empty; expected a header row (id column, then one column per feature)")
            }
            var stop = lineEnd(from: position)
            var contentStop = stop > position && base[stop - 1] == 13 ? stop - 1 : stop
            var names = [String]()
            var namePositions = [(line: Int, column: Int)]()
            namePositions.reserveCapacity((position..<contentStop).count { base[$0] == 44 })  // one allocation
            var fieldStart = position
            var seenNames = [String: Int]()
            for i in position...contentStop where i == contentStop || base[i] == 44 {
                let column = columnAt(fieldStart)
                let name = try validText(fieldStart, i, column: column).trimmingCharacters(in: .whitespaces)
                if name.isEmpty, !names.isEmpty {
                    throw InputError(file: file, line: line, column: column, "empty column name in the header")
                }
                if let first = seenNames[name] {
                    throw InputError(file: file, line: line, column: column, "duplicate column name \"\(name)\" (first in column \(first))")
                }
                seenNames[name] = column
                if !names.isEmpty { namePositions.append((line, column)) }  // the id column's is not kept
                names.append(name)
                fieldStart = i + 1
            }
            let width = names.count - 1
            position = stop + 1
            line += 1

            var ids = [String]()
            var lineJumps = [(row: Int, line: Int)]()  // allocated only for a row after a blank line
            var firstRowLine: Int?
            var seen = [String: Int]()
            var storage = [Double]()
            storage.reserveCapacity(max(0, width) * max(16, (end - position) / max(1, 8 * max(1, width))))
            var firstMissing: (line: Int, column: Int)?
            var missing = 0

            while position < end {
                stop = lineEnd(from: position)
                contentStop = stop > position && base[stop - 1] == 13 ? stop - 1 : stop
                if contentStop == position || (0..<(contentStop - position)).allSatisfy({ base[position + $0] == 32 || base[position + $0] == 9 }) {
                    position = stop + 1; line += 1; continue  // blank line
                }
                // id field
                var i = position
                while i < contentStop, base[i] != 44 { i += 1 }
                let id = try validText(position, i, column: 1)
                try register(id: id, line: line, column: 1, seen: &seen, file: file)
                note(row: ids.count, line: line, first: &firstRowLine, jumps: &lineJumps)
                ids.append(id)
                var fields = 1
                while i < contentStop {
                    let start = i + 1
                    var j = start
                    while j < contentStop, base[j] != 44 { j += 1 }
                    fields += 1
                    if fields > width + 1 {
                        throw InputError(file: file, line: line, column: columnAt(start),
                                         "row has more fields than the header's \(width + 1)")
                    }
                    var a = start, b = j
                    while a < b, base[a] == 32 || base[a] == 9 { a += 1 }
                    while b > a, base[b - 1] == 32 || base[b - 1] == 9 { b -= 1 }
                    if a == b {
                        storage.append(.nan)
                        missing += 1
                        if firstMissing == nil { firstMissing = (line, columnAt(start)) }
                    } else if let value = DecimalParser.parse(base + a, count: b - a) {
                        storage.append(value)  // exact fast path; the same value strtod gives
                    } else {
                        var parsedEnd: UnsafeMutablePointer<CChar>? = nil
                        let value = (base + a).withMemoryRebound(to: CChar.self, capacity: b - a) { strtod($0, &parsedEnd) }
                        let consumed = parsedEnd.map { UnsafeRawPointer($0) - UnsafeRawPointer(base + a) } ?? 0
                        if consumed != b - a || (value.isFinite && !DecimalParser.isDecimalNotation(base + a, count: b - a)) {
                            // A cell that is not even UTF-8 (a Latin-1 export, say) gets the encoding error.
                            if (start..<j).contains(where: { base[$0] >= 0x80 }),
                               let error = InputFile.encodingError(Array(bytes.dropLast()), file: file) { throw error }
                            throw InputError(file: file, line: line, column: columnAt(start), "expected a number, found \(InputError.quoted(text(start, j)))")
                        }
                        if !value.isFinite {
                            throw InputError(file: file, line: line, column: columnAt(start), "expected a finite number, found \(InputError.quoted(text(start, j)))")
                        }
                        storage.append(value)
                    }
                    i = j
                }
                if fields != width + 1 {
                    throw InputError(file: file, line: line, column: columnAt(contentStop),
                                     "row has \(fields) fields; the header has \(width + 1)")
                }
                position = stop + 1
                line += 1
            }
            return NumericTable(ids: ids, columnNames: Array(names.dropFirst()),
                                values: Matrix(rows: ids.count, columns: max(0, width), storage: storage),
                                firstMissingCell: firstMissing, missingCount: missing,
                                firstRowLine: firstRowLine ?? line, lineJumps: lineJumps,
                                columnNamePositions: namePositions)
        }
    }
}
