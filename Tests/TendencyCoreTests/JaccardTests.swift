import Testing
@testable import TendencyCore

@Suite struct JaccardTests {
    @Test func overlapOfIndexSets() {
        #expect(Jaccard.index([1, 2, 3], [2, 3, 4, 5]) == 2.0 / 5.0)
        #expect(Jaccard.index([1, 2], [1, 2]) == 1)
        #expect(Jaccard.index([1], [2]) == 0)
        #expect(Jaccard.index([], [3]) == 0)
        #expect(Jaccard.index([], []) == 0)
    }
}
