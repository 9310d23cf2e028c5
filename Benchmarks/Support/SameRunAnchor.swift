import Benchmark
import Dispatch
import Foundation
import TendencyCore

/// A fixed piece of work timed right before each measured iteration, so a
/// benchmark's time can be judged relative to what the machine delivers at
/// that moment instead of against a wall-clock figure recorded on another day.
///
/// Why: CI runs on shared virtual machines whose speed drifts by tens of
/// percent between runs. One CI run found the plain `dgemm 4000x64x4000`
/// (no Tendency code in it) 37-41% slower than in the recorded baseline, and
/// the wall-clock gate failed although nothing had changed. The anchor slows
/// with the machine; the ratio does not.
///
/// The work: C = A A^T for a 4000 x 64 `Double` A (2,048 MFLOP, 128 MB of
/// C), its rows split between `ProcessInfo.activeProcessorCount` threads,
/// each calling a one-thread ?gemm: every core computes and streams memory,
/// as the linkage and kernel passes do. The shorter of two runs is kept, so
/// one burst of load on the anchor alone does not flatter the benchmark.
public enum SameRunAnchor {
    /// 100 x benchmark time / anchor time, measured in the same iteration.
    public static var metric: BenchmarkMetric {
        .custom("time per anchor dgemm (%)", polarity: .prefersSmaller, useScalingFactor: false)
    }

    /// Times the anchor, then `body` between `startMeasurement` and
    /// `stopMeasurement`, and records `metric` for the iteration.
    public static func measure<T>(_ benchmark: Benchmark, _ body: () throws -> T) throws -> T {
        let anchor = try min(anchorTime(), anchorTime())
        let start = ContinuousClock.now
        benchmark.startMeasurement()
        let result = try body()
        benchmark.stopMeasurement()
        let elapsed = ContinuousClock.now - start
        benchmark.measurement(metric, Int((100 * (elapsed / anchor)).rounded()))
        return result
    }

    private static let rows = 4_000
    private static let columns = 64
    private static let input = LazyInput { SyntheticData.points(n: rows, d: columns, as: Double.self) }
    private static let product = LazyInput { UnsafeMutableBufferPointer<Double>.allocate(capacity: rows * rows) }

    private static func anchorTime() throws -> Duration {
        let a = try input.get()
        nonisolated(unsafe) let c = try product.get()
        let parts = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let start = ContinuousClock.now
        a.storage.withUnsafeBufferPointer { a in
            nonisolated(unsafe) let a = a
            DispatchQueue.concurrentPerform(iterations: parts) { k in
                let low = k * rows / parts, high = (k + 1) * rows / parts
                // Rows low..<high of C = A A^T: (high - low) x rows x columns.
                do {
                    try Double.gemmABt(m: high - low, n: rows, k: columns, alpha: 1,
                                       a: a.baseAddress! + low * columns, lda: columns,
                                       b: a.baseAddress!, ldb: columns,
                                       beta: 0, c: c.baseAddress! + low * rows, ldc: rows)
                } catch {
                    fatalError("the anchor gemm failed: \(error)")
                }
            }
        }
        let elapsed = ContinuousClock.now - start
        blackHole(c[rows + 1])
        return elapsed
    }
}
