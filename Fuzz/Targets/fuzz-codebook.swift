import Foundation
import TendencyInputs

/// The codebook reader on arbitrary text (through the same UTF-8 and shape
/// checks as a file): reads or throws InputError; never crashes or hangs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCodebook(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard InputFile.encodingError(bytes, file: "fuzz.yaml") == nil else { return 0 }
    do {
        let book = try CodebookReader.read(yaml: String(decoding: bytes, as: UTF8.self), file: "fuzz.yaml")
        precondition(!book.elements.isEmpty, "codebook without elements accepted")
    } catch is InputError {
    } catch {
        fatalError("unexpected error type: \(error)")
    }
    return 0
}
