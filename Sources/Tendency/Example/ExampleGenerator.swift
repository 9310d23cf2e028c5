import Foundation

/// Writes realistic example data with a known, planted structure (see
/// `ExamplePlantedDesign`): strategy-sketch codings as coders produce them,
/// an alignment survey with its spec, and the truth the data was drawn from.
/// It exists so that tests, benchmarks and the README can show that the
/// engine recovers what was planted, at any size.
///
/// What is planted, per member:
/// - a tendency (governing-front or bloc-from-below, near half each), or, for
///   `notYetAligned` members, a mix: a member-specific share of 40 to 60 per
///   cent of the orientation elements and tendency-driven survey items (drawn
///   at random) follows governing-front, the rest bloc-from-below;
/// - orientation codes drawn code by code from the profile (a few elements
///   left unaddressed, as sketches sometimes are);
/// - leanings, ideological traditions and sectors drawn independently of the
///   tendency, so they cut across both; one of the member's traditions sets
///   the vocabulary of their sketch;
/// - one coder per sketch, three on `threeCoderFraction` of the sketches.
///   Coders write code ids or the synonym in the sketch's vocabulary at
///   coder-specific rates, and now and then miss a code or add a wrong one
///   (`coderNoise`);
/// - survey answers from the tendency's item means, a member-specific
///   response bias and noise, with `missingAnswerRate` of cells left empty;
/// - `surveyOnly` members with no sketch and `sketchOnly` members with no
///   survey answers.
///
/// All randomness comes from `SeededGenerator`, one stream per part, so the
/// same configuration gives the same bytes everywhere.
public struct ExampleGenerator: Sendable {
    /// What to generate.
    public struct Configuration: Sendable, Equatable {
        public var members: Int
        public var seed: UInt64
        /// Members drawn as a mix of both tendencies.
        public var notYetAligned: Int
        /// Share of sketches coded by three coders (the rest have one).
        public var threeCoderFraction: Double
        /// Size of the pool of coders.
        public var coders: Int
        /// Chance that a coder misses a code, or adds a wrong code to an element.
        public var coderNoise: Double
        /// Mean chance that a coder writes a synonym rather than the code id.
        public var synonymRate: Double
        /// Chance that a survey answer is missing.
        public var missingAnswerRate: Double
        /// Members who answered the survey but wrote no sketch.
        public var surveyOnly: Int
        /// Members who wrote a sketch but did not answer the survey.
        public var sketchOnly: Int

        /// Defaults: a tenth of members not yet aligned, a fifth of sketches
        /// with three coders, six coders, 5% coder noise, synonyms half the
        /// time, 5% missing answers, one member in forty survey-only and as
        /// many sketch-only.
        public init(members: Int, seed: UInt64, notYetAligned: Int? = nil,
                    threeCoderFraction: Double = 0.2, coders: Int = 6, coderNoise: Double = 0.05,
                    synonymRate: Double = 0.5, missingAnswerRate: Double = 0.05,
                    surveyOnly: Int? = nil, sketchOnly: Int? = nil) {
            self.members = members
            self.seed = seed
            self.notYetAligned = notYetAligned ?? members / 10
            self.threeCoderFraction = threeCoderFraction
            self.coders = coders
            self.coderNoise = coderNoise
            self.synonymRate = synonymRate
            self.missingAnswerRate = missingAnswerRate
            self.surveyOnly = surveyOnly ?? members / 40
            self.sketchOnly = sketchOnly ?? members / 40
        }
    }

    /// A configuration that cannot be generated.
    public struct ConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
        public let description: String
    }

    /// The generated files' contents.
    public struct Files: Sendable, Equatable {
        /// `member,coder,element,code`.
        public var codings: String
        /// `member,q01,...,q25`; empty cells are missing answers.
        public var survey: String
        /// The survey spec YAML.
        public var surveySpec: String
        /// `member,tendency,not_yet_aligned,leanings`: tendency is empty for
        /// members not yet aligned; leanings are `;`-separated code ids.
        public var truth: String

        /// File names and contents, in a fixed order.
        public var named: [(name: String, contents: String)] {
            [("codings.csv", codings), ("survey.csv", survey), ("survey-spec.yaml", surveySpec), ("truth.csv", truth)]
        }

        /// The file names `named` uses.
        public static let fileNames = ["codings.csv", "survey.csv", "survey-spec.yaml", "truth.csv"]
    }

    /// The planted tendencies' ids, as written in truth.csv.
    public static let tendencies = ExamplePlantedDesign.tendencies

    public let configuration: Configuration

    /// Checks the configuration.
    public init(_ configuration: Configuration) throws {
        let c = configuration
        func fail(_ message: String) -> ConfigurationError { ConfigurationError(description: message) }
        guard c.members >= 1 else { throw fail("members must be at least 1 (got \(c.members))") }
        guard c.members <= 10_000_000 else { throw fail("members must be at most 10000000 (got \(c.members))") }
        guard (0...c.members).contains(c.notYetAligned) else {
            throw fail("not-yet-aligned must be between 0 and the number of members (\(c.members)); got \(c.notYetAligned)")
        }
        guard c.surveyOnly >= 0, c.sketchOnly >= 0, c.surveyOnly + c.sketchOnly <= c.members else {
            throw fail("survey-only (\(c.surveyOnly)) and sketch-only (\(c.sketchOnly)) members must be non-negative and together at most \(c.members)")
        }
        for (name, value) in [("threeCoderFraction", c.threeCoderFraction), ("coderNoise", c.coderNoise),
                              ("synonymRate", c.synonymRate), ("missingAnswerRate", c.missingAnswerRate)] {
            guard value >= 0, value <= 1 else { throw fail("\(name) must be between 0 and 1 (got \(value))") }
        }
        guard c.coders >= 1, c.coders <= 1000 else { throw fail("coders must be between 1 and 1000 (got \(c.coders))") }
        guard c.threeCoderFraction == 0 || c.coders >= 3 else {
            throw fail("three coders per sketch need a pool of at least 3 coders (got \(c.coders))")
        }
        self.configuration = configuration
    }

    // MARK: - Members

    /// A member as drawn: tendency, which profile each orientation element
    /// and survey item follows, traits, inputs.
    private struct Member {
        var id: String
        var tendency: Int?          // nil = not yet aligned
        var elementProfiles: [Int]  // per orientation element, index into tendencies
        var itemProfiles: [Int]     // per survey item, index into tendencies
        var leanings: [Int] = []    // indices into leanings.codes, ascending
        var traditions: [Int] = []
        var sectors: [Int] = []
        var vocabulary = 0          // set by one of the member's traditions
        var hasSketch = true
        var hasSurvey = true
    }

    private enum Stream: UInt64 { case roles = 1, traits, sketches, coding, survey }

    private func generator(_ stream: Stream) -> SeededGenerator {
        SeededGenerator(seed: configuration.seed, stream: stream.rawValue)
    }

    /// Generates the four files.
    public func generate() -> Files {
        let members = drawMembers()
        return Files(codings: codings(members), survey: survey(members),
                     surveySpec: Self.surveySpec(), truth: truth(members))
    }

    private func drawMembers() -> [Member] {
        let c = configuration
        var random = ExampleRandom(generator(.roles))
        let width = max(3, String(c.members).count)
        let elementCount = ExamplePlantedDesign.orientation.count
        let itemCount = ExamplePlantedDesign.survey.count
        let aligned = c.members - c.notYetAligned
        var roles: [Int?] = Array(repeating: 0, count: (aligned + 1) / 2) + Array(repeating: 1, count: aligned / 2)
        roles += Array(repeating: nil, count: c.notYetAligned)
        random.shuffle(&roles)
        var members = roles.enumerated().map { index, role in
            let number = String(index + 1)
            let id = "m" + String(repeating: "0", count: max(0, width - number.count)) + number
            if let role {
                return Member(id: id, tendency: role, elementProfiles: Array(repeating: role, count: elementCount),
                              itemProfiles: Array(repeating: role, count: itemCount))
            }
            let share = 0.4 + 0.2 * random.unit()
            return Member(id: id, tendency: nil, elementProfiles: random.mixedProfiles(elementCount, share: share),
                          itemProfiles: random.mixedProfiles(itemCount, share: share))
        }
        var order = Array(members.indices)
        random.shuffle(&order)
        for index in order.prefix(c.surveyOnly) { members[index].hasSketch = false }
        for index in order.dropFirst(c.surveyOnly).prefix(c.sketchOnly) { members[index].hasSurvey = false }

        var traits = ExampleRandom(generator(.traits))
        for index in members.indices {
            members[index].leanings = traits.subset(ExamplePlantedDesign.leanings.codes.map { $0.weights[0] }, atMost: 3)
            members[index].traditions = traits.subset(ExamplePlantedDesign.traditions.codes.map { $0.weights[0] }, atMost: 2)
            members[index].sectors = traits.subset(ExamplePlantedDesign.sectors.codes.map { $0.weights[0] }, atMost: 2)
            let traditions = members[index].traditions
            members[index].vocabulary = ExamplePlantedDesign.vocabulary[traditions[traits.index(traditions.count)]]
        }
        return members
    }

    // MARK: - Sketch codings

    /// One sketch's true codes: per element (codebook order), code indices.
    private typealias Sketch = [(element: ExamplePlantedDesign.PlantedElement, codes: [Int])]

    private func drawSketch(_ member: Member, _ random: inout ExampleRandom) -> Sketch {
        var sketch: Sketch = []
        for (number, element) in ExamplePlantedDesign.orientation.enumerated() {
            let profile = member.elementProfiles[number]
            let weights = element.codes.map { $0.weights[profile] }
            let addressed = !random.chance(0.04)
            var codes: [Int]
            switch element.kind {
            case .multi:
                codes = weights.indices.filter { random.chance(weights[$0]) }
                if codes.isEmpty, let top = weights.indices.max(by: { weights[$0] < weights[$1] }) { codes = [top] }
            case .single, .ordinal:
                codes = [random.pick(weights)]
            }
            if addressed { sketch.append((element, codes)) }
        }
        sketch.append((ExamplePlantedDesign.leanings, member.leanings))
        sketch.append((ExamplePlantedDesign.traditions, member.traditions))
        sketch.append((ExamplePlantedDesign.sectors, member.sectors))
        return sketch
    }

    private func codings(_ members: [Member]) -> String {
        let c = configuration
        var truthRandom = ExampleRandom(generator(.sketches))
        var random = ExampleRandom(generator(.coding))
        let coderIDs = (1...c.coders).map { "coder-\($0)" }
        // Each coder writes synonyms at their own rate around the mean.
        let synonymRates = coderIDs.map { _ in min(1, max(0, c.synonymRate + 0.4 * (random.unit() - 0.5))) }

        let sketched = members.indices.filter { members[$0].hasSketch }
        var order = sketched
        random.shuffle(&order)
        let tripleCount = Int((c.threeCoderFraction * Double(sketched.count)).rounded())
        let tripled = Set(order.prefix(tripleCount))

        var out = "member,coder,element,code\n"
        for index in sketched {
            let member = members[index]
            let sketch = drawSketch(member, &truthRandom)
            var pool = Array(coderIDs.indices)
            random.shuffle(&pool)
            let assigned = pool.prefix(tripled.contains(index) ? 3 : 1).sorted()
            for coder in assigned {
                for (element, trueCodes) in sketch {
                    let applied = noisy(trueCodes, element, &random)
                    for code in applied {
                        let word = surfaceForm(element.codes[code], vocabulary: member.vocabulary,
                                               synonymRate: synonymRates[coder], &random)
                        out += "\(member.id),\(coderIDs[coder]),\(element.id),\(Self.csvField(word))\n"
                    }
                }
            }
        }
        return out
    }

    /// A coder's reading of the true codes: occasionally one missed, a wrong
    /// one added (multi), or a neighbouring choice taken (single, ordinal).
    private func noisy(_ codes: [Int], _ element: ExamplePlantedDesign.PlantedElement,
                       _ random: inout ExampleRandom) -> [Int] {
        let noise = configuration.coderNoise
        let count = element.codes.count
        switch element.kind {
        case .multi:
            var applied = codes.filter { _ in !random.chance(noise) }
            if random.chance(noise), count > codes.count {
                let others = (0..<count).filter { !codes.contains($0) }
                applied.append(others[random.index(others.count)])
            }
            return applied.sorted()
        case .single:
            guard random.chance(noise), count > 1 else { return codes }
            let others = (0..<count).filter { !codes.contains($0) }
            return [others[random.index(others.count)]]
        case .ordinal:
            guard random.chance(noise), count > 1, let level = codes.first else { return codes }
            let step = level == 0 ? 1 : level == count - 1 ? -1 : (random.chance(0.5) ? 1 : -1)
            return [level + step]
        }
    }

    /// The word a coder writes for a code: its id, or a synonym, mostly the
    /// one in the sketch's own vocabulary.
    private func surfaceForm(_ code: ExamplePlantedDesign.PlantedCode, vocabulary: Int, synonymRate: Double,
                             _ random: inout ExampleRandom) -> String {
        guard !code.forms.isEmpty, random.chance(synonymRate) else { return code.id }
        if random.chance(0.85) { return code.forms[vocabulary % code.forms.count] }
        return code.forms[random.index(code.forms.count)]
    }

    // MARK: - Survey

    private func survey(_ members: [Member]) -> String {
        var random = ExampleRandom(generator(.survey))
        let items = ExamplePlantedDesign.survey
        var out = "member," + items.map(\.id).joined(separator: ",") + "\n"
        for member in members where member.hasSurvey {
            let bias = 0.3 * random.gaussian()
            var row = [member.id]
            for (number, item) in items.enumerated() {
                let answer = self.answer(item, member, profile: member.itemProfiles[number], bias: bias, &random)
                row.append(random.chance(configuration.missingAnswerRate) ? "" : answer)
            }
            out += row.joined(separator: ",") + "\n"
        }
        return out
    }

    /// One answer, as text. Values are drawn on a centred scale (0 = neutral)
    /// and cut into the item's scale.
    private func answer(_ item: ExamplePlantedDesign.PlantedItem, _ member: Member, profile: Int, bias: Double,
                        _ random: inout ExampleRandom) -> String {
        let centred: Double
        switch item.driver {
        case let .tendency(mean, loading):
            let side: Double = profile == 0 ? 1 : -1
            centred = mean + loading * side + bias + 0.9 * random.gaussian()
        case let .leaning(id):
            let holds = member.leanings.contains { ExamplePlantedDesign.leanings.codes[$0].id == id }
            centred = (holds ? 1.2 : -0.6) + bias + 0.8 * random.gaussian()
        case .clarity:
            centred = (member.tendency == nil ? -0.6 : 0.9) + 0.8 * random.gaussian()
        case .years:
            let years = exp(2.0 + 0.7 * random.gaussian()).rounded()
            return String(Int(min(45, max(1, years))))
        }
        let agreement = item.reverse ? -centred : centred
        switch item.scale {
        case .likert5: return String(Int(min(2, max(-2, agreement.rounded()))) + 3)
        case .agree3: return agreement > 0.5 ? "1" : agreement < -0.5 ? "-1" : "0"
        case .numeric: return String(Int(agreement.rounded()))
        }
    }

    /// The survey spec YAML, in the public format.
    public static func surveySpec() -> String {
        var out = "# Alignment survey of the example data written by `tendency generate-example`.\nitems:\n"
        for item in ExamplePlantedDesign.survey {
            out += "  - id: \(item.id)\n"
            out += "    text: \"\(item.text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\"\n"
            out += "    scale: \(item.scale.rawValue)\n"
            out += "    role: \(item.role.rawValue)\n"
            out += "    reverse: \(item.reverse)\n"
            out += "    weight: 1.0\n"
        }
        return out
    }

    // MARK: - Truth

    private func truth(_ members: [Member]) -> String {
        var out = "member,tendency,not_yet_aligned,leanings\n"
        for member in members {
            let tendency = member.tendency.map { Self.tendencies[$0] } ?? ""
            let leanings = member.leanings.map { ExamplePlantedDesign.leanings.codes[$0].id }.joined(separator: ";")
            out += "\(member.id),\(tendency),\(member.tendency == nil),\(leanings)\n"
        }
        return out
    }

    /// Quotes a CSV field when it needs it (RFC 4180).
    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// The random choices the generator makes, all drawn from one
/// `SeededGenerator` with fixed arithmetic (not the standard library's
/// `random(in:)` or `shuffled()`, whose algorithms may change between
/// releases), so output bytes stay stable.
private struct ExampleRandom {
    var source: SeededGenerator
    init(_ source: SeededGenerator) { self.source = source }

    mutating func unit() -> Double { source.nextUnit() }
    mutating func gaussian() -> Double { source.nextGaussian() }
    mutating func chance(_ p: Double) -> Bool { source.nextUnit() < p }

    /// Uniform in 0..<n (n ≥ 1).
    mutating func index(_ n: Int) -> Int { min(n - 1, Int(source.nextUnit() * Double(n))) }

    /// Fisher-Yates shuffle.
    mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, index(i + 1))
        }
    }

    /// `count` profile indices, round(share × count) of them 0 at random
    /// places, the rest 1.
    mutating func mixedProfiles(_ count: Int, share: Double) -> [Int] {
        let zeros = Int((share * Double(count)).rounded())
        var profiles = Array(repeating: 0, count: zeros) + Array(repeating: 1, count: count - zeros)
        shuffle(&profiles)
        return profiles
    }

    /// An index drawn with probability proportional to its weight.
    mutating func pick(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var target = source.nextUnit() * total
        for (i, w) in weights.enumerated() {
            if target < w { return i }
            target -= w
        }
        return weights.count - 1
    }

    /// Each index kept with its own probability; at least one (drawn by
    /// weight) and at most `limit` (the first drawn in a random order).
    mutating func subset(_ probabilities: [Double], atMost limit: Int) -> [Int] {
        var kept = probabilities.indices.filter { chance(probabilities[$0]) }
        if kept.isEmpty { kept = [pick(probabilities)] }
        if kept.count > limit {
            shuffle(&kept)
            kept = Array(kept.prefix(limit))
        }
        return kept.sorted()
    }
}
