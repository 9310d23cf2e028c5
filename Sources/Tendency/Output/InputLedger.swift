import Crypto
import Foundation

/// Reads each input file once and keeps its size and SHA-256 for the run
/// manifest. The digest is of the very bytes analysed, not of the file as it
/// is when the run ends, and an input that can be read only once (a pipe,
/// a shell's `<(...)`) can be analysed.
public struct InputLedger: Sendable {
    public let maxBytes: Int
    /// Every file read so far, in order: the manifest's `inputs`.
    public private(set) var inputs: [AnalysisReport.Manifest.Input] = []

    public init(maxBytes: Int = InputFile.defaultMaxBytes) {
        self.maxBytes = maxBytes
    }

    /// The bytes of the file at `path`, within the size bound, recorded.
    public mutating func read(_ path: String) throws -> Data {
        let data = try InputFile.read(path, name: path, maxBytes: maxBytes)
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        inputs.append(.init(path: path, sha256: digest, bytes: data.count))
        return data
    }
}
