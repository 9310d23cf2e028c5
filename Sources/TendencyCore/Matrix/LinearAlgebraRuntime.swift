import CLinearAlgebra
import Foundation

/// The process-wide OpenBLAS settings, for manifests and for callers that
/// need to pin the thread count (OpenBLAS threading is global to the process).
public enum LinearAlgebraRuntime {
    /// OpenBLAS's build string (version, target core, threading model).
    public static var buildDescription: String {
        guard let config = openblas_get_config() else { return "unknown" }
        return String(cString: config).trimmingCharacters(in: .whitespaces)
    }

    /// The number of threads OpenBLAS uses for one call.
    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// Pins OpenBLAS to one thread, once per process. Tendency parallelises
    /// across independent blocks itself; a multi-threaded BLAS call may split
    /// a sum differently for another thread count and change the last bits,
    /// so single-threaded calls keep results identical on every machine.
    /// Every BLAS/LAPACK wrapper touches this before its call.
    static let singleThreaded: Void = { openblas_set_num_threads(1) }()

    /// Sets the number of threads OpenBLAS uses for every later call in this process.
    public static func setThreadCount(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, min(count, Int(Int32.max)))))
    }
}
