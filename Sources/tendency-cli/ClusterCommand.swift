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

    @Option(help: "Distance between rows.")
    var metric: DistanceMetric = .euclidean

    @Option(help: "Linkage method.")
    var method: LinkageMethod = .average

    @Option(parsing: .unconditional, help: "Cut the tree into at most K clusters (SciPy fcluster 'maxclust').")
    var k: Int?

    @Option(parsing: .unconditional, help: "Cut the tree at height H (SciPy fcluster 'distance').", transform: decimalOption)
    var height: Double?

    @Option(parsing: .unconditional, help: "Cut by the inconsistency coefficient at threshold T (SciPy fcluster 'inconsistent', depth 2).",
            transform: decimalOption)
    var inconsistent: Double?

    @Option(help: "Fill missing values: 'mean' replaces each by its column's mean.")
    var impute: Imputation?

    @Option(help: "Write the SciPy linkage matrix (a,b,height,size) here.")
    var linkageOut: String?

    @Option(help: "Write id,cluster here (needs --k, --height or --inconsistent).")
    var assignmentsOut: String?

    @Option(help: "Write the tree in Newick format here.")
    var newickOut: String?

    @Option(parsing: .unconditional, help: "Refuse an input file larger than this many bytes.")
    var maxInputBytes: Int = InputFile.defaultMaxBytes

    @Flag(help: "Compute distances in single precision (half the memory; near-ties can merge in another order than in double precision).")
    var float32 = false

    @Option(parsing: .unconditional, help: "Two-stage mode (approximate): compress the rows into M micro-clusters by mini-batch k-means, then cluster those exactly. For data whose distance matrix does not fit in memory.")
    var microClusters: Int?

    @Option(parsing: .unconditional, help: "Memory to plan for, e.g. 8G or 512M (default: what the system has available). The faster n x n working matrix is used only if it fits too.")
    var memoryLimit: ByteCount?

    @Option(parsing: .unconditional, help: "Seed for the two-stage mode's mini-batch k-means.")
    var seed: UInt64 = 1

    @Flag(help: "Print per-phase wall times as JSON on stderr.")
    var timings = false

    @Flag(help: "Print a JSON summary on stdout instead of text.")
    var json = false

    @Flag(help: "Print nothing on stdout.")
    var quiet = false

    @Flag(help: ProgressDisplay.flagHelp)
    var progress = false

    @OptionGroup var privacy: PrivacyArguments

    enum Imputation: String, ExpressibleByArgument, CaseIterable { case mean }

    func validate() throws {
        let cuts = [k != nil, height != nil, inconsistent != nil].filter { $0 }.count
        if cuts > 1 { throw ValidationError("give at most one of --k, --height and --inconsistent") }
        try privacy.validate(outputFolder: nil)
        if maxInputBytes < 1 { throw ValidationError("--max-input-bytes must be at least 1") }
        if let memoryLimit, memoryLimit.bytes < 1 { throw ValidationError("--memory-limit must be more than 0") }
        if let k, k < 1 { throw ValidationError("--k must be at least 1") }
        if let height, !height.isFinite || height < 0 { throw ValidationError("--height must be a finite number >= 0") }
        // Negative thresholds are meaningful: centroid and median trees have negative coefficients (as SciPy allows).
        if let inconsistent, !inconsistent.isFinite { throw ValidationError("--inconsistent must be a finite number") }
        if assignmentsOut != nil, cuts == 0 {
            throw ValidationError("--assignments-out needs a cut: --k, --height or --inconsistent")
        }
        if let microClusters, microClusters < 2 { throw ValidationError("--micro-clusters must be at least 2") }
        if microClusters != nil, [.jaccard, .dice, .hamming].contains(metric) {
            throw ValidationError("--micro-clusters links the k-means centres of the rows, which are not 0/1 data, so --metric \(metric.rawValue) cannot compare them")
        }
        if method.requiresEuclidean, metric != .euclidean {
            throw ValidationError("--method \(method.rawValue) is defined by Euclidean geometry (it merges by centroids or variance), so it takes --metric euclidean only, not \(metric.rawValue)")
        }
    }

    /// The input and salt file, which no output may replace.
    private var protectedInputs: [String] { [file] + privacy.protectedFiles(dataPath: file) }

    func run() throws {
        OutputStaging.shared.installHandlers()
        // Refused before any work: outputs that share a file or replace an input.
        try OutputPathCheck.checkFiles([linkageOut, newickOut, assignmentsOut, privacy.keyOut].compactMap { $0 },
                                       inputs: protectedInputs)
        let display = ProgressDisplay.make(quiet: quiet, forced: progress)
        defer { display?.finish() }
        display?.progress.begin("reading")
        var clock = PhaseClock()
        let table = try NumericTable(contentsOf: file, displayName: file, maxBytes: maxInputBytes)
        var data = table.values
        if let cell = table.firstMissingCell {
            switch (impute, metric) {
            case (.mean?, _):
                // A column with no value at all has no mean to fill it with.
                if let empty = (0..<data.columns).first(where: { j in (0..<data.rows).allSatisfy { data[$0, j].isNaN } }) {
                    let position = table.columnNamePositions[empty]
                    throw InputError(file: file, line: position.line, column: position.column,
                                     "column \"\(table.columnNames[empty])\" has no value in any row, so --impute mean has nothing to fill it with; remove the column")
                }
                data = data.imputingColumnMeans()
            case (nil, .gower): break
            case (nil, _):
                throw InputError(file: file, line: cell.line, column: cell.column,
                                 "empty cell (missing value; \(table.missingCount) in the file); expected a number, or use --metric gower or --impute mean")
            }
        }
        // With --pseudonymize the rows are clustered in the pseudonyms' order, so
        // that no output lists them in the input's (a roster sorted by name
        // would give the pseudonyms away). `rowIDs` are the real ids, for messages.
        let pseudonyms = try privacy.names(for: table.ids, dataPath: file)
        var rowIDs = table.ids
        var ids = pseudonyms.names
        var order: [Int]?
        if privacy.pseudonymize {
            let sorted = ids.indices.sorted { ids[$0] < ids[$1] }
            data = data.selectingRows(sorted)
            rowIDs = sorted.map { rowIDs[$0] }
            ids = sorted.map { ids[$0] }
            order = sorted
        }
        // The file line of a row as clustered, looked up only for a message.
        func line(_ row: Int) -> Int { table.line(ofRow: order?[row] ?? row) }
        clock.lap("parse")

        var result: ClusterResult
        do {
            if float32 {
                // Prepared in double precision so that rounding loses nothing the metric
                // depends on (centred, scaled or ranked; see singlePrecisionInput).
                let (single, scale) = PairwiseDistances.singlePrecisionInput(data, metric: metric)
                result = try cluster(single, clock: &clock, display: display)
                // Zero stays zero (an overflowing scale times 0 would be NaN).
                for index in result.linkage.merges.indices where scale != 1 && result.linkage.merges[index].height != 0 {
                    result.linkage.merges[index].height *= scale
                    guard result.linkage.merges[index].height.isFinite else {
                        throw InputError(file: file, "the merge heights are too large for double precision arithmetic (about 1.8e308); rescale the data")
                    }
                }
            } else {
                result = try cluster(data, clock: &clock, display: display)
            }
        } catch LinkageError.nonFiniteDistance(let i, let j) where rowIDs.count > max(i, j) && microClusters == nil {
            // Every input value is finite, so a non-finite distance means the arithmetic overflowed.
            throw InputError(file: file, line: line(i),
                             "the distance between rows \"\(rowIDs[i])\" and \"\(rowIDs[j])\" (line \(line(j))) is not a finite number: the values are too large for \(float32 ? "single" : "double") precision arithmetic; rescale the data")
        } catch let error as LinkageError where microClusters == nil {
            throw InputError(file: file, "\(error)")
        } catch var error as KernelError where microClusters == nil {
            // The value as the file has it, not as --float32 rounded it.
            if case .notBinary(let r, let c, _, let metric) = error { error = .notBinary(row: r, column: c, value: data[r, c], metric: metric) }
            // Rows and columns by the file's ids and names, not by 0-based index.
            // A row named in the message is located by its line; a second row by its line in the message.
            let place = error.place
            throw InputError(file: file, line: place.map { line($0.row) },
                             error.description(row: { place?.row == $0 ? "row \"\(rowIDs[$0])\"" : "row \"\(rowIDs[$0])\" (line \(line($0)))" },
                                               column: { "column \"\(table.columnNames[$0])\"" }))
        }
        let linkage = result.linkage
        let dendrogram = Dendrogram(linkage)
        let leafLabels: [Int]? =
            if let k { dendrogram.flatClusters(count: k) }
            else if let height { dendrogram.flatClusters(height: height) }
            else if let inconsistent { dendrogram.flatClusters(inconsistency: inconsistent) }
            else { nil }
        // In two-stage mode the tree's leaves are micro-clusters: each row takes its micro-cluster's label.
        let labels = leafLabels.map { leaf in result.microCluster.map { $0.map { leaf[$0] } } ?? leaf }
        clock.lap("cut")

        display?.progress.begin("writing")
        let leafNames = result.microSizes.map { sizes in sizes.indices.map { "micro\($0 + 1)_n\(sizes[$0])" } } ?? ids
        var output = AtomicOutput(protecting: protectedInputs)
        if let key = pseudonyms.key { output.add(key.path, text: key.csv, permissions: 0o600) }
        if let linkageOut { output.add(linkageOut, text: linkage.csv()) }
        if let newickOut { output.add(newickOut, text: try dendrogram.newick(labels: leafNames) + "\n") }
        if let assignmentsOut, let labels {
            var text = "id,cluster\n"
            for (id, label) in zip(ids, labels) { text += "\(CSVField.escape(id)),\(label)\n" }
            output.add(assignmentsOut, text: text)
        }
        try output.commit { try privacy.keepNewSalt(pseudonyms, display: display) }  // the new salt file only with the outputs
        clock.lap("write")
        display?.finish()

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
            summary["mode"] = result.mode
            let data = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("\(table.ids.count) rows x \(table.columnNames.count) columns, \(metric.rawValue) distance, \(method.rawValue) linkage\(float32 ? " (float32)" : ""), \(result.mode)")
            print("merge heights from \(linkage.merges.first?.height ?? 0) to \(linkage.merges.map(\.height).max() ?? 0)")
            if !sizes.isEmpty {
                print("\(sizes.count) cluster\(sizes.count == 1 ? "" : "s"), sizes: \(sizes.map(String.init).joined(separator: ", "))")
            }
        }
    }

    private struct ClusterResult {
        var linkage: Linkage
        /// "exact, distance matrix", "exact, memory-linear on feature vectors" or "two-stage ...".
        var mode: String
        /// Two-stage mode: each row's micro-cluster, and the micro-clusters' sizes.
        var microCluster: [Int]? = nil
        var microSizes: [Int]? = nil
    }

    /// Chooses the path by the memory it needs (estimated before allocating):
    /// the condensed distance matrix when it fits; for single, Ward, centroid
    /// and median on Euclidean distances, the memory-linear path on the
    /// feature vectors otherwise; the two-stage mode when asked; else a refusal
    /// that says what would fit. Ward takes the memory-linear path also when
    /// only the condensed distances fit, not the linkage's square working
    /// matrix: n = 20,000 x 64 linked in 5.7 s and 88 MB there, against 8.9 s
    /// and 1.7 GB in the condensed layout.
    ///
    /// Single and Ward linkage on Euclidean distances take the feature
    /// vectors, whose memory is linear in n, even when the distance matrix
    /// fits, where `HierarchicalClustering.linksFasterOnPoints` expects them
    /// to be faster there (its measurements): up to 1.5x slower on data
    /// without structure, several times faster on data with clusters, 50x
    /// less memory.
    private func cluster<S: BLASScalar>(_ data: Matrix<S>, clock: inout PhaseClock, display: ProgressDisplay?) throws -> ClusterResult {
        let n = data.rows, d = data.columns
        let scalar = MemoryLayout<S>.stride
        let available = min(MemoryBudget.available().map { $0 * 4 / 5 } ?? .max, memoryLimit?.bytes ?? .max)
        let needed = MemoryBudget.distancePath(rows: n, columns: d, scalarBytes: scalar)
        if let microClusters {
            return try twoStage(data.converted(to: Double.self), microClusters: microClusters, clock: &clock, display: display)
        }
        let workingLimit = memoryLimit.map { $0.bytes - MemoryBudget.besidesDistances(rows: n, columns: d) }
        let squareFits = MemoryBudget.squareWorkingMatrixFits(rows: n, scalarBytes: scalar, limit: workingLimit)
        let squareMissing = "the linkage's \(n) x \(n) working matrix does not fit in the memory available"
        let pointsNeeded = MemoryBudget.pointsPath(rows: n, columns: d, scalarBytes: scalar)
        let pointsFit = pointsNeeded <= available
        // The feature vectors themselves (no kernel phase): the exact linkage, memory linear in n.
        func onPoints(mode: String) throws -> ClusterResult {
            clock.lap("kernel")
            let linkage = try HierarchicalClustering.linkage(points: data, method: method, progress: display?.progress)
            clock.lap("linkage")
            return ClusterResult(linkage: linkage, mode: mode)
        }
        func note(_ reason: String) {
            if !quiet { ProgressDisplay.notice("\(reason): clustering the feature vectors directly (exact, memory linear in the number of rows)", display) }
        }
        if metric == .euclidean, pointsFit, HierarchicalClustering.linksFasterOnPoints(data, method: method) {
            return try onPoints(mode: "exact, on feature vectors")
        }
        if needed <= available && (squareFits || method != .ward || metric != .euclidean) {
            if !squareFits && !quiet && [.complete, .average, .weighted].contains(method) {
                let advice = S.self == Double.self ? "; --float32 halves that matrix" : ""
                ProgressDisplay.notice("\(squareMissing): linking in the condensed distances (the same merges, heights equal to the last digits; several times slower)\(advice)", display)
            }
            // Distances straight into the linkage's working layout (square when it fits,
            // within --memory-limit too).
            let linkage = try HierarchicalClustering.linkage(
                rows: data, metric: metric, method: method, workingMemoryLimit: workingLimit,
                progress: display?.progress, distancesComputed: { clock.lap("kernel") })
            clock.lap("linkage")
            return ClusterResult(linkage: linkage, mode: "exact, distance matrix")
        }
        let linear: Set<LinkageMethod> = [.single, .ward, .centroid, .median]
        if metric == .euclidean, linear.contains(method) {
            if pointsFit {
                note(needed <= available
                     ? squareMissing
                     : "the distance matrix needs about \(MemoryBudget.describe(needed)), more than the \(MemoryBudget.describe(available)) available")
                return try onPoints(mode: "exact, memory-linear on feature vectors")
            }
            throw CommandFailure("clustering \(n) rows needs about \(MemoryBudget.describe(pointsNeeded)) on their feature vectors (\(MemoryBudget.describe(needed)) through their distance matrix), but about \(MemoryBudget.describe(available)) is available; use --micro-clusters M for the two-stage approximation")
        }
        var advice = "use --micro-clusters M for the two-stage approximation"
        if S.self == Double.self { advice = "use --float32 (half the memory) or " + advice }
        throw CommandFailure("clustering \(n) rows through their distance matrix needs about \(MemoryBudget.describe(needed)), but about \(MemoryBudget.describe(available)) is available; \(advice)")
    }

    /// The two-stage mode: micro-clusters by mini-batch k-means, then exact
    /// linkage of their centres. Approximate, and labelled so everywhere.
    private func twoStage(
        _ data: Matrix<Double>, microClusters: Int, clock: inout PhaseClock, display: ProgressDisplay?
    ) throws -> ClusterResult {
        guard microClusters < data.rows else {
            throw CommandFailure("--micro-clusters \(microClusters) is not fewer than the \(data.rows) rows: the two-stage mode would compress nothing; cluster them exactly, without --micro-clusters")
        }
        let complete = data.hasMissingValues ? data.imputingColumnMeans() : data
        // k-means compares squared distances: they must not overflow.
        let largest = complete.storage.reduce(0.0) { max($0, abs($1)) }
        guard (4 * largest * largest * Double(max(1, complete.columns))).isFinite else {
            throw InputError(file: file, "values up to \(largest) are too large for the k-means arithmetic of the two-stage mode (their squared distances overflow); rescale the data")
        }
        let micro = try MiniBatchKMeans(complete, k: microClusters, seed: seed, progress: display?.progress)
        guard micro.sizes.count >= 2 else {
            throw CommandFailure("two-stage mode: the k-means put all \(data.rows) rows into one micro-cluster (the rows are alike), which leaves nothing to link; cluster them without --micro-clusters")
        }
        if !quiet {
            ProgressDisplay.notice("two-stage mode (approximate): \(data.rows) rows compressed into \(micro.sizes.count) micro-clusters by mini-batch k-means; the tree's leaves are micro-clusters, not rows", display)
        }
        display?.progress.begin("distances")
        let distances = try PairwiseDistances.condensed(micro.centres, metric: metric)
        clock.lap("kernel")
        let linkage = try HierarchicalClustering.linkage(distances, method: method, progress: display?.progress)
        clock.lap("linkage")
        return ClusterResult(linkage: linkage, mode: "two-stage (approximate): \(micro.sizes.count) micro-clusters",
                             microCluster: micro.assignments, microSizes: micro.sizes)
    }

    private func clusterSizes(_ labels: [Int]) -> [Int] {
        var counts = [Int: Int]()
        for label in labels { counts[label, default: 0] += 1 }
        return counts.keys.sorted().map { counts[$0]! }
    }
}

/// A number option in decimal notation ("0.5", "2e-3"), as the inputs'
/// numbers are: not hexadecimal ("0x1p1"), "nan" or "inf", which Swift's
/// `Double(_:)` would take.
func decimalOption(_ text: String) throws -> Double {
    guard let value = DecimalParser.decimal(text), value.isFinite else {
        throw ValidationError("expected a finite number in decimal notation, found \"\(text)\"")
    }
    return value
}

/// A byte count written as a number with an optional K, M or G suffix (powers of 1024).
struct ByteCount: ExpressibleByArgument {
    var bytes: Int

    init?(argument: String) {
        let text = argument.uppercased().trimmingCharacters(in: .whitespaces)
        let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "T": 1 << 40]
        var digits = Substring(text.hasSuffix("B") ? String(text.dropLast()) : text)
        var scale = 1
        if let last = digits.last, let unit = units[last] { scale = unit; digits = digits.dropLast() }
        guard let value = DecimalParser.decimal(String(digits)), value >= 0, value * Double(scale) < Double(Int.max) else { return nil }
        bytes = Int(value * Double(scale))
    }
}

extension DistanceMetric: ExpressibleByArgument {}
extension LinkageMethod: ExpressibleByArgument {}
