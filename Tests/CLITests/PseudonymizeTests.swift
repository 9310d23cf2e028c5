import Foundation
import Testing

/// `--pseudonymize`: no output holds any input member id (nor the salt), the
/// same salt gives the same pseudonyms, and the key file appears only when asked.
@Suite struct PseudonymizeTests {
    /// Every whole-token occurrence of any id in a folder's files.
    private func leaks(of ids: [String], in folder: URL) throws -> [String] {
        var found: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let tokens = Set(text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }).map(String.init))
            found += ids.filter(tokens.contains).map { "\(name): \($0)" }
        }
        return found
    }

    private func memberIDs(_ csv: URL) throws -> [String] {
        try String(contentsOf: csv, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { String($0.prefix { $0 != "," }) }
    }

    @Test func analyzeOutputsHoldNoMemberIDAndPseudonymsAreStable() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data")
        try #require(try runTendency(["generate-example", "--members", "60", "--out", data.path]).status == 0)
        let ids = Set(try memberIDs(data.appendingPathComponent("survey.csv")) + memberIDs(data.appendingPathComponent("codings.csv")))
        #expect(ids.count == 60)

        func analyze(_ out: String, _ extra: [String]) throws -> CLIRun {
            try runTendency(["analyze", "--codebook", packageRoot.appendingPathComponent("Fixtures/codebook/strategy-toolkit.yaml").path,
                             "--codings", data.appendingPathComponent("codings.csv").path,
                             "--survey", data.appendingPathComponent("survey.csv").path,
                             "--survey-spec", data.appendingPathComponent("survey-spec.yaml").path,
                             "--out", dir.appendingPathComponent(out).path, "--bootstrap", "10", "--quiet", "--pseudonymize"] + extra)
        }
        // A run that fails creates no salt file and no key.
        let refused = try analyze("refused", ["--k", "50", "--key-out", dir.appendingPathComponent("key.csv").path])
        #expect(refused.status != 0)
        #expect(!FileManager.default.fileExists(atPath: data.appendingPathComponent(".tendency-salt").path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("key.csv").path))
        // Default salt: created beside the data once, then reused.
        let first = try analyze("a", ["--key-out", dir.appendingPathComponent("key.csv").path])
        try #require(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("created the salt file"))
        let saltFile = data.appendingPathComponent(".tendency-salt")
        let salt = try String(contentsOf: saltFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(salt.count == 64)
        #expect(try leaks(of: Array(ids), in: dir.appendingPathComponent("a")).isEmpty)
        #expect(try leaks(of: [salt], in: dir.appendingPathComponent("a")).isEmpty)

        let second = try analyze("b", [])
        try #require(second.status == 0, "\(second.stderr)")
        #expect(!second.stderr.contains("created the salt file"))
        #expect(try String(contentsOf: saltFile, encoding: .utf8).contains(salt))
        let assignmentsA = try String(contentsOf: dir.appendingPathComponent("a/assignments.csv"), encoding: .utf8)
        #expect(assignmentsA == (try String(contentsOf: dir.appendingPathComponent("b/assignments.csv"), encoding: .utf8)))
        #expect(assignmentsA.contains("member-"))
        // Listed in the pseudonyms' order, not the input's: a roster sorted by name would give them away.
        let listed = try memberIDs(dir.appendingPathComponent("a/assignments.csv"))
        #expect(listed.count == 60 && listed == listed.sorted())
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("b/key.csv").path))

        // The key maps every id to the pseudonym used in the outputs, and only its owner may read it.
        let key = try String(contentsOf: dir.appendingPathComponent("key.csv"), encoding: .utf8)
        let rows = key.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(Set(rows.map { $0[0] }) == ids)
        #expect(rows.allSatisfy { assignmentsA.contains($0[1] + ",") })
        let attributes = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("key.csv").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        // A salt on the command line: other pseudonyms, and the salt is redacted from the manifest.
        let explicit = try analyze("c", ["--salt", "correct-horse-battery"])
        try #require(explicit.status == 0, "\(explicit.stderr)")
        #expect(try leaks(of: Array(ids) + ["correct-horse-battery"], in: dir.appendingPathComponent("c")).isEmpty)
        let json = try String(contentsOf: dir.appendingPathComponent("c/report.json"), encoding: .utf8)
        #expect(json.contains("(redacted)"))
        #expect(try String(contentsOf: dir.appendingPathComponent("c/assignments.csv"), encoding: .utf8) != assignmentsA)
    }

    @Test func clusterNewickAndAssignmentsArePseudonymised() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("rows.csv")
        try "id,x,y\nalice,0,0\nbob,0,1\ncarol,5,5\ndave,5,6\n".write(to: csv, atomically: true, encoding: .utf8)
        let salt = dir.appendingPathComponent("salt.txt")
        try "pepper\n".write(to: salt, atomically: true, encoding: .utf8)
        let run = try runTendency(["cluster", csv.path, "--k", "2", "--pseudonymize", "--salt-file", salt.path,
                                   "--newick-out", dir.appendingPathComponent("tree.nwk").path,
                                   "--assignments-out", dir.appendingPathComponent("labels.csv").path, "--quiet"])
        try #require(run.status == 0, "\(run.stderr)")
        let tree = try String(contentsOf: dir.appendingPathComponent("tree.nwk"), encoding: .utf8)
        let labels = try String(contentsOf: dir.appendingPathComponent("labels.csv"), encoding: .utf8)
        for id in ["alice", "bob", "carol", "dave", "pepper"] {
            #expect(!tree.contains(id) && !labels.contains(id))
        }
        #expect(labels.split(separator: "\n").count == 5 && labels.contains("member-"))
        let listed = try memberIDs(dir.appendingPathComponent("labels.csv"))
        #expect(listed == listed.sorted())
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(".tendency-salt").path))
    }

    @Test func keyFileInsideTheSharedFolderIsRefused() throws {
        let run = try runTendency(["analyze", "--survey", domainFixture("survey.csv"), "--survey-spec", domainFixture("survey-spec.yaml"),
                                   "--out", "/tmp/tendency-never/out", "--pseudonymize", "--salt", "s",
                                   "--key-out", "/tmp/tendency-never/out/key.csv"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("--key-out must lie outside the --out folder"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/tendency-never"))
    }
}
