/// Deterministic resampling plans for bootstrap stability: rows drawn with
/// replacement and subsets of columns drawn without.
///
/// Resample b draws from its own `SeededGenerator(seed:stream:)` stream
/// (2b for rows, 2b + 1 for columns), so its draws depend only on the seed
/// and b: never on the order, or the threads, resamples are computed in.
public struct BootstrapResampling: Sendable, Equatable {
    public let seed: UInt64

    public init(seed: UInt64) {
        self.seed = seed
    }

    /// `count` row indices drawn uniformly with replacement from 0..<count,
    /// in draw order (repeats kept).
    public func rowIndices(resample b: Int, count: Int) -> [Int] {
        var generator = SeededGenerator(seed: seed, stream: 2 &* UInt64(bitPattern: Int64(b)))
        return (0..<max(0, count)).map { _ in generator.nextIndex(below: count) }
    }

    /// `size` distinct column indices from 0..<count, ascending (a partial
    /// Fisher–Yates shuffle). Throws unless 0 <= size <= count.
    public func columnSubset(resample b: Int, of count: Int, size: Int) throws -> [Int] {
        guard size >= 0, size <= count else {
            throw StatisticsError("cannot choose \(size) of \(count) columns")
        }
        var generator = SeededGenerator(seed: seed, stream: 2 &* UInt64(bitPattern: Int64(b)) &+ 1)
        var pool = Array(0..<count)
        for i in 0..<size { pool.swapAt(i, i + generator.nextIndex(below: count - i)) }
        return pool[0..<size].sorted()
    }
}
