import Benchmark
import BenchmarkSupport
import Foundation
import Tendency

/// What `tendency cluster` does after reading its input: Euclidean kernel,
/// average linkage and a cut into 8 clusters, at n = 2,000 and 10,000,
/// d = 64; reading a 20,000 x 64 numeric CSV (`NumericTable`); and what
/// `tendency analyze` does after reading its files, for a generated
/// organisation of 1,000 members (`TendencyAnalysis` at its defaults:
/// 100 + 100 bootstrap resamples and 20 gap reference sets); what
/// `tendency polis` does for a generated conversation of 5,000
/// participants; and the two-stage mode's mini-batch k-means, 100,000 x 16 into 2,000
/// micro-clusters. Each is also
/// timed against the same-run anchor (see `SameRunAnchor`).
let benchmarks: @Sendable () -> Void = {
    let d = 64
    for n in [2_000, 10_000] {
        let points = LazyInput { SyntheticData.points(n: n, d: d, as: Double.self) }
        Benchmark("cluster average n=\(n) d=\(d)",
                  configuration: SuiteConfiguration.standard(maxDuration: .seconds(8), maxIterations: 10, allocations: .perElement)) { benchmark in
            let x = try points.get()
            let labels = try SameRunAnchor.measure(benchmark) {
                let distances = try PairwiseDistances.condensed(x, metric: .euclidean)
                let linkage = try HierarchicalClustering.linkage(distances, method: .average)
                return Dendrogram(linkage).flatClusters(count: 8)
            }
            blackHole(labels.last)
        } teardown: {
            points.reset()
        }
    }

    let members = 1_000
    let organisation = LazyInput { try exampleInput(members: members) }
    Benchmark("analyze \(members) members",
              configuration: SuiteConfiguration.standard(maxDuration: .seconds(20), maxIterations: 5, allocations: .perElement)) { benchmark in
        let input = try organisation.get()
        let analysis = try SameRunAnchor.measure(benchmark) { try TendencyAnalysis(input, options: AnalysisOptions()) }
        blackHole(analysis.k)
    } teardown: {
        organisation.reset()
    }

    // `tendency polis` at its defaults (Ward on 2 principal components) on a
    // generated conversation: the analysis linking its members as points.
    let participants = 5_000
    let conversation = LazyInput { try polisInput(participants: participants, statements: 400) }
    Benchmark("polis \(participants) participants",
              configuration: SuiteConfiguration.standard(maxDuration: .seconds(20), maxIterations: 5, allocations: .perElement)) { benchmark in
        let input = try conversation.get()
        var options = AnalysisOptions()
        (options.metric, options.method, options.components) = (.euclidean, .ward, 2)
        let analysis = try SameRunAnchor.measure(benchmark) { try TendencyAnalysis(input, options: options) }
        blackHole(analysis.k)
    } teardown: {
        conversation.reset()
    }

    // The two-stage mode's k-means (`tendency cluster --micro-clusters`):
    // k-means++ seeding on 20 rows per centre, 100 mini-batches, assignment.
    let many = LazyInput { SyntheticData.points(n: 100_000, d: 16, as: Double.self) }
    Benchmark("micro-clusters n=100000 d=16 M=2000",
              configuration: SuiteConfiguration.standard(maxDuration: .seconds(8), maxIterations: 5, allocations: .perElement)) { benchmark in
        let x = try many.get()
        let model = try SameRunAnchor.measure(benchmark) { try MiniBatchKMeans(x, k: 2_000, seed: 1) }
        blackHole(model.sizes.count)
    } teardown: {
        many.reset()
    }

    let rows = 20_000
    let csv = LazyInput { try SyntheticData.writeCSV(SyntheticData.points(n: rows, d: d, as: Double.self), name: "parse") }
    Benchmark("parse CSV \(rows)x\(d)",
              configuration: SuiteConfiguration.standard(maxDuration: .seconds(3), maxIterations: 20)) { benchmark in
        let path = try csv.get()
        let table = try SameRunAnchor.measure(benchmark) { try NumericTable(contentsOf: path) }
        blackHole(table.values.storage.last)
    } teardown: {
        if let path = try? csv.get() { try? FileManager.default.removeItem(atPath: path) }
        csv.reset()
    }
}

/// The analysis input of `tendency generate-example --members N` (codings
/// and survey, seed 1), built in memory.
private func exampleInput(members: Int) throws -> AnalysisInput {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let codebook = try CodebookReader.read(contentsOf: root.appendingPathComponent("Fixtures/codebook/strategy-toolkit.yaml").path)
    let files = try ExampleGenerator(.init(members: members, seed: 1)).generate()
    let codings = try SketchCodings(csv: files.codings, file: "codings.csv", codebook: codebook)
    let spec = try SurveySpec(yaml: files.surveySpec, file: "survey-spec.yaml")
    let survey = try SurveyResponses(csv: files.survey, file: "survey.csv", spec: spec)
    return AnalysisInput(space: FeatureSpace(codings: codings, survey: survey))
}

/// A generated Polis export read as `tendency polis` reads it: three
/// opinion groups, each participant voting on 3 to 100 statements (agree,
/// disagree or pass, by the group's leaning on each), like the exports of
/// `Benchmarks/polis_export.py`.
private func polisInput(participants: Int, statements: Int) throws -> AnalysisInput {
    var generator = SeededGenerator(seed: 7)
    let leaning = (0..<(3 * statements)).map { _ in 0.1 + 0.8 * generator.nextUnit() }
    var votes = "participant,group-id,n-comments,n-votes,n-agree,n-disagree," + (0..<statements).map(String.init).joined(separator: ",") + "\n"
    for p in 0..<participants {
        let group = generator.nextIndex(below: 3)
        var row = [String](repeating: "", count: statements)
        for _ in 0..<(3 + generator.nextIndex(below: 98)) {
            let s = generator.nextIndex(below: statements), u = generator.nextUnit()
            row[s] = u < leaning[group * statements + s] * 0.85 ? "1" : u < 0.85 ? "-1" : "0"
        }
        votes += "\(p),\(group),0,0,0,0," + row.joined(separator: ",") + "\n"
    }
    let comments = "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
        + (0..<statements).map { "0,,\($0),0,0,0,1,Statement \($0)" }.joined(separator: "\n") + "\n"
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("polis-benchmark-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try votes.write(to: folder.appendingPathComponent("participants-votes.csv"), atomically: true, encoding: .utf8)
    try comments.write(to: folder.appendingPathComponent("comments.csv"), atomically: true, encoding: .utf8)
    let export = try PolisExport(folder: folder.path)
    return AnalysisInput(space: FeatureSpace(survey: export.survey), reference: ("Polis's groups", export.groups),
                         origin: .polisConversation)
}
