/// One canonical code of a codebook element. Its synonyms are the words
/// different traditions use for the same thing ("people of color",
/// "oppressed nationalities"), all mapped to this one code so vocabulary
/// never shows up as a strategic difference.
public struct Code: Sendable, Equatable, Codable {
    public var id: String
    public var label: String
    public var synonyms: [String]

    public init(id: String, label: String, synonyms: [String] = []) {
        self.id = id
        self.label = label
        self.synonyms = synonyms
    }
}
