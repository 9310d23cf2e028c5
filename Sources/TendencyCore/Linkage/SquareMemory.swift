import Foundation

/// The memory admission rule for square working matrices, shared by every
/// linkage in the process (the resampling runs several at once): a matrix is
/// admitted when it fits in 85% of the memory available, less 256 MiB for the
/// rest of the process and the system, less what admitted matrices already
/// hold. A refused matrix means the condensed layout: slower, same result.
enum SquareMemory {
    private static let lock = NSLock()
    /// Bytes held by admitted matrices; guarded by `lock` (NSLock rather than
    /// `Mutex`, which needs macOS 15).
    nonisolated(unsafe) private static var held = 0

    /// Reserves `bytes` if they fit (always, with `force`); false otherwise.
    static func reserve(_ bytes: Int, force: Bool) -> Bool {
        let available = MemoryBudget.available()
        return lock.withLock {
            if !force {
                guard let available, bytes <= available / 20 * 17 - (1 << 28) - held else { return false }
            }
            held += bytes
            return true
        }
    }

    static func release(_ bytes: Int) {
        lock.withLock { held -= bytes }
    }
}
