extension SeededGenerator {
    /// A uniform integer in 0..<bound (0 when bound <= 1), without modulo
    /// bias, by Lemire's multiply-and-reject method (Lemire 2019, "Fast random
    /// integer generation in an interval"). Spelled out here rather than using
    /// `Int.random(in:using:)` so the sequence cannot change with the
    /// standard library.
    public mutating func nextIndex(below bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        let s = UInt64(bound)
        var product = next().multipliedFullWidth(by: s)
        if product.low < s {
            let threshold = (0 &- s) % s
            while product.low < threshold { product = next().multipliedFullWidth(by: s) }
        }
        return Int(product.high)
    }
}
