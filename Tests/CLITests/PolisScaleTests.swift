import Foundation
import Testing
@testable import Tendency

/// `tendency polis` on a generated conversation large enough for the
/// analysis to link its participants as points (`LinkingOnPointsTests`):
/// the planted groups come back, and the outputs are the same bytes on one
/// core and on all.
@Suite struct PolisScaleTests {
    static let outputs = ["assignments.csv", "linkage.csv", "dendrogram.nwk", "report.json"]

    /// 600 participants in three groups of 200 that agree and disagree on
    /// opposite thirds of 30 statements, each voting on 20 of them.
    static func writeConversation(to folder: URL) throws {
        var generator = SeededGenerator(seed: 3)
        let statements = 30
        var votes = "participant,group-id,n-comments,n-votes,n-agree,n-disagree,"
            + (0..<statements).map(String.init).joined(separator: ",") + "\n"
        for p in 0..<600 {
            let group = p % 3
            var row = [String](repeating: "", count: statements)
            var order = Array(0..<statements)
            for i in stride(from: statements - 1, to: 0, by: -1) { order.swapAt(i, generator.nextIndex(below: i + 1)) }
            for s in order.prefix(20) {
                let agrees = s / 10 == group ? 0.9 : 0.15
                row[s] = generator.nextUnit() < agrees ? "1" : "-1"
            }
            votes += "\(p),\(group),0,20,0,0," + row.joined(separator: ",") + "\n"
        }
        let comments = "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
            + (0..<statements).map { "0,,\($0),0,0,0,1,Statement \($0)" }.joined(separator: "\n") + "\n"
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try votes.write(to: folder.appendingPathComponent("participants-votes.csv"), atomically: true, encoding: .utf8)
        try comments.write(to: folder.appendingPathComponent("comments.csv"), atomically: true, encoding: .utf8)
    }

    @Test func groupsComeBackTheSameOnOneCoreAndAll() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("conversation")
        try Self.writeConversation(to: data)
        // The analysis takes the points path on these data.
        let export = try PolisExport(folder: data.path)
        var options = AnalysisOptions()
        (options.metric, options.method, options.components) = (.euclidean, .ward, 2)
        let input = AnalysisInput(space: FeatureSpace(survey: export.survey), reference: ("Polis's groups", export.groups),
                                  origin: .polisConversation)
        #expect(try TendencyAnalysis.linkagePoints(TendencyAnalysis.memberSpace(input, options: options), options: options) != nil)

        let out = folder.appendingPathComponent("out").path
        var runs: [[String: Data]] = []
        for prefix in ["", "/usr/bin/taskset -c 0 "] {
            let run = try runTendencyInBash(prefix + #""$0" "$@""#, ["polis", data.path, "--out", out, "--bootstrap", "20",
                                                                      "--quiet", "--force"])
            #expect(run.status == 0, "\(run.stderr)")
            runs.append(try Dictionary(uniqueKeysWithValues: Self.outputs.map {
                ($0, try Data(contentsOf: URL(fileURLWithPath: out + "/" + $0)))
            }))
        }
        for name in Self.outputs {
            #expect(runs[0][name] == runs[1][name], "\(name) differs between one core and all")
        }
        // Polis's groups are the planted ones: the index with them says how well they came back.
        let json = try #require(runs[0]["report.json"])
        let report = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(report["k"] as? Int == 3)
        let reference = try #require(report["referencePartition"] as? [String: Any])
        let index = try #require(reference["adjustedRandIndex"] as? Double)
        #expect(index > 0.9, "adjusted Rand index \(index)")
    }
}
