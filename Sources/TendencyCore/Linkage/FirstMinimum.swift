/// The first strict minimum of a contiguous run of values: the position of
/// the smallest value, the earliest one on ties (SciPy's tie rule for
/// nearest neighbours), and the value; `(-1, +infinity)` when no value is
/// below +infinity. Also a likely runner-up (the best of the other SIMD
/// lanes' minima, -1 if none): a hint for prefetching, not an exact answer.
///
/// Why: the nearest-neighbour scans of `SquareStore` were the largest part
/// of the linkage, a scalar loop bound by its compare-and-select chain. Here
/// `Double` and `Float` runs are scanned in SIMD lanes, each lane keeping its
/// own first strict minimum, and the lanes are combined by (value, position):
/// the same answer as one pass in order, for any values without NaN.
enum FirstMinimum {
    static func of<S: BLASScalar>(_ values: UnsafePointer<S>, count: Int) -> (position: Int, value: S, runnerUp: Int) {
        if S.self == Double.self {
            let (p, v, r) = lanes(UnsafeRawPointer(values).assumingMemoryBound(to: Double.self), count,
                                  SIMD4<Double>.self, SIMD4<Int64>.self)
            return (p, S(v), r)
        }
        if S.self == Float.self {
            let (p, v, r) = lanes(UnsafeRawPointer(values).assumingMemoryBound(to: Float.self), count,
                                  SIMD4<Float>.self, SIMD4<Int32>.self)
            return (p, S(v), r)
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

    /// Two vectors of lanes per step (independent chains hide the compare
    /// latency); positions are tracked in integer lanes of the mask's width.
    @inline(__always)
    private static func lanes<S: BLASScalar & SIMDScalar, V: SIMD<S>, P: SIMD>(
        _ values: UnsafePointer<S>, _ count: Int, _: V.Type, _: P.Type
    ) -> (Int, S, Int) where P.Scalar: FixedWidthInteger & SIMDScalar, V.MaskStorage == P.MaskStorage {
        let width = V.scalarCount
        let step = 2 * width
        var low = V(repeating: .infinity), high = V(repeating: .infinity)
        var lowAt = P(repeating: -1), highAt = P(repeating: -1)
        var position = P()
        for k in 0..<width { position[k] = P.Scalar(k) }
        let stride = P(repeating: P.Scalar(width))
        let raw = UnsafeRawPointer(values)
        var j = 0
        while j + step <= count {
            let a = raw.loadUnaligned(fromByteOffset: j * MemoryLayout<S>.stride, as: V.self)
            let b = raw.loadUnaligned(fromByteOffset: (j + width) * MemoryLayout<S>.stride, as: V.self)
            let nextPosition = position &+ stride
            let takeA = a .< low
            let takeB = b .< high
            low.replace(with: a, where: takeA)
            lowAt.replace(with: position, where: takeA)
            high.replace(with: b, where: takeB)
            highAt.replace(with: nextPosition, where: takeB)
            position = nextPosition &+ stride
            j += step
        }
        var best = -1
        var bestValue = S.infinity
        func combine(_ value: S, _ at: P.Scalar) {
            if at >= 0 && (value < bestValue || (value == bestValue && Int(at) < best)) {
                bestValue = value
                best = Int(at)
            }
        }
        for lane in 0..<width {
            combine(low[lane], lowAt[lane])
            combine(high[lane], highAt[lane])
        }
        var runnerUp = -1
        var runnerUpValue = S.infinity
        func consider(_ value: S, _ at: P.Scalar) {
            if at >= 0 && Int(at) != best && value < runnerUpValue {
                runnerUp = Int(at)
                runnerUpValue = value
            }
        }
        for lane in 0..<width {
            consider(low[lane], lowAt[lane])
            consider(high[lane], highAt[lane])
        }
        // The tail comes after every lane's positions: only strictly smaller values win.
        let (first, value) = inOrder(values, from: j, to: count, best: best, bestValue: bestValue)
        return (first, value, first == best ? runnerUp : best)
    }
}
