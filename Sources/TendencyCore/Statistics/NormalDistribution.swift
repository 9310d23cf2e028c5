import Foundation

/// The standard normal distribution, through `erfc` so tails keep their
/// relative precision (1 - cdf would lose it).
public enum NormalDistribution {
    /// P(Z <= z).
    public static func cdf(_ z: Double) -> Double {
        0.5 * erfc(-z / 2.0.squareRoot())
    }

    /// P(Z > z).
    public static func survival(_ z: Double) -> Double {
        0.5 * erfc(z / 2.0.squareRoot())
    }

    /// P(|Z| >= |z|), at most 1.
    public static func twoSidedPValue(_ z: Double) -> Double {
        min(1, erfc(abs(z) / 2.0.squareRoot()))
    }
}
