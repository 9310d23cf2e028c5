import Benchmark

/// Metrics, iteration budget and regression thresholds shared by every suite.
///
/// Thresholds (checked by `swift package benchmark baseline check`, which
/// `ci-check` runs against the committed `ci` baseline):
/// - wall clock, p50, +35%: CI runs on a shared 2-core machine where other
///   builds and test runs compete for the same cores and memory bandwidth;
///   repeated runs of these benchmarks on an idle versus a loaded machine
///   differed by up to about 25% at p50 (see Benchmarks/README.md), so a
///   tighter bound would fail on noise, while a real algorithmic regression
///   (a lost BLAS path, an O(n^2) step turning O(n^3), a scalar fallback) costs
///   well over 35%. Hardware instruction counts, which would allow a ~10%
///   bound, are not available there (`perf stat -e instructions` reports
///   "not supported"), so they are not used.
/// - malloc count, p50: +/-8 absolute for benchmarks that allocate a few
///   buffers (kernels, gemm, the CSV reader), +2% for those that allocate
///   per element or per merge (linkage, end to end). Counts are nearly
///   deterministic for a given build and input; the slack absorbs the few
///   allocations of the runtime and OpenBLAS's thread pool (seen: +/-4 on
///   ~20, and small variations on counts in the millions), while a new
///   allocation per distance or per merge is caught at once.
/// - peak resident memory, p50, +15%: memory is the binding limit for
///   exact linkage at large n; page-granular accounting and allocator
///   caching vary a little between runs.
public enum SuiteConfiguration {
    public enum Allocations { case fewBuffers, perElement }

    public static func thresholds(_ allocations: Allocations) -> [BenchmarkMetric: BenchmarkThresholds] { [
        .wallClock: .init(relative: [.p50: 35.0]),
        .cpuTotal: .init(relative: [.p50: 35.0]),
        .mallocCountTotal: allocations == .fewBuffers ? .init(absolute: [.p50: 8]) : .init(relative: [.p50: 2.0]),
        .peakMemoryResident: .init(relative: [.p50: 15.0]),
        gemmRatio: .init(relative: [.p50: 35.0]),
    ] }

    /// Kernel time as a share of a plain ?gemm of the same shape (n x d x n),
    /// measured in the same iteration: 100 means the kernel takes as long as
    /// the gemm, above 100 that it is faster. Target: at least 80.
    public static var gemmRatio: BenchmarkMetric { BenchmarkMetric.custom("gemm throughput ratio (%)", polarity: .prefersLarger, useScalingFactor: false) }

    /// Wall clock, mallocs and peak memory; a few iterations within a short
    /// time budget, since every benchmark here runs for milliseconds to seconds.
    public static func standard(maxDuration: Duration = .seconds(2), maxIterations: Int = 20,
                                allocations: Allocations = .fewBuffers,
                                extraMetrics: [BenchmarkMetric] = []) -> Benchmark.Configuration {
        let metrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident] + extraMetrics
        return .init(metrics: metrics,
              timeUnits: .milliseconds,
              warmupIterations: 1,
              maxDuration: maxDuration,
              maxIterations: maxIterations,
              thresholds: thresholds(allocations).filter { metrics.contains($0.key) })
    }
}
