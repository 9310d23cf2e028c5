import Foundation
import Testing

/// `tendency analyze` and `tendency polis` through the binary.
@Suite struct AnalyzeCommandTests {
    static let outputs = ["assignments.csv", "dendrogram.nwk", "linkage.csv", "report.html", "report.json"]

    static func exampleArguments(out: String, bootstrap: Int = 30) -> [String] {
        let root = packageRoot.path
        return ["analyze",
                "--codebook", "\(root)/Fixtures/codebook/strategy-toolkit.yaml",
                "--codings", "\(root)/Fixtures/example/codings.csv",
                "--survey", "\(root)/Fixtures/example/survey.csv",
                "--survey-spec", "\(root)/Fixtures/example/survey-spec.yaml",
                "--out", out, "--bootstrap", String(bootstrap)]
    }

    @Test func writesEveryOutput() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("report").path
        let run = try runTendency(Self.exampleArguments(out: out))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("2 candidate strategic tendencies"))
        #expect(run.stdout.contains("not yet clearly aligned"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == Self.outputs)

        let json = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: out + "/report.json"))) as? [String: Any])
        for key in ["k", "candidates", "members", "tendencies", "manifest"] { #expect(json[key] != nil, "\(key)") }
        let member = try #require((json["members"] as? [[String: Any]])?.first)
        for key in ["id", "tendency", "confidence", "ambiguous", "leanings"] { #expect(member[key] != nil, "\(key)") }
        let tendency = try #require((json["tendencies"] as? [[String: Any]])?.first)
        for key in ["id", "size", "stability", "distinguishing", "consensus", "hypothesis"] { #expect(tendency[key] != nil, "\(key)") }
        let manifest = try #require(json["manifest"] as? [String: Any])
        #expect((manifest["inputs"] as? [[String: Any]])?.count == 4)
        #expect((manifest["blasBuild"] as? String)?.lowercased().contains("openblas") == true)

        let assignments = try String(contentsOfFile: out + "/assignments.csv", encoding: .utf8)
        #expect(assignments.hasPrefix("member,tendency,confidence,ambiguous\n"))
        #expect(assignments.split(separator: "\n").count == 121)
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.components(separatedBy: "<svg").count - 1 >= 5)
        #expect(!html.contains("https://") && !html.contains("<script"))
    }

    /// A number set with --k is kept, and every k up to --max-k is still
    /// assessed, so the page can say what the evidence alone would pick.
    @Test func chosenKIsComparedWithTheOthers() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("k3").path
        let run = try runTendency(Self.exampleArguments(out: out) + ["--k", "3", "--max-k", "30", "--quiet"])
        try #require(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/report.json"))) as? [String: Any])
        let candidates = try #require(json["candidates"] as? [[String: Any]])
        // 120 members fill at most 20 tendencies of 6; a k no cut gives is listed without figures.
        #expect(Set(candidates.compactMap { $0["k"] as? Int }) == Set(1...20))
        let impossible = candidates.filter { ($0["reason"] as? String)?.hasPrefix("Not possible") == true }
        #expect(!impossible.isEmpty)
        #expect(impossible.allSatisfy { $0["silhouette"] == nil && $0["stability"] == nil && $0["gap"] == nil })
        // Members not yet clearly aligned say why.
        let members = try #require(json["members"] as? [[String: Any]])
        #expect(members.allSatisfy { ($0["ambiguous"] as? Bool == true) == ($0["reason"] as? String != nil) })
        let pick = try #require(json["pick"] as? [String: Any])
        #expect(pick["k"] as? Int == 3 && pick["userChosen"] as? Bool == true)
        let best = try #require(candidates.first { $0["rank"] as? Int == 1 }?["k"] as? Int)
        #expect(best != 3)
        #expect((pick["reason"] as? String)?.contains("set to 3 by the user (--k). The evidence alone would pick \(best): ") == true)
        #expect((json["tendencies"] as? [Any])?.count == 3)
    }

    /// Inputs from pipes (`<(...)`) are read once: the run works, and the
    /// manifest gives the digest of the bytes read.
    @Test func readsInputsFromPipes() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = packageRoot.path
        let piped = try runTendencyInBash(#""$0" analyze --codebook "$1" --codings <(cat "$2") --survey <(cat "$3") --survey-spec "$4" --out "$5" --bootstrap 10 --quiet"#,
                                          ["\(root)/Fixtures/codebook/strategy-toolkit.yaml", "\(root)/Fixtures/example/codings.csv",
                                           "\(root)/Fixtures/example/survey.csv", "\(root)/Fixtures/example/survey-spec.yaml",
                                           folder.appendingPathComponent("piped").path])
        try #require(piped.status == 0, "\(piped.stderr)")
        let direct = try runTendency(Self.exampleArguments(out: folder.appendingPathComponent("direct").path, bootstrap: 10) + ["--quiet"])
        try #require(direct.status == 0, "\(direct.stderr)")
        for name in ["assignments.csv", "linkage.csv"] {
            #expect(try Data(contentsOf: folder.appendingPathComponent("piped/\(name)")) == Data(contentsOf: folder.appendingPathComponent("direct/\(name)")))
        }
        func inputs(_ run: String) throws -> [[String: Any]] {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("\(run)/report.json"))) as? [String: Any]
            return try #require((json?["manifest"] as? [String: Any])?["inputs"] as? [[String: Any]])
        }
        let pipedInputs = try inputs("piped"), directInputs = try inputs("direct")
        #expect(pipedInputs.count == 4 && directInputs.count == 4)
        for (a, b) in zip(pipedInputs, directInputs) {
            #expect(a["sha256"] as? String == b["sha256"] as? String)
            #expect(a["bytes"] as? Int == b["bytes"] as? Int)
        }
        #expect((pipedInputs[1]["path"] as? String)?.hasPrefix("/dev/fd/") == true)

        // A pseudonymised run on piped data has no folder for the default salt file.
        let salted = try runTendencyInBash(#""$0" analyze --survey <(cat "$1") --survey-spec "$2" --out "$3" --pseudonymize"#,
                                           ["\(root)/Fixtures/example/survey.csv", "\(root)/Fixtures/example/survey-spec.yaml",
                                            folder.appendingPathComponent("salted").path])
        #expect(salted.status == 1)
        #expect(salted.stderr.contains("is not a regular file (a pipe?), so there is no folder to keep the salt file in: give --salt-file"))
    }

    /// Same inputs and seed: byte-identical outputs, whatever OPENBLAS_NUM_THREADS says.
    @Test func deterministicAcrossThreadCounts() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out").path
        var runs: [[String: Data]] = []
        for threads in [1, 2, 1] {
            let run = try runTendency(Self.exampleArguments(out: out, bootstrap: 20) + ["--quiet"], blasThreads: threads)
            #expect(run.status == 0, "\(run.stderr)")
            var files: [String: Data] = [:]
            for name in Self.outputs {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: out + "/" + name))
            }
            runs.append(files)
        }
        for name in Self.outputs {
            #expect(runs[0][name] == runs[1][name], "\(name) differs between 1 and 2 threads")
            #expect(runs[0][name] == runs[2][name], "\(name) differs between two runs")
        }
    }

    /// Same inputs and seed: byte-identical outputs on one core as on all of
    /// them (`taskset`; the linkages' partner thread, the concurrent
    /// resamples and cross-tabs, the parked matrices all follow the number
    /// of cores the process may use).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/taskset")))
    func deterministicOnOneCore() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out").path
        var runs: [[String: Data]] = []
        for prefix in ["", "/usr/bin/taskset -c 0 "] {
            let run = try runTendencyInBash(prefix + #""$0" "$@""#, Self.exampleArguments(out: out, bootstrap: 20) + ["--quiet", "--force"])
            #expect(run.status == 0, "\(run.stderr)")
            runs.append(try Dictionary(uniqueKeysWithValues: Self.outputs.map {
                ($0, try Data(contentsOf: URL(fileURLWithPath: out + "/" + $0)))
            }))
        }
        for name in Self.outputs {
            #expect(runs[0][name] == runs[1][name], "\(name) differs between one core and all")
        }
    }

    /// The manifest is enough to rerun: its inputs' digests are those of the
    /// files, and its command line, run again (into another folder), gives
    /// the same outputs, the manifest's own command line apart.
    @Test func rerunningTheManifestGivesTheSameResult() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = folder.appendingPathComponent("first").path
        let run = try runTendency(Self.exampleArguments(out: first, bootstrap: 20) + ["--seed", "7", "--k", "3", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        func manifest(_ out: String) throws -> [String: Any] {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/report.json"))) as? [String: Any]
            return try #require(json?["manifest"] as? [String: Any])
        }
        let recorded = try manifest(first)
        for input in try #require(recorded["inputs"] as? [[String: Any]]) {
            let path = try #require(input["path"] as? String)
            let digest = try runTendencyInBash(#"sha256sum "$1" | cut -d" " -f1"#, [path]).stdout
            #expect(digest.trimmingCharacters(in: .whitespacesAndNewlines) == input["sha256"] as? String, "\(path)")
        }
        var commandLine = try #require(recorded["commandLine"] as? [String])
        let second = folder.appendingPathComponent("second").path
        let out = try #require(commandLine.firstIndex(of: "--out"))
        commandLine[out + 1] = second
        let again = try runTendency(Array(commandLine.dropFirst()))
        #expect(again.status == 0, "\(again.stderr)")
        for name in ["assignments.csv", "dendrogram.nwk", "linkage.csv"] {
            #expect(FileManager.default.contents(atPath: first + "/" + name) == FileManager.default.contents(atPath: second + "/" + name), "\(name)")
        }
        #expect(try reportWithoutCommandLine(first) == (try reportWithoutCommandLine(second)))
        #expect(try manifest(second)["parameters"] as? [String: String] == recorded["parameters"] as? [String: String])
    }

    @Test func refusesToOverwriteAForeignFolder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("keep me".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let run = try runTendency(Self.exampleArguments(out: folder.path, bootstrap: 0) + ["--k", "2"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("folder is not empty"), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"])
    }

    @Test func badInputWritesNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let codings = folder.appendingPathComponent("codings.csv")
        try Data("member,coder,element,code\nm1,c1,bloc,working class\nm2,c1,bloc,peasantry\n".utf8).write(to: codings)
        let out = folder.appendingPathComponent("out").path
        let run = try runTendency(["analyze", "--codebook", packageRoot.path + "/Fixtures/codebook/strategy-toolkit.yaml",
                                   "--codings", codings.path, "--out", out])
        #expect(run.status != 0)
        #expect(run.stderr.contains("codings.csv:3:"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// The four Polis conversations: our k and agreement with Polis's groups
    /// (the figures in the README's table).
    /// The notes count the participants Polis placed in no group and the
    /// statements moderated out; shared ground rests on enough votes.
    @Test(arguments: [
        ("15-per-hour-seattle", 2, 0.75, 201, 23),
        ("brexit-consensus", 2, 0.6, 7, 0),
        ("canadian-electoral-reform", 2, 0.9, 167, 22),
        ("scoop-hivemind.ubi", 1, -1.0, 0, 0),
    ])
    func polis(_ conversation: String, _ k: Int, _ minimumARI: Double, _ ungrouped: Int, _ moderated: Int) throws {
        let data = packageRoot.appendingPathComponent("Fixtures/polis/\(conversation)")
        try #require(FileManager.default.fileExists(atPath: data.path), "needs Fixtures/polis")
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out").path
        let run = try runTendency(["polis", data.path, "--out", out, "--bootstrap", "50", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: out + "/report.json"))) as? [String: Any])
        #expect(json["k"] as? Int == k)
        let reference = try #require(json["referencePartition"] as? [String: Any])
        let ari = try #require(reference["adjustedRandIndex"] as? Double)
        #expect(ari >= minimumARI, "\(conversation): adjusted Rand index \(ari)")
        let notes = try #require(json["notes"] as? [String])
        #expect(notes.contains { $0.hasPrefix("\(ungrouped) participants whom Polis placed in no group") } == (ungrouped > 0), "\(notes)")
        #expect(notes.contains { $0.hasPrefix("\(moderated) statements were moderated out") } == (moderated > 0), "\(notes)")
        let consensus = try #require(json["consensus"] as? [[String: Any]])
        #expect(consensus.allSatisfy { ($0["answers"] as? Int ?? 0) >= 5 })
        // The page speaks of a conversation's participants and opinion groups.
        #expect(json["origin"] as? String == "polisConversation")
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.contains("Opinion groups among") && html.contains("by their votes on its statements") && !html.contains("the organisation holds"))
        #expect(html.contains("resampled participants and statements"))
        // Each shared answer quotes its statement: no column of dashes beside it.
        #expect(!html.contains("<th>Question</th>"))
        // Throughout the page and the summary, not only at the top: what is
        // left once the statements' own text and the run manifest (the tool's
        // name, its parameters) are taken out names no member or tendency.
        var prose = html
        if let manifest = prose.range(of: "<section id=\"manifest\">") { prose = String(prose[..<manifest.lowerBound]) }
        if let style = prose.range(of: "</style>") { prose = String(prose[style.upperBound...]) }
        prose.replace(/<[^>]*>/, with: " ")  // tags: their ids and classes are not read
        let elements = try #require(json["elements"] as? [[String: Any]])
        let statements = elements.flatMap { [$0["question"] as? String, $0["label"] as? String].compactMap { $0 } }
        for text in statements.sorted(by: { $0.count > $1.count }) {
            let escaped = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
                .replacingOccurrences(of: "'", with: "&#39;")
            prose = prose.replacingOccurrences(of: escaped, with: "")
        }
        let version = try #require((json["manifest"] as? [String: Any])?["toolVersion"] as? String)
        prose = prose.replacingOccurrences(of: "· Tendency \(version)", with: "")
        let domainWords = /(?i)\b(members?|tendency|tendencies)\b/
        let found = prose.firstMatch(of: domainWords).map { String(prose[$0.range.lowerBound...].prefix(80)) }
        #expect(found == nil, "\(conversation)")
        let words = try runTendency(["polis", data.path, "--out", out, "--bootstrap", "50", "--force"])
        let summary = words.stdout.replacingOccurrences(of: out, with: "OUT")
        #expect(words.status == 0 && summary.firstMatch(of: domainWords) == nil, "\(summary)")
    }

    /// The summary the README's walkthrough shows is what its command prints.
    @Test func readmeWalkthroughSummaryIsTrue() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let afterIntro = try #require(readme.range(of: "prints a short summary:\n\n```\n"))
        let end = try #require(readme.range(of: "```", range: afterIntro.upperBound..<readme.endIndex))
        let shown = String(readme[afterIntro.upperBound..<end.lowerBound])
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("example").path
        var arguments = Self.exampleArguments(out: out)
        arguments.removeLast(2)  // the README runs the default number of resamples
        let run = try runTendency(arguments)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.replacingOccurrences(of: out, with: "out/example") == shown)
    }
}
