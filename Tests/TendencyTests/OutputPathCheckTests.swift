import Foundation
import Testing
@testable import Tendency

/// The refusals that keep an output from replacing what it should not,
/// checked on paths alone (nothing here is written).
@Suite struct OutputPathCheckTests {
    static func refused(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    @Test func foldersThatMayNotBeReplaced() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("opc-\(UUID().uuidString)")
        let home = scratch.appendingPathComponent("home/user")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let input = home.appendingPathComponent("data/survey.csv").path
        func check(_ folder: String) -> String? {
            Self.refused { try OutputPathCheck.checkFolder(folder, inputs: [input], home: home.path) }
        }
        #expect(check("/")?.contains("the root folder") == true)
        #expect(check(home.path)?.contains("the home folder or holds it") == true)
        #expect(check(scratch.appendingPathComponent("home").path)?.contains("the home folder or holds it") == true)
        #expect(check(home.path + "/data/..")?.contains("the home folder") == true)
        #expect(check(home.appendingPathComponent("data").path)?.contains("holds the input") == true)
        #expect(check(FileManager.default.currentDirectoryPath)?.contains("the current folder") == true)
        #expect(check("")?.contains("empty") == true)
        #expect(check(home.appendingPathComponent("out").path) == nil)
        #expect(check(home.appendingPathComponent("data/out").path) == nil)
    }

    @Test func filesThatMayNotBeWritten() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("opc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let input = scratch.appendingPathComponent("in.csv")
        try Data("x".utf8).write(to: input)
        let link = scratch.appendingPathComponent("link.csv")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: input)
        let hard = scratch.appendingPathComponent("hard.csv")
        try FileManager.default.linkItem(at: input, to: hard)
        func check(_ outputs: [String]) -> String? {
            Self.refused { try OutputPathCheck.checkFiles(outputs, inputs: [input.path]) }
        }
        #expect(check([input.path])?.contains("is an input of this run") == true)
        #expect(check([link.path])?.contains("is an input of this run") == true)
        #expect(check([hard.path])?.contains("is an input of this run") == true)
        #expect(check([scratch.path + "/./sub/../in.csv"])?.contains("is an input of this run") == true)
        #expect(check([scratch.path + "/a.csv", scratch.path + "/./a.csv"])?.contains("each output needs a file of its own") == true)
        #expect(check([""])?.contains("empty") == true)
        #expect(check([scratch.path + "/a.csv", scratch.path + "/b.csv"]) == nil)
    }
}
