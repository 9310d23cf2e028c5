import CVectorLoops

/// A single-precision, centred copy of the points of `CentroidStore<Double, _>`,
/// for a filtering pass: a scan computes every squared distance from the copy
/// (half the bytes, twice the lanes), keeps only the points whose distance
/// could be the smallest within a proven rounding bound, and computes those
/// exactly in `Double`. The answer is the exact first strict minimum, the same
/// as an exact scan's; only fewer exact evaluations are made.
///
/// The bound (Higham, "Accuracy and Stability of Numerical Algorithms", 2nd
/// ed., 2002, section 3.1, for the sum): with u = 2^-24, centred points a and
/// b and t = a - b, each coordinate of the copy is a_k (1 + d_k) with
/// |d_k| <= u, so the single-precision difference is t_k + e_k with
/// |e_k| <= u (|a_k| + |b_k|); squaring and summing m terms in any order adds
/// relative error at most (m + 6) u. Since |t_k| <= |a_k| + |b_k| and
/// sum (|a_k| + |b_k|)^2 <= 2 (|a|^2 + |b|^2), the computed sum differs from
/// |t|^2 by at most 2 (m + 9) u (|a|^2 + |b|^2), to first order; `bound` adds
/// 5% for the second-order terms and the Double computation it is compared
/// with. Centring (column means of the input) keeps |a|^2 near the data's
/// spread, so the bound is tight for data far from the origin too.
final class FloatShadow {
    let dimension: Int
    /// Rows of `dimension` floats, indexed like the store's rows.
    private let rows: UnsafeMutablePointer<Float>
    /// |a|^2 of each row's centred point, in Double.
    private let norms: UnsafeMutablePointer<Double>
    private let means: [Double]
    private let relativeBound: Double
    /// Room for one approximation per row: a scan writes at the list
    /// positions it covers, and the parts of a scan cover disjoint ones. (A
    /// buffer per scan cost 75 K mallocs for Ward on 5,000 points.)
    let approximations: UnsafeMutablePointer<Float>

    init(points: UnsafePointer<Double>, count: Int, dimension: Int) {
        self.dimension = dimension
        rows = .allocate(capacity: max(count * dimension, 1))
        norms = .allocate(capacity: max(count, 1))
        approximations = .allocate(capacity: max(count, 1))
        means = columnMeans(UnsafeBufferPointer(start: points, count: count * dimension), rows: count, columns: dimension)
        relativeBound = 2 * Double(dimension + 9) * 0x1p-24 * 1.05
        for i in 0..<count { set(row: i, to: points + i * dimension) }
    }

    deinit {
        rows.deallocate()
        norms.deallocate()
        approximations.deallocate()
    }

    /// Row `row` becomes the copy of `point`.
    func set(row: Int, to point: UnsafePointer<Double>) {
        let target = rows + row * dimension
        var norm = 0.0
        for k in 0..<dimension {
            let centred = point[k] - means[k]
            target[k] = Float(centred)
            norm += centred * centred
        }
        norms[row] = norm
    }

    func move(row source: Int, to target: Int) {
        (rows + target * dimension).update(from: rows + source * dimension, count: dimension)
        norms[target] = norms[source]
    }

    /// The single-precision squared distances from row `a` to rows
    /// `rowOf[list[k]]`, k < count, into `out`: in C, for the CPU's widest
    /// vectors (`tendency_shadow_squared_distances`), summed in an order that
    /// differs between them, which `bound` allows for.
    func squaredDistances(from a: Int, to list: UnsafePointer<Int>, rowOf: UnsafePointer<Int>, count: Int,
                          into out: UnsafeMutablePointer<Float>, variant: VectorVariant = .best) {
        tendency_shadow_squared_distances(variant.code, rows, dimension, a, list, rowOf, count, out)
    }

    /// Bounds on `factor` times the exact squared distance of rows `a` and
    /// `b` (and on its computation in Double) from their single-precision
    /// squared distance `approximate`; the upper bound allows for the
    /// rounding of its own product. Nil beyond single precision's range.
    @inline(__always)
    func interval(_ a: Int, _ b: Int, approximate: Float, factor: Double) -> (lower: Double, upper: Double)? {
        let approximate = Double(approximate)
        let error = bound(a, b, approximate: approximate)
        guard approximate.isFinite && error.isFinite else { return nil }
        return (factor * (approximate - error), factor * (approximate + error) * (1 + 0x1p-50))
    }

    /// How far a squared distance of `squaredDistances` can be from the
    /// exact squared distance of the two points (and from its Double
    /// computation), in whatever order its terms were added.
    @inline(__always)
    func bound(_ a: Int, _ b: Int, approximate: Double) -> Double {
        relativeBound * (norms[a] + norms[b]) + 0x1p-40 * approximate
    }
}
