import Testing
@testable import Tendency

@Suite struct CodingReliabilityTests {
    @Test func perfectAgreementIsReliable() throws {
        var csv = "member,coder,element,code\n"
        for (m, codes) in [("a", ["women"]), ("b", ["workers"]), ("c", ["women", "workers"]), ("d", [])] {
            for coder in ["x", "y"] {
                csv += "\(m),\(coder),,\n"
                for code in codes { csv += "\(m),\(coder),bloc,\(code)\n" }
            }
        }
        let results = try CodingReliability.perElement(SketchCodings(csv: csv, file: "k.csv", codebook: testCodebook()))
        let bloc = try #require(results.first { $0.element == "bloc" })
        #expect(bloc.units == 4 && bloc.coders == 2)
        #expect(bloc.alpha == 1 && bloc.interpretation == .reliable)
        // Nobody applied a leaning: one category only, alpha undefined.
        let leaning = try #require(results.first { $0.element == "leaning" })
        #expect(leaning.alpha == nil && leaning.interpretation == .undefined)
    }

    /// Code sets as categories: {women}, {women, workers} and {} are three
    /// different values; a coder who did not code a sketch is missing.
    @Test func codeSetsAreNominalCategories() throws {
        let csv = """
            member,coder,element,code
            a,x,bloc,women
            a,y,bloc,women
            a,y,bloc,workers
            b,x,bloc,workers
            b,y,bloc,proletariat
            b,z,bloc,working class
            c,x,,
            c,z,,
            d,y,bloc,women
            """
        let codings = try SketchCodings(csv: csv, file: "k.csv", codebook: testCodebook())
        let bloc = try #require(CodingReliability.perElement(codings).first { $0.element == "bloc" })
        // Same data by hand: categories W = {women}, WW = {women, workers}, K = {workers}, E = {}.
        let expected = KrippendorffAlpha.nominal([[0, 1, nil], [2, 2, 2], [3, nil, 3], [nil, 0, nil]])
        #expect(bloc.alpha == expected)
        #expect(bloc.units == 3 && bloc.coders == 3)
        // Hand computation: pairable values a:2, b:3, c:2 (n = 7); o(W,WW) = o(WW,W) = 1,
        // o(K,K) = 3, o(E,E) = 2; n_W = n_WW = 1, n_K = 3, n_E = 2.
        // D_o / D_e = 2 / (sum_{c != k} n_c n_k = 7^2 - (1 + 1 + 9 + 4) = 34); alpha = 1 - 6 * 2 / 34.
        #expect(abs(try #require(bloc.alpha) - (1 - 6.0 * 2 / 34)) < 1e-12)
        #expect(ReliabilityInterpretation(alpha: 0.8) == .reliable)
        #expect(ReliabilityInterpretation(alpha: 0.7) == .tentative)
        #expect(ReliabilityInterpretation(alpha: 0.5) == .unreliable)
    }
}
