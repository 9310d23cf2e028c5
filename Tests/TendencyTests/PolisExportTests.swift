import Foundation
import Testing
@testable import Tendency

@Suite struct PolisExportTests {
    static let dataRoot = packageRoot.appendingPathComponent("Fixtures/polis")

    /// Expected counts, computed independently of Tendency with Python's csv module:
    /// python3 -c "import csv,sys;d=sys.argv[1];r=list(csv.DictReader(open(d+'/participants-votes.csv')));
    ///   m={c['comment-id']:c['moderated'] for c in csv.DictReader(open(d+'/comments.csv'))};
    ///   print(sum(x['group-id']!='' for x in r),len(r),sum(m[s]!='-1' for s in list(r[0])[6:]))" DIR
    /// printing: participants with a group, all participants, statement columns not moderated out.
    static let expected: [(folder: String, grouped: Int, all: Int, statements: Int, dropped: Int)] = [
        ("15-per-hour-seattle", 138, 339, 31, 23),
        ("brexit-consensus", 197, 204, 50, 0),
        ("canadian-electoral-reform", 281, 448, 152, 22),
        ("scoop-hivemind.ubi", 234, 234, 70, 0),
    ]

    @Test(arguments: expected.indices)
    func countsMatch(_ i: Int) throws {
        let e = Self.expected[i]
        let folder = Self.dataRoot.appendingPathComponent(e.folder).path
        try #require(FileManager.default.fileExists(atPath: folder), "Polis data not found at \(folder)")
        let grouped = try PolisExport(folder: folder)
        #expect(grouped.survey.members.count == e.grouped)
        #expect(grouped.survey.spec.items.count == e.statements)
        #expect(grouped.droppedStatements.count == e.dropped)
        #expect(grouped.groups.allSatisfy { $0 != nil })
        #expect(grouped.survey.spec.items.allSatisfy { $0.scale == .agree3 && $0.role == .orientation && !$0.text.isEmpty })
        #expect(grouped.survey.answers.storage.allSatisfy { $0.isNaN || [-1, 0, 1].contains($0) })
        // Statement text comes without the line breaks and spaces that end it in
        // some exports (15 of 15-per-hour-seattle's statements).
        #expect(grouped.survey.spec.items.allSatisfy { $0.text == $0.text.trimmingCharacters(in: .whitespacesAndNewlines) })
        let all = try PolisExport(folder: folder, participants: .all)
        #expect(all.survey.members.count == e.all)
        #expect(all.groups.compactMap { $0 }.count == e.grouped)
        // The group is a reference partition, never a feature.
        let space = FeatureSpace(survey: grouped.survey)
        #expect(space.columns.count == e.statements)
        #expect(space.blocks.allSatisfy { $0.source == .polisStatement })
    }

    @Test func votesAndTextAreRead() throws {
        let folder = Self.dataRoot.appendingPathComponent("brexit-consensus").path
        try #require(FileManager.default.fileExists(atPath: folder))
        let export = try PolisExport(folder: folder)
        // First data row (checked with Python csv): participant 0, group 1, votes 0 on "0", 1 on "18", -1 on "30".
        #expect(export.survey.members.first == "0")
        #expect(export.groups.first == 1)
        #expect(export.survey.answer(member: "0", item: "0") == 0)
        #expect(export.survey.answer(member: "0", item: "18") == 1)
        #expect(export.survey.answer(member: "0", item: "30") == -1)
        #expect(export.survey.spec.items.first { $0.id == "36" }?.text.hasPrefix("Opposition to Brexit as a whole") == true)
    }

    @Test func badVoteIsLocated() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("polis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "comment-id,moderated,comment-body\n0,1,A\n1,-1,B\n".write(to: dir.appendingPathComponent("comments.csv"), atomically: true, encoding: .utf8)
        let votes = dir.appendingPathComponent("participants-votes.csv")
        try "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1\n7,0,0,2,1,0,1,-1\n8,,0,1,0,0,2,\n"
            .write(to: votes, atomically: true, encoding: .utf8)
        let all = try #require(inputError { _ = try PolisExport(folder: dir.path, participants: .all) })
        #expect(all.line == 3 && all.column == 12 && all.message.contains("vote \"2\""))
        try "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,2\n7,0,0,2,1,0,1,-1,1\n"
            .write(to: votes, atomically: true, encoding: .utf8)
        let missing = try #require(inputError { _ = try PolisExport(folder: dir.path) })
        #expect(missing.line == 1 && missing.column == 64 && missing.message.contains("statement \"2\" has no row"))
        try "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1\n7,0,0,2,1,0,1,-1\n8,,0,1,0,0,,1\n"
            .write(to: votes, atomically: true, encoding: .utf8)
        // Alike on the one statement kept: nothing tells the two apart.
        let alike = try #require(inputError { _ = try PolisExport(folder: dir.path, participants: .all) })
        #expect(alike.message.hasPrefix("every participant who voted on a statement that was kept cast the same vote"))
        try "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1\n7,0,0,2,1,0,1,-1\n8,,0,1,0,0,-1,1\n"
            .write(to: votes, atomically: true, encoding: .utf8)
        let export = try PolisExport(folder: dir.path, participants: .all)
        #expect(export.survey.members == ["7", "8"] && export.groups == [0, nil])
        #expect(export.droppedStatements == ["1"] && export.survey.spec.items.map(\.id) == ["0"])
    }
}
