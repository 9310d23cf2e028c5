import ArgumentParser
import Tendency

@main
struct TendencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tendency", abstract: "Strategic-alignment clustering.",
        subcommands: [
            ReliabilityCommand.self,
        ])
}
