#if canImport(Glibc)
import Glibc
#endif

/// Keeps freed memory in the process for reuse: glibc's allocator otherwise
/// maps every block above its mmap threshold (at most 32 MiB) afresh and
/// unmaps it on free, so each bootstrap resample of `analyze` faulted in
/// its working matrices page by page (200 resamples at 5,000 members:
/// 12.3 M page faults, 31 s of system time).
///
/// - One arena: a thread arena serves at most 64 MiB blocks and maps
///   anything larger whatever the threshold, and the resamples run on
///   worker threads.
/// - Blocks up to 2 GiB come from that arena and are never trimmed back to
///   the system, so the next resample reuses them. Larger blocks (`cluster`'s
///   square matrix from n = 16,384 in Double) are still mapped and unmapped.
///
/// Measured (`analyze` on `generate-example` organisations): 5,000 members
/// 54.6 s -> 40.4 s (0.28 M faults), peak 847 MB -> 1.15 GB; 3,000 members
/// 18.4 s -> 14.6 s; 2,000 members unchanged (their blocks sit at glibc's
/// dynamic threshold).
/// A process-wide policy, so it is set here, in the executable; library
/// users can do the same (`mallopt` or `GLIBC_TUNABLES`).
enum FreedMemoryReuse {
    static func enable() {
        #if canImport(Glibc)
        // glibc's `mallopt` (malloc.h, which the Glibc module does not
        // export), looked up by name; parameters as malloc.h numbers them.
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(nil, "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
        let arenaMax: Int32 = -8, mmapThreshold: Int32 = -3, trimThreshold: Int32 = -1
        _ = mallopt(arenaMax, 1)
        _ = mallopt(mmapThreshold, Int32.max)
        _ = mallopt(trimThreshold, Int32.max)
        #endif
    }
}
