import Testing
@testable import TendencyCore

@Suite struct PermutationIndependenceTestTests {
    struct Case: Decodable {
        let name: String
        let groups: [Int]
        let categories: [[Int]]
        let n_categories, n_groups, resamples: Int
        let statistic, p: Double
        let chi_square_p: Double?
    }

    /// Against SciPy's `permutation_test` on a NumPy X² (200,000 resamples),
    /// within Monte Carlo error: both p-values are estimates, so they may
    /// differ by a few of their combined standard errors.
    @Test func matchesSciPyPermutationTest() throws {
        let cases = try StatsReference.cases("permutation_independence.json", as: Case.self)
        #expect(cases.count == 4)
        for c in cases {
            let permutations = 9_999
            let test = try PermutationIndependenceTest(
                categoriesPerUnit: c.categories, groupPerUnit: c.groups, categories: c.n_categories, groups: c.n_groups,
                permutations: permutations, generator: SeededGenerator(seed: 7))
            #expect(relativelyClose(test.statistic, c.statistic, 1e-12), "\(c.name)")
            let variance = c.p * (1 - c.p) * (1 / Double(permutations) + 1 / Double(c.resamples))
            let tolerance = 4.5 * variance.squareRoot() + 1 / Double(permutations + 1)
            #expect(abs(test.pValue - c.p) <= tolerance, "\(c.name): p \(test.pValue), SciPy \(c.p)")
            // With one category per unit and enough units, the permutation
            // p-value approaches the chi-square distribution's.
            if let asymptotic = c.chi_square_p {
                #expect(abs(test.pValue - asymptotic) <= tolerance + 0.01, "\(c.name): p \(test.pValue), chi-square \(asymptotic)")
            }
        }
    }

    @Test func sameGeneratorSameAnswerAndLabelsDoNotMatter() throws {
        let categories = [[0, 1], [1], [2], [0], [0, 2], [1, 2], [0], [2], [1], [0, 1, 2]]
        let groups = [0, 0, 1, 1, 2, 2, 0, 1, 2, 0]
        func run(_ groups: [Int], _ categories: [[Int]], seed: UInt64 = 3) throws -> PermutationIndependenceTest {
            try PermutationIndependenceTest(categoriesPerUnit: categories, groupPerUnit: groups, categories: 3, groups: 3,
                                            permutations: 499, generator: SeededGenerator(seed: seed))
        }
        let first = try run(groups, categories)
        #expect(try run(groups, categories) == first)
        // Renaming groups or categories, or repeating a unit's category,
        // leaves the statistic as it was.
        #expect(close(try run(groups.map { (2 - $0) }, categories).statistic, first.statistic))
        #expect(close(try run(groups, categories.map { $0.map { ($0 + 1) % 3 } }).statistic, first.statistic))
        #expect(close(try run(groups, categories.map { $0 + $0 }).statistic, first.statistic))
        // Units with no category take no part.
        #expect(close(try run(groups + [1, 2], categories + [[], []]).statistic, first.statistic))
        #expect(first.pValue > 0 && first.pValue <= 1)
        #expect((first.pValue * 500).rounded() == first.pValue * 500)
    }

    /// Categories that each belong to one group: no permutation does better,
    /// so p is the smallest the permutations can give.
    @Test func perfectAssociationGivesTheSmallestP() throws {
        let groups = (0..<30).map { $0 % 3 }
        let test = try PermutationIndependenceTest(categoriesPerUnit: groups.map { [$0] }, groupPerUnit: groups,
                                                   categories: 3, groups: 3, permutations: 999, generator: SeededGenerator(seed: 1))
        #expect(test.pValue == 1.0 / 1000)
    }

    @Test func refusesWhatCannotBeTested() {
        let generator = SeededGenerator(seed: 1)
        #expect(throws: StatisticsError.self) {
            try PermutationIndependenceTest(categoriesPerUnit: [[0], [1]], groupPerUnit: [0], categories: 2, groups: 2, generator: generator)
        }
        #expect(throws: StatisticsError.self) {
            try PermutationIndependenceTest(categoriesPerUnit: [[0], [2]], groupPerUnit: [0, 1], categories: 2, groups: 2, generator: generator)
        }
        #expect(throws: StatisticsError.self) {  // one group holds everyone
            try PermutationIndependenceTest(categoriesPerUnit: [[0], [1]], groupPerUnit: [1, 1], categories: 2, groups: 2, generator: generator)
        }
        #expect(throws: StatisticsError.self) {
            try PermutationIndependenceTest(categoriesPerUnit: [[0], [1]], groupPerUnit: [0, 1], categories: 2, groups: 2,
                                            permutations: 0, generator: generator)
        }
    }
}
