import Foundation
import TendencyInputs

/// The survey-spec reader, and responses against the fixed spec below, on
/// arbitrary bytes: the input is split at the first 0xFF byte into a spec
/// (YAML) and a responses CSV. Each part reads or throws InputError.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSurveySpec(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let cut = bytes.firstIndex(of: 0xFF) ?? bytes.count
    let yaml = Array(bytes[..<cut]), csv = Data(bytes[min(cut + 1, bytes.count)...])
    var spec = try? SurveySpec(yaml: "items:\n  - {id: q1, text: T, scale: likert5}\n  - {id: q2, text: U, scale: numeric}\n", file: "fixed.yaml")
    if InputFile.encodingError(yaml, file: "fuzz.yaml") == nil {
        do {
            spec = try SurveySpec(yaml: String(decoding: yaml, as: UTF8.self), file: "fuzz.yaml")
        } catch is InputError {
        } catch {
            fatalError("unexpected error type: \(error)")
        }
    }
    guard let spec else { fatalError("the fixed spec does not read") }
    do {
        let responses = try SurveyResponses(table: CSVTable(data: csv, file: "fuzz.csv"), spec: spec)
        precondition(responses.answers.storage.allSatisfy { $0.isFinite || $0.isNaN }, "infinite answer accepted")
    } catch is InputError {
    } catch {
        fatalError("unexpected error type: \(error)")
    }
    return 0
}
