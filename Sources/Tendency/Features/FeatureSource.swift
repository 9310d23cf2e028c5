/// Which input a feature block comes from.
public enum FeatureSource: String, Sendable, Codable {
    /// An element of the codebook, from sketch codings.
    case codebookElement
    /// An item of a survey spec.
    case surveyItem
    /// A statement of a Polis conversation.
    case polisStatement
}
