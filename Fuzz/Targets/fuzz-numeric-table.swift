import Foundation
import TendencyCore

/// NumericTable (read-only use) on arbitrary bytes: parses or throws InputError,
/// and an accepted table is rectangular with finite values or NaN for missing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNumericTable(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    do {
        let table = try NumericTable(data: Data(bytes: data, count: size), file: "fuzz.csv")
        precondition(table.values.rows == table.ids.count && table.values.columns == table.columnNames.count, "shape")
        precondition(table.values.storage.allSatisfy { $0.isFinite || $0.isNaN }, "infinite value accepted")
    } catch is InputError {
    } catch {
        fatalError("unexpected error type: \(error)")
    }
    return 0
}
