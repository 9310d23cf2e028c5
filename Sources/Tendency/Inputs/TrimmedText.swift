import Foundation

extension String {
    /// `trimmingCharacters(in:)` for a cell read per row: text that begins
    /// and ends with printable ASCII other than a space (the usual cell)
    /// cannot lose anything and is returned as it is, without Foundation's
    /// bridging, which cost about a second for the 200,000 rows of 5,000
    /// members' codings. Anything else goes to Foundation, so every text
    /// trims exactly as before.
    /// The set is an autoclosure: building a predefined `CharacterSet` for
    /// every cell cost more than the trimming it skips (23% of reading a
    /// 20,000-participant Polis export, most of whose cells are empty).
    func trimmedCell(_ characters: @autoclosure () -> CharacterSet = .whitespacesAndNewlines) -> String {
        // An empty cell (most of a Polis vote matrix) has nothing to trim.
        guard let first = utf8.first, let last = utf8.last else { return self }
        if (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
        return trimmingCharacters(in: characters())
    }
}
