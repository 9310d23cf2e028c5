import Foundation
import Testing

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The built `tendency` executable: next to the test bundle (the directory of
/// the test process or of Bundle.main), else `.build/debug/tendency`.
func tendencyBinary() throws -> URL {
    let fm = FileManager.default
    var candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
        Bundle.main.bundleURL.deletingLastPathComponent(),
        Bundle.main.bundleURL,
    ].map { $0.appendingPathComponent("tendency") }
    candidates.append(packageRoot.appendingPathComponent(".build/debug/tendency"))
    guard let found = candidates.first(where: { fm.isExecutableFile(atPath: $0.path) }) else {
        throw CLIError("the tendency binary was not found; run `swift build --product tendency` first")
    }
    return found
}

struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The outcome of one run of the binary.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `tendency` with arguments (in `directory`, if given) and waits for it.
func runTendency(_ arguments: [String], in directory: URL? = nil, blasThreads: Int = 1) throws -> CLIRun {
    try runProcess(tendencyBinary(), arguments, in: directory, blasThreads: blasThreads)
}

/// Runs `tendency` from a bash command line, for what only a shell can set
/// up (process substitution); the binary is `"$0"` and `arguments` are $1...
func runTendencyInBash(_ commandLine: String, _ arguments: [String]) throws -> CLIRun {
    try runProcess(URL(fileURLWithPath: "/bin/bash"), ["-c", commandLine, try tendencyBinary().path] + arguments)
}

/// Runs `executable` with `arguments` and OpenBLAS pinned to `blasThreads`.
private func runProcess(_ executable: URL, _ arguments: [String], in directory: URL? = nil, blasThreads: Int = 1) throws -> CLIRun {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    var environment = ProcessInfo.processInfo.environment
    environment["OPENBLAS_NUM_THREADS"] = String(blasThreads)
    process.environment = environment
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read before waiting so a full pipe cannot block the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIRun(status: process.terminationStatus,
                  stdout: String(decoding: outData, as: UTF8.self),
                  stderr: String(decoding: errData, as: UTF8.self))
}

/// A fresh temporary folder, removed by the caller.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tendency-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A path under `Fixtures/tests/domain`.
func domainFixture(_ name: String) -> String {
    packageRoot.appendingPathComponent("Fixtures/tests/domain").appendingPathComponent(name).path
}

/// `out/report.json` without the manifest's command line, keys sorted: what
/// two runs that differ only in how they were invoked must share.
func reportWithoutCommandLine(_ out: String) throws -> String {
    var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/report.json"))) as? [String: Any])
    var manifest = try #require(json["manifest"] as? [String: Any])
    manifest["commandLine"] = nil
    json["manifest"] = manifest
    return String(decoding: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), as: UTF8.self)
}
