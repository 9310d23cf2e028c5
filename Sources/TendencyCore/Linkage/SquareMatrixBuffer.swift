#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The n x n working matrix of `SquareStore`, row-major.
///
/// Plain `malloc`, its pages faulted in by the kernel threads that first
/// write them. Measured alternatives on the benchmark machine (a VM, n =
/// 20,000, 3.2 GB, after the machine sat idle): transparent huge pages
/// populated up front made the linkage 0.3 s faster (fewer TLB misses) but
/// the kernel phase 7.5 s instead of 1.6 s, huge pages being backed lazily
/// by the host; 4 KiB pages populated up front in parallel (`MADV_POPULATE_WRITE`)
/// gave 2.1-3.6 s. Faulting while computing overlaps the two. Huge pages
/// faulted by the kernel threads: 0.6 s for the kernel phase when the run
/// before had freed huge pages, 4.3-4.5 s after a pause (against 1.0-1.5 s
/// and 1.1-1.3 s with 4 KiB pages), so a single run loses.
///
/// Once filled it holds the working dissimilarities (squared distances for
/// rules on squared distances) with +infinity on the diagonal, never a
/// neighbour.
final class SquareMatrixBuffer<S: BLASScalar> {
    let pointer: UnsafeMutablePointer<S>
    let count: Int

    private let bytes: Int

    /// Uninitialised (possibly a parked matrix's old values, see
    /// `SquareMemory.reusingFreed`); nil when `SquareMemory` refuses the n^2 scalars (unless
    /// `force`; `limit` in bytes, see `SquareMemory.reserve`) or the
    /// allocation fails.
    init?(count n: Int, force: Bool = false, limit: Int? = nil) {
        let (elements, overflow) = n.multipliedReportingOverflow(by: n)
        guard !overflow, elements <= Int.max / 16 else { return nil }
        let bytes = max(elements, 1) * MemoryLayout<S>.stride
        if let parked = SquareMemory.takeParked(bytes, limit: limit) {
            pointer = parked.address.bindMemory(to: S.self, capacity: max(elements, 1))
            self.bytes = parked.bytes
            count = n
            return
        }
        guard SquareMemory.reserve(bytes, force: force, limit: limit) else { return nil }
        guard let pointer = Self.allocate(elements) else {
            SquareMemory.cancel(bytes)
            return nil
        }
        self.pointer = pointer
        self.bytes = bytes
        count = n
    }

    /// Filled from condensed distances (SciPy order): squared for rules on
    /// squared distances, +infinity on the diagonal.
    convenience init?(condensed d: UnsafePointer<S>, count n: Int, squared: Bool, force: Bool = false, limit: Int? = nil) {
        self.init(count: n, force: force, limit: limit)
        RowBlocks.fillSquare(fromCondensed: d, into: pointer, count: n, squaring: squared, diagonal: .infinity)
    }

    /// Nil rather than a crash when the system refuses the memory.
    private static func allocate(_ count: Int) -> UnsafeMutablePointer<S>? {
        malloc(max(count, 1) * MemoryLayout<S>.stride)?.bindMemory(to: S.self, capacity: max(count, 1))
    }

    deinit {
        SquareMemory.release(pointer, bytes: bytes)
    }
}
