import Testing
@testable import Tendency

@Suite struct FeatureSpaceTests {
    func fixtureSpace() throws -> FeatureSpace {
        let codings = try SketchCodings(contentsOf: domainFixture("codings.csv"), codebook: testCodebook())
        let spec = try SurveySpec(contentsOf: domainFixture("survey-spec.yaml"))
        let survey = try SurveyResponses(contentsOf: domainFixture("survey.csv"), spec: spec)
        return FeatureSpace(codings: codings, survey: survey)
    }

    func columns(_ space: FeatureSpace, member: String, block: String) throws -> [Double] {
        let r = try #require(space.index(ofMember: member))
        let b = try #require(space.block(id: block))
        return b.columns.map { space.values[r, $0] }
    }

    @Test func blocksColumnsAndProvenance() throws {
        let space = try fixtureSpace()
        #expect(space.members == ["m1", "m2", "m3", "m4", "m5"])
        #expect(space.blocks.map(\.id) == ["bloc", "capacity", "leaning", "tradition", "q1", "q2", "q3"])
        #expect(space.blocks.map(\.columns.count) == [3, 2, 2, 2, 1, 1, 1])
        #expect(space.columns.map(\.name) == [
            "bloc:oppressed-nationalities", "bloc:working-class", "bloc:women", "capacity>=mid", "capacity>=high",
            "leaning:base-building", "leaning:electoral", "tradition:marxist", "tradition:anarchist", "q1", "q2", "q3",
        ])
        let threshold = space.columns[3]
        #expect(threshold.encoding == .threshold && threshold.code == "mid" && threshold.label == "Middling (or higher)")
        #expect(space.columns[4].code == "high" && !space.columns[4].label.contains("or higher"))  // nothing is higher than the top
        #expect(threshold.source == .codebookElement && threshold.sourceID == "capacity" && threshold.block == 1)
        #expect(space.columns[0].label == "Oppressed nationalities" && space.columns[0].encoding == .indicator)
        let q2 = space.columns[10]
        #expect(q2.source == .surveyItem && q2.role == .leaning && q2.code == nil && q2.label.hasPrefix("Elections are"))
        #expect(space.blocks[0].text.hasPrefix("Which social sectors"))
        #expect(space.blocks.map(\.role) == [.orientation, .orientation, .leaning, .context, .orientation, .leaning, .context])
    }

    @Test func synonymsGiveIdenticalColumns() throws {
        let csv = "member,coder,element,code\na,x,bloc,people of color\nb,x,bloc,oppressed nationalities\nc,x,bloc,Oppressed-Nationalities\n"
        let space = FeatureSpace(codings: try SketchCodings(csv: csv, file: "k.csv", codebook: testCodebook()))
        let a = try columns(space, member: "a", block: "bloc")
        #expect(a == [1, 0, 0])
        #expect(try columns(space, member: "b", block: "bloc") == a)
        #expect(try columns(space, member: "c", block: "bloc") == a)
        // And in the fixture: m1 wrote "people of color, workers", m2 the ids and a label.
        let fixture = try fixtureSpace()
        #expect(try columns(fixture, member: "m1", block: "bloc") == columns(fixture, member: "m2", block: "bloc"))
    }

    @Test func ordinalThermometerAndMissingness() throws {
        let space = try fixtureSpace()
        #expect(try columns(space, member: "m1", block: "capacity") == [0, 0])  // low
        #expect(try columns(space, member: "m3", block: "capacity") == [1, 1])  // high (upper median of high, mid, high)
        let m4 = try columns(space, member: "m4", block: "capacity")           // coded sketch, no level given
        #expect(m4.allSatisfy { $0.isNaN })
        #expect(try columns(space, member: "m4", block: "bloc") == [0, 0, 0])   // coded sketch, no bloc codes
        #expect(try columns(space, member: "m4", block: "leaning") == [0, 1])
        #expect(try columns(space, member: "m5", block: "bloc").allSatisfy { $0.isNaN })  // no sketch at all
        #expect(try columns(space, member: "m3", block: "bloc") == [0, 0, 1])
        let mask = space.mask
        let r4 = try #require(space.index(ofMember: "m4"))
        #expect(mask[r4, 3] == 0 && mask[r4, 0] == 1)
        // Ordinal L1 distance = number of differing thermometer columns.
        let low = try columns(space, member: "m1", block: "capacity"), high = try columns(space, member: "m3", block: "capacity")
        #expect(zip(low, high).map { abs($0 - $1) }.reduce(0, +) == 2)
    }

    @Test func surveyEncoding() throws {
        let space = try fixtureSpace()
        #expect(try columns(space, member: "m1", block: "q1") == [1])     // likert5 5 -> (5-3)/2
        #expect(try columns(space, member: "m2", block: "q1") == [0.5])
        #expect(try columns(space, member: "m5", block: "q1") == [-1])
        #expect(try columns(space, member: "m1", block: "q2") == [-1])    // agree3 1, reversed
        #expect(try columns(space, member: "m5", block: "q2") == [1])
        #expect(try columns(space, member: "m2", block: "q2")[0].isNaN)
        #expect(try columns(space, member: "m3", block: "q1")[0].isNaN)   // not in the survey
        // numeric: 10 and 4, mean 7, sample sd sqrt(18).
        #expect(abs(try columns(space, member: "m1", block: "q3")[0] - 3 / 18.0.squareRoot()) < 1e-12)
        #expect(abs(try columns(space, member: "m2", block: "q3")[0] + 3 / 18.0.squareRoot()) < 1e-12)
        let likert7 = FeatureEncoder.encode([1, 4, 7, .nan], scale: .likert7).0
        #expect(likert7[0] == -1 && likert7[1] == 0 && likert7[2] == 1 && likert7[3].isNaN)
    }

    @Test func coverageFlagsMembersLackingAnInput() throws {
        let space = try fixtureSpace()
        #expect(space.coverage[0] == MemberCoverage(hasSketch: true, hasSurvey: true))
        #expect(space.coverage[3] == MemberCoverage(hasSketch: true, hasSurvey: false))
        #expect(space.coverage[4] == MemberCoverage(hasSketch: false, hasSurvey: true))
        #expect(space.membersLackingAnInput == ["m3", "m4", "m5"])
        let surveyOnly = FeatureSpace(survey: try SurveyResponses(contentsOf: domainFixture("survey.csv"),
                                                                  spec: SurveySpec(contentsOf: domainFixture("survey-spec.yaml"))))
        #expect(surveyOnly.coverage.allSatisfy { $0.hasSketch == nil && $0.hasSurvey == true })
        #expect(surveyOnly.membersLackingAnInput.isEmpty)
    }

    @Test func blockWeightsDoNotGrowWithColumns() throws {
        let space = try fixtureSpace()
        #expect(space.blocks[0].columnWeight == 1.0 / 3 && space.blocks[1].columnWeight == 1)
        #expect(space.blocks[5].weight == 0.5 && space.blocks[5].columnScale == 0.5.squareRoot())
        #expect(space.columnWeights.count == space.columns.count)
        for block in space.blocks {
            #expect(abs(block.columns.map { space.columnWeights[$0] }.reduce(0, +) - block.weight) < 1e-12)
        }
        // Complete disagreement inside a block adds exactly the block's weight to the squared
        // Euclidean distance of the weighted matrix, whatever its number of columns:
        // m1 {oppressed-nationalities, working-class} vs m3 {women} (3 columns, weight 1),
        // m1 low vs m3 high (2 thermometer columns, weight 2).
        let weighted = space.weightedValues()
        func squaredDistance(_ block: String) throws -> Double {
            let b = try #require(space.block(id: block))
            return b.columns.map { (weighted[0, $0] - weighted[2, $0]) * (weighted[0, $0] - weighted[2, $0]) }.reduce(0, +)
        }
        #expect(abs(try squaredDistance("bloc") - 1) < 1e-12)
        #expect(abs(try squaredDistance("capacity") - 2) < 1e-12)
    }

    @Test func rolesAreKeptApart() throws {
        let space = try fixtureSpace()
        let orientation = space.matrix()
        #expect(orientation.columns == 6 && orientation.rows == 5)
        #expect(space.forClustering().columns.map(\.name) == [
            "bloc:oppressed-nationalities", "bloc:working-class", "bloc:women", "capacity>=mid", "capacity>=high", "q1",
        ])
        let withLeanings = space.forClustering(includeLeanings: true)
        #expect(withLeanings.blocks.map(\.id) == ["bloc", "capacity", "leaning", "q1", "q2"])
        #expect(withLeanings.blocks.map(\.columns) == [0..<3, 3..<5, 5..<7, 7..<8, 8..<9])
        #expect(withLeanings.columns.map(\.block) == [0, 0, 0, 1, 1, 2, 2, 3, 4])
        let context = space.selecting(roles: [.context])
        #expect(context.blocks.map(\.id) == ["tradition", "q3"])
        #expect(context.values.columns == 3)
    }

    @Test func imputingColumnMeans() throws {
        let space = try fixtureSpace().imputingColumnMeans()
        #expect(!space.values.storage.contains { $0.isNaN })
        let q1 = try #require(space.block(id: "q1")).columns.lowerBound
        #expect(abs(space.values[2, q1] - (1 + 0.5 - 1) / 3) < 1e-12)       // m3 gets the mean of m1, m2, m5
        #expect(space.values[0, q1] == 1)                                   // present values untouched
    }

    /// A missing answer must not count as disagreement. With a Gower-style
    /// similarity (weighted mean over the columns both members have of
    /// 1 - |x - y| / range; the real kernels come from the core), a member
    /// who skipped an item stays as similar as if they had agreed, while one
    /// who disagreed moves away.
    @Test func missingAnswerIsNotDisagreement() throws {
        let spec = try SurveySpec(yaml: """
            items:
              - {id: a, text: A., scale: likert5}
              - {id: b, text: B., scale: likert5}
              - {id: c, text: C., scale: likert5}
              - {id: d, text: D., scale: agree3}
            """, file: "spec.yaml")
        let survey = try SurveyResponses(csv: """
            member,a,b,c,d
            x,5,4,2,1
            agrees,5,4,2,1
            skipped,5,4,2,
            disagrees,5,4,2,-1
            """, file: "r.csv", spec: spec)
        let space = FeatureSpace(survey: survey)
        let values = space.values, mask = space.mask, weights = space.columnWeights
        func similarity(_ i: Int, _ j: Int) -> Double {
            var num = 0.0, den = 0.0
            for c in 0..<values.columns where mask[i, c] * mask[j, c] == 1 {
                num += weights[c] * (1 - abs(values[i, c] - values[j, c]) / 2)  // centred columns span [-1, 1]
                den += weights[c]
            }
            return num / den
        }
        #expect(similarity(0, 1) == 1)
        #expect(similarity(0, 2) == similarity(0, 1))
        #expect(similarity(0, 3) == 0.75)
        #expect(similarity(0, 3) < similarity(0, 2))
    }

    /// Standardising divides by a power of two first: ordinary answers give
    /// the bits of the plain formula, and answers near Double's limits stay finite.
    @Test func standardisingIsExactAndDoesNotOverflow() {
        let ordinary: [Double] = [10, 4, .nan, 3.25, 40, 0.1]
        let present = ordinary.filter { !$0.isNaN }
        let mean = present.reduce(0, +) / Double(present.count)
        let sd = (present.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(present.count - 1)).squareRoot()
        let (encoded, encoding) = FeatureEncoder.encode(ordinary, scale: .numeric)
        #expect(encoding == .standardised)
        for (value, answer) in zip(encoded, ordinary) {
            #expect(answer.isNaN ? value.isNaN : value == (answer - mean) / sd)
        }
        let huge: [Double] = [1e308, -1e308, 1e308, -1.7e308]
        let (large, _) = FeatureEncoder.encode(huge, scale: .numeric)
        #expect(large.allSatisfy { $0.isFinite })
        let (same, _) = FeatureEncoder.encode(huge.map { $0 / 0x1p1000 }, scale: .numeric)
        #expect(large == same)
        let (tiny, _) = FeatureEncoder.encode([1e-310, 3e-310, 2e-310], scale: .numeric)
        #expect(tiny.map { ($0 * 1e6).rounded() / 1e6 } == [-1, 1, 0])
    }

    /// A rated context item, asked for by itself, puts every member who
    /// answered into one category by the side of the midpoint or mean.
    @Test func ratedContextItemsHaveCategories() throws {
        let spec = try SurveySpec(yaml: """
            items:
              - {id: q1, text: Orientation, scale: likert5, role: orientation}
              - {id: c1, text: Clarity, scale: likert5, role: context}
              - {id: c2, text: Years, scale: numeric, role: context}
            """, file: "spec.yaml")
        let survey = try SurveyResponses(csv: "member,q1,c1,c2\nm1,1,5,1\nm2,2,3,10\nm3,4,1,\nm4,5,,4\n", file: "s.csv", spec: spec)
        let input = AnalysisInput(space: FeatureSpace(survey: survey))
        let blocks = Dictionary(uniqueKeysWithValues: input.contextBlocks.map { ($0.id, $0.index) })
        #expect(input.labels(role: .context, block: blocks["c1"]) ==
                [["above the scale's midpoint"], ["at the midpoint"], ["below the scale's midpoint"], []])
        #expect(input.labels(role: .context, block: blocks["c2"]) == [["below the mean"], ["above the mean"], [], ["below the mean"]])
    }

    /// A reverse-keyed item clusters on its negated answers, but reads as
    /// worded: its stated values, its "agree" label and its profile means
    /// are the answers' own.
    @Test func reverseKeyedItemsReadAsWorded() throws {
        let spec = try SurveySpec(yaml: """
            items:
              - {id: q1, text: Forward, scale: likert5, role: orientation}
              - {id: q2, text: Backward, scale: likert5, role: orientation, reverse: true}
              - {id: l1, text: Lean back, scale: agree3, role: leaning, reverse: true}
            """, file: "spec.yaml")
        var rows = "member,q1,q2,l1\n"
        for i in 0..<24 { rows += i < 12 ? "m\(i),\(4 + i % 2),\(5 - i % 2),1\n" : "m\(i),\(1 + i % 2),\(2 - i % 2),-1\n" }
        let survey = try SurveyResponses(csv: rows, file: "s.csv", spec: spec)
        let space = FeatureSpace(survey: survey)
        let q2 = try #require(space.block(id: "q2")).columns.lowerBound
        #expect(space.columns[q2].reversed)
        #expect(space.values[0, q2] == -1 && space.statedValues[0, q2] == 1)
        let input = AnalysisInput(space: space)
        #expect(input.labels(role: .leaning) == (0..<24).map { $0 < 12 ? ["Agree: Lean back"] : [] })
        let labels = (0..<24).map { $0 < 12 ? 1 : 2 }
        let distinguishing = try TendencyProfiles.distinguishing(input, labels: labels, k: 2, tendency: 1)
        let backward = try #require(distinguishing.first { $0.element == "q2" })
        #expect(backward.direction == .more && (backward.meanInside ?? 0) > 0.5 && (backward.meanOutside ?? 0) < -0.5)
        let forward = try #require(distinguishing.first { $0.element == "q1" })
        #expect(forward.direction == .more)
    }

    /// Shared ground needs enough answers from every tendency: a statement
    /// that one member of each tendency agreed with is not 100% agreement.
    @Test func sharedGroundNeedsEnoughAnswers() throws {
        let spec = try SurveySpec(yaml: """
            items:
              - {id: q1, text: Split, scale: agree3}
              - {id: q2, text: Everyone agrees, scale: agree3}
              - {id: q3, text: Two voted, scale: agree3}
            """, file: "spec.yaml")
        var rows = "member,q1,q2,q3\n"
        for i in 0..<24 { rows += "m\(i),\(i < 12 ? 1 : -1),1,\(i == 0 || i == 12 ? "1" : "")\n" }
        let input = AnalysisInput(space: FeatureSpace(survey: try SurveyResponses(csv: rows, file: "s.csv", spec: spec)))
        let labels = (0..<24).map { $0 < 12 ? 1 : 2 }
        let consensus = try TendencyProfiles.consensus(input, labels: labels, k: 2)
        #expect(consensus.map(\.element) == ["q2"])
        #expect(consensus.first?.answers == 24 && consensus.first?.perTendency == [1, 1])
        #expect(TendencyProfiles.enoughAnswer([[1, 1, 1, 1, 1], [1, 1, 1, 1]], sizes: [12, 4]))
        #expect(!TendencyProfiles.enoughAnswer([[1, 1, 1, 1], [1, 1, 1, 1]], sizes: [12, 4]))
        #expect(!TendencyProfiles.enoughAnswer([[1, 1, 1, 1, 1], [1, 1, 1, 1, 1]], sizes: [30, 5]))
    }
}
