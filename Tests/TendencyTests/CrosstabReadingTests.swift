import Testing
@testable import Tendency

/// The plain-words reading of a cross-tab's Cramér's V.
@Suite struct CrosstabReadingTests {
    @Test func readsStrengthAndChance() {
        #expect(CrosstabBuilder.reading(name: "leanings", v: 0.12, p: 0.01, k: 2).hasPrefix("Leanings are spread across both tendencies (Cramér's V = 0.12, a weak association)"))
        #expect(CrosstabBuilder.reading(name: "leanings", v: 0.3, p: 0.01, k: 3).hasPrefix("Leanings lean somewhat towards particular tendencies"))
        #expect(CrosstabBuilder.reading(name: "leanings", v: 0.5, p: 0.001, k: 2).hasPrefix("Leanings line up with tendencies"))
        // A sizeable V that chance could give (small tables) is read as none.
        #expect(CrosstabBuilder.reading(name: "leanings", v: 0.34, p: 0.08, k: 2)
            == "Leanings vary across both tendencies (Cramér's V = 0.34), but chance alone could give a difference this large (p = 0.080): these data do not show that they mark out a tendency.")
        #expect(CrosstabBuilder.reading(name: "leanings", v: nil, k: 2)
            == "Leanings fall into a single category, or too few members carry them: there is nothing to compare across tendencies.")
        #expect(CrosstabBuilder.reading(name: "leanings", v: 0.5, p: 0.001, k: 2).hasSuffix("a favoured approach is not a strategy."))
        #expect(CrosstabBuilder.reading(name: "the answers", v: 0.5, p: 0.001, k: 2)
            == "The answers line up with tendencies (Cramér's V = 0.50, a strong association): worth discussing, since the tendencies may speak for different parts of the organisation.")
    }

    /// Every member who answered a rated context item falls in one category.
    @Test func ratedContextCategoriesCoverTheAnswers() {
        let table = CrosstabBuilder.build(element: "q24", name: "the answers",
                                          labelsPerMember: [["at the midpoint"], ["above the scale's midpoint"], [], ["at the midpoint"]],
                                          tendencies: [1, 2, 2, 1], k: 2, generator: SeededGenerator(seed: 1))
        #expect(table.categories == ["at the midpoint", "above the scale's midpoint"])
        #expect(table.counts == [[2, 0], [0, 1]])
    }
}
