import Synchronization

/// How far a long computation has come, for a display on another thread.
///
/// The computation names each stage as it begins (with how many units it
/// has, when that is known) and counts the units it finishes; a reader
/// polls `snapshot` whenever it likes, and may be told of each stage as it
/// begins (`stageBegan`, called on the computing thread, so it must be
/// quick). Counting is one relaxed atomic add
/// per unit (a row block, a merge, a resample), and nothing the computation
/// does depends on it, so results are the same with or without a display.
public final class WorkProgress: Sendable {
    /// One reading of the progress.
    public struct Snapshot: Sendable, Equatable {
        /// What is being done ("distances", "linkage", ...); empty before the first stage.
        public var stage: String
        /// What is counted ("rows", "merges", ...); empty when nothing is.
        public var unit: String
        /// Units finished, at most `total` (when `total` > 0).
        public var done: Int
        /// Units in the stage; 0 when not known.
        public var total: Int
        /// Counts the stages begun, so that a reader sees a stage begin
        /// again under the same name.
        public var number: Int
        /// When the stage began.
        public var began: ContinuousClock.Instant
    }

    private struct Stage {
        var name = "", unit = "", total = 0, number = 0
        var began = ContinuousClock.now
    }

    private let stage = Mutex(Stage())
    private let done = Atomic<Int>(0)
    private let stageBegan: (@Sendable (Snapshot) -> Void)?

    public init(stageBegan: (@Sendable (Snapshot) -> Void)? = nil) {
        self.stageBegan = stageBegan
    }

    /// Starts a stage: `total` units of `unit` (0 and "" when not counted).
    public func begin(_ name: String, total: Int = 0, unit: String = "") {
        stage.withLock { stage in
            done.store(0, ordering: .relaxed)
            stage = Stage(name: name, unit: unit, total: max(0, total), number: stage.number + 1, began: .now)
        }
        stageBegan?(snapshot)
    }

    /// Counts `units` more finished units of the current stage.
    public func advance(by units: Int = 1) {
        done.wrappingAdd(units, ordering: .relaxed)
    }

    public var snapshot: Snapshot {
        stage.withLock { stage in
            let count = done.load(ordering: .relaxed)
            return Snapshot(stage: stage.name, unit: stage.unit,
                            done: stage.total > 0 ? min(count, stage.total) : count,
                            total: stage.total, number: stage.number, began: stage.began)
        }
    }
}
