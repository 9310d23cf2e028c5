import Foundation
import Testing

@Suite struct ReliabilityCommandTests {
    @Test func printsTableAndWritesJSON() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.appendingPathComponent("alpha.json")
        let run = try runTendency(["reliability", "--codebook", domainFixture("codebook.yaml"),
                                   "--codings", domainFixture("codings.csv"), "--json", json.path])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0].hasPrefix("element") && lines[0].contains("alpha") && lines[0].contains("interpretation"))
        // m3 is the only sketch with several coders: bloc sets {women}, {women, working-class}, {women}
        // give alpha = 1 - 2 * 2 / 4 = 0; tradition (anarchist x3) has one category: undefined.
        #expect(lines[1].hasPrefix("bloc") && lines[1].contains("0.000") && lines[1].hasSuffix("unreliable"))
        #expect(lines[4].hasPrefix("tradition") && lines[4].contains("n/a") && lines[4].hasSuffix("undefined"))

        let object = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let elements = try #require(object["elements"] as? [[String: Any]])
        #expect(elements.map { $0["element"] as? String } == ["bloc", "capacity", "leaning", "tradition"])
        #expect(elements[0]["units"] as? Int == 1 && elements[0]["coders"] as? Int == 3)
        #expect(elements[0]["alpha"] as? Double == 0)
        #expect(elements[3]["alpha"] is NSNull && elements[3]["interpretation"] as? String == "undefined")
        // Only the JSON file is left in the folder: the temporary file was renamed.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["alpha.json"])
    }

    @Test func quietPrintsNothing() throws {
        let run = try runTendency(["reliability", "--codebook", domainFixture("codebook.yaml"),
                                   "--codings", domainFixture("codings.csv"), "--quiet"])
        #expect(run.status == 0 && run.stdout.isEmpty)
    }

    @Test func badInputFailsWithPositionAndWritesNothing() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let codings = dir.appendingPathComponent("codings.csv")
        try "member,coder,element,code\nm1,c1,bloc,workers\nm1,c2,bloc,peple of colour\n".write(to: codings, atomically: true, encoding: .utf8)
        let json = dir.appendingPathComponent("alpha.json")
        let run = try runTendency(["reliability", "--codebook", domainFixture("codebook.yaml"),
                                   "--codings", codings.path, "--json", json.path])
        #expect(run.status != 0)
        #expect(run.stderr.contains("codings.csv:3:12: unknown code \"peple of colour\""))
        #expect(run.stderr.contains("oppressed-nationalities"))
        #expect(run.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: json.path))

        let book = dir.appendingPathComponent("book.yaml")
        try "elements:\n  - id: bloc\n    kind: [multi\n".write(to: book, atomically: true, encoding: .utf8)
        let yaml = try runTendency(["reliability", "--codebook", book.path, "--codings", domainFixture("codings.csv")])
        #expect(yaml.status != 0 && yaml.stderr.contains("book.yaml:4:1: malformed YAML"))
    }

    /// The shipped codebook and example codings: one row per element, each with an alpha.
    @Test func exampleHasAnAlphaPerElement() throws {
        let run = try runTendency(["reliability",
                                   "--codebook", packageRoot.path + "/Fixtures/codebook/strategy-toolkit.yaml",
                                   "--codings", packageRoot.path + "/Fixtures/example/codings.csv"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = run.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count == 12)
        for row in rows {
            let fields = row.split(separator: " ", omittingEmptySubsequences: true)
            let alpha = try #require(Double(fields[4]), "\(row)")
            #expect(alpha > 0 && alpha <= 1)
            #expect(fields[2] == "23")   // the 23 sketches with three coders
        }
    }
}
