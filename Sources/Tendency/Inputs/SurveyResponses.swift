import Foundation

/// Members' answers to a survey: a wide CSV with header `member,<item ids>`,
/// one row per member, an empty cell meaning no answer.
///
/// Rules: the first column is `member`; every other column is an item of the
/// spec and every spec item has a column (either way round is an error);
/// member ids are non-empty and not repeated; cells are trimmed and must lie
/// on the item's scale (likert5: integers 1...5, likert7: 1...7, agree3:
/// -1, 0, 1, numeric: any finite number; "nan" and "inf" are rejected).
/// Every error names file, line and column.
public struct SurveyResponses: Sendable {
    public let spec: SurveySpec
    public let file: String
    /// Members in file order.
    public let members: [String]
    /// `members.count x spec.items.count`, items in spec order, NaN = no answer.
    public let answers: Matrix<Double>
    private let memberIndex: [String: Int]

    /// Responses already validated elsewhere (Polis exports).
    init(spec: SurveySpec, file: String, members: [String], answers: Matrix<Double>) {
        self.spec = spec
        self.file = file
        self.members = members
        self.answers = answers
        self.memberIndex = Dictionary(members.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public init(contentsOf path: String, spec: SurveySpec, displayName: String? = nil,
                maxBytes: Int = InputFile.defaultMaxBytes) throws {
        try self.init(table: CSVTable(contentsOf: path, displayName: displayName, maxBytes: maxBytes), spec: spec)
    }

    public init(csv: String, file: String, spec: SurveySpec) throws {
        try self.init(table: CSVTable(data: Data(csv.utf8), file: file), spec: spec)
    }

    public init(table: CSVTable, spec: SurveySpec) throws {
        let file = table.file
        let header = table.header.cells
        guard header[0].text.trimmingCharacters(in: .whitespaces) == "member" else {
            throw InputError(file: file, line: header[0].line, column: header[0].column,
                             "the first column must be \"member\", found \"\(header[0].text)\"")
        }
        let itemIndex = Dictionary(spec.items.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var columnItem = [Int](repeating: -1, count: header.count)
        for c in 1..<header.count {
            let name = header[c].text.trimmingCharacters(in: .whitespaces)
            guard let i = itemIndex[name] else {
                throw InputError(file: file, line: header[c].line, column: header[c].column,
                    "unknown item \(InputError.quoted(name)) (not in \(spec.file))" + NearestNames.hint(for: name, among: spec.items.map { ($0.id, $0.id) }))
            }
            columnItem[c] = i
        }
        let present = Set(columnItem)
        if let missing = spec.items.indices.first(where: { !present.contains($0) }) {
            let last = header[header.count - 1]
            throw InputError(file: file, line: table.header.line, column: last.column + last.text.count,
                             "item \"\(spec.items[missing].id)\" of \(spec.file) has no column; expected a column for every item")
        }
        try table.requireRecords("one row per member")
        var members: [String] = []
        var ids = MemberIDRegister(noun: "member", repeatHint: "; expected one row per member")
        var answers = Matrix<Double>(rows: table.records.count, columns: spec.items.count, repeating: .nan)
        for (r, record) in table.records.enumerated() {
            let member = try ids.register(record.cells[0], file: file)
            members.append(member)
            for c in 1..<record.cells.count {
                let cell = record.cells[c]
                let text = cell.text.trimmedCell()
                if text.isEmpty { continue }
                let item = spec.items[columnItem[c]]
                guard let value = item.scale.value(of: text) else {
                    throw InputError(file: file, line: cell.line, column: cell.column,
                                     "\(InputError.quoted(text)) is not on the \(item.scale.rawValue) scale of item \"\(item.id)\"; expected \(item.scale.expectation) or an empty cell")
                }
                answers[r, columnItem[c]] = value
            }
        }
        self.init(spec: spec, file: file, members: members, answers: answers)
    }

    /// A member's answer to an item, `nil` when missing or unknown.
    public func answer(member: String, item: String) -> Double? {
        guard let m = memberIndex[member], let i = spec.items.firstIndex(where: { $0.id == item }) else { return nil }
        let v = answers[m, i]
        return v.isNaN ? nil : v
    }

    func memberIndex(of member: String) -> Int? { memberIndex[member] }
}
