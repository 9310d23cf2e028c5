import Foundation
import Testing
@testable import Tendency

/// A pipeline property over seeded random surveys: giving every member a
/// twin with the same answers doubles the data but not the number of
/// tendencies. Fixed seeded cases rather than random ones: each case runs the
/// whole analysis with resampling, and its expected k is part of the case.
@Suite struct PipelinePropertyTests {
    static let spec = try! SurveySpec(yaml: """
        items:
        \((1...6).map { "  - {id: q\($0), text: Item \($0), scale: likert5}" }.joined(separator: "\n"))
        """, file: "spec.yaml")

    /// Members in `groups` planted groups, each group answering around its own profile.
    static func survey(seed: UInt64, members: Int, groups: Int, twins: Bool) throws -> SurveyResponses {
        var g = SeededGenerator(seed: seed)
        let profiles = (0..<groups).map { p in (0..<6).map { q in (p + q) % 2 == 0 ? (p == 2 ? 3 : 1) : 5 } }
        var rows: [String] = []
        for m in 0..<members {
            let answers = profiles[m % groups].map { centre in
                String(min(5, max(1, centre + (g.nextUnit() < 0.15 ? (g.nextUnit() < 0.5 ? -1 : 1) : 0))))
            }
            rows.append("m\(m)," + answers.joined(separator: ","))
            if twins { rows.append("m\(m)-twin," + answers.joined(separator: ",")) }
        }
        let csv = "member," + (1...6).map { "q\($0)" }.joined(separator: ",") + "\n" + rows.joined(separator: "\n") + "\n"
        return try SurveyResponses(csv: csv, file: "survey.csv", spec: spec)
    }

    @Test(arguments: [(UInt64(1), 2), (2, 3), (3, 3), (4, 2)])
    func duplicatingEveryMemberKeepsK(seed: UInt64, groups: Int) throws {
        var options = AnalysisOptions()
        options.bootstrap = 20
        options.gapReferences = 10
        options.seed = seed
        let once = try TendencyAnalysis(AnalysisInput(space: FeatureSpace(survey: Self.survey(seed: seed, members: 24, groups: groups, twins: false))), options: options)
        let twice = try TendencyAnalysis(AnalysisInput(space: FeatureSpace(survey: Self.survey(seed: seed, members: 24, groups: groups, twins: true))), options: options)
        #expect(once.k == groups)
        #expect(twice.k == once.k)
    }
}
