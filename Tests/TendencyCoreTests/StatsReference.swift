import Foundation

/// Loads the reference outputs that Fixtures/reference/stats/make_stats_references.py
/// wrote (SciPy, scikit-learn, krippendorff), located from this source file.
enum StatsReference {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/reference/stats")

    /// The `cases` array of `name`, decoded.
    static func cases<Case: Decodable>(_ name: String, as _: Case.Type = Case.self) throws -> [Case] {
        try load(name, as: CaseFile<Case>.self).cases
    }

    /// The whole file `name`, decoded.
    static func load<Value: Decodable>(_ name: String, as _: Value.Type = Value.self) throws -> Value {
        try JSONDecoder().decode(Value.self, from: Data(contentsOf: directory.appendingPathComponent(name)))
    }
}

/// A reference file's top level: its list of cases.
struct CaseFile<Case: Decodable>: Decodable { let cases: [Case] }

/// |a - b| <= tolerance * max(1, |b|).
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(b))
}

/// |a - b| <= tolerance * |b| (for tiny p-values), or both zero.
func relativelyClose(_ a: Double, _ b: Double, _ tolerance: Double = 1e-10) -> Bool {
    a == b || abs(a - b) <= tolerance * abs(b)
}
