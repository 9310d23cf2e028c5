import Foundation
import Testing
@testable import Tendency

/// The example generator: deterministic, the sizes and shares it promises,
/// leanings independent of tendency, every word it writes known to the
/// shipped codebook, and the committed Fixtures/example equal to a fresh run.
struct ExampleGeneratorTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func generate(_ members: Int, seed: UInt64 = 11, notYetAligned: Int? = nil) throws -> ExampleGenerator.Files {
        try ExampleGenerator(.init(members: members, seed: seed, notYetAligned: notYetAligned)).generate()
    }

    /// Rows of a generated CSV as dictionaries. The generator writes no
    /// quoted fields for the example's words, so splitting on commas is safe;
    /// the test checks that first.
    static func rows(_ csv: String) throws -> [[String: String]] {
        #expect(!csv.contains("\""))
        var lines = csv.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return try lines.map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            try #require(cells.count == header.count, "row \(line) has \(cells.count) fields")
            return Dictionary(uniqueKeysWithValues: zip(header, cells))
        }
    }

    // MARK: Determinism

    @Test func sameSeedGivesIdenticalBytes() throws {
        let first = try Self.generate(150, seed: 42)
        let second = try Self.generate(150, seed: 42)
        for (a, b) in zip(first.named, second.named) {
            #expect(Data(a.contents.utf8) == Data(b.contents.utf8), "\(a.name) differs between runs")
        }
        let other = try Self.generate(150, seed: 43)
        #expect(other.codings != first.codings)
        #expect(other.survey != first.survey)
        #expect(other.surveySpec == first.surveySpec)
    }

    // MARK: Sizes

    @Test func sizesMatchTheConfiguration() throws {
        let configuration = ExampleGenerator.Configuration(members: 200, seed: 5, notYetAligned: 17, surveyOnly: 4, sketchOnly: 6)
        let files = try ExampleGenerator(configuration).generate()
        let truth = try Self.rows(files.truth)
        #expect(truth.count == 200)
        #expect(Set(truth.map { $0["member"]! }).count == 200)
        let notYet = truth.filter { $0["not_yet_aligned"] == "true" }
        #expect(notYet.count == 17)
        #expect(notYet.allSatisfy { $0["tendency"] == "" })
        let counts = Dictionary(grouping: truth.filter { $0["not_yet_aligned"] == "false" }, by: { $0["tendency"]! }).mapValues(\.count)
        #expect(counts == ["governing-front": 92, "bloc-from-below": 91])
        #expect(truth.allSatisfy { !($0["leanings"] ?? "").isEmpty })

        let survey = try Self.rows(files.survey)
        #expect(survey.count == 200 - 6)
        let codings = try Self.rows(files.codings)
        let sketched = Set(codings.map { $0["member"]! })
        #expect(sketched.count == 200 - 4)
        // Survey-only and sketch-only members are different people.
        let surveyed = Set(survey.map { $0["member"]! })
        #expect(sketched.union(surveyed).count == 200)
        #expect(sketched.intersection(surveyed).count == 200 - 4 - 6)
    }

    @Test func surveyHasTheDesignedItems() throws {
        let files = try Self.generate(400)
        let header = files.survey.prefix { $0 != "\n" }.split(separator: ",").map(String.init)
        #expect(header == ["member"] + (1...25).map { String(format: "q%02d", $0) })
        let items = ExamplePlantedDesign.survey
        #expect(items.count == 25)
        #expect(items.filter { $0.role == .orientation }.count == 21)
        #expect(items.filter { $0.role == .leaning }.count == 2)
        #expect(items.filter { $0.role == .context }.count == 2)
        #expect(items.filter { $0.scale == .agree3 }.count == 4)
        #expect(items.filter { $0.scale == .likert5 }.count == 20)
        #expect(items.filter(\.reverse).count == 4)
        // The spec lists every item once, in the public format.
        #expect(files.surveySpec.components(separatedBy: "\n  - id: ").count - 1 == 25)
        #expect(files.surveySpec.components(separatedBy: "    scale: agree3\n").count - 1 == 4)
        #expect(files.surveySpec.components(separatedBy: "    reverse: true\n").count - 1 == 4)

        // Answers are on their scales; about 5% are missing.
        let rows = try Self.rows(files.survey)
        var missing = 0, cells = 0
        for row in rows {
            for item in items {
                let text = row[item.id]!
                cells += 1
                if text.isEmpty { missing += 1; continue }
                let value = try #require(Int(text))
                switch item.scale {
                case .likert5: #expect((1...5).contains(value))
                case .agree3: #expect((-1...1).contains(value))
                case .numeric: #expect((1...45).contains(value))
                }
            }
        }
        let share = Double(missing) / Double(cells)
        #expect(share > 0.035 && share < 0.065, "missing share \(share)")
    }

    /// Orientation items separate the tendencies in the planted direction:
    /// after undoing reverse coding, governing-front answers higher on items
    /// loading towards it, lower on items loading away.
    @Test func orientationItemsSeparateTheTendencies() throws {
        let files = try Self.generate(1000)
        let truth = Dictionary(uniqueKeysWithValues: try Self.rows(files.truth).map { ($0["member"]!, $0["tendency"]!) })
        let rows = try Self.rows(files.survey)
        for item in ExamplePlantedDesign.survey {
            guard case let .tendency(_, loading) = item.driver, abs(loading) >= 0.3 else { continue }
            var sums = [0.0, 0.0], counts = [0.0, 0.0]
            for row in rows {
                guard let value = Double(row[item.id]!), let t = ExampleGenerator.tendencies.firstIndex(of: truth[row["member"]!]!) else { continue }
                sums[t] += item.reverse ? -value : value
                counts[t] += 1
            }
            let difference = sums[0] / counts[0] - sums[1] / counts[1]
            #expect(difference * loading > 0, "item \(item.id): mean difference \(difference), loading \(loading)")
        }
    }

    // MARK: Coders

    @Test func aFifthOfSketchesHaveThreeCoders() throws {
        for members in [120, 500] {
            let codings = try Self.rows(try Self.generate(members).codings)
            let coders = Dictionary(grouping: codings, by: { $0["member"]! }).mapValues { Set($0.map { $0["coder"]! }).count }
            #expect(coders.values.allSatisfy { $0 == 1 || $0 == 3 })
            let share = Double(coders.values.filter { $0 == 3 }.count) / Double(coders.count)
            #expect(share > 0.15 && share < 0.25, "three-coder share \(share) with \(members) members")
        }
    }

    @Test func codersUseSynonymsAtRealisticRates() throws {
        let codings = try Self.rows(try Self.generate(400).codings)
        let ids = Set(Self.codebook.values.flatMap { $0.values })
        let synonyms = codings.filter { !ids.contains($0["code"]!) }.count
        let share = Double(synonyms) / Double(codings.count)
        #expect(share > 0.3 && share < 0.7, "synonym share \(share)")
        // The same bloc sector appears in several traditions' words.
        let bloc = Set(codings.filter { $0["element"] == "bloc" }.map { $0["code"]! })
        #expect(bloc.isSuperset(of: ["oppressed nationalities", "people of color", "communities of color", "oppressed-nationalities"]))
        #expect(bloc.isSuperset(of: ["proletariat", "working class", "workers", "working-class"]))
    }

    // MARK: Leanings cut across tendencies

    /// For each leaning, the share of members holding it is about the same
    /// in both tendencies (1000 members: a difference of 0.1 would be more
    /// than three standard errors), and Cramér's V of the leaning-by-tendency
    /// table is small.
    @Test func leaningsAreIndependentOfTendency() throws {
        let truth = try Self.rows(try Self.generate(1000).truth).filter { $0["not_yet_aligned"] == "false" }
        let leaningIDs = ExamplePlantedDesign.leanings.codes.map(\.id)
        var table = Array(repeating: [0.0, 0.0], count: leaningIDs.count)
        var sizes = [0.0, 0.0]
        for row in truth {
            let t = try #require(ExampleGenerator.tendencies.firstIndex(of: row["tendency"]!))
            sizes[t] += 1
            for leaning in row["leanings"]!.split(separator: ";") {
                let l = try #require(leaningIDs.firstIndex(of: String(leaning)))
                table[l][t] += 1
            }
        }
        for (l, id) in leaningIDs.enumerated() {
            let difference = abs(table[l][0] / sizes[0] - table[l][1] / sizes[1])
            #expect(difference < 0.1, "\(id): shares differ by \(difference)")
        }
        #expect(Self.cramersV(table) < 0.1)

        // On the committed example too (fewer members, so a looser bound).
        let fixture = try Self.rows(try String(contentsOf: Self.packageRoot.appendingPathComponent("Fixtures/example/truth.csv"), encoding: .utf8))
        var small = Array(repeating: [0.0, 0.0], count: leaningIDs.count)
        for row in fixture where row["not_yet_aligned"] == "false" {
            let t = try #require(ExampleGenerator.tendencies.firstIndex(of: row["tendency"]!))
            for leaning in row["leanings"]!.split(separator: ";") {
                small[try #require(leaningIDs.firstIndex(of: String(leaning)))][t] += 1
            }
        }
        #expect(Self.cramersV(small) < 0.3)
    }

    /// Cramér's V = sqrt(chi² / (n (min(r, c) - 1))) of a contingency table.
    static func cramersV(_ table: [[Double]]) -> Double {
        let rows = table.filter { $0.reduce(0, +) > 0 }
        let n = rows.joined().reduce(0, +)
        let rowSums = rows.map { $0.reduce(0, +) }
        let columnSums = rows[0].indices.map { c in rows.reduce(0) { $0 + $1[c] } }
        var chi2 = 0.0
        for (r, row) in rows.enumerated() {
            for (c, observed) in row.enumerated() {
                let expected = rowSums[r] * columnSums[c] / n
                chi2 += (observed - expected) * (observed - expected) / expected
            }
        }
        return (chi2 / (n * Double(min(rows.count, columnSums.count) - 1))).squareRoot()
    }

    // MARK: Codebook

    /// The shipped codebook read by a small text scan (not a YAML parser:
    /// the generator must not depend on one, and neither does this check):
    /// element id -> folded id or synonym -> code id.
    static let codebook: [String: [String: String]] = {
        let url = packageRoot.appendingPathComponent("Fixtures/codebook/strategy-toolkit.yaml")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var result: [String: [String: String]] = [:]
        var element = "", code = ""
        for line in text.split(separator: "\n").map(String.init) {
            if line.hasPrefix("  - id: ") {
                element = String(line.dropFirst("  - id: ".count))
            } else if line.hasPrefix("      - id: ") {
                code = String(line.dropFirst("      - id: ".count))
                result[element, default: [:]][fold(code)] = code
            } else if line.hasPrefix("        synonyms: ["), line.hasSuffix("]") {
                let list = line.dropFirst("        synonyms: [".count).dropLast()
                for synonym in list.split(separator: ",") {
                    let folded = fold(String(synonym))
                    if let existing = result[element]?[folded], existing != code {
                        result[element]![folded] = "COLLISION \(existing) \(code)"
                    } else {
                        result[element, default: [:]][folded] = code
                    }
                }
            }
        }
        return result
    }()

    /// Case- and whitespace-insensitive form, as the codebook's matching.
    static func fold(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func codebookScanSeesTheWholeCodebook() {
        #expect(Self.codebook.keys.sorted() == ["bloc", "chokepoints", "contradictions", "correlation-shift", "leanings",
                                                "objective", "opposition", "power-basis", "sector", "state-power",
                                                "tradition", "vision"])
        #expect(!Self.codebook.values.flatMap(\.values).contains { $0.hasPrefix("COLLISION") })
        #expect(Self.codebook["bloc"]?["people of color"] == "oppressed-nationalities")
        #expect(Self.codebook["bloc"]?["proletariat"] == "working-class")
    }

    /// Every word the generator can write names the intended code of the
    /// intended element in the shipped codebook.
    @Test func plantedDesignUsesOnlyCodebookWords() {
        let elements = ExamplePlantedDesign.orientation
            + [ExamplePlantedDesign.leanings, ExamplePlantedDesign.traditions, ExamplePlantedDesign.sectors]
        for element in elements {
            let known = Self.codebook[element.id]
            #expect(known != nil, "element \(element.id) is not in the codebook")
            for code in element.codes {
                #expect(known?[Self.fold(code.id)] == code.id, "\(element.id): code \(code.id) is not in the codebook")
                for form in code.forms {
                    #expect(known?[Self.fold(form)] == code.id, "\(element.id): '\(form)' does not name \(code.id)")
                }
            }
        }
        #expect(ExamplePlantedDesign.vocabulary.count == ExamplePlantedDesign.traditions.codes.count)
    }

    /// And every row the generator actually emits resolves.
    @Test func emittedCodesExistInTheCodebook() throws {
        let codings = try Self.rows(try Self.generate(300, seed: 9).codings)
        for row in codings {
            let element = row["element"]!, code = row["code"]!
            #expect(Self.codebook[element]?[Self.fold(code)] != nil, "\(element): '\(code)' is not in the codebook")
        }
    }

    // MARK: The committed fixture

    /// Fixtures/example equals a fresh generation with the parameters of the
    /// command recorded in its README.
    @Test func committedExampleMatchesAFreshGeneration() throws {
        let folder = Self.packageRoot.appendingPathComponent("Fixtures/example")
        let readme = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
        let command = try #require(readme.split(separator: "\n").first { $0.contains("tendency generate-example") })
        let words = command.split(separator: " ").map(String.init)
        func option(_ name: String) -> String? {
            words.firstIndex(of: name).flatMap { $0 + 1 < words.count ? words[$0 + 1] : nil }
        }
        let members = try #require(option("--members").flatMap { Int($0) })
        let seed = try #require(option("--seed").flatMap { UInt64($0) })
        let notYetAligned = option("--not-yet-aligned").flatMap { Int($0) }
        #expect(members == 120 && notYetAligned == 12)
        let fresh = try Self.generate(members, seed: seed, notYetAligned: notYetAligned)
        for (name, contents) in fresh.named {
            let committed = try Data(contentsOf: folder.appendingPathComponent(name))
            #expect(committed == Data(contents.utf8), "Fixtures/example/\(name) differs from a fresh generation")
        }
    }

    // MARK: Bad configurations

    @Test func badConfigurationsAreRefused() {
        #expect(throws: ExampleGenerator.ConfigurationError.self) { try ExampleGenerator(.init(members: 0, seed: 1)) }
        #expect(throws: ExampleGenerator.ConfigurationError.self) { try ExampleGenerator(.init(members: 10, seed: 1, notYetAligned: 11)) }
        #expect(throws: ExampleGenerator.ConfigurationError.self) { try ExampleGenerator(.init(members: 10, seed: 1, notYetAligned: -1)) }
        #expect(throws: ExampleGenerator.ConfigurationError.self) { try ExampleGenerator(.init(members: 10, seed: 1, coderNoise: 1.5)) }
        #expect(throws: ExampleGenerator.ConfigurationError.self) { try ExampleGenerator(.init(members: 10, seed: 1, coders: 2)) }
        #expect(throws: ExampleGenerator.ConfigurationError.self) {
            try ExampleGenerator(.init(members: 10, seed: 1, surveyOnly: 6, sketchOnly: 5))
        }
        // The smallest sizes still work.
        #expect(throws: Never.self) { _ = try ExampleGenerator(.init(members: 1, seed: 1)).generate() }
        #expect(throws: Never.self) { _ = try ExampleGenerator(.init(members: 2, seed: 1, notYetAligned: 2)).generate() }
    }
}
