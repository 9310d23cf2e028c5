/// The Mann–Whitney U test (Mann & Whitney 1947), two-sided, by the normal
/// approximation with tie and continuity corrections, as SciPy's
/// `mannwhitneyu(method='asymptotic', use_continuity=True)`.
///
/// U₁ = R₁ - n₁(n₁+1)/2 counts the pairs (x, y) with x > y, ties counting
/// one half. With U = max(U₁, n₁n₂ - U₁),
/// z = (U - n₁n₂/2 - 1/2) / sqrt(n₁n₂/12 * ((n+1) - Σ(t³-t) / (n(n-1)))).
public struct MannWhitneyUTest: Sendable, Equatable {
    /// U₁, the statistic of the first sample.
    public let u: Double
    /// The continuity-corrected z of max(U₁, U₂) (0 when every value is tied).
    public let z: Double
    public let pValue: Double
    /// The rank-biserial correlation 2 U₁ / (n₁ n₂) - 1 = (U₁ - U₂) / (n₁ n₂)
    /// (Kerby 2014, "simple difference formula"): in [-1, 1], positive when
    /// values of the first sample tend to be larger.
    public let rankBiserial: Double

    /// Throws when a sample is empty or holds a NaN.
    public init(_ x: [Double], _ y: [Double]) throws {
        guard !x.isEmpty, !y.isEmpty else { throw StatisticsError("the Mann–Whitney U test needs two non-empty samples") }
        guard !x.contains(where: \.isNaN), !y.contains(where: \.isNaN) else {
            throw StatisticsError("the Mann–Whitney U test got a NaN value")
        }
        let n1 = Double(x.count), n2 = Double(y.count), n = n1 + n2
        let ranking = Midranks(x + y)
        let rankSum = ranking.ranks[0..<x.count].reduce(0, +)
        let u1 = rankSum - n1 * (n1 + 1) / 2
        let u = max(u1, n1 * n2 - u1)
        let variance = n1 * n2 / 12 * ((n + 1) - ranking.tieTerm / (n * (n - 1)))
        self.u = u1
        self.rankBiserial = 2 * u1 / (n1 * n2) - 1
        if variance > 0 {
            let z = (u - n1 * n2 / 2 - 0.5) / variance.squareRoot()
            self.z = z
            self.pValue = min(1, 2 * NormalDistribution.survival(z))
        } else {
            self.z = 0
            self.pValue = 1
        }
    }
}
