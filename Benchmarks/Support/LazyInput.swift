import Foundation

/// An input made on first use and kept for the benchmark's later iterations,
/// so data generation stays outside the measured region (each closure takes
/// its input before `startMeasurement()`). The benchmark runner calls a
/// benchmark's closure from one thread at a time; the lock makes that safe
/// regardless.
public final class LazyInput<Value>: @unchecked Sendable {
    private let make: () throws -> Value
    private var value: Value?
    private let lock = NSLock()

    public init(_ make: @escaping () throws -> Value) { self.make = make }

    public func get() throws -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let made = try make()
        value = made
        return made
    }

    /// Drops the cached value (e.g. in a teardown hook, to free memory
    /// before the next benchmark).
    public func reset() {
        lock.lock()
        value = nil
        lock.unlock()
    }
}
