/// A fixed-size block of scalars a kernel prepares once and reads through a
/// raw pointer in its O(n^2) loops, where array bounds checks and
/// copy-on-write checks would cost more than the arithmetic.
final class KernelBuffer<Scalar: BLASScalar>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Scalar>
    let count: Int

    /// `count` values, all `value`.
    init(count: Int, repeating value: Scalar = 0) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: value, count: max(count, 1))
    }

    deinit { pointer.deallocate() }
}
