import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Tendency

@Suite struct ReportRenderingTests {
    static let sample = SampleReport.make()

    /// Every `<svg ...>...</svg>` fragment of the page.
    static func svgFragments(_ html: String) -> [String] {
        var fragments: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg "), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            fragments.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return fragments
    }

    /// Checks that every element is closed in order (HTML void elements and
    /// self-closing tags aside); returns the first problem, or nil.
    static func tagBalanceProblem(_ html: String) -> String? {
        let void: Set<String> = ["meta", "br", "hr", "img", "input", "link", "wbr", "col", "source"]
        var stack: [String] = []
        var index = html.startIndex
        while let open = html[index...].firstIndex(of: "<") {
            guard let close = html[open...].firstIndex(of: ">") else { return "unterminated tag" }
            let tag = html[html.index(after: open)..<close]
            index = html.index(after: close)
            if tag.hasPrefix("!") { continue }
            if tag.hasPrefix("/") {
                let name = tag.dropFirst().lowercased()
                guard stack.last == name else { return "closing </\(name)> but open <\(stack.last ?? "nothing")>" }
                stack.removeLast()
                if name == "style" { continue }
                continue
            }
            let name = tag.prefix { !$0.isWhitespace && $0 != "/" }.lowercased()
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber }) else { return "bad tag <\(tag)>" }
            if tag.hasSuffix("/") || void.contains(name) { continue }
            stack.append(name)
            if name == "style" {  // raw text up to </style>
                guard let end = html.range(of: "</style>", range: index..<html.endIndex) else { return "unclosed style" }
                index = end.lowerBound
            }
        }
        return stack.isEmpty ? nil : "unclosed <\(stack.joined(separator: "> <"))>"
    }

    static func parses(_ xml: String) -> Bool {
        XMLParser(data: Data(xml.utf8)).parse()
    }

    @Test func pageIsWellFormedWithOneHTMLElement() {
        let html = HTMLReport.render(Self.sample)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.components(separatedBy: "<html").count == 2)
        #expect(html.components(separatedBy: "</html>").count == 2)
        #expect(Self.tagBalanceProblem(html) == nil, "\(Self.tagBalanceProblem(html) ?? "")")
    }

    @Test func holdsEveryFigureAndEachParsesAsXML() {
        let html = HTMLReport.render(Self.sample)
        let svgs = Self.svgFragments(html)
        // candidates, map, dendrogram, heatmap, leanings cross-tab, one context cross-tab
        #expect(svgs.count == 6)
        #expect(html.components(separatedBy: "<svg").count - 1 == 6)
        for svg in svgs { #expect(Self.parses(svg), "SVG does not parse: \(svg.prefix(200))") }
        for title in ["Evidence for each number of tendencies", "Map of 60 members", "Dendrogram of 60 members",
                      "Similarity between members", "Leanings by tendency", "Sector of work"] {
            #expect(html.contains("<title>\(title)</title>"), "missing figure \(title)")
        }
    }

    @Test func referencesNothingOutsideThePage() {
        let html = HTMLReport.render(Self.sample)
        let stripped = html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
        #expect(!stripped.contains("http://"))
        #expect(!stripped.contains("https://"))
        for forbidden in ["<script", "src=", "url(", "@import", "<link"] { #expect(!html.contains(forbidden)) }
    }

    @Test func escapesUserData() {
        #expect(Self.sample.members.contains { $0.id == SampleReport.trickyID })
        let html = HTMLReport.render(Self.sample)
        #expect(!html.contains(SampleReport.trickyID))
        #expect(html.contains("&lt;b&gt;&amp;&quot;x&quot;"))
        #expect(ReportFormat.escape("a<b>&\"c\"'d\u{1}e") == "a&lt;b&gt;&amp;&quot;c&quot;&#39;de")
    }

    @Test func saysTheEssentialsInPlainSentences() {
        let report = Self.sample
        let html = HTMLReport.render(report)
        let unclear = report.members.filter(\.ambiguous).count
        #expect(html.contains("We found <b>two candidate strategic tendencies</b> among the 60 members."))
        #expect(html.contains("<b>\(unclear) members are not yet clearly aligned</b>"))
        #expect(html.contains("Leanings do not define tendencies."))
        #expect(html.contains("82% of this tendency name <b>“Low-wage and precarious workers”</b>, against 17% of the others."))
        #expect(html.contains("<details><summary>Run manifest</summary>"))
        for t in report.tendencies { #expect(html.contains(ReportFormat.escape(t.hypothesis.sentence))) }
    }

    @Test func jsonRoundTripsWithSortedKeysAndRequiredFields() throws {
        let data = try Self.sample.jsonData()
        let decoded = try AnalysisReport(jsonData: data)
        #expect(decoded == Self.sample)
        #expect(try decoded.jsonData() == data)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in ["k", "candidates", "pick", "members", "tendencies", "manifest", "consensus", "leaningCrosstab",
                    "contextCrosstabs", "map", "dendrogram", "heatmap", "referencePartition", "notes"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        let member = try #require((object["members"] as? [[String: Any]])?.first)
        for key in ["id", "tendency", "confidence", "ambiguous", "leanings"] { #expect(member[key] != nil, "member.\(key)") }
        let tendency = try #require((object["tendencies"] as? [[String: Any]])?.first)
        for key in ["id", "size", "stability", "distinguishing", "consensus", "hypothesis"] { #expect(tendency[key] != nil, "tendency.\(key)") }
        let text = String(decoding: data, as: UTF8.self)
        let topKeys = ["\n  \"candidates\"", "\n  \"k\"", "\n  \"manifest\"", "\n  \"members\"", "\n  \"tendencies\""]
        let positions = topKeys.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == topKeys.count && positions == positions.sorted())
    }

    @Test func sameModelGivesSameBytes() throws {
        let a = HTMLReport.render(Self.sample)
        let b = HTMLReport.render(SampleReport.make())
        #expect(a == b)
        let decoded = try AnalysisReport(jsonData: try Self.sample.jsonData())
        #expect(HTMLReport.render(decoded) == a)
    }

    @Test func numbersAreFormattedDeterministically() {
        #expect(ReportFormat.fixed(0.125, decimals: 2) == "0.13")
        #expect(ReportFormat.fixed(-0.125, decimals: 2) == "-0.13")
        #expect(ReportFormat.fixed(-0.004, decimals: 2) == "0.00")
        #expect(ReportFormat.fixed(3, decimals: 0) == "3")
        #expect(ReportFormat.fixed(.nan) == "n/a")
        #expect(ReportFormat.compact(2.50) == "2.5")
        #expect(ReportFormat.compact(-0.001) == "0")
        #expect(ReportFormat.compact(1200) == "1200")
        #expect(ReportFormat.percent(0.724) == "72%")
        #expect(HTMLReportPage.shellQuoted("--out") == "--out")
        #expect(HTMLReportPage.shellQuoted("my dir/it's") == "'my dir/it'\\''s'")
        #expect(SVGPlot.ticks(from: 0, to: 1.37, count: 5) == [0, 0.5, 1])
        #expect(SVGPlot.ticks(from: 0, to: 10, count: 5) == [0, 2, 4, 6, 8, 10])
    }

    /// Figure labels wrap at spaces instead of being cut, up to the line limit.
    @Test func labelsWrapAtSpaces() {
        #expect(ReportFormat.wrapped("Base building", width: 27, maxLines: 3) == ["Base building"])
        #expect(ReportFormat.wrapped("Climate and environmental justice", width: 27, maxLines: 3)
                == ["Climate and environmental", "justice"])
        #expect(ReportFormat.wrapped("", width: 10, maxLines: 2) == [""])
        #expect(ReportFormat.wrapped("Antidisestablishmentarianism now", width: 10, maxLines: 3) == ["Antidises…", "now"])
        let long = ReportFormat.wrapped("one two three four five six seven eight", width: 9, maxLines: 2)
        #expect(long == ["one two", "three fo…"])
        #expect(long.allSatisfy { $0.count <= 9 })
    }

    @Test func heatmapAveragesIntoBlocks() {
        let heat = AnalysisReport.Heatmap(order: [6, 5, 4, 3, 2, 1, 0], maxCells: 3) { i, j in Double(i + j) }
        #expect(heat.blockSize == 3)
        #expect(heat.similarity.count == 3)
        // block 0 = leaves 6,5,4; block 2 = leaf 0
        #expect(heat.similarity[0][0] == 10)
        #expect(heat.similarity[0][2] == 5)
        #expect(heat.similarity[2][0] == 5)
        #expect(heat.similarity[2][2] == 0)
    }

    /// The heatmap the analysis draws, from one pass over the distances or
    /// over the points' rows, equals the general one that asks for every
    /// pair's similarity.
    @Test(arguments: [5, 301, 700], [false, true])
    func heatmapFromDistancesEqualsThePairwiseOne(_ n: Int, fromPoints: Bool) throws {
        var generator = SeededGenerator(seed: UInt64(n))
        let points = Matrix<Double>(rows: n, columns: 3, storage: (0..<(3 * n)).map { _ in generator.nextUnit() })
        let distances = try PairwiseDistances.condensed(points, metric: .euclidean)
        let order = (0..<n).map { ($0 * 37) % n }
        let largest = distances.storage.max() ?? 1
        let fromDistances = AnalysisReport.Heatmap(order: order, distances: fromPoints ? .points(points) : .matrix(distances),
                                                   measure: "m")
        let pairwise = AnalysisReport.Heatmap(order: order, measure: "m") { i, j in 1 - distances[i, j] / largest }
        #expect(fromDistances.blockSize == pairwise.blockSize)
        #expect(fromDistances.order == pairwise.order)
        #expect(fromDistances.similarity.count == pairwise.similarity.count)
        for (a, b) in zip(fromDistances.similarity, pairwise.similarity) {
            #expect(a.count == b.count)
            for (x, y) in zip(a, b) { #expect(abs(x - y) <= 1e-12, "n \(n)") }
        }
    }

    /// Heatmap cells sit on whole pixels and each row's runs tile the
    /// matrix without gaps: at 295 cells a side, fractional edges rounded
    /// apart under crisp edges and showed white hairlines.
    @Test func heatmapRunsShareWholePixelEdges() throws {
        let n = 590
        let heat = AnalysisReport.Heatmap(order: Array(0..<n)) { i, j in Double((i * 31 + j * 17) % 97) / 97 }
        #expect(heat.similarity.count == 295)
        let svg = try #require(HeatmapFigure.svg(heat, leafTendency: [], palette: TendencyPalette(tendencyIDs: []), tendencyIDs: []))
        let cells = try #require(svg.range(of: "shape-rendering=\"crispEdges\"")).upperBound
        let body = String(svg[cells...])
        let rect = try Regex(#"<rect x="([0-9.]+)" y="([0-9.]+)" width="([0-9.]+)" height="([0-9.]+)"/>"#)
        var rows: [Double: [(Double, Double)]] = [:]
        for match in body.matches(of: rect) {
            let v = (1...4).map { Double(match.output[$0].substring!)! }
            #expect(v.allSatisfy { $0 == $0.rounded() }, "\(v)")
            rows[v[1], default: []].append((v[0], v[2]))
        }
        #expect(rows.count == 295)
        for (y, runs) in rows {
            let sorted = runs.sorted { $0.0 < $1.0 }
            #expect(sorted.first?.0 == 34, "row at \(y)")
            #expect(zip(sorted, sorted.dropFirst()).allSatisfy { $0.0 + $0.1 == $1.0 }, "row at \(y)")
            #expect(sorted.last.map { $0.0 + $0.1 } == 634, "row at \(y)")
        }
    }

    @Test func largeGroupsDrawWithoutLabelsAndDownsampled() {
        let n = 700
        var report = SampleReport.make()
        let linkage = (0..<(n - 1)).map { i in [Double(i == 0 ? 0 : n + i - 1), Double(i + 1), Double(i + 1), Double(i + 2)] }
        let tendency = (0..<n).map { $0 < n / 2 ? 1 : 2 }
        report.dendrogram = .init(linkage: linkage, leafOrder: Array(0..<n), leafLabels: (0..<n).map { "P\($0)" }, leafTendency: tendency)
        report.heatmap = .init(order: Array(0..<n), maxCells: 350) { i, j in tendency[i] == tendency[j] ? 0.9 : 0.1 }
        #expect(report.heatmap?.blockSize == 2)
        let html = HTMLReport.render(report)
        let svgs = Self.svgFragments(html)
        #expect(svgs.count == 6)
        for svg in svgs { #expect(Self.parses(svg)) }
        #expect(!html.contains(">P12</text>"))
        #expect(html.contains("each square shows the average over a block"))
        if let path = ProcessInfo.processInfo.environment["TENDENCY_SAMPLE_REPORT_LARGE"] {
            try? html.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    /// Tendencies that nothing sets apart are flagged in the summary.
    @Test func summaryWarnsWhenNothingSetsTendenciesApart() {
        #expect(!HTMLReport.render(Self.sample).contains("No answer clearly sets any tendency apart"))
        var report = Self.sample
        for index in report.tendencies.indices { report.tendencies[index].distinguishing = [] }
        #expect(HTMLReport.render(report).contains("No answer clearly sets any tendency apart"))
    }

    /// Names of not-yet-aligned members on the map move aside rather than
    /// overprint each other: four rings at one spot get four places; rings
    /// far apart keep the place to their right.
    @Test func mapNamesAvoidEachOther() {
        let names = ["member-ddf2ea8e5d", "member-00f6a81964", "member-a7ba1c8e0d", "member-10fc334fd9"]
        let crowded = MapFigure.labelPlacements(at: Array(repeating: (x: 300, y: 200), count: 4), labels: names,
                                                radius: 5, within: (0, 1000))
        #expect(Set(crowded.map { "\($0.x),\($0.y),\($0.anchor)" }).count == 4)
        let apart = MapFigure.labelPlacements(at: [(x: 100, y: 100), (x: 100, y: 300)], labels: Array(names.prefix(2)),
                                              radius: 5, within: (0, 1000))
        #expect(apart.allSatisfy { $0.anchor == .start && $0.x == 109 })
        // Near the right edge the name goes to the left of its ring.
        let edge = MapFigure.labelPlacements(at: [(x: 990, y: 100)], labels: [names[0]], radius: 5, within: (0, 1000))
        #expect(edge[0].anchor == .end)
    }

    /// The axes say what share of the differences each captures, never "0%"
    /// for a small share: sparse votes on 1,000 statements give half a percent.
    @Test func mapAxesShowSmallSharesAsSuch() throws {
        func axes(_ shares: [Double]) throws -> String {
            let map = AnalysisReport.MemberMap(points: [.init(id: "a", x: 0, y: 0, tendency: 1, ambiguous: false),
                                                        .init(id: "b", x: 1, y: 1, tendency: 1, ambiguous: false)],
                                               varianceExplained: shares)
            return try #require(MapFigure.svg(map, palette: TendencyPalette(tendencyIDs: [1]), tendencyIDs: [1]))
        }
        let sparse = try axes([0.005364, 0.0004])
        #expect(sparse.contains("Axis 1 — 0.5% of the differences") && sparse.contains("Axis 2 — under 0.1% of the differences"))
        let usual = try axes([0.412, 0.0096])
        #expect(usual.contains("Axis 1 — 41% of the differences") && usual.contains("Axis 2 — 1% of the differences"))
    }

    /// Members are listed by id with numbers by value, whatever the input order.
    @Test func membersAreListedInNaturalOrder() throws {
        let ids = ["m10", "m2", "b", "m1", "85", "8"]
        let report = AnalysisReport(
            k: 1, candidates: [.init(k: 1, rank: 1)], pick: .init(k: 1, reason: "One."),
            members: ids.map { .init(id: $0, tendency: 1, confidence: 1, ambiguous: false) },
            tendencies: [.init(id: 1, size: ids.count, distinguishing: [], hypothesis: .init(sentence: "", parts: []))],
            manifest: .init(toolVersion: "0", commandLine: [], inputs: [], parameters: [:], seed: 0, blasBuild: "", blasThreads: 1))
        let html = HTMLReport.render(report)
        let table = try #require(html.range(of: "<section id=\"members\">"))
        let rows = html[table.lowerBound...].matches(of: /<tr><td>([^<]*)<\/td>/).map { String($0.output.1) }
        #expect(rows == ["8", "85", "b", "m1", "m2", "m10"])
    }

    @Test func minimalOneTendencyReportRenders() throws {
        let report = AnalysisReport(
            k: 1, candidates: [.init(k: 1, rank: 1), .init(k: 2, silhouette: 0.08, rank: 2)],
            pick: .init(k: 1, reason: "No number of groups separates the members better than chance."),
            members: [.init(id: "solo", tendency: 1, confidence: 1, ambiguous: false)],
            tendencies: [.init(id: 1, size: 1, distinguishing: [], hypothesis: .init(sentence: "", parts: []))],
            manifest: .init(toolVersion: "0", commandLine: [], inputs: [], parameters: [:], seed: 0, blasBuild: "", blasThreads: 1))
        let html = HTMLReport.render(report)
        #expect(Self.tagBalanceProblem(html) == nil)
        #expect(html.contains("We found <b>one strategic tendency</b>"))
        // With one tendency everyone is in it: no alignment line, nothing to set it apart from.
        #expect(!html.contains("clearly aligned with") && !html.contains("What sets it apart"))
        #expect(html.contains("the evidence does not support dividing them"))
        var asked = report
        asked.pick = .init(k: 1, reason: "The number of tendencies was set to 1 by the user (--k).", userChosen: true)
        let askedHTML = HTMLReport.render(asked)
        #expect(askedHTML.contains("one strategic tendency</b> among the 1 member, as asked.")
                && !askedHTML.contains("does not support dividing"))
        #expect(Self.svgFragments(html).count == 1)
        #expect(try AnalysisReport(jsonData: report.jsonData()) == report)
    }

    @Test func malformedFigureDataIsSkippedNotFatal() {
        var report = SampleReport.make()
        report.dendrogram?.linkage[3] = [0, 1e300, 1, 2]
        report.heatmap?.similarity = [[1, 2], [3]]
        report.map?.points = []
        let html = HTMLReport.render(report)
        #expect(Self.svgFragments(html).count == 3)
        #expect(Self.tagBalanceProblem(html) == nil)
    }

    /// Writes the sample page where TENDENCY_SAMPLE_REPORT points, for looking at it in a browser.
    @Test func writesSampleWhenAsked() throws {
        guard let path = ProcessInfo.processInfo.environment["TENDENCY_SAMPLE_REPORT"] else { return }
        try HTMLReport.render(Self.sample).write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Without coded sketches (a survey, a Polis conversation) there is no
    /// hypothesis to write: the page says why once, in place of a heading
    /// per tendency that would only say it is missing.
    @Test func surveyOnlyReportSaysWhyThereIsNoHypothesis() {
        let withSketches = HTMLReport.render(Self.sample)
        #expect(withSketches.contains("<h4>Hypothesis</h4>"))
        #expect(withSketches.contains("how they answered the Strategy Toolkit's questions"))
        var surveyOnly = Self.sample
        for t in surveyOnly.tendencies.indices { surveyOnly.tendencies[t].hypothesis = .init(sentence: "", parts: []) }
        let html = HTMLReport.render(surveyOnly)
        #expect(!html.contains("<h4>Hypothesis</h4>"))
        #expect(!html.contains("too few answers to write a hypothesis"))
        #expect(html.contains("their answers to the survey's statements"))
        #expect(html.contains("written from coded strategy sketches, which this analysis does not have"))
        #expect(Self.tagBalanceProblem(html) == nil)
    }

    /// A feature's small print names its question only when the sentence
    /// does not already quote it (a survey statement is its own question).
    @Test func statementIsNotRepeatedInTheSmallPrint() {
        var report = Self.sample
        report.elements.append(.init(id: "s9", label: "Good move for the city", question: "Good move for the city", role: "orientation"))
        report.tendencies[0].distinguishing = [
            .init(feature: "s9", label: "Good move for the city", element: "s9", direction: .more,
                  effectSize: 0.8, effectSizeName: "rank-biserial correlation", pValue: 0.001, qValue: 0.002, meanInside: 0.5, meanOutside: -0.9),
            .init(feature: "bloc=low-wage-workers", label: "Low-wage and precarious workers", element: "bloc", direction: .more,
                  effectSize: 1.32, effectSizeName: "Cohen's h", pValue: 0.00002, qValue: 0.0003, shareInside: 0.82, shareOutside: 0.17),
        ]
        let html = HTMLReport.render(report)
        #expect(html.components(separatedBy: "Good move for the city").count - 1 == 1)
        #expect(html.contains("<span class=\"small\">rank-biserial correlation 0.80"))
        #expect(html.contains("<span class=\"small\">Bloc · Cohen&#39;s h 1.32") || html.contains("<span class=\"small\">Bloc · Cohen's h 1.32"))
    }

    /// With --include-leanings the page never says leanings were kept apart.
    @Test func includedLeaningsAreNotCalledApart() {
        var report = Self.sample
        report.manifest.parameters["include-leanings"] = "true"
        let html = HTMLReport.render(report)
        #expect(!html.contains("reported apart, not used to form tendencies"))
        #expect(!html.contains("they do not define tendencies.</p>"))
        #expect(html.contains("included in forming tendencies in this run"))
        let apart = HTMLReport.render(Self.sample)
        #expect(apart.contains("reported apart, not used to form tendencies"))
    }

    /// A share of zero reads "None of this tendency names", not "Only 0%".
    @Test func zeroShareReadsNone() {
        var report = Self.sample
        report.tendencies[0].distinguishing[2].shareInside = 0
        let html = HTMLReport.render(report)
        #expect(html.contains("None of this tendency names <b>“Winning elections”</b>"))
        #expect(!html.contains("Only 0%"))
    }
}

/// Counts in the report's prose: digits grouped in thousands.
@Suite struct ReportFormatTests {
    @Test func countsGroupThousands() {
        #expect(ReportFormat.count(1, "member") == "1 member")
        #expect(ReportFormat.count(999, "member") == "999 members")
        #expect(ReportFormat.count(2537, "member") == "2,537 members")
        #expect(ReportFormat.count(20000, "member") == "20,000 members")
        #expect(ReportFormat.count(17463, "person is", "people are") == "17,463 people are")
        #expect(ReportWords.conversation.people(1234567) == "1,234,567 participants")
        #expect([0, 9999, 10000, 123456, -54321].map(ReportFormat.integer) == ["0", "9,999", "10,000", "123,456", "-54,321"])
    }
}
