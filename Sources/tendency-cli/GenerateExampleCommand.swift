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

    @Option(help: "Number of members.")
    var members: Int = 120

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(name: .customLong("not-yet-aligned"), help: "Members not yet clearly aligned (default: a tenth of members).")
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
        let files = try ExampleGenerator(generatorConfiguration).generate()
        try AtomicFolderWriter.write(files.named.map { ($0.name, Data($0.contents.utf8)) }, to: out, replace: force)
    }
}

/// Writes a folder of files atomically: into a temporary sibling folder, then
/// renamed into place, so a reader never sees a half-written folder.
enum AtomicFolderWriter {
    struct WriteError: Error, CustomStringConvertible {
        let description: String
    }

    static func write(_ files: [(name: String, data: Data)], to path: String, replace: Bool) throws {
        let fileManager = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        let exists = fileManager.fileExists(atPath: target.path, isDirectory: &isDirectory)
        if exists {
            guard isDirectory.boolValue else {
                throw WriteError(description: "\(path): exists and is not a folder")
            }
            let contents = try fileManager.contentsOfDirectory(atPath: target.path)
            if !contents.isEmpty && !replace {
                throw WriteError(description: "\(path): folder is not empty; pass --force to replace it")
            }
        }
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw WriteError(description: "\(parent.path): cannot create the folder: \(error.localizedDescription)")
        }
        let suffix = "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).tmp-\(suffix)")
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
            for file in files {
                try file.data.write(to: staging.appendingPathComponent(file.name))
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw WriteError(description: "\(path): cannot write: \(error.localizedDescription)")
        }
        if !exists {
            guard rename(staging.path, target.path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? fileManager.removeItem(at: staging)
                throw WriteError(description: "\(path): cannot move the new folder into place: \(reason)")
            }
            return
        }
        // Move the old folder aside, the new one in, then drop the old one.
        let old = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(suffix)")
        guard rename(target.path, old.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? fileManager.removeItem(at: staging)
            throw WriteError(description: "\(path): cannot move the old folder aside: \(reason)")
        }
        guard rename(staging.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(old.path, target.path)
            try? fileManager.removeItem(at: staging)
            throw WriteError(description: "\(path): cannot move the new folder into place: \(reason)")
        }
        try? fileManager.removeItem(at: old)
    }
}
