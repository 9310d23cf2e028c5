/// Members' labels on something that must not define tendencies (leanings,
/// a context element) counted against tendencies, with Cramér's V as the
/// strength of association and a plain-words reading of it.
enum CrosstabBuilder {
    /// `labelsPerMember[i]` are member i's labels (several allowed);
    /// `tendencies[i]` is member i's tendency, 1...k. Cramér's V is read off
    /// the table of mentions; its p-value comes from permuting tendencies
    /// among the members (`PermutationIndependenceTest`), since a member
    /// with several labels adds counts that are not independent, and small
    /// committees give expected counts too small for the chi-square
    /// distribution.
    static func build(element: String, name: String, labelsPerMember: [[String]], tendencies: [Int], k: Int,
                      generator: SeededGenerator) -> AnalysisReport.Crosstab {
        var totals: [String: Int] = [:]
        for labels in labelsPerMember { for label in Set(labels) { totals[label, default: 0] += 1 } }
        let categories = totals.keys.sorted { (totals[$0]!, $1) > (totals[$1]!, $0) }
        let row = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
        let rowsPerMember = labelsPerMember.map { Set($0).map { row[$0]! }.sorted() }
        var counts = categories.map { _ in [Int](repeating: 0, count: k) }
        for (i, rows) in rowsPerMember.enumerated() { for r in rows { counts[r][tendencies[i] - 1] += 1 } }
        // Cramér's V on the rows and columns that hold anyone.
        let usedColumns = (0..<k).filter { t in counts.contains { $0[t] > 0 } }
        let table = counts.filter { $0.reduce(0, +) > 0 }.map { r in usedColumns.map { r[$0] } }
        let test = (usedColumns.count >= 2 && table.count >= 2) ? try? ChiSquareIndependenceTest(table: table) : nil
        let pValue = test == nil ? nil : try? PermutationIndependenceTest(
            categoriesPerUnit: rowsPerMember, groupPerUnit: tendencies.map { $0 - 1 },
            categories: categories.count, groups: k, generator: generator).pValue
        return AnalysisReport.Crosstab(element: element, categories: categories, tendencies: Array(1...max(1, k)),
                                       counts: counts, cramersV: test?.cramersV, pValue: pValue,
                                       summary: reading(name: name, v: test?.cramersV, p: pValue, k: k))
    }

    /// Reads V by the usual conventions (below 0.2 weak, 0.2-0.4 moderate,
    /// above 0.4 strong), unless the permutation test's p is 0.05 or more: on
    /// small tables a sizeable V arises by chance, and is read as none.
    static func reading(name: String, v: Double?, p: Double? = nil, k: Int) -> String {
        let subject = name.prefix(1).uppercased() + name.dropFirst()
        guard let v else {
            return k < 2 ? "With one tendency there is nothing to compare \(name) across."
                : "\(subject) fall into a single category, or too few members carry them: there is nothing to compare across tendencies."
        }
        let across = k == 2 ? "both tendencies" : "all \(k) tendencies"
        let value = String(format: "%.2f", v)
        if let p, p >= 0.05, v >= 0.2 {
            return "\(subject) vary across \(across) (Cramér's V = \(value)), but chance alone could give a difference this large (p = \(String(format: "%.3f", p))): these data do not show that they mark out a tendency."
        }
        if v < 0.2 { return "\(subject) are spread across \(across) (Cramér's V = \(value), a weak association): they do not mark out a tendency." }
        if v < 0.4 { return "\(subject) lean somewhat towards particular tendencies (Cramér's V = \(value), a moderate association), but they do not define them." }
        // Leanings are approaches members favour; context (sector, region, tradition) is where they stand.
        let why = name == "leanings" ? "since a favoured approach is not a strategy" : "since the tendencies may speak for different parts of the organisation"
        return "\(subject) line up with tendencies (Cramér's V = \(value), a strong association): worth discussing, \(why)."
    }
}
