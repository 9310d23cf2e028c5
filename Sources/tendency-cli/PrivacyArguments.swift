import ArgumentParser
import Foundation
import Tendency

/// `--pseudonymize` and its settings, shared by analyze, polis and cluster.
struct PrivacyArguments: ParsableArguments {
    @Flag(help: "Replace member ids in every output with stable salted pseudonyms (HMAC-SHA256).")
    var pseudonymize = false

    @Option(help: "Salt for the pseudonyms (prefer --salt-file: a command line can be seen by other users).")
    var salt: String?

    @Option(help: "File holding the salt (default: .tendency-salt beside the data, created on first use).")
    var saltFile: String?

    @Option(help: "Also write the id -> pseudonym key (CSV) to this file; keep it apart from the shared outputs.")
    var keyOut: String?

    func validate(outputFolder: String?) throws {
        if !pseudonymize, salt != nil || saltFile != nil || keyOut != nil {
            throw ValidationError("--salt, --salt-file and --key-out need --pseudonymize")
        }
        if salt != nil, saltFile != nil { throw ValidationError("give --salt or --salt-file, not both") }
        if let keyOut, let outputFolder, OutputPathCheck.isInside(keyOut, folder: outputFolder) {
            throw ValidationError("--key-out must lie outside the --out folder, whose files are meant to be shared")
        }
    }

    /// The pseudonymizer, or nil when not asked for. `dataPath` is the first
    /// input, beside which the default salt file lives.
    func pseudonymizer(dataPath: String) throws -> Pseudonymizer? {
        guard pseudonymize else { return nil }
        if let salt { return try Pseudonymizer(salt: salt) }
        if let saltFile { return try Pseudonymizer(salt: Pseudonymizer.salt(fileAt: saltFile, create: false)) }
        let path = Pseudonymizer.defaultSaltPath(besideInput: dataPath)
        let existed = FileManager.default.fileExists(atPath: path)
        let pseudonymizer = try Pseudonymizer(salt: Pseudonymizer.salt(fileAt: path, create: true))
        if !existed {
            FileHandle.standardError.write(Data("created the salt file \(path): keep it (the same salt gives the same pseudonyms) and out of anything you share or commit\n".utf8))
        }
        return pseudonymizer
    }

    /// The salt file the pseudonyms are read from (given, or the default
    /// beside the data), which no output may replace.
    func protectedFiles(dataPath: String) -> [String] {
        guard pseudonymize, salt == nil else { return [] }
        return [saltFile ?? Pseudonymizer.defaultSaltPath(besideInput: dataPath)]
    }

    /// Pseudonyms for `ids` (or the ids themselves), and the id -> pseudonym
    /// key when --key-out asks for it, for the caller to write with its
    /// other outputs once the work is done.
    func names(for ids: [String], dataPath: String) throws -> (names: [String], key: (path: String, csv: String)?) {
        guard let pseudonymizer = try pseudonymizer(dataPath: dataPath) else { return (ids, nil) }
        let names = try pseudonymizer.pseudonyms(for: ids)
        return (names, keyOut.map { ($0, Pseudonymizer.keyCSV(ids: ids, pseudonyms: names)) })
    }

    /// The command line for manifests, with any salt redacted.
    var manifestCommandLine: [String] { Pseudonymizer.redactingSalt(CommandLine.arguments) }
}
