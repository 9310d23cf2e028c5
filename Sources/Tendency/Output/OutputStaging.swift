import Foundation

/// The temporaries of outputs being written, so an interrupt (Ctrl-C,
/// SIGTERM) can remove them and leave the previous outputs as they were.
///
/// Writers (`AtomicOutput`, `AtomicFolderWriter`) do all their work inside
/// `section`, registering every temporary before creating it and calling
/// `checkpoint()` before each step. The signal handler (`installHandlers`)
/// first raises the interrupt flag, then waits for the section: a writer in
/// the middle of its files sees the flag at its next checkpoint and removes
/// its own temporaries; renames into place, once started, finish (they take
/// microseconds), so the outputs are wholly old or wholly new, never mixed.
/// The handler then removes whatever is still registered and exits with
/// 128 + the signal number (130 for SIGINT, 143 for SIGTERM).
public final class OutputStaging: @unchecked Sendable {
    public static let shared = OutputStaging()

    private let stateLock = NSLock()
    /// Recursive: a writer's section may run another's (the key file's
    /// commit around the output folder's).
    private let sectionLock = NSRecursiveLock()
    private var temporaries: [String] = []
    private var signalNumber: Int32 = 0
    private var sources: [DispatchSourceSignal] = []
    private var interruptActions: [@Sendable () -> Void] = []

    /// Adds something to do when an interrupt ends the process, after the
    /// temporaries are removed and before the exit (the CLI ends its
    /// progress line there).
    public func whenInterrupted(_ action: @escaping @Sendable () -> Void) {
        stateLock.withLock { interruptActions.append(action) }
    }

    /// Runs a writer's body with the interrupt handler held off.
    func section<T>(_ body: () throws -> T) throws -> T {
        sectionLock.lock()
        defer { sectionLock.unlock() }
        try checkpoint()
        return try body()
    }

    /// Records a temporary path (before it is created).
    func register(_ path: String) {
        stateLock.withLock { temporaries.append(path) }
    }

    /// Forgets a temporary that was renamed into place or removed.
    func unregister(_ path: String) {
        stateLock.withLock { temporaries.removeAll { $0 == path } }
    }

    /// Inside `section`: when an interrupt is pending, removes every
    /// registered temporary and exits with the signal's status.
    func checkpoint() throws {
        let signal = stateLock.withLock { signalNumber }
        if signal != 0 { removeTemporariesAndExit(signal) }
    }

    private func removeTemporariesAndExit(_ signal: Int32) -> Never {
        let paths = stateLock.withLock { temporaries }
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
        for action in stateLock.withLock({ interruptActions }) { action() }
        _exit(128 + signal)
    }

    /// Handles SIGINT and SIGTERM as described above. Idempotent.
    public func installHandlers() {
        stateLock.lock()
        defer { stateLock.unlock() }
        guard sources.isEmpty else { return }
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)  // delivered to the dispatch source instead
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [unowned self] in
                self.stateLock.withLock { if self.signalNumber == 0 { self.signalNumber = number } }
                self.sectionLock.lock()  // a writer finishes or backs out first
                self.removeTemporariesAndExit(self.stateLock.withLock { self.signalNumber })
            }
            source.resume()
            sources.append(source)
        }
    }
}
