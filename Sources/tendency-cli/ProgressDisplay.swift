import ArgumentParser
import Foundation
import Tendency

/// Shows a command's `WorkProgress` on standard error while it works.
///
/// On a terminal, one line is redrawn in place five times a second and
/// erased at the end. Elsewhere (`--progress` into a log) a line is written
/// as each stage begins and every 10 seconds within it, never redrawn. The
/// display only reads the progress, so outputs are the same with it or
/// without it.
final class ProgressDisplay: @unchecked Sendable {
    /// What the command's work reports to; set once, in `init`.
    private(set) var progress: WorkProgress!
    private let interactive: Bool
    /// The terminal's width in characters, if known: a longer line would
    /// wrap, and `\r` only returns to the start of its last row.
    private let width: Int?
    private let write: (String) -> Void
    private let lock = NSLock()
    /// Signalled by `finish` to wake the display thread early.
    private let wake = DispatchSemaphore(value: 0)
    /// Signalled by the display thread as it ends.
    private let ended = DispatchSemaphore(value: 0)
    // Guarded by `lock`.
    private var running = false
    private var stopping = false
    private var lineShown = false
    private var shownStage = 0
    private var lastLine = ContinuousClock.now

    static let flagHelp: ArgumentHelp = "Show progress on stderr even when it is not a terminal (a line as each stage begins and every 10 seconds, for logs), and even with --quiet. On a terminal it shows unless --quiet."

    /// Seconds between lines in a log (not on a terminal).
    static let logInterval: Double = 10

    /// The display a command should have: on a terminal unless `quiet`, and
    /// anywhere when `forced` (`--progress`); nil for none.
    static func make(quiet: Bool, forced: Bool) -> ProgressDisplay? {
        let terminal = isatty(STDERR_FILENO) != 0
        guard forced || (terminal && !quiet) else { return nil }
        var size = winsize()
        let width = terminal && ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : nil
        let display = ProgressDisplay(interactive: terminal, width: width) { FileHandle.standardError.write(Data($0.utf8)) }
        display.start()
        OutputStaging.shared.whenInterrupted { [weak display] in display?.interrupted() }
        return display
    }

    init(interactive: Bool, width: Int? = nil, write: @escaping (String) -> Void) {
        self.interactive = interactive
        self.width = width
        self.write = write
        progress = WorkProgress { [weak self] _ in self?.tick() }
    }

    private func start() {
        lock.withLock { running = true }
        Thread.detachNewThread { [self] in
            while !lock.withLock({ stopping }) {
                tick()
                _ = wake.wait(timeout: .now() + .milliseconds(200))
            }
            ended.signal()
        }
    }

    /// Draws what the progress says now, if there is something new to say.
    func tick(now: ContinuousClock.Instant = .now) {
        let snapshot = progress.snapshot
        lock.withLock {
            guard !stopping, !snapshot.stage.isEmpty else { return }
            let newStage = snapshot.number > shownStage
            guard newStage || snapshot.number == shownStage else { return }  // a tick behind a newer line
            shownStage = snapshot.number
            let elapsed = snapshot.began.duration(to: now).components
            let seconds = max(0, Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18)
            if interactive {
                // One column short of the width: a full row can wrap on some terminals.
                let line = Self.line(snapshot, seconds: seconds)
                write("\r" + String(line.prefix(max(1, (width ?? .max) - 1))) + "\u{1B}[K")
                lineShown = true
            } else if newStage || lastLine.duration(to: now) >= .seconds(Self.logInterval) {
                write(Self.line(snapshot, seconds: newStage ? nil : seconds) + "\n")
                lastLine = now
            }
        }
    }

    /// Writes `text` (a whole line, with its newline) without mixing it into
    /// the progress line; the next tick draws that line again below it.
    func message(_ text: String) {
        lock.withLock {
            eraseLine()
            write(text)
        }
    }

    /// A line of notice on stderr, through `display` when there is one.
    static func notice(_ line: String, _ display: ProgressDisplay?) {
        if let display { display.message(line + "\n") } else { FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }

    /// Stops the display and erases its line; safe to call more than once.
    func finish() {
        let wasRunning = lock.withLock {
            defer { running = false; stopping = true }
            return running
        }
        if wasRunning {
            wake.signal()
            ended.wait()
        }
        lock.withLock { eraseLine() }
    }

    /// Stops drawing and ends the line shown, if any, with a newline: on an
    /// interrupt the last progress stays readable and the shell's prompt
    /// starts on a line of its own.
    func interrupted() {
        lock.withLock {
            stopping = true
            if lineShown {
                write("\n")
                lineShown = false
            }
        }
    }

    private func eraseLine() {
        if lineShown {
            write("\r\u{1B}[K")
            lineShown = false
        }
    }

    /// "linkage: 12,345 of 19,999 merges (62%), 3.1 s", or "distances,
    /// 0.4 s" when nothing is counted; `seconds` nil for a stage's first
    /// line in a log, which says what it will count ("linkage: 19,999 merges").
    static func line(_ snapshot: WorkProgress.Snapshot, seconds: Double?) -> String {
        var text = snapshot.stage
        if snapshot.total > 0 {
            let percent = snapshot.done * 100 / snapshot.total
            // Units are named in the plural ("merges"): one is "1 merge".
            let unit = snapshot.total == 1 && snapshot.unit.hasSuffix("s") ? String(snapshot.unit.dropLast()) : snapshot.unit
            text += seconds == nil
                ? ": \(grouped(snapshot.total)) \(unit)"
                : ": \(grouped(snapshot.done)) of \(grouped(snapshot.total)) \(unit) (\(percent)%)"
        }
        if let seconds { text += String(format: ", %.1f s", seconds) }
        return text
    }

    /// 12345 as "12,345".
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return (value < 0 ? "-" : "") + out
    }
}
