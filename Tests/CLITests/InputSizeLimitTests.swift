import Foundation
import Testing

/// `--max-input-bytes`: every reader refuses a larger file before parsing
/// it, with the same message, and writes nothing.
@Suite struct InputSizeLimitTests {
    @Test(arguments: [
        ["analyze", "--codebook", "CODEBOOK", "--codings", "CODINGS"],
        ["reliability", "--codebook", "CODEBOOK", "--codings", "CODINGS"],
        ["analyze", "--survey", "SURVEY", "--survey-spec", "SPEC"],
        ["cluster", "NUMERIC", "--linkage-out", "OUT"],
    ])
    func oversizedInputIsRefused(_ template: [String]) throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let numeric = dir.appendingPathComponent("rows.csv")
        try "id,x\na,1\nb,2\nc,3\nd,4\ne,5\n".write(to: numeric, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out").path
        let substitutions = ["CODEBOOK": domainFixture("codebook.yaml"), "CODINGS": domainFixture("codings.csv"),
                             "SURVEY": domainFixture("survey.csv"), "SPEC": domainFixture("survey-spec.yaml"),
                             "NUMERIC": numeric.path, "OUT": out]
        var arguments = template.map { substitutions[$0] ?? $0 } + ["--max-input-bytes", "20"]
        if template[0] == "analyze" { arguments += ["--out", out] }
        let run = try runTendency(arguments)
        #expect(run.status != 0)
        // The first file each command reads: the codebook, the spec, the matrix.
        let first = substitutions[template.first { ["CODEBOOK", "SPEC", "NUMERIC"].contains($0) }!]!
        let size = try #require(try FileManager.default.attributesOfItem(atPath: first)[.size] as? Int)
        if template[0] == "cluster" {
            #expect(run.stderr.contains("file is \(size) bytes; the limit is 20 bytes"))  // NumericTable's wording
        } else {
            #expect(run.stderr.lowercased().hasPrefix("error: "))
            #expect(run.stderr.dropFirst(7) == "\(first): the file is \(size) bytes; the limit is 20 bytes (raise it with --max-input-bytes)\n")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["rows.csv"])
    }
}
