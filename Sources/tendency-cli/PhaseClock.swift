import Foundation

/// Wall-clock times of a run's phases, for `--timings`.
struct PhaseClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private(set) var phases: [(name: String, seconds: Double)] = []

    /// Ends the current phase and names it.
    mutating func lap(_ name: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        phases.append((name, Double(now - last) / 1e9))
        last = now
    }

    /// `{"phase": seconds, ...}` in phase order.
    var json: String {
        "{" + phases.map { "\"\($0.name)\":\(String(format: "%.6f", $0.seconds))" }.joined(separator: ",") + "}"
    }
}
