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

    /// Pseudonyms for a run's ids, and what is written once its work has succeeded.
    struct Pseudonyms {
        var names: [String]
        /// The id -> pseudonym key, when --key-out asks for it.
        var key: (path: String, csv: String)?
        /// The default salt file, when it did not exist: created only once the
        /// run's work has succeeded (`keepNewSalt`), so that a run that fails
        /// leaves nothing beside the data.
        var newSaltFile: (path: String, salt: String)?
    }

    /// The pseudonymizer, or nil when not asked for, and the default salt
    /// file to create when there is none yet. `dataPath` is the first
    /// input, beside which the default salt file lives.
    func pseudonymizer(dataPath: String) throws -> (Pseudonymizer, newSaltFile: (path: String, salt: String)?)? {
        guard pseudonymize else { return nil }
        if let salt { return (try Pseudonymizer(salt: salt), nil) }
        if let saltFile { return (try Pseudonymizer(salt: Pseudonymizer.salt(fileAt: saltFile, create: false)), nil) }
        var info = stat()
        if stat(dataPath, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            throw PrivacyError("\(dataPath) is not a regular file (a pipe?), so there is no folder to keep the salt file in: give --salt-file")
        }
        let path = Pseudonymizer.defaultSaltPath(besideInput: dataPath)
        if FileManager.default.fileExists(atPath: path) {
            return (try Pseudonymizer(salt: Pseudonymizer.salt(fileAt: path, create: false)), nil)
        }
        let salt = Pseudonymizer.newSalt()
        return (try Pseudonymizer(salt: salt), (path, salt))
    }

    /// Creates the default salt file that `names` found missing; call it once
    /// the run's work has succeeded, before writing its outputs. The notice
    /// goes to stderr apart from any progress line.
    func keepNewSalt(_ pseudonyms: Pseudonyms, display: ProgressDisplay?) throws {
        guard let file = pseudonyms.newSaltFile else { return }
        do {
            try Pseudonymizer.createSaltFile(file.salt, at: file.path)
        } catch Pseudonymizer.SaltFileCreation.exists {
            throw PrivacyError("\(file.path) was created by another run while this one ran, with another salt; run again to use it")
        }
        ProgressDisplay.notice("created the salt file \(file.path): keep it (the same salt gives the same pseudonyms) and out of anything you share or commit", display)
    }

    /// The salt file the pseudonyms are read from (given, or the default
    /// beside the data), which no output may replace.
    func protectedFiles(dataPath: String) -> [String] {
        guard pseudonymize, salt == nil else { return [] }
        return [saltFile ?? Pseudonymizer.defaultSaltPath(besideInput: dataPath)]
    }

    /// Pseudonyms for `ids` (or the ids themselves), with the key and the
    /// new salt file for the caller to write once the work is done.
    func names(for ids: [String], dataPath: String) throws -> Pseudonyms {
        guard let (pseudonymizer, newSaltFile) = try pseudonymizer(dataPath: dataPath) else { return Pseudonyms(names: ids) }
        let names = try pseudonymizer.pseudonyms(for: ids)
        return Pseudonyms(names: names, key: keyOut.map { ($0, Pseudonymizer.keyCSV(ids: ids, pseudonyms: names)) },
                          newSaltFile: newSaltFile)
    }

    /// The command line for manifests, with any salt redacted.
    var manifestCommandLine: [String] { Pseudonymizer.redactingSalt(CommandLine.arguments) }
}
