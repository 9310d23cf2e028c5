import Foundation
import TendencyInputs

/// The Polis reader on arbitrary bytes, split at the first 0xFF byte into
/// comments.csv and participants-votes.csv written to a scratch folder
/// (PolisExport reads a folder). Reads or throws InputError.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPolis(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let cut = bytes.firstIndex(of: 0xFF) ?? bytes.count
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tendency-fuzz-polis-\(getpid())")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    do {
        try Data(bytes[..<cut]).write(to: folder.appendingPathComponent("comments.csv"))
        try Data(bytes[min(cut + 1, bytes.count)...]).write(to: folder.appendingPathComponent("participants-votes.csv"))
    } catch {
        fatalError("cannot write the scratch files: \(error)")
    }
    for participants in PolisExport.Participants.allCases {
        do {
            let export = try PolisExport(folder: folder.path, participants: participants)
            precondition(export.groups.count == export.survey.members.count, "groups misaligned")
        } catch is InputError {
        } catch {
            fatalError("unexpected error type: \(error)")
        }
    }
    return 0
}
