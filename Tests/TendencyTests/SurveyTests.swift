import Testing
@testable import Tendency

@Suite struct SurveyTests {
    @Test func readsSpecAndResponses() throws {
        let spec = try SurveySpec(contentsOf: domainFixture("survey-spec.yaml"))
        #expect(spec.items.map(\.id) == ["q1", "q2", "q3"])
        #expect(spec.items.map(\.scale) == [.likert5, .agree3, .numeric])
        #expect(spec.items[1].reverse && spec.items[1].weight == 0.5 && spec.items[1].role == .leaning)
        #expect(!spec.items[0].reverse && spec.items[0].weight == 1)
        let responses = try SurveyResponses(contentsOf: domainFixture("survey.csv"), spec: spec)
        #expect(responses.members == ["m1", "m2", "m5"])
        #expect(responses.answer(member: "m1", item: "q3") == 10)
        #expect(responses.answer(member: "m5", item: "q2") == -1)
        #expect(responses.answer(member: "m2", item: "q2") == nil)
    }

    private let spec = """
        items:
          - id: q1
            text: First.
            scale: likert5
          - id: q2
            text: Second.
            scale: agree3
          - id: q3
            text: Third.
            scale: numeric
        """

    private func specError(_ yaml: String) -> InputError? {
        inputError { _ = try SurveySpec(yaml: yaml, file: "spec.yaml") }
    }

    private func responsesError(_ csv: String) throws -> InputError? {
        let spec = try SurveySpec(yaml: spec, file: "spec.yaml")
        return inputError { _ = try SurveyResponses(csv: csv, file: "r.csv", spec: spec) }
    }

    @Test func specErrors() throws {
        let scale = try #require(specError(spec.replacingOccurrences(of: "scale: agree3", with: "scale: likert9")))
        #expect(scale.line == 7 && scale.column == 12 && scale.message.contains("unknown scale \"likert9\""))
        let key = try #require(specError(spec + "\n    reversed: true"))
        #expect(key.line == 11 && key.column == 5 && key.message.contains("unknown key \"reversed\"") && key.message.contains("\"reverse\""))
        let duplicate = try #require(specError(spec.replacingOccurrences(of: "id: q3", with: "id: q1")))
        #expect(duplicate.line == 8 && duplicate.column == 9 && duplicate.message.contains("duplicate item id \"q1\""))
        let malformed = try #require(specError("items:\n  - id: q1\n   text: x\n"))
        #expect(malformed.message.hasPrefix("malformed YAML") && malformed.line == 3)
    }

    @Test func unknownItemColumn() throws {
        let e = try #require(try responsesError("member,q1,q2,q3,q4\na,1,1,1,1\n"))
        #expect(e.description.hasPrefix("r.csv:1:17: unknown item \"q4\""))
    }

    @Test func specItemMissingFromResponses() throws {
        let e = try #require(try responsesError("member,q1,q3\na,1,1\n"))
        #expect(e.line == 1 && e.column == 13)
        #expect(e.message.contains("item \"q2\" of spec.yaml has no column"))
    }

    @Test func memberRepeated() throws {
        let e = try #require(try responsesError("member,q1,q2,q3\na,1,1,1\nb,2,0,1\na,3,-1,2\n"))
        #expect(e.line == 4 && e.column == 1 && e.message.contains("member \"a\" is repeated (first at line 2)"))
    }

    @Test func valuesOutsideTheirScale() throws {
        let likert = try #require(try responsesError("member,q1,q2,q3\na,6,1,1\n"))
        #expect(likert.line == 2 && likert.column == 3 && likert.message.contains("likert5"))
        let fraction = try #require(try responsesError("member,q1,q2,q3\na,2.5,1,1\n"))
        #expect(fraction.line == 2 && fraction.column == 3)
        let agree = try #require(try responsesError("member,q1,q2,q3\na,1,2,1\n"))
        #expect(agree.line == 2 && agree.column == 5 && agree.message.contains("agree3"))
        let nan = try #require(try responsesError("member,q1,q2,q3\na,1,1,NaN\n"))
        #expect(nan.line == 2 && nan.column == 7 && nan.message.contains("finite"))
        let inf = try #require(try responsesError("member,q1,q2,q3\na,1,1,\n\"b\",1, 1 ,-inf\n"))
        #expect(inf.line == 3 && inf.column == 11)
        let text = try #require(try responsesError("member,q1,q2,q3\na,agree,1,1\n"))
        #expect(text.line == 2 && text.column == 3)
        #expect(try responsesError("member,q1,q2,q3\na,1,-1,-2.5e3\nb,,,\n") == nil)
    }

    @Test func firstColumnIsMember() throws {
        let e = try #require(try responsesError("id,q1,q2,q3\na,1,1,1\n"))
        #expect(e.line == 1 && e.column == 1 && e.message.contains("\"member\""))
    }
}
