#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The n x n working matrix of `SquareStore`, row-major, filled from
/// condensed distances, with +infinity on the diagonal (never a neighbour).
///
/// Allocated on a 2 MiB boundary and, on Linux, advised into transparent
/// huge pages: rows are 10^4-10^5 bytes apart, so with 4 KiB pages nearly
/// every row switch is a TLB miss (measured: huge pages halve the time of
/// a contiguous row pass over a 3 GB matrix).
final class SquareMatrixBuffer<S: BLASScalar> {
    let pointer: UnsafeMutablePointer<S>
    let count: Int

    /// Nil when the n^2 scalars cannot be allocated.
    init?(condensed d: UnsafePointer<S>, count n: Int, squared: Bool) {
        let (elements, overflow) = n.multipliedReportingOverflow(by: n)
        guard !overflow, elements <= Int.max / MemoryLayout<S>.stride else { return nil }
        let bytes = max(elements, 1) * MemoryLayout<S>.stride
        let alignment = 1 << 21
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, alignment, bytes) == 0, let raw else { return nil }
        #if os(Linux)
        _ = madvise(raw, bytes, MADV_HUGEPAGE)
        #endif
        pointer = raw.bindMemory(to: S.self, capacity: max(elements, 1))
        count = n
        // Upper triangle row by row from the condensed rows, then mirrored.
        for i in 0..<n where i + 1 < n {
            let source = d + (n &* i &- ((i &* (i &+ 1)) >> 1))
            let target = pointer + (i &* n &+ i &+ 1)
            let length = n - i - 1
            if squared {
                for k in 0..<length { target[k] = source[k] * source[k] }
            } else {
                target.initialize(from: source, count: length)
            }
        }
        RowBlocks.mirrorUpperTriangle(pointer, n: n)
        for i in 0..<n { pointer[i &* n &+ i] = .infinity }
    }

    deinit { free(pointer) }
}
