/// Suggestions for a name that matched nothing: the known names closest in
/// Levenshtein edit distance (Levenshtein 1966), so an error can say what the
/// person probably meant.
enum NearestNames {
    /// Up to `limit` targets ordered by their smallest distance to `text`
    /// (ties by target name). Each candidate pairs a spelling with the name it
    /// stands for, so synonyms can point at their code.
    static func suggest(for text: String, among candidates: [(spelling: String, target: String)], limit: Int = 3) -> [String] {
        let key = Array(LookupKey.normalise(text))
        // A text far longer than every name is no misspelling of one, and
        // the edit distance costs its length times each name's.
        let longest = candidates.map { $0.spelling.count }.max() ?? 0
        guard key.count <= 2 * longest + 8 else { return [] }
        var best = [String: Int]()
        for candidate in candidates {
            let d = distance(key, Array(LookupKey.normalise(candidate.spelling)))
            if let old = best[candidate.target], old <= d { continue }
            best[candidate.target] = d
        }
        return best.sorted { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }
            .prefix(limit).map(\.key)
    }

    /// Levenshtein distance over characters, two rows of the dynamic programme.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// " (nearest: a, b, c)" or "" when there is nothing to suggest.
    static func hint(for text: String, among candidates: [(spelling: String, target: String)]) -> String {
        let names = suggest(for: text, among: candidates)
        return names.isEmpty ? "" : "; nearest: " + names.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}
