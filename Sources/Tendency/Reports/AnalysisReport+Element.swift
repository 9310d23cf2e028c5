extension AnalysisReport {
    /// A codebook element or survey item, so the report can name it in words.
    public struct Element: Codable, Sendable, Equatable {
        /// The id used in `Feature.element`, `Crosstab.element` and `Member.context`.
        public var id: String
        /// Short name, e.g. "Bloc".
        public var label: String
        /// The Toolkit question or survey text.
        public var question: String
        /// `orientation`, `leaning` or `context`.
        public var role: String

        public init(id: String, label: String, question: String, role: String) {
            self.id = id
            self.label = label
            self.question = question
            self.role = role
        }
    }
}
