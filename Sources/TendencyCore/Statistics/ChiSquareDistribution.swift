/// The chi-square distribution with `degreesOfFreedom` > 0: its upper tail
/// P(X > x) = Q(k/2, x/2), for p-values of chi-square statistics.
public enum ChiSquareDistribution {
    /// P(X > x); 1 for x <= 0, NaN when degreesOfFreedom <= 0.
    public static func survival(_ x: Double, degreesOfFreedom: Double) -> Double {
        guard degreesOfFreedom > 0 else { return .nan }
        if x <= 0 { return 1 }
        return RegularizedGamma.upper(a: degreesOfFreedom / 2, x: x / 2)
    }
}
