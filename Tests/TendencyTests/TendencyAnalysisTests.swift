import Foundation
import Synchronization
import Testing
@testable import Tendency

/// The analysis on the example fixtures (whose planted truth is in
/// Fixtures/example/truth.csv) and on data with no structure.
@Suite struct TendencyAnalysisTests {
    static let example = packageRoot.appendingPathComponent("Fixtures/example")

    /// The example's feature space.
    static func exampleSpace() throws -> FeatureSpace {
        let codebook = try CodebookReader.read(contentsOf: packageRoot.appendingPathComponent("Fixtures/codebook/strategy-toolkit.yaml").path)
        let codings = try SketchCodings(contentsOf: example.appendingPathComponent("codings.csv").path, codebook: codebook)
        let spec = try SurveySpec(contentsOf: example.appendingPathComponent("survey-spec.yaml").path)
        let survey = try SurveyResponses(contentsOf: example.appendingPathComponent("survey.csv").path, spec: spec)
        return FeatureSpace(codings: codings, survey: survey)
    }

    /// member -> (planted tendency or nil, not yet aligned)
    static func truth() throws -> [String: (tendency: String?, unaligned: Bool)] {
        let table = try CSVTable(contentsOf: example.appendingPathComponent("truth.csv").path)
        var truth: [String: (String?, Bool)] = [:]
        for record in table.records {
            let cells = record.cells.map(\.text)
            truth[cells[0]] = (cells[1].isEmpty ? nil : cells[1], cells[2] == "true")
        }
        return truth
    }

    static func options(bootstrap: Int = 40) -> AnalysisOptions {
        var options = AnalysisOptions()
        options.bootstrap = bootstrap
        options.gapReferences = 10
        return options
    }

    @Test func findsThePlantedTendencies() throws {
        let input = AnalysisInput(space: try Self.exampleSpace())
        let analysis = try TendencyAnalysis(input, options: Self.options())
        let truth = try Self.truth()
        #expect(analysis.k == 2)

        let aligned = input.memberIDs.indices.filter { truth[input.memberIDs[$0]]?.unaligned == false }
        let planted = aligned.map { truth[input.memberIDs[$0]]!.tendency == "governing-front" ? 0 : 1 }
        let found = aligned.map { analysis.labels[$0] }
        let ari = try AdjustedRandIndex.compute(planted, found)
        #expect(ari >= 0.9, "adjusted Rand index \(ari)")

        // Most planted not-yet-aligned members are flagged, and few others.
        let flagged = Set(analysis.members.filter(\.ambiguous).map { input.memberIDs[$0.index] })
        let unaligned = Set(truth.filter { $0.value.unaligned }.map(\.key))
        #expect(unaligned.count == 12)
        #expect(flagged.intersection(unaligned).count >= 8, "flagged \(flagged.intersection(unaligned).count) of 12")
        #expect(flagged.subtracting(unaligned).count <= 6, "\(flagged.subtracting(unaligned).count) aligned members flagged")
    }

    @Test func leaningsAreSpreadAndKeptOutOfTheFeatures() throws {
        let space = try Self.exampleSpace()
        let input = AnalysisInput(space: space)
        #expect(input.clustering.blocks.allSatisfy { $0.role == .orientation })
        #expect(AnalysisInput(space: space, includeLeanings: true).clustering.blocks.contains { $0.role == .leaning })

        let analysis = try TendencyAnalysis(input, options: Self.options())
        let report = try AnalysisReport(analysis: analysis, input: input, manifest: .init(
            toolVersion: "test", commandLine: [], inputs: [], parameters: [:], seed: 1, blasBuild: "", blasThreads: 1))
        let crosstab = try #require(report.leaningCrosstab)
        let v = try #require(crosstab.cramersV)
        #expect(v < 0.2, "Cramér's V \(v)")
        #expect(crosstab.summary.contains("spread across both tendencies"))
        // Each tendency has a hypothesis in the Toolkit's form and distinguishing codes.
        for tendency in report.tendencies {
            #expect(tendency.hypothesis.sentence.hasPrefix("If a movement deeply connected to a bloc of "))
            #expect(tendency.hypothesis.sentence.contains("it will defeat"))
            #expect(!tendency.distinguishing.isEmpty)
        }
        #expect(!report.consensus.isEmpty)
    }

    /// Members answering at random: no tendencies to find.
    @Test func noStructureMeansOneTendency() throws {
        var generator = SeededGenerator(seed: 99)
        let items = (1...20).map { SurveyItem(id: "q\($0)", text: "Statement \($0)", scale: .likert5, role: .orientation) }
        let spec = SurveySpec(items: items)
        var csv = "member," + items.map(\.id).joined(separator: ",") + "\n"
        for m in 1...90 {
            csv += "m\(m)," + items.map { _ in String(1 + generator.nextIndex(below: 5)) }.joined(separator: ",") + "\n"
        }
        let survey = try SurveyResponses(csv: csv, file: "noise.csv", spec: spec)
        let analysis = try TendencyAnalysis(AnalysisInput(space: FeatureSpace(survey: survey)), options: Self.options())
        #expect(analysis.k == 1, "candidates: \(analysis.candidates.map { ($0.k, $0.silhouette ?? -1, $0.stability ?? -1) })")
    }

    /// Relabelling (reordering) members gives the same tendencies.
    @Test func memberOrderDoesNotMatter() throws {
        let space = try Self.exampleSpace()
        var options = Self.options(bootstrap: 0)
        options.k = 2
        let original = try TendencyAnalysis(AnalysisInput(space: space), options: options)
        var generator = SeededGenerator(seed: 5)
        var order = Array(space.members.indices)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, generator.nextIndex(below: i + 1)) }
        let shuffled = FeatureSpace(members: order.map { space.members[$0] }, blocks: space.blocks, columns: space.columns,
                                    values: space.values.selectingRows(order), coverage: order.map { space.coverage[$0] })
        let permuted = try TendencyAnalysis(AnalysisInput(space: shuffled), options: options)
        let back = order.indices.map { permuted.labels[order.firstIndex(of: $0)!] }
        #expect(try AdjustedRandIndex.compute(original.labels, back) == 1)
    }

    /// A feature block drawn several times in a resample: its columns once
    /// with their weights multiplied give the distances the repeated columns
    /// give (up to rounding), for every metric where the resample takes that
    /// shortcut; the others keep the repeats.
    @Test func aBlockDrawnTwiceWeighsTwice() throws {
        let input = AnalysisInput(space: try Self.exampleSpace())
        let blocks = input.blocks
        #expect(blocks.count >= 3)
        let drawn = [blocks[0], blocks[2], blocks[0], blocks[blocks.count - 1], blocks[2], blocks[0]]
        let features = input.rawFeatures, weights = input.columnWeights
        #expect(features.storage.contains { $0.isNaN }, "the example has missing answers, so Gower's denominators vary")
        for (metric, components) in [(DistanceMetric.gower, nil), (.euclidean, nil), (.sqeuclidean, nil), (.cosine, nil),
                                     (.euclidean, 3), (.correlation, nil), (.hamming, nil)] as [(DistanceMetric, Int?)] {
            var options = AnalysisOptions()
            options.metric = metric
            options.components = components
            let repeated = drawn.flatMap { $0 }
            let expected = try TendencyAnalysis.distances(features.selectingColumns(repeated),
                                                          weights: repeated.map { weights[$0] }, options: options)
            let (columns, columnWeights) = ResampledTrees.columns(of: drawn, weights: weights, options: options)
            let found = try TendencyAnalysis.distances(features.selectingColumns(columns), weights: columnWeights, options: options)
            let shortcut = TendencyAnalysis.weightsMultiplyColumnTerms(options)
            #expect(shortcut == ![DistanceMetric.correlation, .hamming].contains(metric))
            #expect(columns.count == (shortcut ? Set(repeated).count : repeated.count))
            let scale = expected.storage.map(abs).max() ?? 1
            let error = zip(expected.storage, found.storage).map { abs($0 - $1) }.max() ?? 0
            #expect(error <= 1e-12 * max(1, scale), "\(metric) components \(String(describing: components)): \(error)")
        }
    }

    /// Progress reports every stage and counts every resample and clustering,
    /// and changes nothing in the result.
    @Test func progressCountsTheStagesAndChangesNothing() throws {
        let input = AnalysisInput(space: try Self.exampleSpace())
        let stages = Mutex<[WorkProgress.Snapshot]>([])
        let progress = WorkProgress { snapshot in stages.withLock { $0.append(snapshot) } }
        let observed = try TendencyAnalysis(input, options: Self.options(bootstrap: 15), progress: progress)
        let plain = try TendencyAnalysis(input, options: Self.options(bootstrap: 15))
        #expect(observed.labels == plain.labels && observed.linkage == plain.linkage)
        #expect(observed.members == plain.members && observed.candidates == plain.candidates)
        let begun = stages.withLock { $0 }
        #expect(begun.map(\.stage) == ["distances", "linkage", "resampling", "gap statistic", "assessing candidates"])
        #expect(begun.map(\.total) == [0, input.memberIDs.count - 1, 30, 11, 0])
        // The counted stages, run alone, count to their totals.
        let ks = 1...4
        let resampling = WorkProgress()
        _ = try ResampledTrees(input: input, distances: plain.memberDistances, options: Self.options(bootstrap: 15), ks: ks,
                               progress: resampling)
        #expect(resampling.snapshot.stage == "resampling" && resampling.snapshot.done == 30)
        let gap = WorkProgress()
        _ = try TendencyAnalysis.gapStatistic(input, options: Self.options(), ks: ks, progress: gap)
        #expect(gap.snapshot.stage == "gap statistic" && gap.snapshot.done == 11)
    }
}
