import Crypto
import Foundation

/// SHA-256 of an input file, for the run manifest: rerunning with the
/// manifest can check that the inputs are the same bytes.
public enum FileDigest {
    /// Lower-case hex SHA-256 and size of the file at `path`.
    public static func sha256(ofFileAt path: String) throws -> (hex: String, bytes: Int) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, "cannot open the file for reading")
        }
        let digest = SHA256.hash(data: data)
        return (digest.map { String(format: "%02x", $0) }.joined(), data.count)
    }
}
