import Foundation

/// The sections of `HTMLReport`'s page, each a function from the report to
/// an HTML fragment.
struct HTMLReportPage {
    typealias Report = AnalysisReport
    let report: Report
    let palette: TendencyPalette
    let tendencyIDs: [Int]
    let elementByID: [String: Report.Element]
    /// The members as the page lists them: by id, numbers within ids by value
    /// (m2 before m10; a Polis conversation's 8 before 85), whatever order
    /// the inputs had.
    let listedMembers: [Report.Member]
    let ambiguousMembers: [Report.Member]
    /// Whether any element answers a question of the Toolkit's hypothesis
    /// form (coded sketches do; a survey or a Polis conversation does not).
    let writesHypotheses: Bool
    /// Whether this run let leanings take part in forming tendencies (`--include-leanings`).
    let leaningsIncluded: Bool
    /// Whether the members are a Polis conversation's participants.
    let conversation: Bool
    /// The nouns for groups and people (tendencies and members, or opinion
    /// groups and participants).
    let words: ReportWords

    init(_ report: Report) {
        self.report = report
        tendencyIDs = report.tendencies.map(\.id)
        palette = TendencyPalette(tendencyIDs: tendencyIDs)
        elementByID = Dictionary(report.elements.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        listedMembers = Self.naturalOrder(report.members)
        ambiguousMembers = listedMembers.filter(\.ambiguous)
        writesHypotheses = report.tendencies.contains { !$0.hypothesis.parts.isEmpty }
        conversation = report.origin == .polisConversation
        words = report.words
        leaningsIncluded = ["include-leanings", "includeLeanings"].contains { report.manifest.parameters[$0] == "true" }
    }

    private func e(_ text: String) -> String { ReportFormat.escape(text) }
    private func chip(_ id: Int) -> String {
        "<span class=\"chip\" style=\"background:\(palette.colour(for: id))\"></span>"
    }
    private func tendencyName(_ id: Int) -> String { "\(chip(id)) \(words.name(id))" }
    private func elementLabel(_ id: String) -> String { elementByID[id]?.label ?? id }
    private func pValue(_ name: String, _ value: Double?) -> String? {
        guard let value, value.isFinite else { return nil }
        return value < 0.001 ? "\(name) &lt; 0.001" : "\(name) = \(ReportFormat.fixed(value, decimals: 3))"
    }

    /// A cross-tab's p-value and how it was found.
    private func crosstabP(_ table: AnalysisReport.Crosstab) -> String? {
        pValue("p", table.pValue).map { $0 + " (from shuffling tendencies among the members)" }
    }

    /// `members` by id, comparing runs of digits by value; ids that compare
    /// equal keep their order. The same on every machine: no locale is used.
    static func naturalOrder(_ members: [Report.Member]) -> [Report.Member] {
        members.enumerated().sorted { a, b in
            switch a.element.id.compare(b.element.id, options: [.numeric, .literal]) {
            case .orderedAscending: return true
            case .orderedDescending: return false
            case .orderedSame: return a.offset < b.offset
            }
        }.map(\.element)
    }

    /// Hennig (2007): Jaccard recovery above 0.85 is highly stable, 0.75 stable, 0.6 a pattern.
    static func stabilityWords(_ stability: Double?) -> String? {
        guard var s = stability, s.isFinite else { return nil }
        s = (s * 100).rounded() / 100  // read as shown: 84.98% shows as 85%, "highly stable"
        let words = s >= 0.85 ? "highly stable" : s >= 0.75 ? "stable" : s >= 0.6 ? "a pattern, not yet firm" : "unstable, treat with caution"
        return "\(words) (on average \(ReportFormat.percent(s)) the same when the analysis is redone)"
    }

    /// An argument as a POSIX shell would need it to be typed.
    static func shellQuoted(_ argument: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
        if !argument.isEmpty, argument.allSatisfy({ safe.contains($0) }) { return argument }
        return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    // MARK: Header and summary

    func header() -> String {
        let n = report.members.count
        var html = "<header>\n<h1>\(e(report.title))</h1>\n"
        html += conversation
            ? "<p class=\"subtitle\">Opinion groups among \(ReportFormat.count(n, "participant")) · Tendency \(e(report.manifest.toolVersion))</p>\n"
            : "<p class=\"subtitle\">Strategic tendency analysis of \(ReportFormat.count(n, "member")) · Tendency \(e(report.manifest.toolVersion))</p>\n"
        var links = [("summary", "Summary"), ("how-many", "How many \(words.groups)"), ("tendencies", "The \(words.groups)")]
        if !report.consensus.isEmpty { links.append(("consensus", "Shared ground")) }
        if !ambiguousMembers.isEmpty { links.append(("not-yet-aligned", "Not yet clearly aligned")) }
        links.append(("pictures", "Pictures"))
        if report.leaningCrosstab != nil { links.append(("leanings", "Leanings")) }
        if !report.contextCrosstabs.isEmpty { links.append(("context", "Context")) }
        if report.referencePartition != nil { links.append(("reference", "Comparison")) }
        links += [("members", "All \(words.people)"), ("manifest", "How this was made")]
        let answers = writesHypotheses ? "how they answered the Strategy Toolkit's questions" : "their answers to the survey's statements"
        html += conversation
            ? "<p class=\"intro\">This report groups the conversation's participants by their votes on its statements, to show which opinion groups it holds, who stands with which, and how sure we can be.</p>\n"
            : "<p class=\"intro\">This report groups members by \(answers), to show which strategic tendencies the organisation holds, who stands with which, and how sure we can be. It is a starting point for discussion, not a verdict on anyone.</p>\n"
        html += "<nav class=\"toc\">" + links.map { "<a href=\"#\($0.0)\">\($0.1)</a>" }.joined(separator: " ") + "</nav>\n</header>\n"
        return html
    }

    func summary() -> String {
        let n = report.members.count
        let k = report.k
        var html = "<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"summary\">\n"
        if k == 1 {
            // Whether the evidence supports no split is for the pick's reason to say when the number was set.
            html += "<p>We found <b>\(conversation ? "one opinion group" : "one strategic tendency")</b> among the \(words.people(n))"
            html += report.pick.userChosen ? ", as asked.</p>\n" : ": the evidence does not support dividing them into separate groups.</p>\n"
        } else {
            html += "<p>We found <b>\(ReportFormat.word(k)) candidate \(conversation ? "opinion groups" : "strategic tendencies")</b> among the \(words.people(n)).</p>\n"
        }
        html += "<p><b>Why \(k):</b> \(e(report.pick.reason))"
        if report.pick.userChosen { html += " (The number was set by whoever ran the analysis; the evidence below shows how well it is supported.)" }
        html += "</p>\n"
        let unclear = ambiguousMembers.count
        if k == 1 {
            // With one group everyone is in it: no alignment to report.
        } else if unclear == 0 {
            html += "<p>Every \(words.person) is clearly aligned with one \(words.group).</p>\n"
        } else {
            html += "<p>\(ReportFormat.count(n - unclear, words.person + " is", words.people + " are")) clearly aligned with \(words.aGroup); "
            html += "<b>\(ReportFormat.count(unclear, words.person + " is", words.people + " are")) not yet clearly aligned</b>: "
            html += "they sit between \(words.groups) and are <a href=\"#not-yet-aligned\">listed below</a> rather than forced into a group.</p>\n"
        }
        if !report.tendencies.isEmpty {
            html += "<ul>\n"
            for t in report.tendencies {
                html += "<li><a class=\"t\" href=\"#tendency-\(t.id)\">\(tendencyName(t.id))</a>: \(words.people(t.size))"
                if k >= 2, let stability = Self.stabilityWords(t.stability) { html += "; \(e(stability))" }
                html += ".</li>\n"
            }
            html += "</ul>\n"
        }
        if k >= 2, report.tendencies.allSatisfy({ $0.distinguishing.isEmpty }) {
            html += "<p><b>No answer clearly sets any \(words.group) apart</b> (see <a href=\"#tendencies\">the cards</a>): the split rests only on many small differences, so treat it with extra caution.</p>\n"
        }
        if let leanings = report.leaningCrosstab {
            html += leaningsIncluded
                ? "<p><b>Leanings against tendencies:</b> \(e(leanings.summary)) In this run leanings <b>were</b> included when forming tendencies, at the request of whoever ran it (see <a href=\"#leanings\">leanings</a>).</p>\n"
                : "<p><b>Leanings against tendencies:</b> \(e(leanings.summary)) Leanings are reported <a href=\"#leanings\">apart</a>: they do not define tendencies.</p>\n"
        }
        if let reference = report.referencePartition {
            html += k == 1
                ? "<p><b>Compared with \(e(reference.name)):</b> with one \(words.group) there is no grouping to compare (the adjusted Rand index is 0 by construction).</p>\n"
                : "<p><b>Compared with \(e(reference.name)):</b> agreement (adjusted Rand index) is \(ReportFormat.fixed(reference.adjustedRandIndex, decimals: 2)), where 1 means the same grouping and 0 means no better than chance.</p>\n"
        }
        html += "</div>\n</section>\n"
        return html
    }

    // MARK: How many tendencies

    func candidates() -> String {
        var html = "<section id=\"how-many\">\n<h2>How many \(words.groups)?</h2>\n"
        html += "<p>We tried every number of \(words.groups) from \(report.candidates.map(\.k).min() ?? 1) to \(report.candidates.map(\.k).max() ?? 1) and asked three questions of each: are the groups distinct from each other (separation), is there more structure than in data with no groups at all (gap statistic), and do the same groups come back when we redo the analysis on resampled \(words.people) and \(words.questions) (stability)? One \(words.group) is always a possible answer.</p>\n"
        html += "<p><b>Chosen: \(report.pick.k).</b> \(e(report.pick.reason))</p>\n"
        if let svg = CandidatesFigure.svg(report.candidates, pick: report.pick.k, words: words) {
            html += "<figure>\n\(svg)\n<figcaption><b>How to read:</b> each panel shows one kind of evidence, with one bar per possible number of \(words.groups); the chosen number is dark. Separation runs from −1 to 1 (above 0.5 is strong, below 0.25 weak). For the gap statistic, the smallest number whose bar reaches the next bar's lower whisker is preferred. Stability is how much the groups stay the same, on average, when the analysis is redone on resampled \(words.people) and \(words.questions) (mean Jaccard overlap).</figcaption>\n</figure>\n"
        }
        html += "<table>\n<tr><th class=\"num\">\(ReportFormat.capitalised(words.groups))</th><th class=\"num\">Rank</th><th class=\"num\">Separation</th><th class=\"num\">Gap (± s.e.)</th><th class=\"num\">Stability</th><th>Why</th></tr>\n"
        for c in report.candidates.sorted(by: { $0.k < $1.k }) {
            html += "<tr\(c.k == report.pick.k ? " class=\"chosen\"" : "")><td class=\"num\">\(c.k)</td><td class=\"num\">\(c.rank)</td>"
            html += "<td class=\"num\">\(c.silhouette.map { ReportFormat.fixed($0, decimals: 2) } ?? "–")</td>"
            var gap = c.gap.map { ReportFormat.fixed($0, decimals: 3) } ?? "–"
            if let se = c.gapStandardError, c.gap != nil { gap += " ± " + ReportFormat.fixed(se, decimals: 3) }
            html += "<td class=\"num\">\(gap)</td>"
            html += "<td class=\"num\">\(c.stability.map(ReportFormat.percent) ?? "–")</td>"
            html += "<td>\(e(c.reason ?? ""))</td></tr>\n"
        }
        html += "</table>\n<p class=\"small\">Rank: the order of preference, 1 being the pick the evidence makes.</p>\n</section>\n"
        return html
    }

    // MARK: Tendencies

    func tendencyCards() -> String {
        var html = "<section id=\"tendencies\">\n<h2>The \(words.groups)</h2>\n"
        html += conversation ? "<p>For each opinion group: what sets" : writesHypotheses
            ? "<p>Each tendency is described in the Strategy Toolkit's own form, as a hypothesis built from the answers its members share. Where its members split on a question, the question is marked <span class=\"badge\">contested</span>. Below the hypothesis: what sets"
            : "<p>A tendency's hypothesis in the Strategy Toolkit's form is written from coded strategy sketches, which this analysis does not have. For each tendency: what sets"
        html += " the \(words.group) apart from the others, and what it shares with them. The small grey figures are for specialists: the size of the difference (effect size) and its q-value, which allows for the many comparisons made: among features reported at q below 0.05, the usual bar, about 5% are expected to be chance findings.</p>\n"
        let membersByTendency = Dictionary(grouping: listedMembers, by: \.tendency)
        for t in report.tendencies {
            let colour = palette.colour(for: t.id)
            html += "<article class=\"card\" id=\"tendency-\(t.id)\" style=\"border-top-color:\(colour)\">\n"
            html += "<h3>\(tendencyName(t.id)) <span class=\"muted\">\(words.people(t.size))"
            if report.k >= 2, let stability = Self.stabilityWords(t.stability) { html += " · \(e(stability))" }
            html += "</span></h3>\n"
            if writesHypotheses {
                html += "<h4>Hypothesis</h4>\n"
                html += t.hypothesis.sentence.isEmpty
                    ? "<p class=\"small\">Its members share too few answers to write a hypothesis for it.</p>\n"
                    : "<p class=\"hypothesis\">\(e(t.hypothesis.sentence))</p>\n"
            }
            if !t.hypothesis.parts.isEmpty {
                html += "<table>\n<tr><th>Question</th><th>This tendency's answer</th><th>Agreement inside</th></tr>\n"
                for part in t.hypothesis.parts {
                    html += "<tr><td>\(e(part.question))</td><td>\(e(ReportFormat.list(part.codes, conjunction: part.contested ? "or" : "and")))</td><td>"
                    html += part.contested ? "<span class=\"badge\">contested</span>" : "<span class=\"badge ok\">shared</span>"
                    if let note = part.note { html += " <span class=\"small\">\(e(note))</span>" }
                    html += "</td></tr>\n"
                }
                html += "</table>\n"
            }
            if report.k >= 2 {  // with one group there is nothing to set it apart from
                html += "<h4>What sets it apart</h4>\n"
                html += featureList(t.distinguishing, colour: colour, empty: "No \(conversation ? "statement" : "code or item") clearly sets this \(words.group) apart.")
            }
            if !t.consensus.isEmpty, report.k >= 2 {
                html += "<p class=\"small\">It shares \(ReportFormat.count(t.consensus.count, "answer")) with the other \(words.groups): see <a href=\"#consensus\">shared ground</a>.</p>\n"
            }
            if !t.leaningMix.isEmpty {
                html += "<h4>Leanings of its members <span class=\"small\">(\(leaningsIncluded ? "included in forming tendencies in this run" : "reported apart, not used to form tendencies"))</span></h4>\n<div class=\"pills\">"
                for mix in t.leaningMix {
                    html += "<span class=\"pill\">\(e(mix.category)) · \(mix.count) (\(ReportFormat.percent(mix.share)))</span>"
                }
                html += "</div>\n"
            }
            let members = membersByTendency[t.id] ?? []
            if !members.isEmpty {
                html += "<details><summary>\(ReportFormat.capitalised(words.people)) (\(ReportFormat.integer(members.count)))</summary><div class=\"members\">"
                for m in members {
                    html += m.ambiguous
                        ? "<span><i>\(e(m.id))</i> <span class=\"small\">(not yet clear)</span></span>"
                        : "<span>\(e(m.id)) <span class=\"small\">\(ReportFormat.percent(m.confidence))</span></span>"
                }
                html += "</div></details>\n"
            }
            html += "</article>\n"
        }
        html += "</section>\n"
        return html
    }

    /// Features listed before the rest fold away under "more".
    static let featuresShown = 10
    /// Longer tables of members fold away under "Show all".
    static let rowsShownUnfolded = 50

    private func featureList(_ features: [Report.Feature], colour: String, empty: String) -> String {
        guard !features.isEmpty else { return empty.isEmpty ? "" : "<p class=\"small\">\(e(empty))</p>\n" }
        var html = "<ul class=\"features\">\n"
        for (index, f) in features.enumerated() {
            if index == Self.featuresShown {
                html += "</ul>\n<details><summary>\(features.count - index) more, weaker differences</summary>\n<ul class=\"features\">\n"
            }
            html += "<li><div>\(featureSentence(f))"
            // The question, unless the sentence already quotes it (a survey statement).
            let question = elementLabel(f.element)
            var stats = f.label.contains(question) ? [] : [e(question)]
            if f.direction != .shared { stats.append("\(e(f.effectSizeName)) \(ReportFormat.fixed(f.effectSize, decimals: 2))") }
            if let q = pValue("q", f.qValue) { stats.append(q) } else if let p = pValue("p", f.pValue) { stats.append(p) }
            html += "<br><span class=\"small\">\(stats.joined(separator: " · "))</span></div>"
            if let inside = f.shareInside, let outside = f.shareOutside, inside.isFinite, outside.isFinite {
                html += "<div class=\"bars\">"
                html += "<div class=\"barlabel\"><span>this \(words.group)</span><span>\(ReportFormat.percent(inside))</span></div>"
                html += "<div class=\"bar\"><span style=\"width:\(ReportFormat.fixed(max(0, min(1, inside)) * 100, decimals: 1))%;background:\(colour)\"></span></div>"
                html += "<div class=\"barlabel\"><span>the others</span><span>\(ReportFormat.percent(outside))</span></div>"
                html += "<div class=\"bar\"><span style=\"width:\(ReportFormat.fixed(max(0, min(1, outside)) * 100, decimals: 1))%;background:#8c96a3\"></span></div>"
                html += "</div>"
            } else {
                html += "<div></div>"
            }
            html += "</li>\n"
        }
        html += features.count > Self.featuresShown ? "</ul>\n</details>\n" : "</ul>\n"
        return html
    }

    /// "72% of this tendency name X, against 10% of the others."
    private func featureSentence(_ f: Report.Feature) -> String {
        let label = "<b>“\(e(f.label))”</b>"
        if f.kind == "item", f.direction == .shared, let inside = f.shareInside, let outside = f.shareOutside {
            return "\(label): \(ReportFormat.percent(inside)) of this \(words.group), \(ReportFormat.percent(outside)) of the others."
        }
        if let inside = f.shareInside, let outside = f.shareOutside {
            let (i, o) = (ReportFormat.percent(inside), ReportFormat.percent(outside))
            switch f.direction {
            case .more: return "\(i) of this \(words.group) name \(label), against \(o) of the others."
            case .less: return inside == 0
                ? "None of this \(words.group) names \(label), against \(o) of the others."
                : "\(inside < 0.5 ? "Only \(i)" : i) of this \(words.group) name \(label), against \(o) of the others."
            case .shared: return "\(label) is named by \(i) of this \(words.group) and \(o) of the others."
            }
        }
        if let inside = f.meanInside, let outside = f.meanOutside {
            let (i, o) = (ReportFormat.fixed(inside, decimals: 1), ReportFormat.fixed(outside, decimals: 1))
            switch f.direction {
            case .more: return "This \(words.group) agrees more with \(label): \(i) on average, against \(o) for the others (from −1, disagree, to +1, agree)."
            case .less: return "This \(words.group) agrees less with \(label): \(i) on average, against \(o) for the others (from −1, disagree, to +1, agree)."
            case .shared: return "\(label) is rated alike: \(i) on average here, \(o) for the others."
            }
        }
        switch f.direction {
        case .more: return "\(label) is more common in this \(words.group) than in the others."
        case .less: return "\(label) is less common in this \(words.group) than in the others."
        case .shared: return "\(label) is held alike in this \(words.group) and the others."
        }
    }

    // MARK: Consensus

    func consensus() -> String {
        guard !report.consensus.isEmpty else { return "" }
        let share = ReportFormat.percent(TendencyProfiles.consensusShare)
        var html = "<section id=\"consensus\">\n"
        html += report.k == 1
            ? "<h2>Shared ground: what most \(words.people) hold</h2>\n<p>These answers are held by at least \(share) of the \(words.people) who answered. They are common ground to build on.</p>\n"
            : "<h2>Shared ground: where the \(words.groups) agree</h2>\n<p>These answers are held by at least \(share) of every \(words.group), with no clear difference between them. They are common ground to build on, not differences to resolve.</p>\n"
        // The question, unless every answer already quotes its own (a survey statement).
        let question = { (item: Report.ConsensusItem) -> String? in
            let text = elementLabel(item.element)
            return item.label.contains(text) ? nil : text
        }
        let showsQuestions = report.consensus.contains { question($0) != nil }
        html += "<table>\n<tr><th>Answer</th>\(showsQuestions ? "<th>Question</th>" : "")<th class=\"num\">All \(words.people)</th>"
        for id in tendencyIDs { html += "<th class=\"num\">\(chip(id)) \(words.groupTitle.prefix(1))\(id)</th>" }
        html += "</tr>\n"
        for item in report.consensus {
            let isShare = item.share != nil
            func show(_ v: Double) -> String { isShare ? ReportFormat.percent(v) : ReportFormat.fixed(v, decimals: 1) }
            html += "<tr><td>\(e(item.label))</td>" + (showsQuestions ? "<td>\(question(item).map(e) ?? "–")</td>" : "")
            html += "<td class=\"num\">\((item.share ?? item.mean).map(show) ?? "–")\(item.answers.map { " <span class=\"small\">of \($0)</span>" } ?? "")</td>"
            for index in tendencyIDs.indices {
                html += "<td class=\"num\">\(index < item.perTendency.count ? show(item.perTendency[index]) : "–")</td>"
            }
            html += "</tr>\n"
        }
        html += "</table>\n<p class=\"small\">Percentages are shares of those who answered (\"of N\": how many did), listed from the answer most widely held in every \(words.group). An answer counts as shared only where at least \(TendencyProfiles.consensusMinimumAnswers) \(words.people) and a third of every \(words.group) answered.</p>\n</section>\n"
        return html
    }

    // MARK: Not yet clearly aligned

    func notYetAligned() -> String {
        guard !ambiguousMembers.isEmpty else { return "" }
        var html = "<section id=\"not-yet-aligned\">\n<h2>Not yet clearly aligned</h2>\n"
        html += "<p>These \(words.people(ambiguousMembers.count)) did not land firmly in one \(words.group): they moved between \(words.groups) when the analysis was redone on resampled data, or they are nearly as close to another \(words.group) as to their own, or they sit apart from the core of every \(words.group). The \"Why\" column says which; a high confidence alone does not keep someone off this list. This is not a judgement on them."
        html += conversation ? "</p>\n" : " Many people are \"not entirely sure\" which orientation they are most aligned with; a conversation will say more than this table.</p>\n"
        let showLeanings = ambiguousMembers.contains { !$0.leanings.isEmpty }
        let folded = ambiguousMembers.count > Self.rowsShownUnfolded
        if folded { html += "<details><summary>Show all \(words.people(ambiguousMembers.count))</summary>\n" }
        html += "<table>\n<tr><th>\(ReportFormat.capitalised(words.person))</th><th>Placed in</th><th>Also near</th><th class=\"num\">Confidence</th><th>Why</th>\(showLeanings ? "<th>Leanings</th>" : "")</tr>\n"
        for m in ambiguousMembers {
            let near = m.between.filter { $0 != m.tendency }
            html += "<tr><td>\(e(m.id))</td><td class=\"nowrap\">\(tendencyName(m.tendency))</td>"
            html += "<td class=\"nowrap\">\(near.map { tendencyName($0) }.joined(separator: ", "))</td><td class=\"num\">\(ReportFormat.percent(m.confidence))</td>"
            html += "<td>\(e(m.reason.map { "The \(words.person) " + $0 + "." } ?? ""))</td>"
            html += showLeanings ? "<td>\(e(m.leanings.joined(separator: ", ")))</td></tr>\n" : "</tr>\n"
        }
        html += folded ? "</table>\n</details>\n" : "</table>\n"
        html += "<p class=\"small\">Placed in: the \(words.group) the cut of the tree puts the \(words.person) in (a \(words.person) of a branch too small to be \(words.aGroup) joins the nearest one). Confidence is the share of resampled analyses in which the \(words.person) landed with the core of that \(words.group).</p>\n</section>\n"
        return html
    }

    // MARK: Figures

    func figures() -> String {
        var html = "<section id=\"pictures\">\n<h2>Pictures of the whole group</h2>\n"
        var ambiguousByLeaf: [Bool] = []
        if let tree = report.dendrogram {
            let flag = Dictionary(report.members.map { ($0.id, $0.ambiguous) }, uniquingKeysWith: { $0 || $1 })
            ambiguousByLeaf = tree.leafLabels.map { flag[$0] ?? false }
        }
        if let map = report.map, let svg = MapFigure.svg(map, palette: palette, tendencyIDs: tendencyIDs, words: words) {
            html += "<h3>Map of \(words.people)</h3>\n<figure>\n\(svg)\n<figcaption><b>How to read:</b> each dot is a \(words.person), coloured by \(words.group). \(ReportFormat.capitalised(words.people)) who \(conversation ? "voted" : "answered") alike are close together; the map squeezes many \(words.questions) into two directions, so it shows the broad picture (the axes say how much of the differences each direction captures).\(report.manifest.parameters["components"] == "2" ? " In this run the \(words.groups) were formed in this same plane (--components 2): the map shows everything the grouping used, and nothing of the differences the axes leave out." : "") Hollow rings are \(words.people) not yet clearly aligned: they often sit between the groups. Position on the page has no political meaning such as left or right.</figcaption>\n</figure>\n"
        }
        if let tree = report.dendrogram,
           let svg = DendrogramFigure.svg(tree, palette: palette, ambiguous: ambiguousByLeaf, tendencyIDs: tendencyIDs, words: words) {
            let labelled = tree.leafLabels.count <= DendrogramFigure.maxLabelledLeaves
            html += "<h3>Family tree of alignment (dendrogram)</h3>\n<figure>\n\(svg)\n<figcaption><b>How to read:</b> every \(words.person) is \(labelled ? "listed" : "a thin line") on the right. Lines join \(words.people) and then groups into larger groups; the further left two groups join, the less alike they are. The \(words.groups) are cut from the tree, and \(words.people) of branches too small to be \(words.aGroup) join the nearest one, so a colour can appear in more than one branch: branches are coloured by \(words.group), and grey branches join different \(words.groups). Long stems before a join mean well-separated groups.</figcaption>\n</figure>\n"
        }
        if let heat = report.heatmap {
            let leafTendency = report.dendrogram?.leafTendency ?? report.members.map(\.tendency)
            if let svg = HeatmapFigure.svg(heat, leafTendency: leafTendency, palette: palette, tendencyIDs: tendencyIDs, words: words) {
                html += "<h3>Who is alike whom (similarity heatmap)</h3>\n<figure>\n\(svg)\n<figcaption><b>How to read:</b> \(words.people) are listed in the same order along the top and the side, in the order of the tree above; each small square is a pair of \(words.people), darker when their answers are more alike. Dark blocks along the diagonal are \(words.groups); the coloured strips show which \(words.group) each \(words.person) belongs to. Light squares between blocks show where \(words.groups) differ. The shades span the middle 96% of pairs (the key gives their range), so that differences show even where most pairs are about as alike.\(heat.blockSize > 1 || heat.similarity.count > HeatmapFigure.maxCells ? " With this many \(words.people), each square shows the average over a block of neighbouring \(words.people)." : "") Measure: \(e(heat.measure)).</figcaption>\n</figure>\n"
            }
        }
        html += "</section>\n"
        return html
    }

    // MARK: Leanings and context

    func leanings() -> String {
        guard let table = report.leaningCrosstab else { return "" }
        var html = "<section id=\"leanings\">\n<h2>Leanings, shown apart</h2>\n"
        html += "<div class=\"callout\"><p><b>\(leaningsIncluded ? "In this run, leanings helped form the tendencies." : "Leanings do not define tendencies.")</b> A strategic leaning (for example base building, prefigurative, insurrectionist or electoral) centres one approach or tactic without a full account of how it leads to change. Which tactics a member favours does not decide which strategic tendency they are aligned with. "
        html += leaningsIncluded
            ? "In this run, at the request of whoever ran it, leanings <b>were</b> included when forming tendencies; read the comparison below with that in mind.</p></div>\n"
            : "So leanings were left out when forming the tendencies and are shown here only to compare.</p></div>\n"
        html += "<p><b>\(e(table.summary))</b>"
        if let v = table.cramersV, v.isFinite {
            html += " <span class=\"small\">Cramér's V = \(ReportFormat.fixed(v, decimals: 2)) (0 = leanings say nothing about tendency, 1 = leanings decide it)\(crosstabP(table).map { ", " + $0 } ?? "").</span>"
        }
        html += "</p>\n"
        html += crosstabFigure(table, title: "Leanings by tendency",
                               caption: "one bar per leaning, split by the tendencies of the members who hold it. Bars of one colour would mean a leaning belongs to one tendency; mixed bars mean it is found across tendencies. A member with several leanings counts in each.")
        html += "</section>\n"
        return html
    }

    func context() -> String {
        guard !report.contextCrosstabs.isEmpty else { return "" }
        var html = "<section id=\"context\">\n<h2>Context</h2>\n<p>Context elements describe members (for example their sector or region). They were not used to form tendencies; they are shown so the committee can see who is in each tendency.</p>\n"
        for table in report.contextCrosstabs {
            let element = elementByID[table.element]
            html += "<h3>\(e(element?.label ?? table.element))</h3>\n"
            // A survey item's label is its question: said once, as the heading.
            if let question = element?.question, !question.isEmpty, question != element?.label {
                html += "<p class=\"small\">\(e(question))</p>\n"
            }
            html += "<p>\(e(table.summary))"  // the summary gives Cramér's V
            if let p = crosstabP(table) { html += " <span class=\"small\">\(p).</span>" }
            html += "</p>\n"
            html += crosstabFigure(table, title: element?.label ?? table.element,
                                   caption: "one bar per answer, split by the tendencies of the members who gave it.")
        }
        html += "</section>\n"
        return html
    }

    private func crosstabFigure(_ table: Report.Crosstab, title: String, caption: String) -> String {
        var html = ""
        if let svg = CrosstabFigure.svg(table, palette: palette, title: title) {
            html += "<figure>\n\(svg)\n<figcaption><b>How to read:</b> \(e(caption))</figcaption>\n</figure>\n"
        }
        guard table.counts.count == table.categories.count else { return html }
        html += "<details><summary>The numbers</summary>\n<table>\n<tr><th></th>"
        for id in table.tendencies { html += "<th class=\"num\">\(tendencyName(id))</th>" }
        html += "</tr>\n"
        for (row, category) in table.categories.enumerated() {
            html += "<tr><td>\(e(category))</td>"
            for column in table.tendencies.indices {
                html += "<td class=\"num\">\(column < table.counts[row].count ? String(table.counts[row][column]) : "–")</td>"
            }
            html += "</tr>\n"
        }
        html += "</table>\n</details>\n"
        return html
    }

    // MARK: Reference partition

    func reference() -> String {
        guard let reference = report.referencePartition else { return "" }
        var html = "<section id=\"reference\">\n<h2>Comparison with \(e(reference.name))</h2>\n"
        html += report.k == 1
            ? "<p>With one \(words.group) there is no grouping to compare: the table shows where \(e(reference.name)) put its \(words.people).</p>\n"
            : "<p>Adjusted Rand index: <b>\(ReportFormat.fixed(reference.adjustedRandIndex, decimals: 2))</b>. It is 1 when both groupings put exactly the same \(words.people) together and about 0 when they agree no more than chance would.</p>\n"
        if reference.labels.count == report.members.count {
            let groups = Array(Set(reference.labels)).sorted()
            var counts = [[Int]](repeating: [Int](repeating: 0, count: tendencyIDs.count), count: groups.count)
            let groupIndex = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1, $0) })
            let tendencyIndex = Dictionary(tendencyIDs.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            for (label, member) in zip(reference.labels, report.members) {
                if let g = groupIndex[label], let t = tendencyIndex[member.tendency] { counts[g][t] += 1 }
            }
            html += "<table>\n<tr><th>\(e(reference.name))</th>"
            for id in tendencyIDs { html += "<th class=\"num\">\(tendencyName(id))</th>" }
            html += "</tr>\n"
            for (g, label) in groups.enumerated() {
                // A bare number (Polis numbers its groups from 0) reads as a group, not a count.
                let shown = label.allSatisfy(\.isNumber) ? "group \(label)" : label
                html += "<tr><td>\(label.isEmpty ? "<i>no group</i>" : e(shown))</td>"
                for count in counts[g] { html += "<td class=\"num\">\(count)</td>" }
                html += "</tr>\n"
            }
            html += "</table>\n"
        }
        html += "</section>\n"
        return html
    }

    // MARK: Members, notes, manifest

    func memberTable() -> String {
        var html = "<section id=\"members\">\n<h2>All \(words.people)</h2>\n<details><summary>Show all \(words.people(report.members.count))</summary>\n"
        let contextKeys = Array(Set(report.members.flatMap { $0.context.keys })).sorted()
        // Columns that would be empty on every row are left out (a Polis conversation has neither).
        let showLeanings = report.members.contains { !$0.leanings.isEmpty }
        let showMissing = report.members.contains { !$0.missingInputs.isEmpty }
        html += "<table>\n<tr><th>\(ReportFormat.capitalised(words.person))</th><th>\(words.groupTitle)</th><th class=\"num\">Confidence</th><th>Status</th>"
        if showLeanings { html += "<th>Leanings</th>" }
        for key in contextKeys { html += "<th>\(e(elementLabel(key)))</th>" }
        html += showMissing ? "<th>Missing</th></tr>\n" : "</tr>\n"
        for m in listedMembers {
            html += "<tr><td>\(e(m.id))</td><td>\(tendencyName(m.tendency))</td><td class=\"num\">\(ReportFormat.percent(m.confidence))</td>"
            html += "<td>\(m.ambiguous ? "<span class=\"badge\">not yet clear</span>\(m.reason.map { " <span class=\"small\">(" + e($0) + ")</span>" } ?? "")" : "clearly aligned")</td>"
            if showLeanings { html += "<td>\(e(m.leanings.joined(separator: ", ")))</td>" }
            for key in contextKeys { html += "<td>\(e((m.context[key] ?? []).joined(separator: ", ")))</td>" }
            html += showMissing ? "<td>\(e(m.missingInputs.joined(separator: ", ")))</td></tr>\n" : "</tr>\n"
        }
        html += "</table>\n</details>\n</section>\n"
        return html
    }

    func notes() -> String {
        guard !report.notes.isEmpty else { return "" }
        var html = "<section id=\"notes\">\n<h2>Notes</h2>\n<ul>\n"
        for note in report.notes { html += "<li>\(e(note))</li>\n" }
        html += "</ul>\n</section>\n"
        return html
    }

    func manifest() -> String {
        let m = report.manifest
        var html = "<section id=\"manifest\">\n<h2>How this was made</h2>\n"
        html += "<p>Running the same command on the same files with the same seed gives exactly the same report. The details below are for whoever wants to check or redo it.</p>\n"
        html += "<details><summary>Run manifest</summary>\n<table class=\"manifest\">\n"
        html += "<tr><th>Tool version</th><td>\(e(m.toolVersion))</td></tr>\n"
        html += "<tr><th>Command</th><td><code>\(e(m.commandLine.map(Self.shellQuoted).joined(separator: " ")))</code></td></tr>\n"
        html += "<tr><th>Seed</th><td><code>\(m.seed)</code></td></tr>\n"
        html += "<tr><th>BLAS</th><td><code>\(e(m.blasBuild))</code>, \(ReportFormat.count(m.blasThreads, "thread"))</td></tr>\n"
        for key in m.parameters.keys.sorted() {
            html += "<tr><th>\(e(key))</th><td><code>\(e(m.parameters[key] ?? ""))</code></td></tr>\n"
        }
        html += "</table>\n<table>\n<tr><th>Input file</th><th class=\"num\">Bytes</th><th>SHA-256</th></tr>\n"
        for input in m.inputs {
            html += "<tr><td><code>\(e(input.path))</code></td><td class=\"num\">\(input.bytes)</td><td><code>\(e(input.sha256))</code></td></tr>\n"
        }
        html += "</table>\n</details>\n</section>\n"
        return html
    }
}
