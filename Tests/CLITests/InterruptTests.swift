import Foundation
import Testing

/// Ctrl-C or SIGTERM in the middle of a real `analyze` run: the exit status
/// says which signal (130, 143), the previous outputs are byte-for-byte as
/// they were, and no staging folder or temporary file is left beside them.
@Suite(.serialized) struct InterruptTests {
    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func interruptedRunLeavesPreviousOutputs(signal: Int32, status: Int32) throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data").path
        let generated = try runTendency(["generate-example", "--members", "3000", "--out", data])
        try #require(generated.status == 0, "\(generated.stderr)")

        let parent = dir.appendingPathComponent("results")
        let out = parent.appendingPathComponent("out").path
        let previous = try runTendency(["analyze", "--codebook", domainFixture("codebook.yaml"),
                                        "--codings", domainFixture("codings.csv"), "--out", out, "--bootstrap", "5", "--quiet"])
        try #require(previous.status == 0, "\(previous.stderr)")
        let before = try snapshot(out)
        #expect(before.count == 5)

        let process = Process()
        process.executableURL = try tendencyBinary()
        process.arguments = ["analyze", "--codebook", packageRoot.appendingPathComponent("Fixtures/codebook/strategy-toolkit.yaml").path,
                             "--codings", "\(data)/codings.csv", "--survey", "\(data)/survey.csv",
                             "--survey-spec", "\(data)/survey-spec.yaml", "--out", out, "--bootstrap", "500", "--quiet"]
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = "1"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 2)  // well into reading and analysing, long before writing
        #expect(process.isRunning, "the run ended before it could be interrupted")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()

        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == status)
        #expect(try snapshot(out) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["out"])
    }

    /// File name -> contents of a folder.
    private func snapshot(_ folder: String) throws -> [String: Data] {
        var files = [String: Data]()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(name))
        }
        return files
    }
}
