// stub: replaced at merge by the stats helper's implementation

/// Krippendorff's alpha, the chance-corrected agreement among any number of
/// coders with missing values (Krippendorff 2004, "Content Analysis", ch. 11;
/// Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability").
public enum KrippendorffAlpha {
    /// Alpha for nominal categories. `values[unit][coder]` is the category a
    /// coder gave a unit, `nil` when that coder did not code it. Units with
    /// fewer than two values are not pairable and are ignored. Returns `nil`
    /// when alpha is undefined: fewer than two pairable values, or a single
    /// category in use (no expected disagreement).
    public static func nominal(_ values: [[Int?]]) -> Double? {
        let categories = Array(Set(values.joined().compactMap { $0 })).sorted()
        let index = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
        let q = categories.count
        // Coincidence matrix o[c][k]: each ordered pair of values within a unit
        // adds 1 / (m_u - 1), m_u being the unit's number of values.
        var observed = [Double](repeating: 0, count: q * q)
        for unit in values {
            let present = unit.compactMap { $0 }
            let m = present.count
            guard m >= 2 else { continue }
            var counts = [Int](repeating: 0, count: q)
            for v in present { counts[index[v]!] += 1 }
            for c in 0..<q where counts[c] > 0 {
                for k in 0..<q where counts[k] > 0 {
                    let pairs = c == k ? counts[c] * (counts[c] - 1) : counts[c] * counts[k]
                    observed[c * q + k] += Double(pairs) / Double(m - 1)
                }
            }
        }
        var marginals = [Double](repeating: 0, count: q)
        for c in 0..<q { for k in 0..<q { marginals[c] += observed[c * q + k] } }
        let n = marginals.reduce(0, +)
        guard n > 1 else { return nil }
        var disagreeing = 0.0, expected = 0.0
        for c in 0..<q {
            for k in 0..<q where k != c {
                disagreeing += observed[c * q + k]
                expected += marginals[c] * marginals[k]
            }
        }
        guard expected > 0 else { return nil }
        return 1 - (n - 1) * disagreeing / expected
    }
}
