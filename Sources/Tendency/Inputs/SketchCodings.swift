import Foundation

/// The codes coders applied to members' strategy sketches, read from a long
/// CSV (`member,coder,element,code`, one row per code applied), resolved
/// against a codebook, kept per coder (for reliability) and merged per member
/// (for features).
///
/// Reading rules:
/// - The header holds exactly the columns `member`, `coder`, `element`,
///   `code` (any order); a missing or extra column is an error naming it.
/// - Cells are trimmed. `element` matches an element id and `code` a code id,
///   label or synonym of that element, both case- and whitespace-insensitive;
///   an unknown one is an error naming the nearest names (edit distance).
/// - A row with an empty `code` applies nothing: it records that the coder
///   coded the sketch (and found nothing for that element, if one is named).
/// - A coder applies at most one code to a `single` element and one level to
///   an `ordinal` element of a sketch; a second is an error. Repeated rows
///   are harmless.
///
/// Merging (one set of codes per member and element): the coders of a
/// sketch are all coders with at least one row for that member. For `multi`
/// and `single` elements a code counts when at least half of the sketch's
/// coders applied it (ties count, so an even split of a `single` element
/// keeps both codes). For `ordinal` elements the merged level is the upper
/// median of the levels given by the coders who gave one (the same "at
/// least half" rule applied to each thermometer step); when no coder gave a
/// level the merged value is empty (unknown).
public struct SketchCodings: Sendable {
    public let codebook: Codebook
    public let file: String
    /// Members in order of first appearance.
    public let members: [String]
    /// Coders in order of first appearance.
    public let coders: [String]
    /// For each member, the indices of the coders who coded the sketch, ascending.
    let codersOfMember: [[Int]]
    /// Applied code indices per (member, coder, element).
    let applied: [Key: Set<Int>]
    private let memberIndex: [String: Int]
    private let coderIndex: [String: Int]

    struct Key: Hashable, Sendable {
        var member: Int, coder: Int, element: Int
    }

    public init(contentsOf path: String, codebook: Codebook, displayName: String? = nil,
                maxBytes: Int = InputFile.defaultMaxBytes) throws {
        try self.init(table: CSVTable(contentsOf: path, displayName: displayName, maxBytes: maxBytes), codebook: codebook)
    }

    public init(csv: String, file: String, codebook: Codebook) throws {
        try self.init(table: CSVTable(data: Data(csv.utf8), file: file), codebook: codebook)
    }

    public init(table: CSVTable, codebook: Codebook) throws {
        let file = table.file
        let columns = try Self.locateColumns(table)
        try table.requireRecords("one row per code applied: member,coder,element,code")
        var members: [String] = [], coders: [String] = []
        var memberIndex = [String: Int](), coderIndex = [String: Int]()
        var codersOfMember: [Set<Int>] = []
        var applied = [Key: Set<Int>]()
        var firstLine = [Key: Int]()

        // Normalised element ids and code spellings, looked up per row.
        var elementIndex = [String: Int]()
        for (e, element) in codebook.elements.enumerated() {
            let key = LookupKey.normalise(element.id)
            if elementIndex[key] == nil { elementIndex[key] = e }
        }
        let codeIndices = codebook.elements.map { $0.codeIndices() }
        // Rows repeat a few spellings: each distinct one is normalised once,
        // and remembered where it resolves.
        var elementOfSpelling = [String: Int]()
        var codeOfSpelling = [[String: Int]](repeating: [:], count: codebook.elements.count)
        func resolve(_ spelling: String, remembered: inout [String: Int], in index: [String: Int]) -> Int? {
            if let known = remembered[spelling] { return known }
            let found = index[LookupKey.normalise(spelling)]
            if let found { remembered[spelling] = found }
            return found
        }

        for record in table.records {
            func cell(_ c: Int) -> CSVTable.Cell { record.cells[c] }
            func text(_ c: Int) -> String { cell(c).text.trimmedCell() }
            let member = text(columns.member), coder = text(columns.coder)
            for (name, id, c) in [("member", member, columns.member), ("coder", coder, columns.coder)] {
                if id.isEmpty { throw InputError(file: file, line: cell(c).line, column: cell(c).column, "empty \(name) id") }
                try IdentifierText.validate(id, noun: name, file: file, line: cell(c).line, column: cell(c).column)
            }
            let m = memberIndex[member] ?? {
                members.append(member); codersOfMember.append([]); memberIndex[member] = members.count - 1
                return members.count - 1
            }()
            let k = coderIndex[coder] ?? {
                coders.append(coder); coderIndex[coder] = coders.count - 1
                return coders.count - 1
            }()
            codersOfMember[m].insert(k)

            let elementText = text(columns.element), codeText = text(columns.code)
            if elementText.isEmpty {
                guard codeText.isEmpty else {
                    throw InputError(file: file, line: cell(columns.element).line, column: cell(columns.element).column,
                                     "empty element for code \"\(codeText)\"")
                }
                continue
            }
            guard let e = resolve(elementText, remembered: &elementOfSpelling, in: elementIndex) else {
                throw InputError(file: file, line: cell(columns.element).line, column: cell(columns.element).column,
                    "unknown element \(InputError.quoted(elementText)) (not in \(codebook.file))"
                    + NearestNames.hint(for: elementText, among: codebook.elements.map { ($0.id, $0.id) }))
            }
            let element = codebook.elements[e]
            let key = Key(member: m, coder: k, element: e)
            if applied[key] == nil { applied[key] = [] }
            if codeText.isEmpty { continue }
            guard let c = resolve(codeText, remembered: &codeOfSpelling[e], in: codeIndices[e]) else {
                let what = element.kind == .ordinal
                    ? "level \(InputError.quoted(codeText)) is not one of the levels of ordinal element \"\(element.id)\" (\(element.levels.joined(separator: ", ")))"
                    : "unknown code \(InputError.quoted(codeText)) for element \"\(element.id)\""
                throw InputError(file: file, line: cell(columns.code).line, column: cell(columns.code).column,
                                 what + NearestNames.hint(for: codeText, among: element.spellingTargets))
            }
            if element.kind != .multi, let other = applied[key]!.first, other != c {
                throw InputError(file: file, line: cell(columns.code).line, column: cell(columns.code).column,
                    "element \"\(element.id)\" is \(element.kind.rawValue): coder \"\(coder)\" already applied \"\(element.codes[other].id)\" to member \"\(member)\" at line \(firstLine[key] ?? 0); expected one code per sketch")
            }
            applied[key]!.insert(c)
            if firstLine[key] == nil { firstLine[key] = record.line }
        }
        self.codebook = codebook
        self.file = file
        self.members = members
        self.coders = coders
        self.codersOfMember = codersOfMember.map { $0.sorted() }
        self.applied = applied
        self.memberIndex = memberIndex
        self.coderIndex = coderIndex
    }

    private static func locateColumns(_ table: CSVTable) throws -> (member: Int, coder: Int, element: Int, code: Int) {
        let expected = ["member", "coder", "element", "code"]
        var found = [String: Int]()
        for (i, cell) in table.header.cells.enumerated() {
            let name = cell.text.trimmingCharacters(in: .whitespaces)
            guard expected.contains(name) else {
                throw InputError(file: table.file, line: cell.line, column: cell.column,
                                 "unexpected column \"\(name)\"; the header must be member,coder,element,code")
            }
            found[name] = i
        }
        for name in expected where found[name] == nil {
            let last = table.header.cells.last!
            throw InputError(file: table.file, line: table.header.line, column: last.column + last.text.count,
                             "missing column \"\(name)\"; the header must be member,coder,element,code")
        }
        return (found["member"]!, found["coder"]!, found["element"]!, found["code"]!)
    }

    /// Whether the member's sketch was coded by anyone.
    public func hasSketch(_ member: String) -> Bool { memberIndex[member] != nil }

    /// The coders who coded a member's sketch, in first-appearance order.
    public func coders(of member: String) -> [String] {
        guard let m = memberIndex[member] else { return [] }
        return codersOfMember[m].map { coders[$0] }
    }

    /// The code ids one coder applied to one element of a member's sketch
    /// (empty when they applied none), or `nil` when that coder did not code
    /// the sketch.
    public func codes(member: String, coder: String, element: String) -> Set<String>? {
        guard let m = memberIndex[member], let k = coderIndex[coder],
              let e = codebook.elements.firstIndex(where: { $0.id == element }) else { return nil }
        return codeIndices(member: m, coder: k, element: e).map { Set($0.map { codebook.elements[e].codes[$0].id }) }
    }

    /// The merged code ids of a member's element (see the type's merging
    /// rule), or `nil` when the member has no coded sketch.
    public func mergedCodes(member: String, element: String) -> Set<String>? {
        guard let m = memberIndex[member], let e = codebook.elements.firstIndex(where: { $0.id == element }) else { return nil }
        return Set(mergedCodeIndices(member: m, element: e).map { codebook.elements[e].codes[$0].id })
    }

    func codeIndices(member m: Int, coder k: Int, element e: Int) -> Set<Int>? {
        guard codersOfMember[m].contains(k) else { return nil }
        return applied[Key(member: m, coder: k, element: e)] ?? []
    }

    func memberIndex(of member: String) -> Int? { memberIndex[member] }

    /// Code indices of the merged coding, ascending.
    func mergedCodeIndices(member m: Int, element e: Int) -> [Int] {
        let sets = codersOfMember[m].map { applied[Key(member: m, coder: $0, element: e)] ?? [] }
        if codebook.elements[e].kind == .ordinal {
            let levels = sets.compactMap(\.first).sorted()
            return levels.isEmpty ? [] : [levels[levels.count / 2]]
        }
        var counts = [Int](repeating: 0, count: codebook.elements[e].codes.count)
        for set in sets { for c in set { counts[c] += 1 } }
        return counts.indices.filter { counts[$0] > 0 && 2 * counts[$0] >= sets.count }
    }
}
