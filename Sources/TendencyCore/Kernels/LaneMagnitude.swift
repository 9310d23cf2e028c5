/// |x| in each of four lanes, by clearing the sign bits (what `abs` does to one value).
protocol LaneMagnitude: SIMDScalar, Codable, Hashable {
    static func magnitudes(_ lanes: SIMD4<Self>) -> SIMD4<Self>
}

extension Double: LaneMagnitude {
    @inline(__always)
    static func magnitudes(_ lanes: SIMD4<Double>) -> SIMD4<Double> {
        unsafeBitCast(unsafeBitCast(lanes, to: SIMD4<UInt64>.self) & 0x7FFF_FFFF_FFFF_FFFF, to: SIMD4<Double>.self)
    }
}

extension Float: LaneMagnitude {
    @inline(__always)
    static func magnitudes(_ lanes: SIMD4<Float>) -> SIMD4<Float> {
        unsafeBitCast(unsafeBitCast(lanes, to: SIMD4<UInt32>.self) & 0x7FFF_FFFF, to: SIMD4<Float>.self)
    }
}
