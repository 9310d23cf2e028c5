import ArgumentParser
import Foundation
import Tendency

/// `tendency reliability`: per-element inter-coder agreement (Krippendorff's
/// alpha) of sketch codings, as a table on stdout and optionally JSON.
struct ReliabilityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reliability",
        abstract: "Inter-coder agreement (Krippendorff's alpha) per codebook element.",
        discussion: """
            Alpha >= 0.800: reliable; 0.667 to 0.800: tentative; below: unreliable \
            (Krippendorff's thresholds). Each coder's value for an element of a sketch \
            is the set of codes they applied.
            """)

    @Option(help: "The codebook YAML file.")
    var codebook: String

    @Option(help: "The sketch codings CSV (member,coder,element,code).")
    var codings: String

    @Option(name: .customLong("json"), help: "Also write the results as JSON to this file.")
    var jsonOut: String?

    @Option(parsing: .unconditional, help: "Refuse an input file larger than this many bytes.")
    var maxInputBytes: Int = InputFile.defaultMaxBytes

    @Flag(help: "Do not print the table.")
    var quiet = false

    func validate() throws {
        if maxInputBytes < 1 { throw ValidationError("--max-input-bytes must be at least 1") }
    }

    func run() throws {
        OutputStaging.shared.installHandlers()
        let book = try CodebookReader.read(contentsOf: codebook, maxBytes: maxInputBytes)
        let results = CodingReliability.perElement(try SketchCodings(contentsOf: codings, codebook: book, maxBytes: maxInputBytes))
        if let jsonOut {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let report = Report(codebook: codebook, codings: codings, elements: results)
            var output = AtomicOutput(protecting: [codebook, codings])
            output.add(jsonOut, try encoder.encode(report) + Data("\n".utf8))
            try output.commit()
        }
        if !quiet { print(Self.table(results), terminator: "") }
    }

    struct Report: Encodable {
        var codebook: String
        var codings: String
        var elements: [ElementReliability]
    }

    static func table(_ results: [ElementReliability]) -> String {
        let header = ["element", "role", "units", "coders", "alpha", "interpretation"]
        let rows = results.map { r in
            [r.element, r.role.rawValue, String(r.units), String(r.coders),
             r.alpha.map { String(format: "%.3f", $0) } ?? "n/a", r.interpretation.rawValue]
        }
        let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
        let numeric: Set<Int> = [2, 3, 4]
        func line(_ cells: [String]) -> String {
            cells.indices.map { c in
                let pad = String(repeating: " ", count: widths[c] - cells[c].count)
                return numeric.contains(c) ? pad + cells[c] : cells[c] + pad
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces) + "\n"
        }
        return ([header] + rows).map(line).joined()
    }
}
