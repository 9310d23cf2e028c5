/// Benjamini–Hochberg adjusted p-values (Benjamini & Hochberg 1995), which
/// control the false discovery rate: with p sorted ascending,
/// q_(i) = min_{j >= i} min(1, p_(j) m / j), as SciPy's
/// `false_discovery_control(method='bh')`.
public enum BenjaminiHochberg {
    /// The adjusted values, in the order of `pValues`. Throws for a value
    /// outside [0, 1] or NaN.
    public static func adjusted(_ pValues: [Double]) throws -> [Double] {
        if let bad = pValues.first(where: { !($0 >= 0 && $0 <= 1) }) {
            throw StatisticsError("a p-value must lie in [0, 1], got \(bad)")
        }
        let m = pValues.count
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] || (pValues[$0] == pValues[$1] && $0 < $1) }
        var adjusted = [Double](repeating: 0, count: m)
        var running = 1.0
        for rank in stride(from: m, through: 1, by: -1) {
            let index = order[rank - 1]
            running = min(running, pValues[index] * Double(m) / Double(rank))
            adjusted[index] = running
        }
        return adjusted
    }
}
