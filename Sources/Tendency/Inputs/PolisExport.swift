import Foundation

/// A Polis export folder read as an alignment survey: every statement is an
/// `agree3` item (1 agree, -1 disagree, 0 pass, empty = not seen or not
/// voted) with the orientation role and the statement's text.
///
/// Files: `participants-votes.csv` (columns `participant`, `group-id`,
/// `n-comments`, `n-votes`, `n-agree`, `n-disagree`, then one column per
/// statement id) and `comments.csv` (at least `comment-id`, `moderated`,
/// `comment-body`).
///
/// Rules: statements whose `moderated` is -1 are dropped (0, not yet
/// moderated, and 1 are kept); every statement column needs a row in
/// `comments.csv` (comments without a column, never voted on, are ignored).
/// Polis's `group-id` is kept per participant as a reference partition to
/// compare with, never as a feature. By default only participants Polis
/// placed in a group are kept: Polis groups only participants with enough
/// votes (in the shipped conversations the others cast at most 6 votes), so
/// this matches the published "participants in groups" counts; pass `.all`
/// to keep everyone.
public struct PolisExport: Sendable {
    /// Which participants to keep.
    public enum Participants: String, Sendable, CaseIterable {
        /// Those Polis placed in an opinion group (non-empty `group-id`).
        case grouped
        /// Everyone in `participants-votes.csv`.
        case all
    }

    public let folder: String
    /// The votes as an agree3 survey (spec origin `.polis`); members are participant ids in file order.
    public let survey: SurveyResponses
    /// Polis's opinion group of each member (aligned with `survey.members`), `nil` when ungrouped.
    public let groups: [Int?]
    /// Statement ids dropped because they were moderated out.
    public let droppedStatements: [String]
    /// Participants left out because Polis placed them in no group (with `.grouped`).
    public let ungroupedParticipants: Int

    public init(folder: String, participants: Participants = .grouped, maxBytes: Int = InputFile.defaultMaxBytes) throws {
        try self.init(folder: folder, participants: participants) { try InputFile.read($0, name: $0, maxBytes: maxBytes) }
    }

    /// Reads the export with `read`, which gives the bytes of the file at a
    /// path (an `InputLedger` keeps their digests for the manifest).
    public init(folder: String, participants: Participants = .grouped, read: (String) throws -> Data) throws {
        // Paths as the user wrote the folder, so messages name what they typed.
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        let votesPath = prefix + "participants-votes.csv"
        let commentsPath = prefix + "comments.csv"
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw InputError(file: folder, "no such folder; expected a Polis export folder holding participants-votes.csv and comments.csv")
        }
        let comments = try CSVTable(data: read(commentsPath), file: commentsPath)
        let statements = try Self.readStatements(comments)
        // The votes are read a record at a time: a table of every field would
        // take several times the file's size (`CSVTable.forEachRecord`).
        let file = votesPath
        let fixed = ["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"]
        var items: [SurveyItem] = [], itemColumns: [Int] = [], dropped: [String] = []
        var headerLine = 1
        func readHeader(_ record: CSVTable.Record) throws {
            headerLine = record.line
            let header = record.cells
            for (i, name) in fixed.enumerated() {
                guard i < header.count, header[i].text.trimmingCharacters(in: .whitespaces) == name else {
                    let cell = i < header.count ? header[i] : header[header.count - 1]
                    throw InputError(file: file, line: cell.line, column: cell.column,
                                     "expected column \(i + 1) to be \"\(name)\"; the header starts " + fixed.joined(separator: ","))
                }
            }
            for c in fixed.count..<header.count {
                let id = header[c].text.trimmingCharacters(in: .whitespaces)
                guard let statement = statements[id] else {
                    throw InputError(file: file, line: header[c].line, column: header[c].column,
                                     "statement \"\(id)\" has no row in \(comments.file)")
                }
                if statement.moderated == -1 { dropped.append(id); continue }
                items.append(SurveyItem(id: id, text: statement.text, scale: .agree3, role: .orientation))
                itemColumns.append(c)
            }
            guard !items.isEmpty else {
                throw InputError(file: comments.file, header.count > fixed.count
                    ? "every statement voted on is moderated out (moderated -1); nothing is left to compare participants on"
                    : "\(file) has no statement columns after n-disagree; nothing to compare participants on")
            }
        }

        var members: [String] = [], groups: [Int?] = [], votes: [Double] = []
        var ids = MemberIDRegister(noun: "participant")
        var ungrouped = 0
        // Where the first participant's group-id is, for the error when no participant has one.
        var firstGroupCell: CSVTable.Cell?
        try CSVTable.forEachRecord(in: read(votesPath), file: votesPath, header: readHeader) { record in
            let groupCell = record.cells[1]
            if firstGroupCell == nil { firstGroupCell = groupCell }
            let member = try ids.register(record.cells[0], file: file)
            let groupText = groupCell.text.trimmingCharacters(in: .whitespaces)
            var group: Int?
            if !groupText.isEmpty {
                guard let g = Int(groupText) else {
                    throw InputError(file: file, line: groupCell.line, column: groupCell.column,
                                     "group-id \"\(groupText)\" is not an integer; expected an integer or an empty cell")
                }
                group = g
            }
            var row = [Double](repeating: .nan, count: items.count)
            for (i, c) in itemColumns.enumerated() {
                let cell = record.cells[c]
                let text = cell.text.trimmedCell(.whitespaces)
                if text.isEmpty { continue }
                guard let v = SurveyScale.agree3.value(of: text) else {
                    throw InputError(file: file, line: cell.line, column: cell.column,
                                     "vote \"\(text)\" on statement \"\(items[i].id)\"; expected 1 (agree), -1 (disagree), 0 (pass) or an empty cell")
                }
                row[i] = v
            }
            if participants == .grouped && group == nil { ungrouped += 1; return }
            members.append(member)
            groups.append(group)
            votes.append(contentsOf: row)
        }
        guard members.count + ungrouped > 0 else {
            throw CSVTable.noRecords(file: file, headerLine: headerLine, expected: "one row per participant")
        }
        if participants == .grouped, members.isEmpty, let cell = firstGroupCell {
            throw InputError(file: file, line: cell.line, column: cell.column,
                             "no participant has a group-id; pass --all-participants to analyse everyone")
        }
        let answers = Matrix(rows: members.count, columns: items.count, storage: votes)
        let whom = participants == .grouped ? "participant in a group" : "participant"
        guard answers.storage.contains(where: { !$0.isNaN }) else {
            throw InputError(file: file, "no \(whom) voted on a statement that was kept; there is nothing to compare participants on")
        }
        guard members.count < 2 || answers.hasVaryingColumn else {  // one participant is too few, not alike
            throw InputError(file: file, "every \(whom) who voted on a statement that was kept cast the same vote on it; there is nothing to tell participants apart")
        }
        self.folder = folder
        self.survey = SurveyResponses(spec: SurveySpec(items: items, origin: .polis, file: commentsPath),
                                      file: file, members: members, answers: answers)
        self.groups = groups
        self.droppedStatements = dropped
        self.ungroupedParticipants = ungrouped
    }

    private static func readStatements(_ table: CSVTable) throws -> [String: (moderated: Int, text: String)] {
        let names = table.columnNames.map { $0.trimmingCharacters(in: .whitespaces) }
        var columns = [String: Int]()
        for name in ["comment-id", "moderated", "comment-body"] {
            guard let c = names.firstIndex(of: name) else {
                let last = table.header.cells[table.header.cells.count - 1]
                throw InputError(file: table.file, line: table.header.line, column: last.column + last.text.count,
                                 "missing column \"\(name)\"; expected comment-id, moderated and comment-body")
            }
            columns[name] = c
        }
        guard !table.records.isEmpty else {
            throw InputError(file: table.file, line: table.header.line + 1, column: 1,
                             "no rows after the header; expected one row per statement")
        }
        var statements = [String: (moderated: Int, text: String)]()
        for record in table.records {
            let idCell = record.cells[columns["comment-id"]!], moderatedCell = record.cells[columns["moderated"]!]
            let id = idCell.text.trimmingCharacters(in: .whitespaces)
            // Polis numbers statements 0, 1, 2, ...; participants-votes.csv names its columns by these numbers.
            guard !id.isEmpty, id.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                throw InputError(file: table.file, line: idCell.line, column: idCell.column,
                                 "comment-id \(InputError.quoted(idCell.text)); expected a statement number (0, 1, 2, ...)")
            }
            guard statements[id] == nil else {
                throw InputError(file: table.file, line: idCell.line, column: idCell.column, "comment-id \"\(id)\" is repeated")
            }
            guard let moderated = Int(moderatedCell.text.trimmingCharacters(in: .whitespaces)), (-1...1).contains(moderated) else {
                throw InputError(file: table.file, line: moderatedCell.line, column: moderatedCell.column,
                                 "moderated \"\(moderatedCell.text)\"; expected -1, 0 or 1")
            }
            // Exports often end a statement with a line break or spaces; they are not part of it.
            statements[id] = (moderated, record.cells[columns["comment-body"]!].text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return statements
    }
}
