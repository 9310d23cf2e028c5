import Foundation

/// The regularized incomplete gamma functions P(a, x) = γ(a, x) / Γ(a) and
/// Q(a, x) = Γ(a, x) / Γ(a) = 1 - P(a, x).
///
/// For x < a + 1 the power series of γ (Abramowitz & Stegun 6.5.29) converges
/// fast; otherwise the continued fraction of Γ (A&S 6.5.31), evaluated by the
/// modified Lentz method, does. Whichever is computed directly, the other is
/// its complement, so small tail values keep their relative precision
/// (Press et al., Numerical Recipes, 3rd ed., §6.2).
public enum RegularizedGamma {
    /// P(a, x) for a > 0, x >= 0; NaN outside that domain.
    public static func lower(a: Double, x: Double) -> Double {
        guard a > 0, x >= 0, a.isFinite, !x.isNaN else { return .nan }
        if x == 0 { return 0 }
        if x.isInfinite { return 1 }
        return x < a + 1 ? series(a: a, x: x) : 1 - continuedFraction(a: a, x: x)
    }

    /// Q(a, x) for a > 0, x >= 0; NaN outside that domain.
    public static func upper(a: Double, x: Double) -> Double {
        guard a > 0, x >= 0, a.isFinite, !x.isNaN else { return .nan }
        if x == 0 { return 1 }
        if x.isInfinite { return 0 }
        return x < a + 1 ? 1 - series(a: a, x: x) : continuedFraction(a: a, x: x)
    }

    /// x^a e^-x / Γ(a), the common prefactor, in logs to avoid overflow.
    private static func prefactor(a: Double, x: Double) -> Double {
        exp(a * log(x) - x - lgamma(a))
    }

    /// P(a, x) = x^a e^-x / Γ(a+1) * Σ_n x^n / ((a+1)...(a+n)).
    private static func series(a: Double, x: Double) -> Double {
        var denominator = a
        var term = 1 / a
        var sum = term
        for _ in 0..<100_000 {
            denominator += 1
            term *= x / denominator
            sum += term
            if abs(term) < abs(sum) * Double.ulpOfOne { break }
        }
        return min(1, sum * prefactor(a: a, x: x))
    }

    /// Q(a, x) = x^a e^-x / Γ(a) * 1/(x+1-a- 1(1-a)/(x+3-a- 2(2-a)/(x+5-a- ...))).
    private static func continuedFraction(a: Double, x: Double) -> Double {
        let tiny = Double.leastNormalMagnitude / Double.ulpOfOne
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1..<100_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < Double.ulpOfOne { break }
        }
        return min(1, prefactor(a: a, x: x) * h)
    }
}
