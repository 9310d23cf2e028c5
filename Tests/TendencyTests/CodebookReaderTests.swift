import Testing
@testable import Tendency

@Suite struct CodebookReaderTests {
    @Test func readsTheTestCodebook() throws {
        let book = try testCodebook()
        #expect(book.name == "Test codebook")
        #expect(book.elements.map(\.id) == ["bloc", "capacity", "leaning", "tradition"])
        let bloc = try #require(book.element(id: "bloc"))
        #expect(bloc.kind == .multi && bloc.role == .orientation && bloc.weight == 1)
        #expect(bloc.code(matching: "  People   OF color ")?.id == "oppressed-nationalities")
        #expect(bloc.code(matching: "Oppressed nationalities")?.id == "oppressed-nationalities")
        #expect(bloc.code(matching: "peoples of color") == nil)
        let capacity = try #require(book.element(id: "capacity"))
        #expect(capacity.weight == 2)
        #expect(capacity.levels == ["low", "mid", "high"])
        // The levels are the codes, in level order; `codes` only adds labels and synonyms.
        #expect(capacity.codes.map(\.id) == ["low", "mid", "high"])
        #expect(capacity.codes.map(\.label) == ["low", "Middling", "high"])
        #expect(capacity.code(matching: "Moderate")?.id == "mid")
        #expect(book.element(id: "tradition")?.role == .context)
        #expect(book.element(matching: " BLOC")?.id == "bloc")
    }

    private func error(_ yaml: String) -> InputError? {
        inputError { _ = try CodebookReader.read(yaml: yaml, file: "book.yaml") }
    }

    private let element = """
        elements:
          - id: bloc
            question: Who?
            kind: multi
            role: orientation
            codes:
              - id: workers
        """

    @Test func malformedYAMLCarriesYamsPosition() throws {
        let e = try #require(error("elements:\n  - id: bloc\n    question: [unclosed\n"))
        #expect(e.file == "book.yaml")
        #expect(e.message.hasPrefix("malformed YAML"))
        #expect(e.line == 4 && e.column == 1)
    }

    @Test func unknownKeyIsNamed() throws {
        let e = try #require(error(element + "\n        synonym: [labour]"))
        #expect(e.message.contains("unknown key \"synonym\""))
        #expect(e.message.contains("\"synonyms\""))
        #expect(e.line == 8 && e.column == 9)
    }

    @Test func duplicateElementId() throws {
        let e = try #require(error(element + "\n" + element.split(separator: "\n").dropFirst().joined(separator: "\n")))
        #expect(e.message.contains("duplicate element id \"bloc\""))
        #expect(e.line == 8 && e.column == 9)
    }

    @Test func duplicateCodeId() throws {
        let e = try #require(error(element + "\n      - id: workers"))
        #expect(e.message.contains("duplicate code id \"workers\""))
        #expect(e.line == 8 && e.column == 13)
    }

    @Test func synonymNamingTwoCodes() throws {
        let yaml = element + "\n        synonyms: [labour]\n      - id: unions\n        synonyms: [Unions, ' LABOUR']"
        let e = try #require(error(yaml))
        #expect(e.message.contains("\" LABOUR\"") || e.message.contains("LABOUR"))
        #expect(e.message.contains("\"workers\" and \"unions\""))
        #expect(e.line == 10 && e.column == 28)
    }

    @Test func ordinalNeedsLevels() throws {
        let yaml = element.replacingOccurrences(of: "kind: multi", with: "kind: ordinal")
        let e = try #require(error(yaml))
        #expect(e.message.contains("lists 0 levels"))
        #expect(e.line == 2 && e.column == 5)
    }

    @Test func ordinalCodeMustBeALevel() throws {
        let yaml = element.replacingOccurrences(of: "kind: multi", with: "kind: ordinal\n    levels: [few, many]")
        let e = try #require(error(yaml))
        #expect(e.message.contains("code \"workers\" of ordinal element \"bloc\" is not one of its levels"))
        #expect(e.line == 8 && e.column == 13)
    }

    @Test func levelsOnlyOnOrdinal() throws {
        let yaml = element.replacingOccurrences(of: "kind: multi", with: "kind: multi\n    levels: [few, many]")
        let e = try #require(error(yaml))
        #expect(e.message.contains("only ordinal elements have levels"))
        #expect(e.line == 5 && e.column == 13)
    }

    @Test func unknownKindAndRole() throws {
        let kind = try #require(error(element.replacingOccurrences(of: "kind: multi", with: "kind: many")))
        #expect(kind.message.contains("unknown kind \"many\"") && kind.line == 4 && kind.column == 11)
        let role = try #require(error(element.replacingOccurrences(of: "role: orientation", with: "role: strategy")))
        #expect(role.message.contains("unknown role \"strategy\"") && role.line == 5 && role.column == 11)
    }

    @Test func missingRequiredKeyAndBadWeight() throws {
        let missing = try #require(error(element.replacingOccurrences(of: "    question: Who?\n", with: "")))
        #expect(missing.message.contains("lacks the required key \"question\"") && missing.line == 2 && missing.column == 5)
        let weight = try #require(error(element + "\n    weight: heavy"))
        #expect(weight.message.contains("finite number") && weight.line == 8 && weight.column == 13)
        let negative = try #require(error(element + "\n    weight: -1"))
        #expect(negative.message.contains("negative"))
    }

    @Test func emptyFileAndDuplicateKeys() throws {
        #expect(error("")?.line == 1)
        let e = try #require(error("name: a\nname: b\nelements: []\n"))
        #expect(e.message.contains("duplicate key"))
    }
}
