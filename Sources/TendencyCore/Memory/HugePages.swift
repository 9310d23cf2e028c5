#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Transparent huge pages for the large distance buffers.
///
/// Why: on this kind of machine (a VM, THP in `madvise` mode) first touching
/// fresh 4 KiB pages runs at about 1 GB/s and dominated the time of a run;
/// 2 MiB pages are faulted in about 4x faster and cut TLB misses when
/// rows are far apart. Advice only: results never depend on it.
enum HugePages {
    static let size = 1 << 21

    /// Advises the 2 MiB-aligned interior of `bytes` bytes at `start`, before
    /// they are first touched. A no-op where unsupported or for small buffers.
    static func advise(_ start: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
        let begin = (Int(bitPattern: start) + size - 1) & ~(size - 1)
        let end = (Int(bitPattern: start) + bytes) & ~(size - 1)
        guard end > begin, let aligned = UnsafeMutableRawPointer(bitPattern: begin) else { return }
        _ = madvise(aligned, end - begin, MADV_HUGEPAGE)
        #endif
    }

    /// `count` uninitialised scalars on a 2 MiB boundary, advised into huge
    /// pages; release with `free`. Nil when the allocation fails.
    static func allocate<S>(_: S.Type, count: Int) -> UnsafeMutablePointer<S>? {
        let (bytes, overflow) = max(count, 1).multipliedReportingOverflow(by: MemoryLayout<S>.stride)
        guard !overflow else { return nil }
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, size, bytes) == 0, let raw else { return nil }
        advise(raw, bytes: bytes)
        return raw.bindMemory(to: S.self, capacity: max(count, 1))
    }

    static func free<S>(_ pointer: UnsafeMutablePointer<S>) {
        #if canImport(Glibc)
        Glibc.free(pointer)
        #else
        Darwin.free(pointer)
        #endif
    }
}
