import CVectorLoops

/// The first strict minimum of a contiguous run of values: the position of
/// the smallest value, the earliest one on ties (SciPy's tie rule for
/// nearest neighbours), and the value; `(-1, +infinity)` when no value is
/// below +infinity. Also a likely runner-up (the best of the other vector
/// lanes' minima, -1 if none): a hint for replaying ahead, not an exact
/// answer, and not the same on every CPU.
///
/// Why: the nearest-neighbour scans of `SquareStore` were the largest part
/// of the linkage, a scalar loop bound by its compare-and-select chain. Here
/// `Double` and `Float` runs are scanned in vector lanes (in C, for the
/// widest instructions the CPU has, see `CVectorLoops.h`), each lane keeping
/// its own first strict minimum, and the lanes are combined by (value,
/// position): the same answer as one pass in order, for any values without
/// NaN.
enum FirstMinimum {
    static func of<S: BLASScalar>(_ values: UnsafePointer<S>, count: Int,
                                  variant: VectorVariant = .best) -> (position: Int, value: S, runnerUp: Int) {
        var runnerUp = -1
        if S.self == Double.self {
            var value = Double.infinity
            let position = tendency_first_minimum_f64(variant.code, UnsafeRawPointer(values).assumingMemoryBound(to: Double.self),
                                                      count, &value, &runnerUp)
            return (position, S(value), runnerUp)
        }
        if S.self == Float.self {
            var value = Float.infinity
            let position = tendency_first_minimum_f32(variant.code, UnsafeRawPointer(values).assumingMemoryBound(to: Float.self),
                                                      count, &value, &runnerUp)
            return (position, S(value), runnerUp)
        }
        let (p, v) = inOrder(values, from: 0, to: count, best: -1, bestValue: .infinity)
        return (p, v, -1)
    }

    /// The plain loop, continuing from a minimum found so far.
    @inline(__always)
    static func inOrder<S: BLASScalar>(
        _ values: UnsafePointer<S>, from low: Int, to high: Int, best: Int, bestValue: S
    ) -> (position: Int, value: S) {
        var best = best
        var bestValue = bestValue
        for j in low..<max(low, high) {
            let v = values[j]
            if v < bestValue { bestValue = v; best = j }
        }
        return (best, bestValue)
    }
}
