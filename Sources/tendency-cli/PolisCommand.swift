import ArgumentParser
import Foundation
import Tendency

/// `tendency polis`: the analysis on a Polis export folder.
struct PolisCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "polis",
        abstract: "Find opinion groups in a Polis export (participants-votes.csv, comments.csv).",
        discussion: """
        Votes are read as agree (1), disagree (-1) and pass (0); unseen statements are missing; \
        moderated-out statements are dropped. Polis's own groups are kept for comparison, never \
        used as features. Defaults follow Polis's own geometry for sparse vote matrices: members \
        are compared on the first two principal components of their votes (missing votes filled \
        with the statement's mean), with Ward linkage.
        """)

    @Argument(help: "Polis export folder.")
    var folder: String

    @Flag(help: "Keep every participant, not only those Polis placed in a group.")
    var allParticipants = false

    @OptionGroup var analysis: AnalysisArguments

    /// Polis's own geometry: Ward on two principal components (see the discussion above).
    static let defaults = AnalysisArguments.Defaults(metric: .euclidean, method: .ward, components: 2)

    func validate() throws {
        try analysis.validateOptions(Self.defaults)
    }

    func run() throws {
        OutputStaging.shared.installHandlers()
        var ledger = InputLedger(maxBytes: analysis.maxInputBytes)
        let export = try PolisExport(folder: folder, participants: allParticipants ? .all : .grouped) { try ledger.read($0) }
        let count = export.survey.members.count
        if count < TendencyAnalysis.minimumMembers {
            throw InputError(file: "\(folder)/participants-votes.csv",
                             "\(count) participant\(count == 1 ? "" : "s") to analyse; the analysis needs at least \(TendencyAnalysis.minimumMembers)"
                             + (allParticipants ? "" : " (only those Polis placed in a group are kept: pass --all-participants for everyone)"))
        }
        let space = FeatureSpace(survey: export.survey)
        let input = AnalysisInput(space: space, reference: ("Polis's groups", export.groups), origin: .polisConversation)
        let options = analysis.options(Self.defaults)
        let title = "Opinion groups in \(URL(fileURLWithPath: folder).lastPathComponent)"
        try analysis.run(input, options: options, inputs: ledger,
                         dataPath: "\(folder)/participants-votes.csv", title: title, notes: Self.notes(export))
    }

    /// What the export held that the analysis leaves out, for the report's notes.
    static func notes(_ export: PolisExport) -> [String] {
        var notes: [String] = []
        let left = export.ungroupedParticipants
        if left > 0 {
            notes.append("\(left) participant\(left == 1 ? "" : "s") whom Polis placed in no group (usually for casting too few votes) \(left == 1 ? "is" : "are") left out; pass --all-participants to include them.")
        }
        let placed = export.groups.count { $0 != nil }
        if placed < export.groups.count {
            notes.append("The comparison with Polis's groups counts only the \(placed) participants Polis placed in a group.")
        }
        let dropped = export.droppedStatements.count
        if dropped > 0 {
            notes.append("\(dropped) statement\(dropped == 1 ? " was" : "s were") moderated out in Polis and \(dropped == 1 ? "is" : "are") left out.")
        }
        return notes
    }
}
