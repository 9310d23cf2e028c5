import Foundation

extension String {
    /// `trimmingCharacters(in:)` for a cell read per row: text that begins
    /// and ends with printable ASCII other than a space (the usual cell)
    /// cannot lose anything and is returned as it is, without Foundation's
    /// bridging, which cost about a second for the 200,000 rows of 5,000
    /// members' codings. Anything else goes to Foundation, so every text
    /// trims exactly as before.
    func trimmedCell(_ characters: CharacterSet = .whitespacesAndNewlines) -> String {
        // An empty cell (most of a Polis vote matrix) has nothing to trim.
        guard let first = utf8.first, let last = utf8.last else { return self }
        if (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
        return trimmingCharacters(in: characters)
    }
}
