import Foundation

/// Memory estimates made before large allocations, so a run that cannot fit
/// is refused with a clear message instead of being killed halfway.
public enum MemoryBudget {
    /// Bytes the system can still give this process (Linux `MemAvailable`),
    /// or nil where that is not known.
    public static func available() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ")
            if fields.count >= 2, let kib = Int(fields[1]) { return kib * 1024 }
        }
        return nil
    }

    /// Bytes needed to cluster n rows of d values through the condensed
    /// distance matrix: the n(n-1)/2 distances (updated in place by the
    /// linkage), the data, and the kernel's row-block tiles (one per core, of
    /// the height `RowBlocks` gives them).
    public static func distancePath(rows n: Int, columns d: Int, scalarBytes: Int) -> Int {
        let pairs = n.multipliedReportingOverflow(by: max(0, n - 1))
        guard !pairs.overflow else { return .max }
        let condensed = pairs.partialValue / 2 * scalarBytes
        let tiles = ProcessorCount.active * RowBlocks.rowsPerBlock(count: n) * n * scalarBytes
        return condensed + besidesDistances(rows: n, columns: d) + tiles
    }

    /// Bytes a clustering of n rows of d values holds besides its distances:
    /// the data, the kernel's prepared copy and per-row bookkeeping.
    public static func besidesDistances(rows n: Int, columns d: Int) -> Int {
        2 * n * d * 8 + 64 * n
    }

    /// Whether the n x n working matrix of complete, average, weighted and
    /// Ward linkage (n^2 scalars, contiguous rows: the fast layout) fits now,
    /// within `limit` bytes if given; otherwise the linkage works in the
    /// condensed distances, slower.
    public static func squareWorkingMatrixFits(rows n: Int, scalarBytes: Int, limit: Int? = nil) -> Bool {
        let (elements, overflow) = n.multipliedReportingOverflow(by: n)
        guard !overflow, elements <= Int.max / max(1, scalarBytes) else { return false }
        return SquareMemory.admits(elements * scalarBytes, limit: limit)
    }

    /// Bytes needed by the memory-linear linkage on the feature vectors.
    public static func pointsPath(rows n: Int, columns d: Int, scalarBytes: Int) -> Int {
        3 * n * d * max(8, scalarBytes) + 64 * n
    }

    /// "1.2 GiB", "3 MiB", "12 KiB" or "800 bytes".
    public static func describe(_ bytes: Int) -> String {
        let value = Double(bytes)
        if value >= Double(1 << 30) { return String(format: "%.1f GiB", value / Double(1 << 30)) }
        if value >= Double(1 << 20) { return String(format: "%.0f MiB", value / Double(1 << 20)) }
        if value >= Double(1 << 10) { return String(format: "%.0f KiB", value / Double(1 << 10)) }
        return "\(bytes) bytes"
    }
}
