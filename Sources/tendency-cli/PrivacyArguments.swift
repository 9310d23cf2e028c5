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
        if let keyOut, let outputFolder {
            let key = URL(fileURLWithPath: keyOut).standardizedFileURL.path
            let folder = URL(fileURLWithPath: outputFolder).standardizedFileURL.path
            if key == folder || key.hasPrefix(folder + "/") {
                throw ValidationError("--key-out must lie outside the --out folder, whose files are meant to be shared")
            }
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

    /// Pseudonyms for `ids` (or the ids themselves), writing the key file
    /// when asked; the key never replaces one of the run's `inputs`.
    func names(for ids: [String], dataPath: String, protecting inputs: [String]) throws -> [String] {
        if let keyOut { try OutputPathCheck.checkFiles([keyOut], inputs: inputs) }
        guard let pseudonymizer = try pseudonymizer(dataPath: dataPath) else { return ids }
        let names = try pseudonymizer.pseudonyms(for: ids)
        if let keyOut {
            var output = AtomicOutput(protecting: inputs)
            output.add(keyOut, text: Pseudonymizer.keyCSV(ids: ids, pseudonyms: names), permissions: 0o600)
            try output.commit()
        }
        return names
    }

    /// The command line for manifests, with any salt redacted.
    var manifestCommandLine: [String] { Pseudonymizer.redactingSalt(CommandLine.arguments) }
}
