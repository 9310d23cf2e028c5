import Foundation
import Yams

/// The items of a survey, read from a spec YAML file:
///
/// ```yaml
/// items:
///   - id: q1
///     text: Defeating the far right is the immediate strategic objective.
///     scale: likert5         # likert5 | likert7 | agree3 (-1/0/1) | numeric
///     role: orientation      # orientation | leaning | context; optional, default orientation
///     reverse: false         # optional, default false
///     weight: 1.0            # optional, default 1
/// ```
///
/// `id`, `text` and `scale` are required; ids are unique; weights are finite
/// and non-negative; unknown keys are errors. Errors name file, line, column.
public struct SurveySpec: Sendable, Equatable {
    /// Where the items come from, which the feature provenance reports.
    public enum Origin: String, Sendable, Codable { case survey, polis }

    public var items: [SurveyItem]
    public var origin: Origin
    public var file: String
    /// Where each item's id is in the spec file, for errors found when the
    /// spec meets other inputs (an id that a codebook element also has).
    public var idPositions: [String: Position] = [:]

    public struct Position: Sendable, Equatable {
        public var line: Int
        public var column: Int
    }

    public init(items: [SurveyItem], origin: Origin = .survey, file: String = "survey spec") {
        self.items = items
        self.origin = origin
        self.file = file
    }

    public init(contentsOf path: String, displayName: String? = nil, maxBytes: Int = InputFile.defaultMaxBytes) throws {
        let (root, file) = try YAMLDocument.root(contentsOf: path, displayName: displayName, maxBytes: maxBytes)
        try self.init(root: root, file: file)
    }

    /// Reads a survey spec from bytes already read; `file` names them in errors.
    public init(data: Data, file: String) throws {
        try self.init(root: YAMLDocument.root(data: data, file: file), file: file)
    }

    public init(yaml: String, file: String) throws {
        try self.init(root: YAMLDocument.root(yaml: yaml, file: file), file: file)
    }

    init(root: Node, file: String) throws {
        let top = try YAMLMapping(root, file: file, what: "the survey spec", allowedKeys: ["items"])
        let nodes = try top.sequence("items")
        guard !nodes.isEmpty else {
            throw YAMLDocument.error(at: top.value("items") ?? root, file: file, "the survey spec lists no items")
        }
        var items: [SurveyItem] = []
        var positions = [String: Position]()
        var seen = [String: Int]()
        for node in nodes {
            let map = try YAMLMapping(node, file: file, what: "a survey item",
                                      allowedKeys: ["id", "text", "scale", "role", "reverse", "weight"])
            let id = try map.id("id", noun: "item")
            if let line = seen[id] {
                throw YAMLDocument.error(at: map.value("id"), file: file, "duplicate item id \"\(id)\" (first at line \(line))")
            }
            seen[id] = map.value("id")?.mark?.line ?? 0
            if let mark = map.value("id")?.mark { positions[id] = Position(line: mark.line, column: mark.column) }
            let item = try YAMLMapping(node, file: file, what: "item \"\(id)\"",
                                       allowedKeys: ["id", "text", "scale", "role", "reverse", "weight"])
            let text = try item.requiredString("text")
            let scale: SurveyScale = try item.enumValue("scale")
            let role: Role = item.value("role") == nil ? .orientation : try item.enumValue("role")
            let weight = try item.weight()
            items.append(SurveyItem(id: id, text: text, scale: scale, role: role,
                                    reverse: try item.bool("reverse") ?? false, weight: weight))
        }
        self.init(items: items, origin: .survey, file: file)
        idPositions = positions
    }
}
