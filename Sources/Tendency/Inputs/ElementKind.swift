/// How many codes a coder may apply to one element of one sketch.
public enum ElementKind: String, Sendable, CaseIterable, Codable {
    /// Any number of codes.
    case multi
    /// At most one code.
    case single
    /// At most one level, the levels being ordered.
    case ordinal
}
