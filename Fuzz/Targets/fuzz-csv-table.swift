import Foundation
import TendencyCore

/// CSVTable on arbitrary bytes: every input parses or throws InputError.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVTable(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    do {
        let table = try CSVTable(data: bytes, file: "fuzz.csv")
        for record in table.records {
            precondition(record.cells.count == table.header.cells.count, "ragged record accepted")
            for cell in record.cells { precondition(cell.line >= 1 && cell.column >= 1, "bad position") }
        }
    } catch is InputError {
    } catch {
        fatalError("unexpected error type: \(error)")
    }
    return 0
}
