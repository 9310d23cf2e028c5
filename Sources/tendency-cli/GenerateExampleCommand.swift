import ArgumentParser
import Foundation
import Tendency

/// `tendency generate-example`: writes example data with a planted structure
/// (see `ExampleGenerator`) for tests, benchmarks and trying the tool out.
/// The folder appears whole or not at all: files are written to a temporary
/// folder beside it, which is then renamed.
struct GenerateExampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-example",
        abstract: "Write example sketch codings, survey, survey spec and planted truth.",
        discussion: """
            Writes codings.csv, survey.csv, survey-spec.yaml and truth.csv into DIR. \
            The codings use the codebook Fixtures/codebook/strategy-toolkit.yaml. \
            The same options and seed always give the same bytes.
            """)

    @Option(parsing: .unconditional, help: "Number of members.")
    var members: Int = 120

    @Option(parsing: .unconditional, help: "Random seed.")
    var seed: UInt64 = 1

    @Option(name: .customLong("not-yet-aligned"), parsing: .unconditional, help: "Members not yet clearly aligned (default: a tenth of members).")
    var notYetAligned: Int?

    @Option(name: .customLong("out"), help: ArgumentHelp("Folder to write (must not exist or be empty, unless --force).", valueName: "dir"))
    var out: String

    @Flag(help: "Replace the folder even if it is not empty.")
    var force = false

    private var generatorConfiguration: ExampleGenerator.Configuration {
        .init(members: members, seed: seed, notYetAligned: notYetAligned)
    }

    func validate() throws {
        do {
            _ = try ExampleGenerator(generatorConfiguration)
        } catch let error as ExampleGenerator.ConfigurationError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        OutputStaging.shared.installHandlers()
        let files = try ExampleGenerator(generatorConfiguration).generate()
        try AtomicFolderWriter.write(files.named.map { ($0.name, Data($0.contents.utf8)) }, to: out, replace: force)
    }
}
