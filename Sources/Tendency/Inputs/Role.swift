/// What an element or survey item is for. Only orientation forms tendencies
/// by default; leanings are reported beside them (the seeds: the tactics a
/// member favours do not define their orientation); context is reported and
/// never clustered.
public enum Role: String, Sendable, CaseIterable, Codable, Comparable {
    case orientation, leaning, context

    public static func < (a: Role, b: Role) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
