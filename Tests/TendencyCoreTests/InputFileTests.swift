import Foundation
import Testing
import TendencyCore

@Suite struct InputFileTests {
    @Test func encodingErrorsAreLocated() {
        #expect(InputFile.encodingError(Array("a,b\nc,d\n".utf8), file: "f") == nil)
        #expect(InputFile.encodingError([0xEF, 0xBB, 0xBF] + Array("é,b\n".utf8), file: "f") == nil)
        let latin1 = InputFile.encodingError(Array("a,b\r\nc,\u{0}".utf8.dropLast()) + [0x63, 0xE9, 0x0A], file: "f")
        #expect(latin1?.line == 2 && latin1?.column == 4)
        #expect(latin1?.message.hasPrefix("byte 0xE9 is not UTF-8") == true)
        let nul = InputFile.encodingError([0xEF, 0xBB, 0xBF, 0x61, 0x00], file: "f")
        #expect(nul?.line == 1 && nul?.column == 2 && nul?.message.hasPrefix("NUL byte") == true)
        #expect(InputFile.encodingError([0xFF, 0xFE, 0x61, 0x00], file: "f")?.message == "the file is UTF-16 text; save it as UTF-8")
        // A truncated multi-byte sequence at the end of the file.
        #expect(InputFile.encodingError([0x61, 0xE2, 0x82], file: "f")?.column == 2)
    }

    @Test func sizeBoundIsCheckedBeforeReading() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bound-\(UUID().uuidString).csv")
        try Data(repeating: 0x61, count: 100).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try InputFile.read(url.path, name: "x.csv", maxBytes: 100).count == 100)
        #expect(throws: InputError(file: "x.csv", "the file is 100 bytes; the limit is 99 bytes (raise it with --max-input-bytes)")) {
            try InputFile.read(url.path, name: "x.csv", maxBytes: 99)
        }
        #expect(throws: InputError(file: "nope.csv", "no such file")) { try InputFile.read(url.path + ".missing", name: "nope.csv") }
    }

    @Test func messagesEscapeControlCharacters() {
        let error = InputError(file: "a.csv", line: 2, column: 3, "unknown code \"x\ny\u{1B}[31m\"")
        #expect(error.description == "a.csv:2:3: unknown code \"x\\ny\\u{1B}[31m\"")
    }

    @Test func bareCarriageReturnsEndRecords() throws {
        let table = try CSVTable(data: Data("a,b\rc,d\r\"e\rf\",g\r".utf8), file: "t.csv")
        #expect(table.records.map { $0.cells.map(\.text) } == [["c", "d"], ["e\rf", "g"]])
        #expect(table.records[1].line == 3 && table.records[1].cells[1].line == 4)
    }

    /// Fields are decoded without a second UTF-8 check (the file was checked
    /// whole): multi-byte text, doubled quotes, line breaks inside quotes and
    /// empty cells come out exactly, with columns counted in characters.
    @Test func fieldsKeepTheirTextExactly() throws {
        let csv = "id,note,x\nmañana,\"dit \"\"ça\"\"\nvà\",\n€,,ß😀\n"
        let table = try CSVTable(data: Data(csv.utf8), file: "t.csv")
        #expect(table.records.map { $0.cells.map(\.text) } == [["mañana", "dit \"ça\"\nvà", ""], ["€", "", "ß😀"]])
        #expect(table.records[1].cells[2].line == 4 && table.records[1].cells[2].column == 4)
        #expect(throws: InputError.self) { try CSVTable(data: Data([0x61, 0x2C, 0x62, 0x0A, 0xE9, 0x2C, 0x78, 0x0A]), file: "t.csv") }
    }

    /// Read a record at a time, a file gives the header first, then the
    /// records `init(data:file:)` holds, in order; a short row, a bad header
    /// and an empty file are the same errors at the same places, and an
    /// error from the caller stops the reading there.
    @Test func recordsOneAtATimeAreTheTablesRecords() throws {
        let csv = Data("id,note\r\na,\"x,y\"\n\nb,\n\"c\nd\",z\n".utf8)
        let table = try CSVTable(data: csv, file: "t.csv")
        var header: CSVTable.Record?
        var records: [[CSVTable.Cell]] = []
        try CSVTable.forEachRecord(in: csv, file: "t.csv", header: { header = $0 }) { records.append($0.cells) }
        #expect(header?.cells == table.header.cells && records == table.records.map(\.cells) && records.count == 3)
        func error(_ text: String, stream: Bool) -> String {
            do {
                if stream {
                    try CSVTable.forEachRecord(in: Data(text.utf8), file: "t.csv", header: { _ in }) { _ in }
                } else {
                    _ = try CSVTable(data: Data(text.utf8), file: "t.csv")
                }
                return ""
            } catch { return "\(error)" }
        }
        for text in ["id,note\na\n", "id,id\na,b\n", "", "\n\n", "id,note\na,b,c\n"] {
            #expect(error(text, stream: true) == error(text, stream: false) && !error(text, stream: true).isEmpty, "\(text)")
        }
        var seen = 0
        #expect(throws: InputError.self) {
            try CSVTable.forEachRecord(in: csv, file: "t.csv", header: { _ in }) { record in
                seen += 1
                throw InputError(file: "t.csv", line: record.line, column: 1, "stop")
            }
        }
        #expect(seen == 1)
    }
}
