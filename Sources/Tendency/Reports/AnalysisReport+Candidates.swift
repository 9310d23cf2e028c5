extension AnalysisReport {
    /// The evidence for one candidate number of tendencies.
    public struct Candidate: Codable, Sendable, Equatable {
        public var k: Int
        /// Mean silhouette width (Rousseeuw 1987); undefined for k = 1.
        public var silhouette: Double?
        /// Gap statistic (Tibshirani, Walther & Hastie 2001).
        public var gap: Double?
        /// The gap's standard error s_k, used by the "Gap(k) ≥ Gap(k+1) − s_{k+1}" rule.
        public var gapStandardError: Double?
        /// Bootstrap stability, e.g. mean Jaccard recovery (Hennig 2007), in 0...1.
        public var stability: Double?
        /// 1 = best supported.
        public var rank: Int
        /// Why this candidate ranks where it does, in plain words.
        public var reason: String?

        public init(k: Int, silhouette: Double? = nil, gap: Double? = nil, gapStandardError: Double? = nil,
                    stability: Double? = nil, rank: Int, reason: String? = nil) {
            self.k = k
            self.silhouette = silhouette
            self.gap = gap
            self.gapStandardError = gapStandardError
            self.stability = stability
            self.rank = rank
            self.reason = reason
        }
    }

    /// The reported k and the reason for it (chosen by the evidence, or given with `--k`).
    public struct Pick: Codable, Sendable, Equatable {
        public var k: Int
        /// A plain sentence, e.g. "The gap statistic's standard-error rule and the silhouette both point to 2."
        public var reason: String
        /// True when the user fixed k on the command line.
        public var userChosen: Bool

        public init(k: Int, reason: String, userChosen: Bool = false) {
            self.k = k
            self.reason = reason
            self.userChosen = userChosen
        }
    }
}
