import Testing
@testable import TendencyCore

/// The estimate made before the distances are allocated: the condensed
/// distances, the data and the kernel's tiles, as `RowBlocks` sizes them.
@Suite struct MemoryBudgetTests {
    @Test func distancePathCountsWhatTheKernelAllocates() {
        let cores = ProcessorCount.active
        for (n, d) in [(2, 1), (100, 4), (1_000, 64), (20_000, 64), (50_000, 64)] {
            let tile = RowBlocks.rowsPerBlock(count: n) * n
            #expect(tile <= n * n)
            let expected = n * (n - 1) / 2 * 4 + MemoryBudget.besidesDistances(rows: n, columns: d) + cores * tile * 4
            #expect(MemoryBudget.distancePath(rows: n, columns: d, scalarBytes: 4) == expected, "n = \(n)")
        }
        // A small input needs little: no floor of several MiB.
        #expect(MemoryBudget.distancePath(rows: 100, columns: 4, scalarBytes: 8) < 1 << 20)
        // n = 50,000 in single precision: the 5 GB of distances dominate (the data
        // and its copy take 51 MB, the tiles of 128 rows 26 MB a core).
        let large = MemoryBudget.distancePath(rows: 50_000, columns: 64, scalarBytes: 4)
        #expect(large > 4_999_950_000 && large < 4_999_950_000 + 150_000_000)
        #expect(MemoryBudget.distancePath(rows: Int.max / 2, columns: 1, scalarBytes: 8) == .max)
    }

    @Test func describesInReadableUnits() {
        #expect(MemoryBudget.describe(3 << 20) == "3 MiB")
        #expect(MemoryBudget.describe(3 << 29) == "1.5 GiB")
        #expect(MemoryBudget.describe(40 << 10) == "40 KiB")
        #expect(MemoryBudget.describe(800) == "800 bytes")
    }
}
