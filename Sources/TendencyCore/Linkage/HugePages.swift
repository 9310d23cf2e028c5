#if canImport(Glibc)
import Glibc
#endif

/// Transparent huge pages for large working buffers.
///
/// Linkage scans an n x n (or condensed) matrix along columns, touching a
/// new 4 KiB page at nearly every step; once the page tables no longer fit in
/// cache, each access costs a page walk (measured: n = 20,000 average linkage
/// ran 2x slower than with 2 MiB pages). Linux backs regions advised with
/// `MADV_HUGEPAGE` by 2 MiB pages when they are first touched, so advise
/// before writing. Elsewhere this is a no-op.
enum HugePages {
    static let size = 2 << 20

    /// Advises the 2 MiB-aligned part of `[pointer, pointer + byteCount)`.
    static func advise(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        #if os(Linux)
        let first = (Int(bitPattern: pointer) + size - 1) & ~(size - 1)
        let last = (Int(bitPattern: pointer) + byteCount) & ~(size - 1)
        guard last > first, let start = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(start, last - first, Int32(MADV_HUGEPAGE))
        #endif
    }

    /// Uninitialized memory for `count` values, 2 MiB-aligned and advised when
    /// large; release with `deallocate()`.
    static func allocate<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        let bytes = max(count, 1) * MemoryLayout<T>.stride
        let alignment = bytes >= size ? size : MemoryLayout<T>.alignment
        let raw = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: alignment)
        if bytes >= size { advise(raw, byteCount: bytes) }
        return raw.bindMemory(to: T.self, capacity: max(count, 1))
    }
}

extension HugePages {
    /// An array of `count` values whose storage is advised for huge pages
    /// before `initialize` first writes it: for producers of large condensed
    /// distance arrays, so the linkage's strided scans over them stay fast.
    /// `initialize` must set every element.
    static func array<T>(count: Int, initialize: (UnsafeMutableBufferPointer<T>) -> Void) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if let base = buffer.baseAddress {
                advise(UnsafeMutableRawPointer(base), byteCount: count * MemoryLayout<T>.stride)
            }
            initialize(buffer)
            initialized = count
        }
    }
}
