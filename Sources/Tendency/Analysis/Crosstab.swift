/// Members' labels on something that does not define tendencies (leanings,
/// a context element) counted against tendencies, with Cramér's V as the
/// strength of association and a plain-words reading of it.
public struct Crosstab: Sendable, Equatable, Codable {
    public var name: String
    /// Row labels (most frequent first).
    public var labels: [String]
    /// counts[row][t - 1]: members of tendency t carrying the label.
    public var counts: [[Int]]
    public var cramersV: Double?
    public var summary: String

    /// `labelsPerMember[i]` are member i's labels (several allowed).
    init(name: String, labelsPerMember: [[String]], tendencies: [Int], k: Int) {
        self.name = name
        var totals: [String: Int] = [:]
        for labels in labelsPerMember { for label in Set(labels) { totals[label, default: 0] += 1 } }
        let rows = totals.keys.sorted { (totals[$0]!, $1) > (totals[$1]!, $0) }
        var counts = rows.map { _ in [Int](repeating: 0, count: k) }
        let rowOf = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1, $0) })
        for (i, labels) in labelsPerMember.enumerated() {
            for label in Set(labels) { counts[rowOf[label]!][tendencies[i] - 1] += 1 }
        }
        self.labels = rows
        self.counts = counts
        let usable = counts.filter { $0.reduce(0, +) > 0 }
        cramersV = (k >= 2 && usable.count >= 2) ? (try? ChiSquareIndependenceTest(table: usable))?.cramersV : nil
        summary = Crosstab.reading(name: name, v: cramersV, k: k)
    }

    /// Reading of V by the usual conventions for a table of this size
    /// (below 0.2 weak, 0.2-0.4 moderate, above 0.4 strong).
    static func reading(name: String, v: Double?, k: Int) -> String {
        guard let v else {
            return k < 2 ? "With one tendency there is nothing to cross \(name) with." : "Too few members carry \(name) to compare tendencies."
        }
        let across = k == 2 ? "both tendencies" : "all \(k) tendencies"
        let value = String(format: "%.2f", v)
        if v < 0.2 { return "\(name.capitalizedFirst) are spread across \(across) (Cramér's V = \(value), a weak association): they do not mark out a tendency." }
        if v < 0.4 { return "\(name.capitalizedFirst) lean somewhat towards particular tendencies (Cramér's V = \(value), a moderate association), but do not define them." }
        return "\(name.capitalizedFirst) line up with tendencies (Cramér's V = \(value), a strong association): worth discussing, since a favoured approach is not a strategy."
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
