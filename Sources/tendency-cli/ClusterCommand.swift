import ArgumentParser
import Foundation
import Tendency

/// `tendency cluster`: the numeric core on a plain numeric CSV matrix.
struct ClusterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Hierarchical clustering of a numeric CSV matrix (header row, row id in the first column).",
        discussion: """
        An empty cell is a missing value: allowed with --metric gower, or with --impute mean; \
        otherwise it is an error. Ward, centroid and median need Euclidean geometry and take \
        --metric euclidean only. The linkage matrix follows SciPy's conventions.
        """)

    @Argument(help: "Numeric CSV: header row, row id in the first column, numbers after it.")
    var file: String

    @Option(help: "Distance between rows: \(DistanceMetric.allCases.map(\.rawValue).joined(separator: ", ")).")
    var metric: DistanceMetric = .euclidean

    @Option(help: "Linkage method: \(LinkageMethod.allCases.map(\.rawValue).joined(separator: ", ")).")
    var method: LinkageMethod = .average

    @Option(help: "Cut the tree into at most K clusters (SciPy fcluster 'maxclust').")
    var k: Int?

    @Option(help: "Cut the tree at height H (SciPy fcluster 'distance').")
    var height: Double?

    @Option(help: "Cut by the inconsistency coefficient at threshold T (SciPy fcluster 'inconsistent', depth 2).")
    var inconsistent: Double?

    @Option(help: "Fill missing values: 'mean' replaces each by its column's mean.")
    var impute: Imputation?

    @Option(help: "Write the SciPy linkage matrix (a,b,height,size) here.")
    var linkageOut: String?

    @Option(help: "Write id,cluster here (needs --k, --height or --inconsistent).")
    var assignmentsOut: String?

    @Option(help: "Write the tree in Newick format here.")
    var newickOut: String?

    @Option(help: "Refuse an input file larger than this many bytes.")
    var maxInputBytes: Int = InputFile.defaultMaxBytes

    @Flag(help: "Compute distances in single precision (half the memory; heights agree to about 1e-6 relative).")
    var float32 = false

    @Flag(help: "Print per-phase wall times as JSON on stderr.")
    var timings = false

    @Flag(help: "Print a JSON summary on stdout instead of text.")
    var json = false

    @Flag(help: "Print nothing on stdout.")
    var quiet = false

    @OptionGroup var privacy: PrivacyArguments

    enum Imputation: String, ExpressibleByArgument, CaseIterable { case mean }

    func validate() throws {
        let cuts = [k != nil, height != nil, inconsistent != nil].filter { $0 }.count
        if cuts > 1 { throw ValidationError("give at most one of --k, --height and --inconsistent") }
        try privacy.validate(outputFolder: nil)
        if maxInputBytes < 1 { throw ValidationError("--max-input-bytes must be at least 1") }
        if let k, k < 1 { throw ValidationError("--k must be at least 1") }
        if let height, !height.isFinite || height < 0 { throw ValidationError("--height must be a finite number >= 0") }
        if assignmentsOut != nil, cuts == 0 {
            throw ValidationError("--assignments-out needs a cut: --k, --height or --inconsistent")
        }
        if method.requiresEuclidean, metric != .euclidean {
            throw ValidationError("--method \(method.rawValue) is defined by Euclidean geometry (it merges by centroids or variance), so it takes --metric euclidean only, not \(metric.rawValue)")
        }
    }

    func run() throws {
        OutputStaging.shared.installHandlers()
        var clock = PhaseClock()
        let table = try NumericTable(contentsOf: file, displayName: file, maxBytes: maxInputBytes)
        var data = table.values
        if let cell = table.firstMissingCell {
            switch (impute, metric) {
            case (.mean?, _): data = data.imputingColumnMeans()
            case (nil, .gower): break
            case (nil, _):
                throw InputError(file: file, line: cell.line, column: cell.column,
                                 "empty cell (missing value; \(table.missingCount) in the file); expected a number, or use --metric gower or --impute mean")
            }
        }
        clock.lap("parse")

        let result: ClusterResult
        do {
            if float32 {
                result = try cluster(data.converted(to: Float.self), clock: &clock)
            } else {
                result = try cluster(data, clock: &clock)
            }
        } catch LinkageError.nonFiniteDistance(let i, let j) {
            // Every input value is finite, so a non-finite distance means the arithmetic overflowed.
            throw InputError(file: file, "the distance between rows \"\(table.ids[i])\" and \"\(table.ids[j])\" is not a finite number: the values are too large for \(float32 ? "single" : "double") precision arithmetic; rescale the data")
        }
        let linkage = result.linkage
        let dendrogram = Dendrogram(linkage)
        let labels: [Int]? =
            if let k { dendrogram.flatClusters(count: k) }
            else if let height { dendrogram.flatClusters(height: height) }
            else if let inconsistent { dendrogram.flatClusters(inconsistency: inconsistent) }
            else { nil }
        clock.lap("cut")

        let ids = try privacy.names(for: table.ids, dataPath: file)
        var output = AtomicOutput()
        if let linkageOut { output.add(linkageOut, text: linkage.csv()) }
        if let newickOut { output.add(newickOut, text: try dendrogram.newick(labels: ids) + "\n") }
        if let assignmentsOut, let labels {
            var text = "id,cluster\n"
            for (id, label) in zip(ids, labels) { text += "\(CSVField.escape(id)),\(label)\n" }
            output.add(assignmentsOut, text: text)
        }
        try output.commit()
        clock.lap("write")

        if timings { FileHandle.standardError.write(Data((clock.json + "\n").utf8)) }
        if quiet { return }
        let sizes = labels.map(clusterSizes) ?? []
        if json {
            var summary: [String: Any] = [
                "rows": table.ids.count, "columns": table.columnNames.count,
                "metric": metric.rawValue, "method": method.rawValue,
                "precision": float32 ? "float32" : "float64",
                "heightRange": [linkage.merges.first?.height ?? 0, linkage.merges.map(\.height).max() ?? 0],
            ]
            if labels != nil { summary["clusterSizes"] = sizes }
            let data = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("\(table.ids.count) rows x \(table.columnNames.count) columns, \(metric.rawValue) distance, \(method.rawValue) linkage\(float32 ? " (float32)" : "")")
            print("merge heights from \(linkage.merges.first?.height ?? 0) to \(linkage.merges.map(\.height).max() ?? 0)")
            if !sizes.isEmpty {
                print("\(sizes.count) cluster\(sizes.count == 1 ? "" : "s"), sizes: \(sizes.map(String.init).joined(separator: ", "))")
            }
        }
    }

    private struct ClusterResult { var linkage: Linkage }

    private func cluster<S: BLASScalar>(_ data: Matrix<S>, clock: inout PhaseClock) throws -> ClusterResult {
        let distances = try PairwiseDistances.condensed(data, metric: metric)
        clock.lap("kernel")
        let linkage = try HierarchicalClustering.linkage(distances, method: method)
        clock.lap("linkage")
        return ClusterResult(linkage: linkage)
    }

    private func clusterSizes(_ labels: [Int]) -> [Int] {
        var counts = [Int: Int]()
        for label in labels { counts[label, default: 0] += 1 }
        return counts.keys.sorted().map { counts[$0]! }
    }
}

extension DistanceMetric: ExpressibleByArgument {}
extension LinkageMethod: ExpressibleByArgument {}
