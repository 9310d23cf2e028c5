import ArgumentParser
import Foundation
import Tendency

/// Options shared by `analyze` and `polis`: how to analyse and where to write.
///
/// Numeric options here and in the other commands parse `.unconditional`ly,
/// so that `--k -1` reaches the range check ("must be at least 1") instead
/// of "-1" being taken for an option and `--k` reported as missing its value.
struct AnalysisArguments: ParsableArguments {
    @Option(help: "Folder for report.html, report.json, assignments.csv, linkage.csv and dendrogram.nwk.")
    var out: String

    @Option(parsing: .unconditional, help: "Number of tendencies (otherwise chosen from the evidence).")
    var k: Int?

    @Option(parsing: .unconditional, help: "Largest number of tendencies considered.")
    var maxK: Int = 6

    @Option(help: "Distance between members (default: the command's, see its description; jaccard and dice need 0/1 data, so only `cluster` takes them).")
    var metric: DistanceMetric?

    @Option(help: "Linkage method (default: the command's, see its description).")
    var method: LinkageMethod?

    @Option(parsing: .unconditional, help: "Compare members on this many principal components of their answers (Euclidean).")
    var components: Int?

    @Option(help: "Title of the report (default: analyze \"Strategic tendencies\", polis \"Opinion groups in\" and the folder's name).")
    var title: String?

    @Option(parsing: .unconditional, help: "Bootstrap resamples over members (and as many over features).")
    var bootstrap: Int = 100

    @Option(parsing: .unconditional, help: "Seed for every random choice; the same seed gives the same outputs.")
    var seed: UInt64 = 1

    @Flag(help: "Let leanings take part in forming tendencies (off: they are only reported).")
    var includeLeanings = false

    @Option(parsing: .unconditional, help: "Refuse any input file larger than this many bytes.")
    var maxInputBytes: Int = InputFile.defaultMaxBytes

    @Flag(help: "Replace the output folder even if it holds other files.")
    var force = false

    @Flag(help: "Print nothing on stdout.")
    var quiet = false

    @Flag(help: ProgressDisplay.flagHelp)
    var progress = false

    @Flag(help: "Print a JSON summary on stdout instead of text.")
    var json = false

    @OptionGroup var privacy: PrivacyArguments

    func validate() throws {
        if maxInputBytes < 1 { throw ValidationError("--max-input-bytes must be at least 1") }
        if components != nil, let metric, metric != .euclidean {
            throw ValidationError("--components compares members by Euclidean distance on the components; drop --metric \(metric.rawValue), or give --metric euclidean")
        }
        try privacy.validate(outputFolder: out)
    }

    /// The files a run writes into `--out`; a folder holding only these is an
    /// earlier run's, replaced without --force.
    static let outputNames: Set<String> = ["report.html", "report.json", "assignments.csv", "linkage.csv", "dendrogram.nwk"]

    /// A command's defaults for what the user may leave out.
    struct Defaults {
        var metric: DistanceMetric
        var method: LinkageMethod
        var components: Int?
    }

    /// Checks the options as the analysis will (`AnalysisOptions.validate`)
    /// from a command's `validate()`, so that they are usage errors (exit 64,
    /// with the usage line) found before any input is read.
    func validateOptions(_ defaults: Defaults) throws {
        do {
            try options(defaults).validate()
        } catch let error as AnalysisError {
            throw ValidationError(error.description)
        }
    }

    /// The analysis options, with the command's defaults where the user gave none.
    func options(_ defaults: Defaults) -> AnalysisOptions {
        let (defaultMetric, defaultMethod, defaultComponents) = (defaults.metric, defaults.method, defaults.components)
        var options = AnalysisOptions()
        options.k = k
        options.maxK = maxK
        options.metric = metric ?? defaultMetric
        // A non-Euclidean --metric cannot take a Euclidean default method (polis's Ward): average, as analyze's.
        options.method = method ?? (defaultMethod.requiresEuclidean && (metric ?? defaultMetric) != .euclidean ? .average : defaultMethod)
        options.components = components ?? (metric == nil ? defaultComponents : nil)
        options.bootstrap = bootstrap
        options.seed = seed
        return options
    }

    /// The manifest parameters: every option that shapes the result.
    func parameters(_ options: AnalysisOptions) -> [String: String] {
        [
            "k": options.k.map(String.init) ?? "auto",
            "max-k": String(options.maxK),
            "metric": options.metric.rawValue,
            "method": options.method.rawValue,
            "components": options.components.map(String.init) ?? "none",
            "bootstrap": String(options.bootstrap),
            "gap-references": String(options.gapReferences),
            "seed": String(options.seed),
            "include-leanings": String(includeLeanings),
            "confidence-threshold": String(options.confidenceThreshold),
            "between-ratio": String(options.betweenRatio),
            "minimum-tendency-share": String(options.minimumTendencyShare),
        ]
    }

    /// Runs the analysis and writes every output, all or nothing. With
    /// --pseudonymize, member ids are replaced before the analysis sees them,
    /// so no output can hold one.
    /// `inputs` holds the files read and their digests; `dataPath` is the
    /// main data file, beside which the default salt file lives.
    func run(_ input: AnalysisInput, options: AnalysisOptions, inputs: InputLedger, dataPath: String, title defaultTitle: String,
             notes: [String] = []) throws {
        let inputFiles = inputs.inputs.map(\.path)
        // Refused before any work: an output folder that may not be replaced,
        // or a key file that would replace an input.
        let protected = inputFiles + privacy.protectedFiles(dataPath: dataPath)
        try AtomicFolderWriter.check(out, replace: force, replaceable: Self.outputNames, protecting: protected)
        try OutputPathCheck.checkFiles([privacy.keyOut].compactMap { $0 }, inputs: protected)
        var parameters = parameters(options)
        var input = input
        var pseudonyms: PrivacyArguments.Pseudonyms?
        if privacy.pseudonymize {
            // The members left out are named in the notes, so they get pseudonyms too.
            let analysed = input.memberIDs.count
            let renaming = try privacy.names(for: input.memberIDs + input.excludedMembers, dataPath: dataPath)
            pseudonyms = renaming
            // Members are analysed and listed in the pseudonyms' order: in the
            // input's order, a roster sorted by name would give them away.
            let order = (0..<analysed).sorted { renaming.names[$0] < renaming.names[$1] }
            let space = input.space.renamingMembers(Array(renaming.names[..<analysed])).selectingMembers(order)
            var renamed = AnalysisInput(space: space, includeLeanings: input.includeLeanings,
                                        reference: input.reference.map { reference in (reference.name, order.map { reference.labels[$0] }) },
                                        origin: input.origin)
            renamed.excludedMembers = renaming.names[analysed...].sorted()
            input = renamed
            parameters["pseudonymize"] = "true"
        }
        let display = ProgressDisplay.make(quiet: quiet, forced: progress)
        defer { display?.finish() }
        let analysis = try TendencyAnalysis(input, options: options, progress: display?.progress)
        display?.progress.begin("report")
        let manifest = AnalysisReport.Manifest(
            toolVersion: TendencyCoreVersion.string,
            commandLine: privacy.manifestCommandLine,
            inputs: inputs.inputs,
            parameters: parameters, seed: options.seed,
            blasBuild: LinearAlgebraRuntime.buildDescription, blasThreads: LinearAlgebraRuntime.threadCount)
        var report = try AnalysisReport(analysis: analysis, input: input, manifest: manifest, title: title ?? defaultTitle)
        report.notes += notes

        var assignments = "member,tendency,confidence,ambiguous\n"
        for member in report.members {
            assignments += "\(CSVField.escape(member.id)),\(member.tendency),\(String(format: "%.4f", member.confidence)),\(member.ambiguous)\n"
        }
        let files: [(name: String, data: Data)] = [
            ("report.html", Data(HTMLReport.render(report).utf8)),
            ("report.json", try report.jsonData()),
            ("assignments.csv", Data(assignments.utf8)),
            ("linkage.csv", Data(analysis.linkage.csv().utf8)),
            ("dendrogram.nwk", Data((try Dendrogram(analysis.linkage).newick(labels: input.memberIDs) + "\n").utf8)),
        ]
        assert(Set(files.map(\.name)) == Self.outputNames)
        // All or nothing: the key file is written, then the folder, then the
        // new salt file is created, and only then are folder and key moved into place.
        display?.progress.begin("writing")
        var keyOutput = AtomicOutput(protecting: protected)
        if let key = pseudonyms?.key { keyOutput.add(key.path, text: key.csv, permissions: 0o600) }
        try keyOutput.commit {
            try AtomicFolderWriter.write(files, to: out, replace: force, replaceable: Self.outputNames, protecting: protected) {
                if let pseudonyms { try privacy.keepNewSalt(pseudonyms, display: display) }
            }
        }
        display?.finish()
        if quiet { return }
        let ambiguous = report.members.filter(\.ambiguous).count
        if json {
            let summary: [String: Any] = [
                "k": report.k, "members": report.members.count, "notYetClearlyAligned": ambiguous,
                "sizes": report.tendencies.map(\.size), "out": out, "leftOut": input.excludedMembers.count,
            ]
            let data = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        let words = report.words
        let kind = report.origin == .polisConversation ? (words.group, words.groups) : ("strategic tendency", "strategic tendencies")
        print("\(words.people(report.members.count)): \(report.k) candidate \(report.k == 1 ? kind.0 : kind.1).")
        print(report.pick.reason)
        for tendency in report.tendencies {
            let stability = tendency.stability.map { String(format: ", stability %.2f", $0) } ?? ""
            print("  \(words.name(tendency.id)): \(words.people(tendency.size))\(stability)")
            if !tendency.hypothesis.sentence.isEmpty { print("    \(tendency.hypothesis.sentence)") }
        }
        print("\(words.people(ambiguous)) \(ambiguous == 1 ? "is" : "are") not yet clearly aligned.")
        if let note = AnalysisReport.leftOutNote(input.excludedMembers, words: words) { print(note) }
        if let crosstab = report.leaningCrosstab { print(crosstab.summary) }
        if let reference = report.referencePartition {
            print(report.k == 1
                ? "With one \(words.group) there is no grouping to compare with \(reference.name)."
                : String(format: "Agreement with %@: adjusted Rand index %.2f.", reference.name, reference.adjustedRandIndex))
        }
        print("Report: \(out)/report.html")
    }
}
