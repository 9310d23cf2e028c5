import Foundation
import Testing
@testable import tendency_cli
import Tendency

/// `tendency generate-example`: writes the generator's files, refuses to
/// overwrite a non-empty folder without --force, and leaves no temporary
/// folders behind.
struct GenerateExampleCommandTests {
    /// A fresh, empty scratch folder for one test.
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("tendency-generate-example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func run(_ arguments: [String]) throws {
        var command = try TendencyCommand.parseAsRoot(arguments)
        try command.run()
    }

    @Test func writesTheGeneratedFiles() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("nested/example")
        try Self.run(["generate-example", "--members", "40", "--seed", "3", "--not-yet-aligned", "4", "--out", out.path])
        let expected = try ExampleGenerator(.init(members: 40, seed: 3, notYetAligned: 4)).generate()
        for (name, contents) in expected.named {
            #expect(try Data(contentsOf: out.appendingPathComponent(name)) == Data(contents.utf8), "\(name)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ExampleGenerator.Files.fileNames.sorted())
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path) == ["example"])
    }

    @Test func refusesANonEmptyFolderUnlessForced() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("example")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let keep = out.appendingPathComponent("notes.txt")
        try Data("mine".utf8).write(to: keep)

        #expect(throws: (any Error).self) {
            try Self.run(["generate-example", "--members", "20", "--out", out.path])
        }
        #expect(try Data(contentsOf: keep) == Data("mine".utf8))

        try Self.run(["generate-example", "--members", "20", "--out", out.path, "--force"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ExampleGenerator.Files.fileNames.sorted())
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["example"])
    }

    @Test func writesIntoAnEmptyExistingFolder() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.run(["generate-example", "--members", "10", "--out", root.path])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ExampleGenerator.Files.fileNames.sorted())
    }

    @Test func rejectsBadOptions() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let out = root.appendingPathComponent("example").path
        for arguments in [["--members", "0"], ["--members", "10", "--not-yet-aligned", "11"], ["--members", "10", "--not-yet-aligned", "-1"]] {
            #expect(throws: (any Error).self) { try Self.run(["generate-example", "--out", out] + arguments) }
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
