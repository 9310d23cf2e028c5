import Foundation
import Testing
@testable import TendencyCore

struct NumericTableTests {
    private func table(_ text: String) throws -> NumericTable {
        try NumericTable(data: Data(text.utf8), file: "m.csv")
    }

    private func error(_ text: String) -> InputError? {
        do { _ = try table(text); return nil } catch { return error as? InputError }
    }

    /// Rows and header names keep where they are, through blank lines and
    /// (on the quoted path) line breaks inside quotes.
    @Test func rowsAndColumnsKeepTheirPlaces() throws {
        let plain = try table("\nid, x ,y\na,1,2\nb,3,4\n\n\nc,5,6\nd,7,8\n")
        #expect(plain.ids.indices.map(plain.line(ofRow:)) == [3, 4, 7, 8])
        #expect(plain.columnNamePositions.map(\.line) == [2, 2] && plain.columnNamePositions.map(\.column) == [4, 8])
        let quoted = try table("id,\"x\nz\",y\n\"a\",1,2\nc,3,4\n\nd,5,6\n")
        #expect(quoted.ids.indices.map(quoted.line(ofRow:)) == [3, 4, 6])
        #expect(quoted.columnNamePositions.map(\.line) == [1, 2] && quoted.columnNamePositions.map(\.column) == [4, 4])
        // A blank line after every row: a jump per row, each found (by binary search) at its place.
        let spaced = try table("id,x\n" + (0..<1000).map { "r\($0),\($0)\n\n" }.joined())
        #expect(spaced.ids.indices.map(spaced.line(ofRow:)) == (0..<1000).map { 2 + 2 * $0 })
        let simple = try table("id,x\na,1\nb,2\n")
        #expect(simple.line(ofRow: 0) == 2 && simple.line(ofRow: 1) == 3)
    }

    /// Columns count characters, as editors do, not bytes: "é" is one column.
    @Test func columnsCountCharacters() throws {
        #expect(error("id,x,y\nmé,1,zz\n") == InputError(file: "m.csv", line: 2, column: 6, "expected a number, found \"zz\""))
        #expect(error("id,x,y\n\"mé\",1,zz\n") == InputError(file: "m.csv", line: 2, column: 8, "expected a number, found \"zz\""))
        #expect(error("id,x,y\nm😀,1,2,3\n")?.column == 8)
        let latin1 = InputFile.firstInvalidUTF8(Array("id,x\né,".utf8) + [0xFF])
        #expect(latin1?.line == 2 && latin1?.column == 3)
    }

    @Test func readsValuesAsStrtodDoes() throws {
        let cells = ["1e5", "-0", "+.5", "5.", " 2.5 ", "-6.189678509934732", "1e-310",
                     "4503599627370496.5", "123456789012345678901", "0.1000000000000000055511151231257827"]
        let text = "id," + cells.indices.map { "c\($0)" }.joined(separator: ",") + "\r\n"
            + "a," + cells.joined(separator: ",") + "\r\n"
            + "b," + cells.reversed().joined(separator: ",") + "\r\n"
        let t = try table(text)
        #expect(t.ids == ["a", "b"])
        #expect(t.columnNames.count == cells.count)
        for (k, cell) in cells.enumerated() {
            let expected = cell.trimmingCharacters(in: .whitespaces).withCString { strtod($0, nil) }
            #expect(t.values[0, k].bitPattern == expected.bitPattern, "\(cell)")
            #expect(t.values[1, cells.count - 1 - k].bitPattern == expected.bitPattern, "\(cell)")
        }
        #expect(t.missingCount == 0)
    }

    @Test func recordsMissingCells() throws {
        let t = try table("id,x,y\na,1,\nb,,2\nc,3,4\n")
        #expect(t.missingCount == 2)
        #expect(t.firstMissingCell?.line == 2 && t.firstMissingCell?.column == 5)
        #expect(t.values[0, 1].isNaN && t.values[1, 0].isNaN && t.values[2, 1] == 4)
    }

    @Test func quotedFilesGiveTheSameTable() throws {
        let plain = try table("id,x,y\na,1.5,-2\nb,3,4e-3\n")
        let quoted = try table("\"id\",x,y\n\"a\",1.5,\"-2\"\nb,3,4e-3\n")
        #expect(plain.values == quoted.values && plain.ids == quoted.ids)
    }

    @Test func errorsAreLocated() {
        let cases: [(String, Int, Int, String)] = [
            ("", 1, 1, "the file is empty"),
            ("id\na\nb\n", 1, 1, "only an id column"),
            ("id,x\na,1\n", 2, 1, "found 1 data row"),
            ("id,x,x\na,1,2\nb,3,4\n", 1, 6, "duplicate column name \"x\""),
            ("id,x,y\na,1,2\nb,1,zz\n", 3, 5, "expected a number, found \"zz\""),
            ("id,x,y\na,1,2\nb,1,1e\n", 3, 5, "expected a number, found \"1e\""),
            ("id,x,y\na,1,2\nb,1,inf\n", 3, 5, "expected a finite number, found \"inf\""),
            ("id,x,y\na,1,2\nb,1,0x1p3\n", 3, 5, "expected a number, found \"0x1p3\""),
            ("\"id\",x,y\na,1,2\nb,1,0x10\n", 3, 5, "expected a number, found \"0x10\""),
            ("\"id\",x,y\na,1,2\nb,1,nan\n", 3, 5, "expected a finite number, found \"nan\""),
            ("id,x,y\na,1,2\nb,1,1e999\n", 3, 5, "expected a finite number"),
            ("id,x,y\na,1,2\nb,1,2,3\n", 3, 7, "more fields than the header's 3"),
            ("id,x,y\na,1,2\nb,1\n", 3, 4, "row has 2 fields; the header has 3"),
            ("id,x,y\na,1,2\na,3,4\n", 3, 1, "duplicate row id \"a\" (first on line 2)"),
            ("id,x,y\na,1,2\n ,3,4\n", 3, 1, "empty row id"),
        ]
        for (text, line, column, message) in cases {
            let e = error(text)
            #expect(e?.line == line && e?.column == column, "\(text.debugDescription): \(String(describing: e))")
            #expect(e?.message.contains(message) == true, "\(text.debugDescription): \(String(describing: e))")
        }
    }
}
