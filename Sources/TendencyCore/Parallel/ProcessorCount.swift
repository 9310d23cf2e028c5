import Foundation

/// The number of cores this process may use, read once.
///
/// Why: on Linux, Foundation's `activeProcessorCount` reads the cgroup files
/// (cpuset, CPU quota) on every call: file reads and a few hundred string
/// allocations. The points path asked for it before every long scan, which
/// made 223 K of the 225 K allocations of a Ward linkage of 5,000 points.
enum ProcessorCount {
    static let active: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
}
