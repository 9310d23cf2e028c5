extension AnalysisReport {
    /// One tendency's profile.
    public struct TendencyProfile: Codable, Sendable, Equatable {
        public var id: Int
        /// Number of members assigned (including not-yet-aligned ones assigned here).
        public var size: Int
        /// Bootstrap stability, e.g. mean Jaccard recovery (Hennig 2007), 0...1.
        public var stability: Double?
        /// Codes and items that set this tendency apart, strongest first.
        public var distinguishing: [Feature]
        /// Codes and items this tendency shares with the others (`direction == .shared`).
        public var consensus: [Feature]
        /// The Toolkit hypothesis built from the tendency's characteristic codes.
        public var hypothesis: Hypothesis
        /// The leanings of its members.
        public var leaningMix: [CategoryShare]

        public init(id: Int, size: Int, stability: Double? = nil, distinguishing: [Feature], consensus: [Feature] = [],
                    hypothesis: Hypothesis, leaningMix: [CategoryShare] = []) {
            self.id = id
            self.size = size
            self.stability = stability
            self.distinguishing = distinguishing
            self.consensus = consensus
            self.hypothesis = hypothesis
            self.leaningMix = leaningMix
        }
    }

    /// How a code or item compares inside a tendency against outside it.
    public struct Feature: Codable, Sendable, Equatable {
        public enum Direction: String, Codable, Sendable {
            case more, less, shared
        }
        /// Feature id, e.g. "bloc=working-class".
        public var feature: String
        /// Human label of the code or item.
        public var label: String
        /// Element id (see `AnalysisReport.elements`).
        public var element: String
        public var direction: Direction
        public var effectSize: Double
        /// e.g. "Cohen's h", "Cliff's delta".
        public var effectSizeName: String
        public var pValue: Double?
        /// False-discovery-rate adjusted (Benjamini & Hochberg 1995).
        public var qValue: Double?
        /// For codes: share of the tendency's members with the code, 0...1.
        public var shareInside: Double?
        /// For codes: share of the other members with the code.
        public var shareOutside: Double?
        /// For rated items: mean rating inside the tendency.
        public var meanInside: Double?
        /// For rated items: mean rating of the other members.
        public var meanOutside: Double?
        /// "code" for a codebook code (members name it), "item" for a rated
        /// survey item or statement (members agree or disagree).
        public var kind: String?

        public init(feature: String, label: String, element: String, direction: Direction, effectSize: Double,
                    effectSizeName: String, pValue: Double? = nil, qValue: Double? = nil,
                    shareInside: Double? = nil, shareOutside: Double? = nil,
                    meanInside: Double? = nil, meanOutside: Double? = nil, kind: String? = nil) {
            self.feature = feature
            self.label = label
            self.element = element
            self.direction = direction
            self.effectSize = effectSize
            self.effectSizeName = effectSizeName
            self.pValue = pValue
            self.qValue = qValue
            self.shareInside = shareInside
            self.shareOutside = shareOutside
            self.meanInside = meanInside
            self.meanOutside = meanOutside
            self.kind = kind
        }
    }

    /// A tendency's strategy in the Toolkit's hypothesis form.
    public struct Hypothesis: Codable, Sendable, Equatable {
        /// "If a movement deeply connected to a bloc of ... exerts ... in relation to ..., it will defeat ... and shift the correlation of power ..."
        public var sentence: String
        /// The element behind each slot of the sentence.
        public var parts: [Part]

        public init(sentence: String, parts: [Part]) {
            self.sentence = sentence
            self.parts = parts
        }

        public struct Part: Codable, Sendable, Equatable {
            public var element: String
            public var question: String
            /// Code labels filling the slot.
            public var codes: [String]
            /// True when the tendency's members split on this element.
            public var contested: Bool
            /// How it is contested, e.g. "split 55% / 45% between X and Y".
            public var note: String?

            public init(element: String, question: String, codes: [String], contested: Bool = false, note: String? = nil) {
                self.element = element
                self.question = question
                self.codes = codes
                self.contested = contested
                self.note = note
            }
        }
    }

    /// A category's count and share within a group (e.g. a leaning within a tendency).
    public struct CategoryShare: Codable, Sendable, Equatable {
        public var category: String
        public var count: Int
        /// count / group size, 0...1.
        public var share: Double

        public init(category: String, count: Int, share: Double) {
            self.category = category
            self.count = count
            self.share = share
        }
    }
}
