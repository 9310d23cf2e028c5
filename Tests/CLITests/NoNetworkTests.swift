import Foundation
import Testing

/// Tendency never touches the network: no source file names a networking
/// API, and the built binary links no networking library. Alignment data is
/// sensitive; the guarantee is checked, not just promised.
@Suite struct NoNetworkTests {
    static let forbidden = [
        "URLSession", "URLRequest", "NSURLConnection", "FoundationNetworking", "CFNetwork", "import Network",
        "NWConnection", "AsyncHTTPClient", "import NIO", "libcurl", "getaddrinfo", "gethostbyname",
        "socket(", "connect(", "sendto(", "Data(contentsOf: URL(string", "String(contentsOf: URL(string",
    ]

    @Test func noSourceFileUsesANetworkingAPI() throws {
        let sources = packageRoot.appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") || $0.hasSuffix(".h") || $0.hasSuffix(".c") || $0.hasSuffix(".modulemap") }
        #expect(files.count > 50)
        var hits: [String] = []
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            hits += Self.forbidden.filter { text.contains($0) }.map { "\(file): \($0)" }
        }
        #expect(hits.isEmpty, "networking API in Sources: \(hits)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ldd")))
    func binaryLinksNoNetworkingLibrary() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        process.arguments = [try tendencyBinary().path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0 && output.contains("libFoundation"))
        for library in ["FoundationNetworking", "libcurl", "libssl", "libnghttp"] {
            #expect(!output.contains(library), "the binary links \(library)")
        }
    }
}
