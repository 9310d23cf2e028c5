import CVectorLoops

/// The vector instructions the loops of `CVectorLoops` (`RowPanels`,
/// `FirstMinimum`) run in: the widest the CPU and OS support unless a test
/// asks for a narrower one. The variants give the same results bit for bit
/// (`CVectorLoops.h`; only `FirstMinimum`'s runner-up hint differs), so the
/// choice changes speed only.
struct VectorVariant: Hashable, Sendable {
    let code: Int32

    static let sse2 = VectorVariant(code: Int32(TENDENCY_VECTOR_SSE2))
    static let avx2 = VectorVariant(code: Int32(TENDENCY_VECTOR_AVX2))
    static let avx512 = VectorVariant(code: Int32(TENDENCY_VECTOR_AVX512))

    /// The widest variant this machine runs, read once.
    static let best = VectorVariant(code: tendency_vector_best_variant())

    /// Every variant this machine runs, narrowest first.
    static var available: [VectorVariant] { [sse2, avx2, avx512].filter { $0.code <= best.code } }
}
