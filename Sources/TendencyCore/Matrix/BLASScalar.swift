import CLinearAlgebra

/// A floating-point type that OpenBLAS and LAPACKE compute in: `Double` (the
/// `d` routines) or `Float` (the `s` routines).
///
/// The wrappers take Swift `Int` sizes and check that they fit OpenBLAS's
/// 32-bit interface before converting (see `LinearAlgebraError`), so a too
/// large problem fails with a message rather than an overflow.
public protocol BLASScalar: BinaryFloatingPoint, Sendable, Codable
where Self.RawSignificand: FixedWidthInteger {
    /// C = alpha * A * B^T + beta * C for row-major A (m x k), B (n x k), C (m x n).
    static func gemmABt(
        m: Int, n: Int, k: Int, alpha: Self,
        a: UnsafePointer<Self>, lda: Int,
        b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int) throws

    /// C = alpha * A^T * B + beta * C for row-major A (k x m), B (k x n), C (m x n).
    static func gemmAtB(
        m: Int, n: Int, k: Int, alpha: Self,
        a: UnsafePointer<Self>, lda: Int,
        b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int) throws

    /// Upper triangle of C = alpha * A * A^T + beta * C for row-major A (n x k), C (n x n).
    static func syrkAAt(
        n: Int, k: Int, alpha: Self,
        a: UnsafePointer<Self>, lda: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int) throws

    /// Eigenvalues (ascending) and, in place of `a`, eigenvectors (columns) of a
    /// symmetric row-major n x n matrix, by LAPACK's divide and conquer `?syevd`.
    static func symmetricEigen(
        n: Int, a: UnsafeMutablePointer<Self>, eigenvalues: UnsafeMutablePointer<Self>) throws
}

/// An error raised by the BLAS/LAPACK layer.
public enum LinearAlgebraError: Error, CustomStringConvertible, Equatable {
    /// A dimension does not fit OpenBLAS's 32-bit integer interface.
    case dimensionTooLarge(name: String, value: Int)
    /// LAPACK reported a failure (`info` != 0).
    case lapackFailed(routine: String, info: Int)

    public var description: String {
        switch self {
        case .dimensionTooLarge(let name, let value):
            return "dimension \(name) = \(value) exceeds OpenBLAS's 32-bit limit (\(Int32.max))"
        case .lapackFailed(let routine, let info):
            return "LAPACK \(routine) failed (info = \(info))"
        }
    }
}

@inline(__always)
func blasInt(_ value: Int, _ name: String) throws -> Int32 {
    LinearAlgebraRuntime.singleThreaded
    guard value >= 0, value <= Int(Int32.max) else {
        throw LinearAlgebraError.dimensionTooLarge(name: name, value: value)
    }
    return Int32(value)
}

extension Double: BLASScalar {
    public static func gemmABt(
        m: Int, n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int, beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) throws {
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans,
                    try blasInt(m, "m"), try blasInt(n, "n"), try blasInt(k, "k"), alpha,
                    a, try blasInt(lda, "lda"), b, try blasInt(ldb, "ldb"),
                    beta, c, try blasInt(ldc, "ldc"))
    }

    public static func gemmAtB(
        m: Int, n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int, beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) throws {
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans,
                    try blasInt(m, "m"), try blasInt(n, "n"), try blasInt(k, "k"), alpha,
                    a, try blasInt(lda, "lda"), b, try blasInt(ldb, "ldb"),
                    beta, c, try blasInt(ldc, "ldc"))
    }

    public static func syrkAAt(
        n: Int, k: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) throws {
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans,
                    try blasInt(n, "n"), try blasInt(k, "k"), alpha, a, try blasInt(lda, "lda"),
                    beta, c, try blasInt(ldc, "ldc"))
    }

    public static func symmetricEigen(
        n: Int, a: UnsafeMutablePointer<Double>, eigenvalues: UnsafeMutablePointer<Double>
    ) throws {
        let n32 = try blasInt(n, "n")
        // Column-major call on a symmetric matrix: no transposed copy is needed,
        // and the eigenvectors come back as the columns of the column-major
        // result, i.e. as the rows of `a` read row-major.
        let info = LAPACKE_dsyevd(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")),
                                  n32, a, n32, eigenvalues)
        if info != 0 { throw LinearAlgebraError.lapackFailed(routine: "dsyevd", info: Int(info)) }
    }
}

extension Float: BLASScalar {
    public static func gemmABt(
        m: Int, n: Int, k: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int, beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) throws {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans,
                    try blasInt(m, "m"), try blasInt(n, "n"), try blasInt(k, "k"), alpha,
                    a, try blasInt(lda, "lda"), b, try blasInt(ldb, "ldb"),
                    beta, c, try blasInt(ldc, "ldc"))
    }

    public static func gemmAtB(
        m: Int, n: Int, k: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int, beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) throws {
        cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans,
                    try blasInt(m, "m"), try blasInt(n, "n"), try blasInt(k, "k"), alpha,
                    a, try blasInt(lda, "lda"), b, try blasInt(ldb, "ldb"),
                    beta, c, try blasInt(ldc, "ldc"))
    }

    public static func syrkAAt(
        n: Int, k: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) throws {
        cblas_ssyrk(CblasRowMajor, CblasUpper, CblasNoTrans,
                    try blasInt(n, "n"), try blasInt(k, "k"), alpha, a, try blasInt(lda, "lda"),
                    beta, c, try blasInt(ldc, "ldc"))
    }

    public static func symmetricEigen(
        n: Int, a: UnsafeMutablePointer<Float>, eigenvalues: UnsafeMutablePointer<Float>
    ) throws {
        let n32 = try blasInt(n, "n")
        let info = LAPACKE_ssyevd(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "V")), Int8(UInt8(ascii: "U")),
                                  n32, a, n32, eigenvalues)
        if info != 0 { throw LinearAlgebraError.lapackFailed(routine: "ssyevd", info: Int(info)) }
    }
}
