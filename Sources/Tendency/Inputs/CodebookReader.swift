import Foundation
import Yams

/// Reads and validates a codebook YAML file:
///
/// ```yaml
/// name: Liberatory Strategy Toolkit
/// elements:
///   - id: bloc
///     question: Which class layers and social sectors, united, could defeat the opposition?
///     kind: multi            # multi | single | ordinal
///     role: orientation      # orientation | leaning | context
///     weight: 1.0            # optional, default 1
///     levels: [low, mid, high]   # ordinal only, in order; the levels are the code ids
///     codes:                 # required for multi/single; optional for ordinal
///       - id: oppressed-nationalities
///         label: Oppressed nationalities
///         synonyms: [people of color, communities of color]
/// ```
///
/// Rules: `name` is optional; every element needs `id`, `question`, `kind`,
/// `role`; element ids are unique; code ids are unique within an element;
/// a code's `label` defaults to its id; every id, label and synonym of an
/// element resolves to exactly one of its codes after case-folding and
/// whitespace normalisation; ordinal elements list at least two unique `levels`,
/// and any `codes` entry of an ordinal element must be one of its levels;
/// `levels` on a non-ordinal element is an error; weights are finite and
/// non-negative; unknown keys are errors. Every error names the file, line
/// and column of the offending YAML node.
public enum CodebookReader {
    public static func read(contentsOf path: String, displayName: String? = nil,
                            maxBytes: Int = InputFile.defaultMaxBytes) throws -> Codebook {
        let (root, file) = try YAMLDocument.root(contentsOf: path, displayName: displayName, maxBytes: maxBytes)
        return try read(root: root, file: file)
    }

    /// Reads a codebook from bytes already read; `file` names them in errors.
    public static func read(data: Data, file: String) throws -> Codebook {
        try read(root: YAMLDocument.root(data: data, file: file), file: file)
    }

    public static func read(yaml: String, file: String) throws -> Codebook {
        try read(root: YAMLDocument.root(yaml: yaml, file: file), file: file)
    }

    static func read(root: Node, file: String) throws -> Codebook {
        let top = try YAMLMapping(root, file: file, what: "the codebook", allowedKeys: ["name", "elements"])
        let name = try top.string("name") ?? ""
        let elementNodes = try top.sequence("elements")
        guard !elementNodes.isEmpty else {
            throw YAMLDocument.error(at: top.value("elements") ?? root, file: file, "the codebook lists no elements")
        }
        var elements: [CodebookElement] = []
        var seen = [String: Node]()
        for node in elementNodes {
            let (element, idNode) = try readElement(node, file: file)
            if let first = seen[LookupKey.normalise(element.id)] {
                throw YAMLDocument.error(at: idNode, file: file,
                    "duplicate element id \"\(element.id)\" (first defined at line \(first.mark?.line ?? 0))")
            }
            seen[LookupKey.normalise(element.id)] = idNode
            elements.append(element)
        }
        return Codebook(name: name, elements: elements, file: file)
    }

    private static func readElement(_ node: Node, file: String) throws -> (CodebookElement, Node) {
        let map = try YAMLMapping(node, file: file, what: "a codebook element",
                                  allowedKeys: ["id", "question", "kind", "role", "weight", "levels", "codes"])
        let idNode = try map.required("id")
        let id = try map.id("id", noun: "element")
        let what = "element \"\(id)\""
        let fields = try YAMLMapping(node, file: file, what: what,
                                     allowedKeys: ["id", "question", "kind", "role", "weight", "levels", "codes"])
        let question = try fields.requiredString("question")
        let kind: ElementKind = try fields.enumValue("kind")
        let role: Role = try fields.enumValue("role")
        let weight = try fields.weight()
        let levels = try fields.strings("levels")
        for level in levels { try YAMLMapping.validateID(level.text, node: level.node, noun: "level", file: file) }
        var codes = try fields.sequence("codes").map { try readCode($0, file: file, element: id) }
        var ids = Set<String>()
        for code in codes where !ids.insert(code.code.id).inserted {
            throw YAMLDocument.error(at: code.node, file: file, "duplicate code id \"\(code.code.id)\" in \(what)")
        }

        if kind == .ordinal {
            guard levels.count >= 2 else {
                throw YAMLDocument.error(at: fields.value("levels") ?? node, file: file,
                                         "ordinal \(what) lists \(levels.count) level\(levels.count == 1 ? "" : "s"); expected levels: [lowest, ..., highest], at least two")
            }
            var levelSeen = Set<String>()
            for level in levels where !levelSeen.insert(level.text).inserted {
                throw YAMLDocument.error(at: level.node, file: file, "level \"\(level.text)\" is listed twice in \(what)")
            }
            for code in codes where !levelSeen.contains(code.code.id) {
                throw YAMLDocument.error(at: code.node, file: file,
                    "code \"\(code.code.id)\" of ordinal \(what) is not one of its levels\(NearestNames.hint(for: code.code.id, among: levels.map { ($0.text, $0.text) }))")
            }
            // One code per level, in level order; levels without an entry get their id as label.
            codes = levels.map { level in
                codes.first { $0.code.id == level.text }
                    ?? (Code(id: level.text, label: level.text), level.node, [(level.text, level.node)])
            }
        } else {
            if let levelsNode = fields.value("levels") {
                throw YAMLDocument.error(at: levelsNode, file: file, "\(what) is \(kind.rawValue), not ordinal; only ordinal elements have levels")
            }
            guard !codes.isEmpty else {
                throw YAMLDocument.error(at: fields.value("codes") ?? node, file: file, "\(what) lists no codes")
            }
        }
        try checkSpellings(codes, element: what, file: file)
        let element = CodebookElement(id: id, question: question, kind: kind, role: role, weight: weight,
                                      levels: levels.map(\.text), codes: codes.map(\.code))
        return (element, idNode)
    }

    private typealias ReadCode = (code: Code, node: Node, spellings: [(text: String, node: Node)])

    private static func readCode(_ node: Node, file: String, element: String) throws -> ReadCode {
        let map = try YAMLMapping(node, file: file, what: "a code of element \"\(element)\"", allowedKeys: ["id", "label", "synonyms"])
        let idNode = try map.required("id")
        let id = try map.id("id", noun: "code")
        let label = try map.string("label")
        let synonyms = try map.strings("synonyms")
        var spellings: [(text: String, node: Node)] = [(id, idNode)]
        if let label, let labelNode = map.value("label") { spellings.append((label, labelNode)) }
        spellings += synonyms
        return (Code(id: id, label: label ?? id, synonyms: synonyms.map(\.text)), idNode, spellings)
    }

    /// Every id, label and synonym resolves to exactly one code of the element.
    private static func checkSpellings(_ codes: [ReadCode], element: String, file: String) throws {
        var owner = [String: String]()
        for code in codes {
            for spelling in code.spellings {
                let key = LookupKey.normalise(spelling.text)
                if let other = owner[key], other != code.code.id {
                    throw YAMLDocument.error(at: spelling.node, file: file,
                        "\"\(spelling.text)\" would name two codes of \(element): \"\(other)\" and \"\(code.code.id)\"; every id, label and synonym must resolve to exactly one code")
                }
                owner[key] = code.code.id
            }
        }
    }
}
