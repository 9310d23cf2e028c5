import ArgumentParser
import Tendency

@main
struct TendencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tendency",
        abstract: "Strategic-alignment clustering: candidate strategic tendencies from strategy sketches and alignment surveys.",
        version: TendencyCoreVersion.string,
        subcommands: [
            AnalyzeCommand.self,
            PolisCommand.self,
            ClusterCommand.self,
            ReliabilityCommand.self,
            GenerateExampleCommand.self,
        ])

    static func main() {
        FreedMemoryReuse.enable()
        main(nil)
    }
}

/// A refusal that is not about how the command was typed (ArgumentParser
/// prints a `ValidationError` with the usage), said as `Error: ...` alone.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
