/// Which inputs hold data for a member. A member missing a whole input is
/// still analysed on what they have; reports say so using these flags.
public struct MemberCoverage: Sendable, Equatable, Codable {
    /// Whether the member's sketch was coded; nil when no codings were given.
    public var hasSketch: Bool?
    /// Whether the member answered at least one survey item; nil when no survey was given.
    public var hasSurvey: Bool?

    public init(hasSketch: Bool?, hasSurvey: Bool?) {
        self.hasSketch = hasSketch
        self.hasSurvey = hasSurvey
    }

    /// True when an input was given but holds nothing for this member.
    public var lacksAnInput: Bool { hasSketch == false || hasSurvey == false }
}
