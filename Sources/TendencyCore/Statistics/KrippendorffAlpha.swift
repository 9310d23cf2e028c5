/// Krippendorff's alpha for nominal data, the agreement of several coders
/// beyond chance, with missing values (Krippendorff 2011, "Computing
/// Krippendorff's Alpha-Reliability", coincidence-matrix form).
///
/// Each unit with m_u >= 2 values contributes, for every ordered pair of
/// values from different coders, 1 / (m_u - 1) to the coincidence o_ck.
/// With n_c = Σ_k o_ck and n = Σ_c n_c,
/// alpha = 1 - (n - 1) Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k.
public enum KrippendorffAlpha {
    /// Alpha of `units`, one array per unit holding each coder's value (nil
    /// when that coder did not code the unit). Units with fewer than two
    /// values are not pairable and are ignored. nil when alpha is undefined:
    /// fewer than two pairable values, or a single value used throughout.
    public static func nominal(_ units: [[Int?]]) -> Double? {
        // Categories, numbered in ascending order of their values.
        let categories = Array(Set(units.flatMap { $0.compactMap { $0 } })).sorted()
        let code = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
        let q = categories.count
        var coincidences = [Double](repeating: 0, count: q * q)
        for unit in units {
            let values = unit.compactMap { $0 }.compactMap { code[$0] }
            let m = values.count
            guard m >= 2 else { continue }
            var counts = [Int: Int]()
            for v in values { counts[v, default: 0] += 1 }
            let weight = 1 / Double(m - 1)
            // Ordered pairs of values from different coders: n_c n_k pairs for
            // c != k, n_c (n_c - 1) for c == k.
            for (c, nc) in counts {
                for (k, nk) in counts {
                    let pairs = c == k ? nc * (nc - 1) : nc * nk
                    coincidences[c * q + k] += Double(pairs) * weight
                }
            }
        }
        var marginals = [Double](repeating: 0, count: q)
        for c in 0..<q { for k in 0..<q { marginals[c] += coincidences[c * q + k] } }
        let n = marginals.reduce(0, +)
        guard n > 1 else { return nil }
        var observed = 0.0, expected = 0.0
        for c in 0..<q {
            for k in 0..<q where k != c {
                observed += coincidences[c * q + k]
                expected += marginals[c] * marginals[k]
            }
        }
        guard expected > 0 else { return nil }
        return 1 - (n - 1) * observed / expected
    }
}
