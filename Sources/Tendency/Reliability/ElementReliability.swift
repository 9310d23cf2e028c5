/// Inter-coder agreement on one codebook element.
public struct ElementReliability: Sendable, Equatable, Codable {
    public var element: String
    public var role: Role
    /// Sketches coded by at least two coders (the pairable units).
    public var units: Int
    /// Coders who coded at least one sketch.
    public var coders: Int
    /// Krippendorff's alpha (nominal on code sets), `nil` when undefined.
    public var alpha: Double?
    public var interpretation: ReliabilityInterpretation

    enum CodingKeys: String, CodingKey { case element, role, units, coders, alpha, interpretation }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(element, forKey: .element)
        try c.encode(role, forKey: .role)
        try c.encode(units, forKey: .units)
        try c.encode(coders, forKey: .coders)
        try c.encode(alpha, forKey: .alpha)  // explicit null when undefined
        try c.encode(interpretation, forKey: .interpretation)
    }
}
