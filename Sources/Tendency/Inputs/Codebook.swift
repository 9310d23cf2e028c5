/// A codebook: the questions sketches are coded against and their codes.
/// Read one with `CodebookReader`, whose documentation gives the format.
public struct Codebook: Sendable, Equatable {
    public var name: String
    public var elements: [CodebookElement]
    /// The file it was read from, for error messages of inputs that refer to it.
    public var file: String

    public init(name: String, elements: [CodebookElement], file: String = "codebook") {
        self.name = name
        self.elements = elements
        self.file = file
    }

    public func element(id: String) -> CodebookElement? { elements.first { $0.id == id } }

    /// The element whose id matches `text` after case-folding and whitespace normalisation.
    public func element(matching text: String) -> CodebookElement? {
        let key = LookupKey.normalise(text)
        return elements.first { LookupKey.normalise($0.id) == key }
    }
}
