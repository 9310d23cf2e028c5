import Foundation
import Testing
@testable import Tendency

@Suite struct PseudonymizerTests {
    @Test func pseudonymIsTheTruncatedHMAC() throws {
        let p = try Pseudonymizer(salt: "salt")
        // HMAC-SHA256(key "salt", "m1"), independently: python3 -c "import hmac,hashlib;print(hmac.new(b'salt',b'm1',hashlib.sha256).hexdigest()[:10])"
        #expect(p.pseudonym(for: "m1") == "member-4dafaa33ce")
        #expect(p.pseudonym(for: "m1") == (try Pseudonymizer(salt: " salt\n")).pseudonym(for: "m1"))
        #expect(p.pseudonym(for: "m1") != (try Pseudonymizer(salt: "other")).pseudonym(for: "m1"))
        #expect(throws: PrivacyError.self) { try Pseudonymizer(salt: "  ") }
    }

    @Test func saltRedactedFromCommandLine() {
        #expect(Pseudonymizer.redactingSalt(["t", "--salt", "x", "--out", "o", "--salt=y"]) == ["t", "--salt", "(redacted)", "--out", "o", "--salt=(redacted)"])
    }

    @Test func saltFileIsCreatedOnceAndReused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("salt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = Pseudonymizer.defaultSaltPath(besideInput: dir.appendingPathComponent("data.csv").path)
        #expect(path == dir.appendingPathComponent(".tendency-salt").path)
        #expect(throws: PrivacyError.self) { try Pseudonymizer.salt(fileAt: path, create: false) }
        let first = try Pseudonymizer.salt(fileAt: path, create: true)
        #expect(first.count == 64)
        #expect(try Pseudonymizer.salt(fileAt: path, create: true).trimmingCharacters(in: .whitespacesAndNewlines) == first)
    }
}
