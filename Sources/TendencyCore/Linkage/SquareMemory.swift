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
///
/// Within `reusingFreed(_:)` large matrices are parked instead of freed, the
/// latest one per active core, and the next request of about the same size
/// (at most an eighth smaller) takes one:
/// its pages are already in memory, where a fresh block faults in n^2
/// scalars page by page (780,000 faults at n = 20,000, about as long as the
/// linkage itself). A block is parked only while the system has room for
/// half as much again beside it. Parked bytes are not held: the memory the
/// system reports available already leaves them out, and a request that
/// does not fit frees every parked block and asks again. (Every layout
/// gives the same linkage, so whether a matrix came from the park never
/// changes a result.)
enum SquareMemory {
    private static let condition = NSCondition()
    /// Bytes held by admitted matrices, and frees still running; guarded by `condition`.
    nonisolated(unsafe) private static var held = 0
    nonisolated(unsafe) private static var pending = 0
    /// An allocation and its size in bytes.
    typealias Block = (address: UnsafeMutableRawPointer, bytes: Int)
    /// Freed matrices kept for reuse, and open `reusingFreed` scopes; guarded by `condition`.
    nonisolated(unsafe) private static var parked: [Block] = []
    nonisolated(unsafe) private static var reuseScopes = 0
    /// Matrices at least this large are freed in the background.
    static let backgroundFreeBytes = 64 << 20

    /// Bytes reserved, frees still running and matrices parked, for tests.
    static var state: (held: Int, pendingFrees: Int, parked: Int) { condition.withLock { (held, pending, parked.count) } }

    /// The most matrices parked at once: as many as linkages can run at once.
    static var maximumParked: Int { max(1, ProcessorCount.active) }

    /// Reserves `bytes` if they fit (always, with `force`), and within `limit`
    /// less what is already held if given; false otherwise. Parked matrices
    /// are freed first if they are what stands in the way.
    static func reserve(_ bytes: Int, force: Bool, limit: Int? = nil) -> Bool {
        if admit(bytes, force: force, limit: limit) { return true }
        let unparked = condition.withLock { unparkAll() }
        guard !unparked.isEmpty else { return false }
        for block in unparked { free(block.address) }
        return admit(bytes, force: force, limit: limit)
    }

    private static func admit(_ bytes: Int, force: Bool, limit: Int?) -> Bool {
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

    /// The smallest parked block of at least `bytes` and at most an eighth
    /// more (resamples of members differ a little in size), reserved for the
    /// caller with its size, if there is one and `limit` allows it.
    static func takeParked(_ bytes: Int, limit: Int? = nil) -> Block? {
        condition.withLock {
            let fitting = parked.indices.filter { parked[$0].bytes >= bytes && parked[$0].bytes - bytes <= bytes / 8 }
            guard let index = fitting.min(by: { parked[$0].bytes < parked[$1].bytes }),
                  parked[index].bytes <= (limit ?? .max) - held else { return nil }
            held += parked[index].bytes
            return parked.remove(at: index)
        }
    }

    /// Runs `body` with freed large matrices parked for reuse (see the type's
    /// description); what is still parked when the outermost scope ends is
    /// freed in the background.
    static func reusingFreed<R>(_ body: () throws -> R) rethrows -> R {
        condition.withLock { reuseScopes += 1 }
        defer {
            let unparked = condition.withLock { () -> [Block] in
                reuseScopes -= 1
                return reuseScopes == 0 ? unparkAll() : []
            }
            for block in unparked { freeInBackground(block.address, bytes: block.bytes, held: false) }
        }
        return try body()
    }

    /// Empties the park, returning what it held; called under `condition`.
    private static func unparkAll() -> [Block] {
        defer { parked = [] }
        return parked
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

    /// Frees a reserved allocation of `bytes` (or parks it, see
    /// `reusingFreed`) and gives back its reservation.
    static func release(_ pointer: UnsafeMutableRawPointer, bytes: Int) {
        guard bytes >= backgroundFreeBytes else {
            free(pointer)
            cancel(bytes)
            return
        }
        // Kept only while the system has room beside it for half as much
        // again: the work between two linkages allocates outside this
        // admission, at most the next resample's condensed distances (half
        // the matrix's bytes), and those usually come from memory the
        // allocator kept. (Room for another block as large left 23,000
        // members, 4.2 GB matrices on a 24 GB machine, with none parked:
        // 93.6 M page faults; Benchmarks/README.md, "Twenty-first session".)
        let roomy = condition.withLock { reuseScopes > 0 } && (MemoryBudget.available() ?? 0) >= bytes + bytes / 2
        // The most recently freed blocks are kept: the next linkages are
        // likeliest to be of their size.
        let evicted = condition.withLock { () -> Block? in
            guard reuseScopes > 0, roomy else { return (pointer, bytes) }
            parked.append((pointer, bytes))
            held -= bytes
            guard parked.count > maximumParked else { return nil }
            let oldest = parked.removeFirst()
            held += oldest.bytes
            return oldest
        }
        if let evicted { freeInBackground(evicted.address, bytes: evicted.bytes, held: true) }
    }

    /// Frees `pointer` on a background thread, then gives back its `bytes`
    /// if they are `held`.
    private static func freeInBackground(_ pointer: UnsafeMutableRawPointer, bytes: Int, held isHeld: Bool) {
        condition.withLock { pending += 1 }
        nonisolated(unsafe) let address = pointer
        startDetachedThread {
            free(address)
            condition.withLock {
                if isHeld { held -= bytes }
                pending -= 1
                condition.broadcast()
            }
        }
    }
}
