/// One survey item (an assertion members rate, or a Polis statement).
public struct SurveyItem: Sendable, Equatable, Codable {
    public var id: String
    public var text: String
    public var scale: SurveyScale
    public var role: Role
    /// When true, agreement counts the other way (the feature's sign flips).
    public var reverse: Bool
    /// Relative weight of this item's block in the feature space (default 1).
    public var weight: Double

    public init(id: String, text: String, scale: SurveyScale, role: Role = .orientation, reverse: Bool = false, weight: Double = 1) {
        self.id = id
        self.text = text
        self.scale = scale
        self.role = role
        self.reverse = reverse
        self.weight = weight
    }
}
