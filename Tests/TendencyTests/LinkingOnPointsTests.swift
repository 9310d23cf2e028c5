import Testing
import TendencyCore
@testable import Tendency

/// The analysis links its members as points (no distance matrix per
/// resample) where single or Ward linkage under Euclidean distance is faster
/// there: the same trees, cuts and resample labels as through the distances.
@Suite struct LinkingOnPointsTests {
    /// The example's 120 members, each five times with small continuous
    /// noise (so that no two distances tie): 600 members in two tendencies,
    /// enough for Ward's blocks to pay on their two principal components.
    static func noisyCopies() throws -> AnalysisInput {
        let space = try TendencyAnalysisTests.exampleSpace()
        let copies = 5
        var generator = SeededGenerator(seed: 11)
        var values = space.values.selectingRows(space.members.indices.flatMap { Array(repeating: $0, count: copies) })
        for i in values.storage.indices where !values.storage[i].isNaN {
            values.storage[i] += (generator.nextUnit() - 0.5) * 1e-3
        }
        let members = space.members.flatMap { id in (0..<copies).map { "\(id)-\($0)" } }
        let coverage = space.coverage.flatMap { Array(repeating: $0, count: copies) }
        return AnalysisInput(space: FeatureSpace(members: members, blocks: space.blocks, columns: space.columns,
                                                 values: values, coverage: coverage))
    }

    /// The points the analysis links its tree on, or nil.
    static func linkagePoints(_ input: AnalysisInput, _ options: AnalysisOptions) throws -> Matrix<Double>? {
        TendencyAnalysis.linkagePoints(try TendencyAnalysis.memberSpace(input, options: options), options: options)
    }

    static func wardOnComponents(bootstrap: Int = 6) -> AnalysisOptions {
        var options = AnalysisOptions()
        options.metric = .euclidean
        options.method = .ward
        options.components = 2
        options.bootstrap = bootstrap
        options.gapReferences = 3
        return options
    }

    /// Ward on principal components of clustered members takes the points;
    /// average linkage, Gower and the Euclidean metrics that are not the
    /// distance itself never do.
    @Test func thePathFollowsMethodMetricAndData() throws {
        let input = try Self.noisyCopies()
        #expect(try Self.linkagePoints(input, Self.wardOnComponents()) != nil)
        var options = Self.wardOnComponents()
        options.method = .average
        #expect(try Self.linkagePoints(input, options) == nil)
        options = AnalysisOptions()
        options.method = .single
        #expect(try Self.linkagePoints(input, options) == nil, "Gower")
        options.metric = .sqeuclidean
        #expect(try Self.linkagePoints(input, options) == nil)
        options.metric = .euclidean
        #expect(try Self.linkagePoints(input, options) != nil, "single, \(input.rawFeatures.columns) columns")
    }

    /// Member and feature resamples give the same members and labels at every
    /// k whether each is linked on its points or through its distances.
    @Test func resamplesOnPointsMatchResamplesThroughDistances() throws {
        let input = try Self.noisyCopies()
        let options = Self.wardOnComponents()
        let points = try #require(try Self.linkagePoints(input, options))
        let distances = try TendencyAnalysis.distances(inSpace: points, options: options)
        let ks = 1...4
        let onPoints = try ResampledTrees(input: input, distances: .points(points), options: options, ks: ks)
        let throughDistances = try ResampledTrees(input: input, distances: .matrix(distances), options: options, ks: ks)
        #expect(onPoints.resamples.count == 2 * options.bootstrap)
        for (b, (p, d)) in zip(onPoints.resamples, throughDistances.resamples).enumerated() {
            #expect(p.members == d.members, "resample \(b)")
            #expect(p.labelsByK == d.labelsByK, "resample \(b)")
        }
    }

    /// The analysis's tree on points is SciPy's Ward on the members'
    /// distances: the same merges, heights equal up to rounding; the outputs
    /// that follow from it (cut, stability, silhouettes, heatmap) are those
    /// of a run through the distances, which the analysis never holds.
    @Test func theAnalysisTreeIsWardOnTheDistances() throws {
        let input = try Self.noisyCopies()
        let options = Self.wardOnComponents()
        let analysis = try TendencyAnalysis(input, options: options)
        #expect(analysis.distances == nil)
        let points = try #require(try Self.linkagePoints(input, options))
        let distances = try TendencyAnalysis.distances(inSpace: points, options: options)
        let reference = try HierarchicalClustering.linkage(distances, method: .ward)
        #expect(analysis.linkage.merges.count == reference.merges.count)
        for (found, expected) in zip(analysis.linkage.merges, reference.merges) {
            #expect(found.a == expected.a && found.b == expected.b && found.size == expected.size)
            #expect(abs(found.height - expected.height) <= 1e-9 * max(1, expected.height))
        }
        #expect(analysis.k == 2)
        let n = input.memberIDs.count
        let cut = TendencyCut(dendrogram: Dendrogram(reference), distances: distances, k: 2,
                              minimumSize: options.minimumTendencySize(members: n))
        #expect(analysis.labels == cut.labels.map { $0 + 1 })
        let resamples = try ResampledTrees(input: input, distances: .matrix(distances), options: options, ks: 1...options.maxK)
        let stability = try resamples.assess(labels: cut.labels, k: 2).meanJaccard.map { $0 ?? 0 }
        #expect(analysis.stability == stability)
        let widths = try #require(try Silhouette.samples(distances: distances, labels: cut.labels))
        for (member, width) in zip(analysis.members, widths) { #expect(abs(member.silhouette - width) <= 1e-12) }
        let score = try #require(analysis.candidates.first { $0.k == 2 }?.silhouette)
        #expect(abs(score - Silhouette.score(samples: widths)) <= 1e-12)
        let heatmap = AnalysisReport.Heatmap(order: analysis.leafOrder, distances: analysis.memberDistances, measure: "m")
        let throughMatrix = AnalysisReport.Heatmap(order: analysis.leafOrder, distances: .matrix(distances), measure: "m")
        for (a, b) in zip(heatmap.similarity.joined(), throughMatrix.similarity.joined()) { #expect(abs(a - b) <= 1e-12) }
    }

    /// An analysis too large for memory is refused before the work, in the
    /// words of its origin, with counts grouped in thousands.
    @Test func refusalCountsPeopleInTheOriginsWords() {
        for (origin, noun) in [(AnalysisReport.Origin.organisation, "members"), (.polisConversation, "participants")] {
            // Linked as points, an analysis needs memory linear in the members.
            for (members, count, pointColumns) in [(3_000_000, "3,000,000", nil), (3_000_000_000, "3,000,000,000", 2)]
                as [(Int, String, Int?)] {
                do {
                    try TendencyAnalysis.checkMemory(members: members, features: 2, pointColumns: pointColumns, words: origin.words)
                    Issue.record("\(count) \(noun) were not refused")
                } catch {
                    #expect("\(error)".hasPrefix("analysing \(count) \(noun) needs about"), "\(error)")
                }
            }
            #expect(throws: Never.self) {
                try TendencyAnalysis.checkMemory(members: 200_000, features: 100, pointColumns: 2, words: origin.words)
            }
        }
    }
}
