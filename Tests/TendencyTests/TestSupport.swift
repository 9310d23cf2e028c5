import Foundation
import Tendency

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A path under `Fixtures/tests/domain`.
func domainFixture(_ name: String) -> String {
    packageRoot.appendingPathComponent("Fixtures/tests/domain").appendingPathComponent(name).path
}

/// The input error `body` throws, or nil when it throws nothing (or something else).
func inputError(_ body: () throws -> Void) -> InputError? {
    do { try body(); return nil } catch let error as InputError { return error } catch { return nil }
}

/// The small test codebook.
func testCodebook() throws -> Codebook {
    try CodebookReader.read(contentsOf: domainFixture("codebook.yaml"))
}
