import Crypto
import Foundation

/// Stable salted pseudonyms for member ids: "member-" and the first 10 hex
/// digits of HMAC-SHA256(key: salt, message: id) (RFC 2104). The same salt
/// always gives the same pseudonym, so runs stay comparable; without the
/// salt the pseudonym cannot be traced back to the id by trying likely ids.
public struct Pseudonymizer: Sendable {
    private let salt: [UInt8]

    /// The salt is the key; its bytes never appear in any output.
    public init(salt: String) throws {
        let trimmed = salt.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw PrivacyError("the salt is empty; give a non-empty --salt or salt file") }
        self.salt = Array(trimmed.utf8)
    }

    public func pseudonym(for id: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(id.utf8), using: SymmetricKey(data: salt))
        return "member-" + mac.prefix(5).map { String(format: "%02x", $0) }.joined()
    }

    /// Pseudonyms for `ids`, in order; two ids sharing one (a 1 in 2^40
    /// chance per pair) is an error rather than a silent merge.
    public func pseudonyms(for ids: [String]) throws -> [String] {
        let names = ids.map(pseudonym(for:))
        var seen = [String: String]()
        for (id, name) in zip(ids, names) {
            if let other = seen[name], other != id {
                throw PrivacyError("member ids \"\(other)\" and \"\(id)\" have the same pseudonym under this salt; choose another salt")
            }
            seen[name] = id
        }
        return names
    }

    /// The salt kept in the file at `path`. When the file does not exist it
    /// is created (owner-only permissions) with 32 random bytes in hex, so
    /// later runs over the same data reuse it and keep the same pseudonyms.
    public static func salt(fileAt path: String, create: Bool) throws -> String {
        if FileManager.default.fileExists(atPath: path) {
            let data = try InputFile.read(path, name: path, maxBytes: 4096, whenTooLarge: "a salt file holds one line")
            guard let text = String(data: data, encoding: .utf8),
                  !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw PrivacyError("\(path): the salt file is empty or not UTF-8 text")
            }
            return text
        }
        guard create else { throw PrivacyError("\(path): no such salt file") }
        let salt = newSalt()
        do {
            try createSaltFile(salt, at: path)
        } catch SaltFileCreation.exists {
            return try Self.salt(fileAt: path, create: false)
        }
        return salt
    }

    /// A new salt: 32 random bytes in hex.
    public static func newSalt() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// Writes `salt` to a new file at `path`, readable by its owner only.
    /// Throws `SaltFileCreation.exists` when a file is already there: two
    /// runs starting together cannot overwrite each other's salt (O_EXCL).
    public static func createSaltFile(_ salt: String, at path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw SaltFileCreation.exists }
            throw PrivacyError("\(path): cannot create the salt file: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        let bytes = Array((salt + "\n").utf8)
        guard write(fd, bytes, bytes.count) == bytes.count else {
            throw PrivacyError("\(path): cannot write the salt file: \(String(cString: strerror(errno)))")
        }
    }

    /// Why `createSaltFile` made no file.
    public enum SaltFileCreation: Error { case exists }

    /// Where the salt is kept when the user gives none: beside the data.
    public static func defaultSaltPath(besideInput input: String) -> String {
        URL(fileURLWithPath: input).deletingLastPathComponent().appendingPathComponent(".tendency-salt").path
    }

    /// The key file's text: `member,pseudonym`, one row per id.
    public static func keyCSV(ids: [String], pseudonyms: [String]) -> String {
        "member,pseudonym\n" + zip(ids, pseudonyms).map { "\(CSVField.escape($0)),\($1)\n" }.joined()
    }

    /// A command line with the value of `--salt` replaced, for manifests.
    public static func redactingSalt(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var redactNext = false
        for argument in arguments {
            if redactNext { out.append("(redacted)"); redactNext = false; continue }
            if argument == "--salt" { redactNext = true; out.append(argument); continue }
            if argument.hasPrefix("--salt=") { out.append("--salt=(redacted)"); continue }
            out.append(argument)
        }
        return out
    }
}

/// A problem with the pseudonymisation settings.
public struct PrivacyError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
