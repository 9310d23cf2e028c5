#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The number of cores this process may use, read once.
///
/// Why: on Linux, Foundation's `activeProcessorCount` reads the cgroup files
/// (cpuset, CPU quota) on every call: file reads and a few hundred string
/// allocations. The points path asked for it before every long scan, which
/// made 223 K of the 225 K allocations of a Ward linkage of 5,000 points.
/// It does not see the process's CPU affinity (`taskset -c 0` still gives
/// 2 here), so that is counted too: a process pinned to one core then runs
/// no partner threads that would only take turns with it.
enum ProcessorCount {
    static let active: Int = max(1, min(ProcessInfo.processInfo.activeProcessorCount, affinityCount ?? .max))

    /// The cores in the process's affinity mask (`sched_getaffinity`), if known.
    static var affinityCount: Int? {
        #if canImport(Glibc)
        // glibc's `sched_getaffinity` (declared only under _GNU_SOURCE, which
        // the Glibc module does not set), looked up by name; a mask of 1,024
        // cores, glibc's `cpu_set_t`.
        typealias GetAffinity = @convention(c) (pid_t, Int, UnsafeMutableRawPointer) -> Int32
        guard let symbol = dlsym(nil, "sched_getaffinity") else { return nil }
        let getAffinity = unsafeBitCast(symbol, to: GetAffinity.self)
        var mask = [UInt64](repeating: 0, count: 16)
        let count = mask.withUnsafeMutableBytes { bytes -> Int in
            guard getAffinity(0, bytes.count, bytes.baseAddress!) == 0 else { return 0 }
            return bytes.reduce(0) { $0 + $1.nonzeroBitCount }
        }
        return count > 0 ? count : nil
        #else
        return nil
        #endif
    }
}
