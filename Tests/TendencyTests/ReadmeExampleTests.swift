import Foundation
import Testing
import Tendency

/// The library example in the README, verbatim (paths made absolute), so
/// the README cannot drift from the API.
@Suite struct ReadmeExampleTests {
    @Test func numericCore() throws {
        // README: numeric core
        let x = Matrix<Double>([[0, 0], [0, 1], [5, 5], [5, 6]])
        let d = try PairwiseDistances.condensed(x, metric: .euclidean)
        let z = try HierarchicalClustering.linkage(d, method: .average)
        let labels = Dendrogram(z).flatClusters(count: 2)   // [1, 1, 2, 2]
        // Ward on the feature vectors (memory linear in n); whether its pruned
        // scans pay off, as `tendency cluster` decides (1: too few points for blocks).
        let ward = try HierarchicalClustering.linkage(points: x, method: .ward)
        let share = HierarchicalClustering.wardScanFraction(points: x)   // 1.0
        // Many linkages of about one size in a row (resamples): each reuses the
        // n x n working matrix the one before freed, its pages already in memory.
        let again = try HierarchicalClustering.reusingWorkingMatrices {
            try (0..<3).map { _ in try HierarchicalClustering.linkage(d, method: .average) }
        }
        // end README
        #expect(labels == [1, 1, 2, 2])
        #expect(ward.merges.count == 3 && share == 1 && again == [z, z, z])
        #expect(z.csv().hasPrefix("a,b,height,size\n"))
    }

    @Test func analysis() throws {
        let root = packageRoot.path + "/"
        // README: analysis
        let codebook = try CodebookReader.read(contentsOf: root + "Fixtures/codebook/strategy-toolkit.yaml")
        let codings = try SketchCodings(contentsOf: root + "Fixtures/example/codings.csv", codebook: codebook)
        let space = FeatureSpace(codings: codings)
        var options = AnalysisOptions()
        options.bootstrap = 50
        let input = AnalysisInput(space: space)   // leaves out members with no orientation answer
        // Optional: each stage as it begins ("resampling: 100 resamples", ...); poll
        // `progress.snapshot` from another thread for the counts within a stage.
        let progress = WorkProgress { stage in print(stage.stage, stage.total) }
        let analysis = try TendencyAnalysis(input, options: options, progress: progress)
        print(analysis.k, analysis.candidates[0].reason ?? "")
        for member in analysis.members where member.ambiguous {
            print(input.memberIDs[member.index], "sits between tendencies", member.between)
        }
        // The members' distance matrix; nil where the tree was linked on their points
        // (single or Ward under Euclidean distance, where faster): memory linear in n.
        let pairs = analysis.distances.map { $0.storage.count } ?? 0
        // The full report model, as written to report.json / report.html (the
        // manifest records how the run was made; the CLI fills it from its arguments):
        let manifest = AnalysisReport.Manifest(toolVersion: TendencyCoreVersion.string, commandLine: CommandLine.arguments,
            inputs: [], parameters: [:], seed: options.seed,
            blasBuild: LinearAlgebraRuntime.buildDescription, blasThreads: LinearAlgebraRuntime.threadCount)
        let report = try AnalysisReport(analysis: analysis, input: input, manifest: manifest, title: "Tendencies")
        let json = try report.jsonData()          // report.json's bytes
        let html = HTMLReport.render(report)      // report.html, one self-contained page
        // end README
        #expect(analysis.k == 2 && progress.snapshot.stage == "assessing candidates")
        #expect(pairs == input.memberIDs.count * (input.memberIDs.count - 1) / 2)  // Gower: a matrix
        #expect(report.tendencies.count == 2 && !json.isEmpty && html.hasPrefix("<!DOCTYPE html>"))
    }

    /// Each block above, unindented and with the README's relative paths,
    /// is in the README's Library example line for line.
    @Test func readmeHoldsTheseBlocks() throws {
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        // The markers spelled in two pieces, so that these lines are not taken for them.
        let (start, end) = ("// README" + ": ", "// end" + " README")
        let blocks = source.components(separatedBy: start).dropFirst().map { part in
            part.components(separatedBy: end)[0].split(separator: "\n", omittingEmptySubsequences: false)
                .dropFirst()  // the block's name
                .map { $0.dropFirst(8).replacingOccurrences(of: "root + \"", with: "\"") }
                .filter { !$0.isEmpty }
                .joined(separator: "\n")
        }
        #expect(blocks.count == 2)
        for block in blocks { #expect(readme.contains(block), "not in the README:\n\(block)") }
    }
}
