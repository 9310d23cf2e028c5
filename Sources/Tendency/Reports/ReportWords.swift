/// The nouns a report uses for its groups and for the people in them.
///
/// An organisation's report speaks of strategic tendencies and members, the
/// words of the organisations Tendency is made for; a Polis conversation's
/// report speaks of opinion groups and participants, as Polis does. Every
/// sentence the analysis and the page write about groups and people takes
/// its nouns from here, so one report never mixes the two.
public struct ReportWords: Sendable, Equatable {
    /// One group in running text: "tendency".
    public let group: String
    /// One group with its article: "a tendency", "an opinion group".
    public let aGroup: String
    /// Several groups: "tendencies".
    public let groups: String
    /// A group's name before its number, as in "Tendency 2".
    public let groupTitle: String
    /// One person: "member".
    public let person: String
    /// Several people: "members".
    public let people: String
    /// What the people answer: "questions" (sketches and surveys), or a
    /// conversation's "statements".
    public let questions: String

    public static let organisation = ReportWords(
        group: "tendency", aGroup: "a tendency", groups: "tendencies", groupTitle: "Tendency",
        person: "member", people: "members", questions: "questions")
    public static let conversation = ReportWords(
        group: "opinion group", aGroup: "an opinion group", groups: "opinion groups", groupTitle: "Group",
        person: "participant", people: "participants", questions: "statements")

    /// "Tendency 2".
    public func name(_ id: Int) -> String { "\(groupTitle) \(id)" }
    /// "tendency 2", inside a sentence.
    public func nameInSentence(_ id: Int) -> String { "\(groupTitle.lowercased()) \(id)" }
    /// "1 member", "3 members".
    public func people(_ count: Int) -> String { ReportFormat.count(count, person, people) }
    /// "1 tendency", "3 tendencies".
    public func groups(_ count: Int) -> String { ReportFormat.count(count, group, groups) }
}

extension AnalysisReport.Origin {
    /// The nouns for members of this origin.
    public var words: ReportWords {
        switch self {
        case .organisation: .organisation
        case .polisConversation: .conversation
        }
    }
}

extension AnalysisReport {
    /// The nouns this report uses (an organisation's when `origin` is nil).
    public var words: ReportWords { (origin ?? .organisation).words }
}
