extension AnalysisReport {
    /// One member: where they stand and how surely.
    public struct Member: Codable, Sendable, Equatable {
        public var id: String
        /// The tendency the cut of the tree places them in.
        public var tendency: Int
        /// Share of resamples in which they land with their tendency's core, 0...1.
        public var confidence: Double
        /// True when the member is "not yet clearly aligned".
        public var ambiguous: Bool
        /// The tendencies they sit between (empty unless `ambiguous`; includes `tendency`).
        public var between: [Int]
        /// Why they are not yet clearly aligned (nil when they are).
        public var reason: String?
        /// Their strategic leanings (labels), reported apart from tendencies.
        public var leanings: [String]
        /// Context element id -> code labels.
        public var context: [String: [String]]
        /// Inputs the member is missing, e.g. ["survey"]; analysed on what they have.
        public var missingInputs: [String]

        public init(id: String, tendency: Int, confidence: Double, ambiguous: Bool, between: [Int] = [], reason: String? = nil,
                    leanings: [String] = [], context: [String: [String]] = [:], missingInputs: [String] = []) {
            self.id = id
            self.tendency = tendency
            self.confidence = confidence
            self.ambiguous = ambiguous
            self.between = between
            self.reason = reason
            self.leanings = leanings
            self.context = context
            self.missingInputs = missingInputs
        }
    }
}
