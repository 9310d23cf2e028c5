#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLinearAlgebra
import Dispatch
import Synchronization

/// Partners alive in the process (see `PassPartner.init(_:stepsAside:)`).
private let livePartners = Atomic<Int>(0)

/// A pass over memory cut into numbered parts that can run in any order, on
/// any thread: each part writes only its own outputs.
protocol PartedPass: AnyObject, SendableMetatype {
    func runPart(_ part: Int)
}

/// One helper thread that takes parts of short passes from the calling
/// thread, found by spinning on an atomic instead of being woken by the
/// kernel.
///
/// Why: the nearest-neighbour chain makes tens of thousands of passes of a
/// few microseconds each (a row scan, a merge update). Handing each to a
/// dispatch queue costs a thread wake-up, more than the pass itself (measured
/// a net loss: 4.0 s instead of 2.2 s for n = 20,000). A partner that polls
/// picks a part up in well under a microsecond, and memory-bound passes get
/// the second core's share of the memory bandwidth (1.6-1.8x on this machine).
///
/// Parts are claimed one at a time from a shared ticket, by the caller too,
/// so a partner that is descheduled or asleep delays a pass by at most the
/// one part it holds: the caller never waits for it to start. Which thread
/// runs which part does not change any result. Waits poll with a pause
/// instruction, then yield the core (other threads may need it more: the
/// machine may be shared), and after a few milliseconds without work the
/// partner sleeps on a semaphore until the next pass.
final class PassPartner<Pass: PartedPass>: @unchecked Sendable {
    /// Generation (bits 32...), part count (bits 16..<32), next part (bits 0..<16).
    private let ticket = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)
    private let sleeping = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    private let exited = DispatchSemaphore(value: 0)
    private unowned(unsafe) let pass: Pass
    private let stepsAside: Bool
    private var generation = 0

    static var stopWord: Int { -1 }
    /// The most parts one pass can have.
    static var maximumParts: Int { 0xFFFF }
    /// Polls before yielding the core (tens of microseconds) and before
    /// sleeping (a few milliseconds, each poll a yield).
    private static var pausingSpins: Int { 1 << 10 }
    private static var idleSpins: Int { 1 << 13 }

    /// Starts the thread; `pass` must outlive the partner (its owner stops
    /// the partner in `deinit`). A partner that `stepsAside` leaves every
    /// part to its caller while another partner is alive: concurrent
    /// linkages (the resampling runs several) then keep one thread each
    /// instead of four polling threads contending for two cores.
    init(_ pass: Pass, stepsAside: Bool = true) {
        self.pass = pass
        self.stepsAside = stepsAside
        livePartners.wrappingAdd(1, ordering: .relaxed)
        startDetachedThread { [self] in loop() }
    }

    /// Runs parts `0..<parts` of the pass, on this thread and the partner,
    /// and returns when all are done.
    func run(parts: Int) {
        precondition(parts >= 0 && parts <= Self.maximumParts)
        guard parts > 1, !stepsAside || livePartners.load(ordering: .relaxed) == 1 else {
            for part in 0..<parts { pass.runPart(part) }
            return
        }
        // Every part of the previous pass is finished, so none is claimed late.
        finished.store(0, ordering: .relaxed)
        generation += 1
        let first = (generation << 32) | (parts << 16)
        ticket.store(first, ordering: .sequentiallyConsistent)
        if sleeping.load(ordering: .sequentiallyConsistent), sleeping.exchange(false, ordering: .sequentiallyConsistent) {
            wake.signal()
        }
        while let part = claim() {
            pass.runPart(part)
            finished.wrappingAdd(1, ordering: .releasing)
        }
        var spins = 0
        while finished.load(ordering: .acquiring) < parts {
            spins += 1
            Self.wait(spins)
        }
    }

    /// The next unclaimed part of the current pass, if any.
    @inline(__always)
    private func claim() -> Int? {
        var word = ticket.load(ordering: .acquiring)
        while word != Self.stopWord && word & 0xFFFF < (word >> 16) & 0xFFFF {
            let (exchanged, original) = ticket.compareExchange(expected: word, desired: word + 1, ordering: .acquiring)
            if exchanged { return word & 0xFFFF }
            word = original
        }
        return nil
    }

    /// One poll's wait: a pause instruction, later a yield of the core.
    @inline(__always)
    private static func wait(_ spins: Int) {
        if spins < pausingSpins { tendency_spin_pause() } else { sched_yield() }
    }

    private func loop() {
        var idle = 0
        while true {
            if let part = claim() {
                pass.runPart(part)
                finished.wrappingAdd(1, ordering: .releasing)
                idle = 0
                continue
            }
            let word = ticket.load(ordering: .sequentiallyConsistent)
            if word == Self.stopWord { break }
            idle += 1
            if idle < Self.idleSpins {
                Self.wait(idle)
                continue
            }
            // Sleep unless a pass was posted meanwhile. A poster that sees
            // `sleeping` takes it back and signals; if it took it back first,
            // its signal is consumed here.
            sleeping.store(true, ordering: .sequentiallyConsistent)
            if ticket.load(ordering: .sequentiallyConsistent) != word,
               sleeping.exchange(false, ordering: .sequentiallyConsistent) {
                idle = 0
                continue
            }
            wake.wait()
            idle = 0
        }
        exited.signal()
    }

    /// Ends the thread and waits for it; call once, with no pass running.
    func stop() {
        ticket.store(Self.stopWord, ordering: .sequentiallyConsistent)
        if sleeping.exchange(false, ordering: .sequentiallyConsistent) { wake.signal() }
        exited.wait()
        livePartners.wrappingSubtract(1, ordering: .relaxed)
    }
}
