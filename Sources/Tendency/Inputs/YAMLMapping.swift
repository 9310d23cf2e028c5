import Foundation
import Yams

/// A YAML mapping read field by field. It rejects keys it does not know (a
/// typo such as `synonym:` must not be silently ignored) and locates every
/// error at the offending node.
struct YAMLMapping {
    let file: String
    let node: Node
    /// What the mapping describes, for messages ("element \"bloc\"").
    let what: String
    private let entries: [(key: String, keyNode: Node, value: Node)]

    init(_ node: Node, file: String, what: String, allowedKeys: [String]) throws {
        guard let mapping = node.mapping else {
            throw YAMLDocument.error(at: node, file: file, "expected \(what) to be a mapping of keys to values")
        }
        var entries: [(String, Node, Node)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                throw YAMLDocument.error(at: keyNode, file: file, "expected a plain key in \(what)")
            }
            guard allowedKeys.contains(key) else {
                throw YAMLDocument.error(at: keyNode, file: file,
                    "unknown key \"\(key)\" in \(what)\(NearestNames.hint(for: key, among: allowedKeys.map { ($0, $0) })); expected one of: \(allowedKeys.joined(separator: ", "))")
            }
            entries.append((key, keyNode, value))
        }
        self.file = file
        self.node = node
        self.what = what
        self.entries = entries
    }

    func value(_ key: String) -> Node? {
        guard let entry = entries.first(where: { $0.key == key }) else { return nil }
        if case .scalar(let scalar) = entry.value, scalar.tag == Tag(.null) { return nil }
        return entry.value
    }

    func required(_ key: String) throws -> Node {
        guard let node = value(key) else {
            throw YAMLDocument.error(at: node, file: file, "\(what) lacks the required key \"\(key)\"")
        }
        return node
    }

    func string(_ key: String) throws -> String? {
        guard let node = value(key) else { return nil }
        return try YAMLMapping.string(node, file: file, what: "\"\(key)\" of \(what)")
    }

    func requiredString(_ key: String) throws -> String {
        try YAMLMapping.string(required(key), file: file, what: "\"\(key)\" of \(what)")
    }

    /// A required id: text that is printable and safe in every output, as
    /// members' ids must be (`IdentifierText.validate`: no line breaks,
    /// tabs or invisible characters).
    func id(_ key: String, noun: String) throws -> String {
        let text = try requiredString(key)
        try YAMLMapping.validateID(text, node: value(key), noun: noun, file: file)
        return text
    }

    static func validateID(_ text: String, node: Node?, noun: String, file: String) throws {
        try IdentifierText.validate(text, noun: noun, file: file, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1)
    }

    /// A number in decimal notation (YAML's hexadecimal, octal and `1_000`
    /// forms are refused, as in the CSV inputs).
    func double(_ key: String) throws -> Double? {
        guard let node = value(key) else { return nil }
        guard let text = node.scalar?.string, let value = DecimalParser.decimal(text), value.isFinite else {
            throw YAMLDocument.error(at: node, file: file, "expected a finite number for \"\(key)\" of \(what)")
        }
        return value
    }

    /// The largest weight accepted. Weights are relative, and sums of
    /// squared differences times weights must stay far from overflow.
    static let largestWeight = 1e6

    /// The "weight" value: 1 when absent, else 0 or a number from
    /// 1 / `largestWeight` to `largestWeight` (smaller weights lose digits
    /// when the weights are normalised: 1e-320 is subnormal).
    func weight() throws -> Double {
        guard let weight = try double("weight") else { return 1 }
        guard weight >= 0, weight <= YAMLMapping.largestWeight, weight == 0 || weight >= 1 / YAMLMapping.largestWeight else {
            throw YAMLDocument.error(at: value("weight"), file: file, weight < 0
                ? "the weight of \(what) is negative; expected a number >= 0"
                : weight > 1
                ? "the weight of \(what) is \(weight); weights are relative, so expected at most 1e6 (scale them all down)"
                : "the weight of \(what) is \(weight); weights are relative, so expected 0 or at least 1e-6 (scale them all up)")
        }
        return weight
    }

    func bool(_ key: String) throws -> Bool? {
        guard let node = value(key) else { return nil }
        guard node.scalar != nil, let value = node.bool else {
            throw YAMLDocument.error(at: node, file: file, "expected true or false for \"\(key)\" of \(what)")
        }
        return value
    }

    /// The items of a sequence value (empty when the key is absent).
    func sequence(_ key: String) throws -> [Node] {
        guard let node = value(key) else { return [] }
        guard case .sequence(let sequence) = node else {
            throw YAMLDocument.error(at: node, file: file, "expected a list for \"\(key)\" of \(what)")
        }
        return Array(sequence)
    }

    /// A list of strings, each with its node for later errors.
    func strings(_ key: String) throws -> [(text: String, node: Node)] {
        try sequence(key).map { ($0, $0) }.map { (try YAMLMapping.string($0.0, file: file, what: "an entry of \"\(key)\" in \(what)"), $0.1) }
    }

    /// A value that must be one of an enumeration's raw values.
    func enumValue<E: RawRepresentable & CaseIterable>(_ key: String) throws -> E where E.RawValue == String {
        let node = try required(key)
        let text = try YAMLMapping.string(node, file: file, what: "\"\(key)\" of \(what)")
        guard let value = E(rawValue: text) else {
            throw YAMLDocument.error(at: node, file: file,
                "unknown \(key) \"\(text)\" for \(what); expected one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// Control characters other than tab and line ends, Unicode line and
    /// paragraph separators, and the bidi embeddings, overrides and isolates.
    static func isHiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control: return !["\t", "\n", "\r"].contains(scalar)
        case .lineSeparator, .paragraphSeparator: return true
        default: return (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        }
    }

    /// A non-empty scalar's text, trimmed.
    static func string(_ node: Node, file: String, what: String) throws -> String {
        guard case .scalar(let scalar) = node else {
            throw YAMLDocument.error(at: node, file: file, "expected text for \(what)")
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw YAMLDocument.error(at: node, file: file, "expected non-empty text for \(what)")
        }
        // Ids and labels reach the terminal and the report: no escape sequences ("\e[41m"), bells,
        // Unicode line breaks or bidi overrides, which would break or reorder the line shown.
        if let bad = text.unicodeScalars.first(where: YAMLMapping.isHiddenControl) {
            throw YAMLDocument.error(at: node, file: file, "\(what) holds a control or invisible character (\(IdentifierText.codePoint(bad))); expected printable text")
        }
        return text
    }
}
