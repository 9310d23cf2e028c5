extension AnalysisReport {
    /// A code or item held across all tendencies alike.
    public struct ConsensusItem: Codable, Sendable, Equatable {
        public var feature: String
        public var label: String
        public var element: String
        /// For codes: share of all members with it, 0...1.
        public var share: Double?
        /// For rated items: mean rating over all members.
        public var mean: Double?
        /// The same figure per tendency, in `tendencies` order.
        public var perTendency: [Double]
        /// How many members answered (for codes: had a coded sketch).
        public var answers: Int?

        public init(feature: String, label: String, element: String, share: Double? = nil, mean: Double? = nil,
                    perTendency: [Double] = [], answers: Int? = nil) {
            self.feature = feature
            self.label = label
            self.element = element
            self.share = share
            self.mean = mean
            self.perTendency = perTendency
            self.answers = answers
        }
    }
}
