import Testing
@testable import TendencyCore

@Suite struct BootstrapResamplingTests {
    @Test func rowDrawsAreDeterministicPerResample() {
        let plan = BootstrapResampling(seed: 42)
        let first = plan.rowIndices(resample: 3, count: 50)
        #expect(first.count == 50 && first.allSatisfy { (0..<50).contains($0) })
        #expect(plan.rowIndices(resample: 3, count: 50) == first)
        #expect(plan.rowIndices(resample: 4, count: 50) != first)
        #expect(BootstrapResampling(seed: 43).rowIndices(resample: 3, count: 50) != first)
        // With replacement: 50 draws from 50 almost surely repeat something.
        #expect(Set(first).count < 50)
        #expect(plan.rowIndices(resample: 0, count: 0) == [])
    }

    /// Resample b is the same whether resamples are made in order or concurrently.
    @Test func independentOfComputationOrder() async {
        let plan = BootstrapResampling(seed: 9)
        let sequential = (0..<16).map { plan.rowIndices(resample: $0, count: 40) }
        let concurrent = await withTaskGroup(of: (Int, [Int]).self) { group in
            for b in (0..<16).reversed() { group.addTask { (b, plan.rowIndices(resample: b, count: 40)) } }
            var out = [[Int]](repeating: [], count: 16)
            for await (b, rows) in group { out[b] = rows }
            return out
        }
        #expect(concurrent == sequential)
    }

    @Test func columnSubsetsAreDistinctAndSorted() throws {
        let plan = BootstrapResampling(seed: 1)
        let subset = try plan.columnSubset(resample: 2, of: 20, size: 8)
        #expect(subset.count == 8 && Set(subset).count == 8 && subset == subset.sorted())
        #expect(subset.allSatisfy { (0..<20).contains($0) })
        #expect(try plan.columnSubset(resample: 2, of: 20, size: 8) == subset)
        #expect(try plan.columnSubset(resample: 2, of: 5, size: 5) == [0, 1, 2, 3, 4])
        #expect(throws: StatisticsError.self) { try plan.columnSubset(resample: 0, of: 3, size: 4) }
    }

    @Test func boundedIndexIsRoughlyUniform() {
        var generator = SeededGenerator(seed: 5)
        var counts = [0, 0, 0]
        for _ in 0..<30_000 { counts[generator.nextIndex(below: 3)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 400 })  // about 4 standard deviations
        #expect(generator.nextIndex(below: 1) == 0 && generator.nextIndex(below: 0) == 0)
    }
}
