import Dispatch
import Foundation

/// A prepared distance computation that fills one row block of distances at
/// a time (see `GramTile` for the tile layout).
protocol PairKernel {
    associatedtype Scalar: BLASScalar
    /// The number of rows compared.
    var count: Int { get }
    /// Writes the distance of (i, j) for every i in `rows` and every
    /// j in `i + 1 ..< count` at `tile[(i - rows.lowerBound) * ld + (j - rows.lowerBound)]`.
    /// Entries with j <= i may be overwritten with anything.
    func fill(rows: Range<Int>, tile: UnsafeMutablePointer<Scalar>, ld: Int) throws
}

/// Runs a `PairKernel` over row blocks into condensed or square output.
///
/// Blocks run in parallel (one single-threaded BLAS call each, see
/// `LinearAlgebraRuntime`): every distance is computed by the same sequence
/// of operations whatever the number of threads, so results are identical
/// on any machine and thread count.
///
/// Memory: the condensed path holds one tile of `rowsPerBlock x n` scalars
/// besides its output (8 MiB of `Double` up to n = 8192, then 128 rows: about
/// 49 MiB for n = 50,000), so it never needs an n x n temporary; up to
/// n = 128 it is one block, a single `?syrk`. The square path writes each
/// tile straight into the output.
enum RowBlocks {
    /// Scalars per tile the block height aims at (1 Mi: 8 MiB of `Double`):
    /// small enough to stay out of the way of the output's own memory, large
    /// enough for `?gemm` to run at full speed.
    static let tileBudget = 1 << 20
    /// The least block height, so `?gemm` keeps enough rows to run near its
    /// peak even for very large n.
    static let minimumRows = 128
    /// The least number of blocks when blocks of `minimumRows` allow it, so
    /// the cores share small problems too (n = 1,000 was one block on one
    /// core). A count, not a per-core figure: the blocks depend on n only, the
    /// same on any machine.
    static let minimumBlocks = 8

    static func rowsPerBlock(count n: Int) -> Int {
        guard n > 0 else { return 1 }
        return min(n, max(minimumRows, min(tileBudget / n, (n + minimumBlocks - 1) / minimumBlocks)))
    }

    /// The row blocks, `rowsPerBlock` rows each unless `height` is given (tests).
    static func blocks(count n: Int, height: Int? = nil) -> [Range<Int>] {
        let b = max(1, height ?? rowsPerBlock(count: n))
        return stride(from: 0, to: n, by: b).map { $0..<min(n, $0 + b) }
    }

    static func condensed<K: PairKernel>(
        _ kernel: K, blockHeight: Int? = nil, progress: WorkProgress? = nil
    ) throws -> CondensedDistances<K.Scalar> {
        let n = kernel.count
        guard n > 1 else { return CondensedDistances(count: n) }
        let b = max(1, blockHeight ?? rowsPerBlock(count: n))
        let total = n * (n - 1) / 2
        // Every position is written exactly once, so the output is not
        // zero-filled first.
        let storage = try [K.Scalar](unsafeUninitializedCapacity: total) { buffer, initialized in
            guard let address = buffer.baseAddress else { return }
            nonisolated(unsafe) let base = address
            try forEachBlock(blocks(count: n, height: b), count: n, progress: progress) { rows in
                let r0 = rows.lowerBound, ld = n - r0
                let tile = UnsafeMutablePointer<K.Scalar>.allocate(capacity: rows.count * ld)
                defer { tile.deallocate() }
                try kernel.fill(rows: rows, tile: tile, ld: ld)
                for i in rows where i + 1 < n {
                    let offset = n * i - i * (i + 1) / 2
                    (base + offset).initialize(from: tile + (i - r0) * ld + (i - r0) + 1, count: n - i - 1)
                }
            }
            initialized = total
        }
        return CondensedDistances(count: n, storage: storage)
    }

    /// The block height of the square path, whose blocks write straight into
    /// the output (no tile to bound): taller blocks mean fewer `?gemm` calls
    /// and longer mirrored strips, 512 rows measured 10% faster than 128 for
    /// n = 20,000; at least 16 blocks (8 per core on two cores) keep the
    /// threads balanced.
    ///
    /// A function of n only, like `rowsPerBlock`: whether a pair falls in a
    /// `?syrk` diagonal block or a `?gemm` strip, and where in it, decides the
    /// last bits of its distance, which must not depend on the machine's core
    /// count. (It did until the seventh session of 2026-11-22, as n / (8 x
    /// cores): the same as now on two cores.)
    static func squareRowsPerBlock(count n: Int) -> Int {
        max(1, min(n, max(minimumRows, min(512, n / 16))))
    }

    /// Writes the full symmetric n x n matrix at `base`: the distances, or
    /// their squares with `squaring`, and `diagonal` on the diagonal. Returns
    /// the first pair (i < j, row-major) whose distance is not finite, if any
    /// (checked before squaring, so an overflow of the square is not one).
    @discardableResult
    static func fillSquare<K: PairKernel>(
        _ kernel: K, into base: UnsafeMutablePointer<K.Scalar>, blockHeight: Int? = nil,
        squaring: Bool = false, diagonal: K.Scalar = 0, progress: WorkProgress? = nil
    ) throws -> (Int, Int)? {
        let n = kernel.count
        let height = max(1, blockHeight ?? squareRowsPerBlock(count: n))
        let blocks = blocks(count: n, height: height)
        var nonFinite = [(Int, Int)?](repeating: nil, count: blocks.count)
        try nonFinite.withUnsafeMutableBufferPointer { found in
            nonisolated(unsafe) let found = found
            nonisolated(unsafe) let base = base
            try forEachBlock(blocks, count: n, progress: progress) { rows in
                try kernel.fill(rows: rows, tile: base + rows.lowerBound * n + rows.lowerBound, ld: n)
                found[rows.lowerBound / height] = finishBlock(base, n: n, rows: rows, squaring: squaring, diagonal: diagonal)
            }
        }
        return nonFinite.lazy.compactMap { $0 }.first
    }

    /// Completes a row block of the square matrix while it is still in
    /// cache, in parallel with other blocks (each writes only its own rows and
    /// columns): checks and optionally squares its upper entries (i in `rows`,
    /// j > i), copies them to (j, i) in strips of 64 target rows so the
    /// block's columns are read from cache, and sets its diagonal.
    static func finishBlock<S: BLASScalar>(
        _ m: UnsafeMutablePointer<S>, n: Int, rows: Range<Int>, squaring: Bool, diagonal: S,
        checkingFinite: Bool = true
    ) -> (Int, Int)? {
        var firstNonFinite: (Int, Int)?
        for i in rows where i + 1 < n {
            let row = m + i &* n
            // The offending column is looked up only if any.
            if checkingFinite && firstNonFinite == nil && !VectorPasses.allFinite(row + i + 1, count: n - i - 1) {
                firstNonFinite = ((i + 1)..<n).first { !row[$0].isFinite }.map { (i, $0) }
            }
            if squaring {
                for j in (i + 1)..<n { row[j] = row[j] * row[j] }
            }
        }
        VectorPasses.mirrorRows(m, n: n, rows: rows)
        for i in rows { m[i &* n &+ i] = diagonal }
        return firstNonFinite
    }

    /// Runs `body` on every block, in parallel; rethrows the error of the
    /// first failing block (in block order, so the error is deterministic too).
    /// Each finished block counts its pairs (i, j > i, of `count` rows) on
    /// `progress`: a block's work is in proportion to them, not to its rows.
    static func forEachBlock(
        _ blocks: [Range<Int>], count n: Int, progress: WorkProgress? = nil, _ body: (Range<Int>) throws -> Void
    ) throws {
        @Sendable func pairs(_ rows: Range<Int>) -> Int { rows.count * (n - 1) - (rows.lowerBound + rows.upperBound - 1) * rows.count / 2 }
        if blocks.count == 1 {
            try body(blocks[0])
            progress?.advance(by: pairs(blocks[0]))
            return
        }
        var errors = [Error?](repeating: nil, count: blocks.count)
        try withoutActuallyEscaping(body) { body in
            try errors.withUnsafeMutableBufferPointer { slots in
                nonisolated(unsafe) let slots = slots
                nonisolated(unsafe) let body = body
                DispatchQueue.concurrentPerform(iterations: blocks.count) { index in
                    do {
                        try body(blocks[index])
                        progress?.advance(by: pairs(blocks[index]))
                    } catch { slots[index] = error }
                }
                if let error = slots.lazy.compactMap({ $0 }).first { throw error }
            }
        }
    }

    /// Writes the full symmetric n x n matrix at `base` from condensed
    /// distances `d` (SciPy order), in the square path's blocks on every
    /// core: each block copies its rows' upper entries, then finishes them as
    /// `fillSquare` does (squares when asked, mirrors, sets the diagonal).
    ///
    /// Why on every core: first touching fresh memory is most of the cost on
    /// the benchmark machine (a VM whose host backs guest pages lazily). At n
    /// = 20,000 (3.2 GB) one thread took 8 s to fill the matrix in
    /// `tendency analyze`; two threads touch pages more than twice as fast
    /// (see Benchmarks/README, "Twenty-first session"). Copies only, so the
    /// values are the same on any thread count.
    static func fillSquare<S: BLASScalar>(
        fromCondensed d: UnsafePointer<S>, into base: UnsafeMutablePointer<S>, count n: Int,
        squaring: Bool, diagonal: S
    ) {
        nonisolated(unsafe) let (d, base) = (d, base)
        // Never throws: the body does not.
        try? forEachBlock(blocks(count: n, height: squareRowsPerBlock(count: n)), count: n) { rows in
            for i in rows where i + 1 < n {
                (base + (i &* n &+ i &+ 1)).initialize(from: d + (n &* i &- ((i &* (i &+ 1)) >> 1)), count: n - i - 1)
            }
            _ = finishBlock(base, n: n, rows: rows, squaring: squaring, diagonal: diagonal, checkingFinite: false)
        }
    }
}
