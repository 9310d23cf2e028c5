/// One question of the codebook (a Toolkit question, a leaning, a context)
/// and the codes coders may apply to it.
///
/// For `ordinal` elements, `levels` lists the code ids from lowest to
/// highest: the levels ARE the codes. The `codes` list of an ordinal element
/// is optional and only adds labels and synonyms to levels; a level without
/// an entry gets its id as label.
public struct CodebookElement: Sendable, Equatable {
    public var id: String
    public var question: String
    public var kind: ElementKind
    public var role: Role
    /// Relative weight of this element's block in the feature space (default 1).
    public var weight: Double
    /// Ordered level ids (ordinal elements only; empty otherwise).
    public var levels: [String]
    /// The codes; for ordinal elements, one per level in level order.
    public var codes: [Code]

    public init(id: String, question: String, kind: ElementKind, role: Role, weight: Double = 1,
                levels: [String] = [], codes: [Code]) {
        self.id = id
        self.question = question
        self.kind = kind
        self.role = role
        self.weight = weight
        self.levels = levels
        self.codes = codes
    }

    /// The code whose id, label or synonym matches `text` after case-folding
    /// and whitespace normalisation.
    public func code(matching text: String) -> Code? {
        codeIndices()[LookupKey.normalise(text)].map { codes[$0] }
    }

    /// Every normalised spelling with the index of the first code it names:
    /// built once, it answers `code(matching:)` for a whole codings file
    /// without normalising every spelling again for every row.
    func codeIndices() -> [String: Int] {
        var indices = [String: Int]()
        for (c, code) in codes.enumerated() {
            for spelling in code.spellings {
                let key = LookupKey.normalise(spelling)
                if indices[key] == nil { indices[key] = c }
            }
        }
        return indices
    }

    /// The position of a level among `levels` (ordinal elements).
    public func levelIndex(of codeID: String) -> Int? { levels.firstIndex(of: codeID) }

    /// Every accepted spelling with the code it stands for, for suggestions.
    var spellingTargets: [(spelling: String, target: String)] {
        codes.flatMap { code in code.spellings.map { ($0, code.id) } }
    }
}

extension Code {
    /// The ways a coder may write this code: id, label and synonyms.
    var spellings: [String] { [id, label] + synonyms }
}
