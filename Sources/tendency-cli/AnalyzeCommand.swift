import ArgumentParser
import Foundation
import Tendency

/// `tendency analyze`: the main job, from sketch codings and/or a survey.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Find candidate strategic tendencies in coded strategy sketches and/or an alignment survey.",
        discussion: """
        Give a codebook with sketch codings, a survey with its spec, or both. Defaults: Gower \
        distance (missing answers drop out instead of counting as disagreement; every element \
        counts by its weight, not by its number of codes) and average linkage.
        """)

    @Option(help: "Codebook (YAML).")
    var codebook: String?

    @Option(help: "Sketch codings (CSV: member,coder,element,code).")
    var codings: String?

    @Option(help: "Survey responses (CSV: member,<item ids>).")
    var survey: String?

    @Option(help: "Survey spec (YAML).")
    var surveySpec: String?

    @OptionGroup var analysis: AnalysisArguments

    func validate() throws {
        if codings != nil && codebook == nil { throw ValidationError("--codings needs --codebook") }
        if survey != nil && surveySpec == nil { throw ValidationError("--survey needs --survey-spec") }
        if surveySpec != nil && survey == nil { throw ValidationError("--survey-spec needs --survey") }
        if codings == nil && survey == nil { throw ValidationError("give --codings (with --codebook), --survey (with --survey-spec), or both") }
        try analysis.validateOptions(Self.defaults)
    }

    /// Gower and average linkage (see the discussion above).
    static let defaults = AnalysisArguments.Defaults(metric: .gower, method: .average, components: nil)

    /// Fewer sketches coded twice than this, and the notes say the agreement
    /// figures are only a first indication.
    static let fewReliabilityUnits = 10

    /// Inter-coder agreement in plain words, when sketches had several coders.
    static func reliabilityNotes(_ codings: SketchCodings) -> [String] {
        let elements = CodingReliability.perElement(codings).filter { $0.alpha != nil }
        guard !elements.isEmpty else { return [] }
        let weak = elements.filter { ($0.alpha ?? 1) < 0.667 }
        let list = weak.map { String(format: "%@ (%.2f)", $0.element, $0.alpha!) }.joined(separator: ", ")
        // How many sketches the figures rest on: a handful says little either way.
        let units = elements.map(\.units).max() ?? 0
        let basis = "the \(units) sketch\(units == 1 ? "" : "es") coded more than once"
            + (units < Self.fewReliabilityUnits ? " (so few that the figures are only a first indication)" : "")
        return [weak.isEmpty
            ? "Coders agreed well on every element of \(basis) (Krippendorff's alpha at least 0.667)."
            : "On \(basis), coders agreed less than Krippendorff's tentative threshold (alpha 0.667) on \(list): read those elements' differences with care (the command tendency reliability gives the details)."]
    }

    func run() throws {
        OutputStaging.shared.installHandlers()
        // Each input is read once: the manifest's digests are of the bytes analysed.
        var ledger = InputLedger(maxBytes: analysis.maxInputBytes)
        var sketches: SketchCodings?
        if let codings, let codebook {
            let book = try CodebookReader.read(data: ledger.read(codebook), file: codebook)
            sketches = try SketchCodings(table: CSVTable(data: ledger.read(codings), file: codings), codebook: book)
        }
        var responses: SurveyResponses?
        if let survey, let surveySpec {
            let spec = try SurveySpec(data: ledger.read(surveySpec), file: surveySpec)
            // Blocks, features and report sections are named by these ids: one name, one question.
            if let book = sketches?.codebook, let clash = spec.items.first(where: { item in book.elements.contains { $0.id == item.id } }) {
                let position = spec.idPositions[clash.id]
                throw InputError(file: surveySpec, line: position?.line, column: position?.column,
                                 "item id \"\(clash.id)\" is also the id of a codebook element in \(codebook ?? "the codebook"); rename the item")
            }
            responses = try SurveyResponses(table: CSVTable(data: ledger.read(survey), file: survey), spec: spec)
        }
        if let sketches, let responses, let survey, let codings, Set(sketches.members).isDisjoint(with: responses.members) {
            throw InputError(file: survey, "no member of this survey appears in \(codings) (ids such as \"\(responses.members[0])\" and \"\(sketches.members[0])\"); the two files must name members by the same ids")
        }
        let space = FeatureSpace(codings: sketches, survey: responses)
        let input = AnalysisInput(space: space, includeLeanings: analysis.includeLeanings)
        let count = input.memberIDs.count
        if count < TendencyAnalysis.minimumMembers {
            let files = [codings, survey].compactMap { $0 }
            throw InputError(file: files[0],
                             "\(count) member\(count == 1 ? "" : "s") with an answer to analyse\(files.count > 1 ? ", here and in \(files[1]) together" : ""); the analysis needs at least \(TendencyAnalysis.minimumMembers)")
        }
        let options = analysis.options(Self.defaults)
        try analysis.run(input, options: options, inputs: ledger, dataPath: codings ?? survey ?? ledger.inputs[0].path, title: "Strategic tendencies",
                         notes: sketches.map(Self.reliabilityNotes) ?? [])
    }
}
