import Foundation
import Testing

/// Every hand-made bad file under Fixtures/malformed, run through the
/// command that reads it: the run must fail with exactly the message listed
/// in expected.tsv and leave no output (nor any temporary) behind; the `ok`
/// cases (byte-order mark, CRLF, bare CR, quoted fields) must succeed.
@Suite struct MalformedInputTests {
    static let root = packageRoot.appendingPathComponent("Fixtures/malformed")

    struct Case: CustomTestStringConvertible, Sendable {
        var kind: String
        var input: String
        var expected: String
        var knownIssue: String?
        var testDescription: String { input }
    }

    static let cases: [Case] = {
        guard let text = try? String(contentsOf: root.appendingPathComponent("expected.tsv"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Case(kind: fields[0], input: fields[1], expected: fields.count > 2 ? fields[2] : "",
                        knownIssue: fields.count > 3 && !fields[3].isEmpty ? fields[3] : nil)
        }
    }()

    @Test func manifestCoversEnoughCases() {
        #expect(Self.cases.filter { $0.expected != "ok" }.count >= 40)
        #expect(Set(Self.cases.map(\.kind)) == ["codebook", "codings", "survey", "spec", "polis", "cluster"])
    }

    /// The arguments that feed `input` (with good companions) to its reader.
    static func arguments(_ c: Case, out: String) -> [String] {
        let analysis = ["--out", out, "--bootstrap", "5", "--quiet"]
        switch c.kind {
        case "codebook": return ["analyze", "--codebook", c.input, "--codings", "good/codings.csv"] + analysis
        case "codings": return ["analyze", "--codebook", "good/codebook.yaml", "--codings", c.input] + analysis
        case "survey": return ["analyze", "--survey", c.input, "--survey-spec", "good/survey-spec.yaml"] + analysis
        case "spec": return ["analyze", "--survey", "good/survey.csv", "--survey-spec", c.input] + analysis
        case "polis": return ["polis", c.input] + analysis
        default: return ["cluster", c.input, "--linkage-out", out, "--quiet"]
        }
    }

    @Test(arguments: cases) func failsExactlyAndWritesNothing(_ c: Case) throws {
        let scratch = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let out = scratch.appendingPathComponent("out").path
        let run = try runTendency(Self.arguments(c, out: out), in: Self.root)
        if c.expected == "ok" {
            #expect(run.status == 0, "\(run.stderr)")
            #expect(FileManager.default.fileExists(atPath: out))
            return
        }
        #expect(run.status != 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).isEmpty, "an output or temporary was left")
        if let issue = c.knownIssue {
            withKnownIssue(Comment(rawValue: issue)) { #expect(run.stderr == "Error: \(c.expected)\n") }
        } else {
            #expect(run.stderr == "Error: \(c.expected)\n")
        }
    }
}
