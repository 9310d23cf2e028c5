import CVectorLoops

/// Elementwise passes over long contiguous runs of distances, vectorised for
/// `Double` and `Float`.
///
/// Why: the compiler left these loops scalar (a square root per element, a
/// branch per finiteness test), and they run over all n^2 entries of the
/// square path: together about a sixth of the kernel phase at n = 20,000.
/// The square roots, the Gram-to-distance pass and the mirror run in C for
/// the CPU's widest vectors (`CVectorLoops.h`).
enum VectorPasses {
    /// Replaces every value by its square root (in C: Swift's `squareRoot()`
    /// stays a scalar call with an errno check on Linux).
    static func takeSquareRoots<S: BLASScalar>(_ values: UnsafeMutablePointer<S>, count: Int,
                                               variant: VectorVariant = .best) {
        let raw = UnsafeMutableRawPointer(values)
        if S.self == Double.self {
            tendency_square_roots_f64(variant.code, raw.assumingMemoryBound(to: Double.self), count)
        } else if S.self == Float.self {
            tendency_square_roots_f32(variant.code, raw.assumingMemoryBound(to: Float.self), count)
        } else {
            for k in 0..<count { values[k] = values[k].squareRoot() }
        }
    }

    /// Squared Euclidean distances from Gram entries, in place:
    /// `row[j] = (own + norms[j]) - 2 row[j]`. Returns how many fall below
    /// `cut * (own + norms[j])`, the pairs whose cancellation needs a direct
    /// recomputation (see `EuclideanKernel`).
    static func gramToSquaredDistances<S: BLASScalar>(_ row: UnsafeMutablePointer<S>, norms: UnsafePointer<S>, own: S,
                                                      cut: S, count: Int, variant: VectorVariant = .best) -> Int {
        let raw = UnsafeMutableRawPointer(row), normsRaw = UnsafeRawPointer(norms)
        if S.self == Double.self {
            return tendency_gram_to_squared_distances_f64(
                variant.code, raw.assumingMemoryBound(to: Double.self), normsRaw.assumingMemoryBound(to: Double.self),
                Double(own), Double(cut), count)
        }
        if S.self == Float.self {
            return tendency_gram_to_squared_distances_f32(
                variant.code, raw.assumingMemoryBound(to: Float.self), normsRaw.assumingMemoryBound(to: Float.self),
                Float(own), Float(cut), count)
        }
        var below = 0
        for j in 0..<count {
            let sum = own + norms[j]
            let d = sum - 2 * row[j]
            below &+= d < cut * sum ? 1 : 0
            row[j] = d
        }
        return below
    }

    /// Copies the upper entries of rows `rows` of the n x n matrix `m` (row i,
    /// columns j > i) to (j, i): in C, 8 x 8 tiles transposed in registers
    /// (`CVectorLoops.h`), where a plain loop makes 64 strided loads per tile.
    static func mirrorRows<S: BLASScalar>(_ m: UnsafeMutablePointer<S>, n: Int, rows: Range<Int>,
                                          variant: VectorVariant = .best) {
        let raw = UnsafeMutableRawPointer(m)
        if S.self == Double.self {
            tendency_mirror_rows_f64(variant.code, raw.assumingMemoryBound(to: Double.self), n, rows.lowerBound, rows.upperBound)
        } else if S.self == Float.self {
            tendency_mirror_rows_f32(variant.code, raw.assumingMemoryBound(to: Float.self), n, rows.lowerBound, rows.upperBound)
        } else {
            for jb in stride(from: rows.lowerBound, to: n, by: 64) {
                for j in jb..<min(n, jb + 64) {
                    for i in rows.lowerBound..<min(rows.upperBound, j) { m[j &* n &+ i] = m[i &* n &+ j] }
                }
            }
        }
    }

    /// Whether every value is finite (neither infinite nor NaN).
    static func allFinite<S: BLASScalar>(_ values: UnsafePointer<S>, count: Int) -> Bool {
        if S.self == Double.self { return lanesFinite(UnsafeRawPointer(values), count, SIMD4<Double>.self) }
        if S.self == Float.self { return lanesFinite(UnsafeRawPointer(values), count, SIMD4<Float>.self) }
        return (0..<count).allSatisfy { values[$0].isFinite }
    }

    /// x - x is 0 for finite x and NaN otherwise; NaN survives the sums.
    @inline(__always)
    private static func lanesFinite<V: SIMD>(_ raw: UnsafeRawPointer, _ count: Int, _: V.Type) -> Bool
    where V.Scalar: BinaryFloatingPoint {
        let stride = MemoryLayout<V.Scalar>.stride
        var sum = V()
        var j = 0
        while j + V.scalarCount <= count {
            let v = raw.loadUnaligned(fromByteOffset: j * stride, as: V.self)
            sum += v - v
            j += V.scalarCount
        }
        var finite = (0..<V.scalarCount).allSatisfy { sum[$0] == 0 }
        while j < count {
            finite = finite && raw.load(fromByteOffset: j * stride, as: V.Scalar.self).isFinite
            j += 1
        }
        return finite
    }
}
