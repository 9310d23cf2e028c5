extension AnalysisReport {
    /// Categories (leanings, or a context element's codes) against tendencies.
    public struct Crosstab: Codable, Sendable, Equatable {
        /// Element id; "leaning" for the leanings cross-tab.
        public var element: String
        /// Row labels.
        public var categories: [String]
        /// Column tendency ids.
        public var tendencies: [Int]
        /// counts[row][column]: members of that tendency in that category. A
        /// member with several categories counts once in each.
        public var counts: [[Int]]
        /// Cramér's V (Cramér 1946), 0 = no association, 1 = categories determine tendencies.
        public var cramersV: Double?
        /// The p-value of Pearson's X² when tendencies are shuffled among the
        /// members (`PermutationIndependenceTest`, 9,999 permutations), if computed.
        public var pValue: Double?
        /// Plain sentence, e.g. "Leanings are spread across both tendencies (Cramér's V = 0.12)."
        public var summary: String

        public init(element: String, categories: [String], tendencies: [Int], counts: [[Int]],
                    cramersV: Double? = nil, pValue: Double? = nil, summary: String) {
            self.element = element
            self.categories = categories
            self.tendencies = tendencies
            self.counts = counts
            self.cramersV = cramersV
            self.pValue = pValue
            self.summary = summary
        }
    }
}
