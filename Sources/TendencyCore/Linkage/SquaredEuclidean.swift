/// `|a - b|^2` over `dimension` coordinates, summed in four interleaved
/// partial sums (a fixed order, so the result is deterministic and symmetric).
@inline(__always)
func squaredEuclidean<S: BLASScalar>(_ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ dimension: Int) -> S {
    var s0: S = 0
    var s1: S = 0
    var s2: S = 0
    var s3: S = 0
    var k = 0
    while k + 4 <= dimension {
        let t0 = a[k] - b[k]
        let t1 = a[k + 1] - b[k + 1]
        let t2 = a[k + 2] - b[k + 2]
        let t3 = a[k + 3] - b[k + 3]
        s0 += t0 * t0
        s1 += t1 * t1
        s2 += t2 * t2
        s3 += t3 * t3
        k += 4
    }
    while k < dimension {
        let t = a[k] - b[k]
        s0 += t * t
        k += 1
    }
    return (s0 + s1) + (s2 + s3)
}
