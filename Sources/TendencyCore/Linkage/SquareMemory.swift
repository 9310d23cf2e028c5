#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The memory admission rule for square working matrices, shared by every
/// linkage in the process (the resampling runs several at once): a matrix is
/// admitted when it fits in 85% of the memory available, less 256 MiB for the
/// rest of the process and the system, less what admitted matrices already
/// hold, and within the caller's limit if one is given (`tendency cluster
/// --memory-limit`). A refused matrix means the condensed layout: slower,
/// same result.
///
/// Large matrices are freed on a background thread (`release(_:bytes:)`):
/// returning 3.2 GB of 4 KiB pages to the system took 0.33 s at n = 20,000,
/// time the caller need not wait for. Their bytes count as held until the
/// free completes, and admission waits for pending frees, so the layout
/// chosen never depends on how far a free has got.
enum SquareMemory {
    private static let condition = NSCondition()
    /// Bytes held by admitted matrices, and frees still running; guarded by `condition`.
    nonisolated(unsafe) private static var held = 0
    nonisolated(unsafe) private static var pending = 0
    /// Matrices at least this large are freed in the background.
    static let backgroundFreeBytes = 64 << 20

    /// Bytes reserved and frees still running, for tests.
    static var state: (held: Int, pendingFrees: Int) { condition.withLock { (held, pending) } }

    /// Reserves `bytes` if they fit (always, with `force`), and within `limit`
    /// less what is already held if given; false otherwise.
    static func reserve(_ bytes: Int, force: Bool, limit: Int? = nil) -> Bool {
        condition.withLock {
            while pending > 0 { condition.wait() }
        }
        let available = MemoryBudget.available()
        return condition.withLock {
            if !force {
                guard fits(bytes, available: available, limit: limit) else { return false }
            }
            held += bytes
            return true
        }
    }

    /// Whether `reserve` would admit `bytes` now (without `force`).
    static func admits(_ bytes: Int, limit: Int? = nil) -> Bool {
        let available = MemoryBudget.available()
        return condition.withLock { fits(bytes, available: available, limit: limit) }
    }

    /// The rule; `held` is read under `condition`.
    private static func fits(_ bytes: Int, available: Int?, limit: Int?) -> Bool {
        guard let available else { return false }
        return bytes <= min(available / 20 * 17 - (1 << 28), limit ?? .max) - held
    }

    /// Gives back a reservation whose memory was never allocated.
    static func cancel(_ bytes: Int) {
        condition.withLock { held -= bytes }
    }

    /// Frees a reserved allocation of `bytes` and gives back its reservation.
    static func release(_ pointer: UnsafeMutableRawPointer, bytes: Int) {
        guard bytes >= backgroundFreeBytes else {
            freeNow(pointer, bytes: bytes)
            return
        }
        condition.withLock { pending += 1 }
        nonisolated(unsafe) let address = pointer
        startDetachedThread {
            freeNow(address, bytes: bytes)
            condition.withLock {
                pending -= 1
                condition.broadcast()
            }
        }
    }

    private static func freeNow(_ pointer: UnsafeMutableRawPointer, bytes: Int) {
        free(pointer)
        cancel(bytes)
    }
}
