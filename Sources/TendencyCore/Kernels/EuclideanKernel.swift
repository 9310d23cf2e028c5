/// Squared Euclidean and Euclidean distances by the Gram identity
/// |x - y|^2 = |x|^2 + |y|^2 - 2 x.y, the dot products from `?syrk`/`?gemm`.
///
/// Columns are centred first: distances do not change, but the norms shrink
/// to the data's spread, which limits the cancellation in the identity.
/// Means and norms are accumulated in `Double` whatever the scalar type.
///
/// Integer data small enough that 4 p max|x|^2 fits the significand (Likert
/// answers, counts, 0/1 codes) are not centred: then every product, sum
/// and difference in the identity is an integer the scalar holds exactly,
/// so squared distances are exact and distances correctly rounded, the same
/// bits as SciPy's `pdist`. Exact ties stay ties, and are broken as SciPy
/// breaks them; centring would have made them differ in the last place.
///
/// The identity loses relative accuracy when |x - y|^2 is small next to
/// |x|^2 + |y|^2 (rounding error about eps (|x|^2 + |y|^2)). Pairs below
/// `cancellationCut` (|x|^2 + |y|^2) are therefore recomputed directly from
/// the data, in `Double`, and identical rows get exactly 0, as in SciPy.
/// The rest keep a relative error of about eps / cut at worst. Such pairs
/// are rare except in data with many repeated or nearly repeated rows, where
/// they cost O(p) each.
struct EuclideanKernel<S: BLASScalar>: PairKernel {
    let count: Int
    let width: Int
    let takeRoot: Bool
    /// The data as given, for the pairs recomputed directly.
    let data: Matrix<S>
    /// The centred data, row-major.
    let centred: KernelBuffer<S>
    /// |x_i|^2 of the centred rows.
    let squaredNorms: KernelBuffer<S>

    init(_ data: Matrix<S>, takeRoot: Bool) {
        let n = data.rows, p = data.columns
        count = n
        width = p
        self.takeRoot = takeRoot
        self.data = data
        centred = KernelBuffer(count: n * p)
        squaredNorms = KernelBuffer(count: n)
        let x = centred.pointer, sq = squaredNorms.pointer
        let exact = Self.isExactlyRepresented(data)
        data.storage.withUnsafeBufferPointer { src in
            let means = exact ? [Double](repeating: 0, count: p) : columnMeans(src, rows: n, columns: p)
            for i in 0..<n {
                var s = 0.0
                for k in 0..<p {
                    let v = S(Double(src[i * p + k]) - means[k])
                    x[i * p + k] = v
                    s += Double(v) * Double(v)
                }
                sq[i] = S(s)
            }
        }
    }

    /// In `Double` 2^-20: what the identity keeps is then within about
    /// 2^-32 (2.3e-10) relative, below the 1e-9 at which distances and
    /// heights are checked against SciPy (at sqrt(eps), 1.5e-8, a pair just
    /// above the cut could be off by 7e-9, and average-linkage heights by
    /// 1e-8). In `Float`, sqrt(eps) (3.5e-4): single precision is asked for
    /// speed, and a larger cut would recompute whole tight clusters.
    static var cancellationCut: S {
        S.significandBitCount > Float.significandBitCount ? S(0x1p-20) : S.ulpOfOne.squareRoot()
    }

    /// Whether every value is an integer and 4 p max|x|^2 (the largest
    /// squared distance, and a bound on every partial sum) is at most
    /// 2^(significand bits + 1), so that the Gram identity is exact.
    static func isExactlyRepresented(_ data: Matrix<S>) -> Bool {
        var largest = 0.0
        for value in data.storage {
            let v = Double(value)
            guard v == v.rounded() else { return false }
            largest = max(largest, abs(v))
        }
        let bound = Double(sign: .plus, exponent: S.significandBitCount + 1, significand: 1)
        return 4 * Double(data.columns) * largest * largest <= bound
    }

    func fill(rows: Range<Int>, tile: UnsafeMutablePointer<S>, ld: Int) throws {
        try GramTile.symmetric(centred.pointer, width: width, count: count, rows: rows, tile: tile, ld: ld)
        let sq = squaredNorms.pointer, r0 = rows.lowerBound, n = count, p = width
        let cut = Self.cancellationCut
        data.storage.withUnsafeBufferPointer { source in
            guard let x = source.baseAddress else { return }
            for i in rows where i + 1 < n {
                let row = tile + (i - r0) * ld - r0
                let si = sq[i]
                // A vector first pass; the rare pairs below the cut are
                // recomputed in a second pass only if any.
                let below = VectorPasses.gramToSquaredDistances(row + i + 1, norms: sq + i + 1, own: si, cut: cut,
                                                                count: n - i - 1)
                if below > 0 {
                    for j in (i + 1)..<n where row[j] < cut * (si + sq[j]) {
                        var s = 0.0
                        for k in 0..<p {
                            let e = Double(x[i * p + k]) - Double(x[j * p + k])
                            s += e * e
                        }
                        row[j] = S(s)
                    }
                }
                if takeRoot { VectorPasses.takeSquareRoots(row + i + 1, count: n - i - 1) }
            }
        }
    }
}
