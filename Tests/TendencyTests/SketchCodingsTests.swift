import Testing
@testable import Tendency

@Suite struct SketchCodingsTests {
    @Test func readsResolvesAndMerges() throws {
        let codings = try SketchCodings(contentsOf: domainFixture("codings.csv"), codebook: testCodebook())
        #expect(codings.members == ["m1", "m2", "m3", "m4"])
        #expect(codings.coders == ["c1", "c2", "c3"])
        #expect(codings.coders(of: "m3") == ["c1", "c2", "c3"])
        // Synonyms, labels and odd spacing/case all resolve to the canonical ids.
        #expect(codings.codes(member: "m1", coder: "c1", element: "bloc") == ["oppressed-nationalities", "working-class"])
        #expect(codings.codes(member: "m2", coder: "c1", element: "bloc") == ["oppressed-nationalities", "working-class"])
        #expect(codings.codes(member: "m2", coder: "c1", element: "leaning") == ["base-building"])
        #expect(codings.codes(member: "m3", coder: "c2", element: "capacity") == ["mid"])
        // A coder who coded the sketch but applied nothing: empty set; one who did not code it: nil.
        #expect(codings.codes(member: "m3", coder: "c3", element: "leaning") == [])
        #expect(codings.codes(member: "m1", coder: "c2", element: "bloc") == nil)
        // Merge: women 3/3 counts, working-class 1/3 does not; electoral 2/3 counts.
        #expect(codings.mergedCodes(member: "m3", element: "bloc") == ["women"])
        #expect(codings.mergedCodes(member: "m3", element: "leaning") == ["electoral"])
        // Ordinal: the upper median of high, mid, high.
        #expect(codings.mergedCodes(member: "m3", element: "capacity") == ["high"])
        #expect(codings.mergedCodes(member: "m4", element: "capacity") == [])
        #expect(codings.mergedCodes(member: "m9", element: "bloc") == nil)
    }

    @Test func tiesCount() throws {
        let csv = """
            member,coder,element,code
            a,x,bloc,women
            a,y,bloc,workers
            a,x,capacity,low
            a,y,capacity,high
            a,x,tradition,marxist
            a,y,tradition,anarchist
            """
        let codings = try SketchCodings(csv: csv, file: "k.csv", codebook: testCodebook())
        #expect(codings.mergedCodes(member: "a", element: "bloc") == ["women", "working-class"])
        #expect(codings.mergedCodes(member: "a", element: "tradition") == ["marxist", "anarchist"])
        #expect(codings.mergedCodes(member: "a", element: "capacity") == ["high"])
    }

    @Test func emptyCodeRecordsTheCoder() throws {
        let csv = "member,coder,element,code\na,x,bloc,women\na,y,,\na,z,bloc,\n"
        let codings = try SketchCodings(csv: csv, file: "k.csv", codebook: testCodebook())
        #expect(codings.coders(of: "a") == ["x", "y", "z"])
        #expect(codings.codes(member: "a", coder: "y", element: "bloc") == [])
        // 1 of 3 coders: women does not count.
        #expect(codings.mergedCodes(member: "a", element: "bloc") == [])
    }

    private func error(_ csv: String) throws -> InputError? {
        let book = try testCodebook()
        return inputError { _ = try SketchCodings(csv: csv, file: "k.csv", codebook: book) }
    }

    @Test func unknownCodeNamesNearestCodes() throws {
        let e = try #require(try error("member,coder,element,code\nm1,c1,bloc,peple of colour\n"))
        #expect(e.description.hasPrefix("k.csv:2:12: unknown code \"peple of colour\" for element \"bloc\""))
        #expect(e.message.contains("nearest: \"oppressed-nationalities\""))
    }

    @Test func unknownElementNamesNearestElements() throws {
        let e = try #require(try error("member,coder,element,code\nm1,c1,blok,workers\n"))
        #expect(e.line == 2 && e.column == 7)
        #expect(e.message.contains("unknown element \"blok\"") && e.message.contains("nearest: \"bloc\""))
    }

    @Test func ordinalLevelNotInLevels() throws {
        let e = try #require(try error("member,coder,element,code\nm1,c1,capacity,medium\n"))
        #expect(e.line == 2 && e.column == 16)
        #expect(e.message.contains("level \"medium\" is not one of the levels of ordinal element \"capacity\""))
        #expect(e.message.contains("nearest: \"mid\""))
    }

    @Test func singleElementTakesOneCodePerCoder() throws {
        let e = try #require(try error("member,coder,element,code\nm1,c1,tradition,marxist\nm1,c1,tradition,anarchist\n"))
        #expect(e.line == 3 && e.column == 17)
        #expect(e.message.contains("already applied \"marxist\"") && e.message.contains("line 2"))
        // Repeating the same code is harmless.
        #expect(try error("member,coder,element,code\nm1,c1,tradition,marxist\nm1,c1,tradition,Marxist\n") == nil)
        // Two levels of an ordinal element.
        let o = try #require(try error("member,coder,element,code\nm1,c1,capacity,low\nm1,c1,capacity,high\n"))
        #expect(o.line == 3 && o.message.contains("ordinal"))
    }

    @Test func headerColumnsAreExact() throws {
        let extra = try #require(try error("member,coder,element,code,note\nm1,c1,bloc,workers,x\n"))
        #expect(extra.line == 1 && extra.column == 27 && extra.message.contains("unexpected column \"note\""))
        let missing = try #require(try error("member,coder,element\nm1,c1,bloc\n"))
        #expect(missing.line == 1 && missing.message.contains("missing column \"code\""))
    }

    @Test func emptyIds() throws {
        let e = try #require(try error("member,coder,element,code\n,c1,bloc,workers\n"))
        #expect(e.line == 2 && e.column == 1 && e.message.contains("empty member id"))
    }

    /// Spellings are resolved once and remembered per element: a code that
    /// resolved under one element is still unknown under another, a spelling
    /// seen before still resolves after another, and a spelling trimmed on
    /// one row matches the same spelling untrimmed on the next.
    @Test func rememberedSpellingsStayPerElement() throws {
        let codings = try SketchCodings(csv: """
            member,coder,element,code
            a,x,bloc,women
            a,x, Bloc ,  Working  Class
            b,x,bloc,women
            b,x,capacity,high
            """, file: "k.csv", codebook: testCodebook())
        #expect(codings.codes(member: "a", coder: "x", element: "bloc") == ["women", "working-class"])
        #expect(codings.codes(member: "b", coder: "x", element: "bloc") == ["women"])
        let e = try #require(try error("member,coder,element,code\nm1,c1,capacity,high\nm1,c1,bloc,high\n"))
        #expect(e.line == 3 && e.message.contains("unknown code \"high\" for element \"bloc\""))
    }

    /// `trimmedCell` is Foundation's trimming, with a shortcut for cells that
    /// begin and end with printable ASCII.
    @Test func trimmedCellTrimsAsFoundationDoes() {
        let samples = ["", " ", "a", " a ", "a b", "\ta\n", "\r\nm1\r\n", "\u{00A0}x\u{00A0}", "\u{2003}y", "z\u{3000}",
                       "é", " é ", "x\u{200B}", "\n", "~a~", "!"]
        for text in samples {
            #expect(text.trimmedCell() == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
            #expect(text.trimmedCell(.whitespaces) == text.trimmingCharacters(in: .whitespaces), "\(text.debugDescription)")
        }
    }
}
