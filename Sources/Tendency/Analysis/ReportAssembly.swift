import Foundation

extension AnalysisReport {
    /// The report of one analysis: everything the page and report.json show.
    public init(analysis: TendencyAnalysis, input: AnalysisInput, manifest: Manifest, title: String = "Strategic tendencies") throws {
        let k = analysis.k
        let labels = analysis.labels
        let words = input.origin.words
        let ids = input.memberIDs
        let leanings = input.labels(role: .leaning)
        let contexts = input.contextBlocks.map { ($0, input.labels(role: .context, block: $0.index)) }
        let missing = input.missingInputs

        let members = analysis.members.map { m in
            Member(id: ids[m.index], tendency: m.tendency, confidence: m.confidence, ambiguous: m.ambiguous,
                   between: m.ambiguous ? m.between : [], reason: m.ambiguous ? m.reason : nil, leanings: leanings[m.index],
                   context: Dictionary(uniqueKeysWithValues: contexts.map { ($0.0.id, $0.1[m.index]) }),
                   missingInputs: missing[m.index])
        }

        let consensus = try TendencyProfiles.consensus(input, labels: labels, k: k)
        var tendencies: [TendencyProfile] = []
        for t in 1...k {
            let inside = labels.indices.filter { labels[$0] == t }
            let shared = consensus.map { item -> Feature in
                let own = item.perTendency[t - 1]
                let others = item.perTendency.enumerated().filter { $0.offset != t - 1 }.map(\.element)
                return Feature(feature: item.feature, label: item.label, element: item.element, direction: .shared,
                               effectSize: 0, effectSizeName: "shared by every \(words.group)",
                               shareInside: own, shareOutside: others.isEmpty ? nil : others.reduce(0, +) / Double(others.count),
                               kind: item.feature.contains("=") ? "code" : "item")
            }
            var mix: [String: Int] = [:]
            for i in inside { for leaning in Set(leanings[i]) { mix[leaning, default: 0] += 1 } }
            let leaningMix = mix.keys.sorted { (mix[$0]!, $1) > (mix[$1]!, $0) }.map {
                CategoryShare(category: $0, count: mix[$0]!, share: Double(mix[$0]!) / Double(max(1, inside.count)))
            }
            tendencies.append(TendencyProfile(
                id: t, size: inside.count, stability: analysis.stability[t - 1],
                distinguishing: try TendencyProfiles.distinguishing(input, labels: labels, k: k, tendency: t),
                consensus: shared,
                hypothesis: HypothesisBuilder.build(input, labels: labels, tendency: t) ?? Hypothesis(sentence: "", parts: []),
                leaningMix: leaningMix))
        }

        // Each cross-tab's permutations draw from their own stream, far from
        // the small stream numbers the resamples use.
        func crosstabGenerator(_ table: Int) -> SeededGenerator {
            SeededGenerator(seed: analysis.options.seed, stream: UInt64.max - UInt64(table))
        }
        // Table 0 is the leanings', 1... the context elements'; independent, so
        // built on every core (their permutation tests take most of the time).
        let hasLeanings = input.space.blocks.contains { $0.role == .leaning }
        let crosstabs = try orderedConcurrentMap(count: 1 + contexts.count) { table -> AnalysisReport.Crosstab? in
            if table == 0 {
                return hasLeanings
                    ? CrosstabBuilder.build(element: "leaning", name: "leanings", labelsPerMember: leanings, tendencies: labels, k: k,
                                            generator: crosstabGenerator(0)) : nil
            }
            let context = contexts[table - 1]
            return CrosstabBuilder.build(element: context.0.id, name: "the answers",  // under the item's own wording on the page
                                         labelsPerMember: context.1, tendencies: labels, k: k, generator: crosstabGenerator(table))
        }
        let leaningCrosstab = crosstabs[0]
        let contextCrosstabs = crosstabs.dropFirst().map { $0! }

        // The map: the first two principal components of the clustering features.
        let complete = try TendencyAnalysis.euclideanSpace(input.rawFeatures, weights: input.columnWeights,
                                                           options: { var o = analysis.options; o.components = nil; return o }())
        var map: MemberMap?
        if complete.columns >= 2, complete.rows >= 3 {
            let pca = try PrincipalComponents(complete, components: 2)
            map = MemberMap(
                points: analysis.members.map { m in
                    MemberMap.Point(id: ids[m.index], x: pca.scores[m.index, 0], y: pca.scores[m.index, 1],
                                    tendency: m.tendency, ambiguous: m.ambiguous)
                },
                varianceExplained: Array(pca.explainedVarianceRatio.prefix(2)))
        }

        let dendrogram = Dendrogram(
            linkage: analysis.linkage.merges.map { [Double($0.a), Double($0.b), $0.height, Double($0.size)] },
            leafOrder: analysis.leafOrder, leafLabels: ids, leafTendency: labels,
            heightName: "\(analysis.options.effectiveMetric.rawValue) distance, \(analysis.options.method.rawValue) linkage")
        let heatmap = Heatmap(order: analysis.leafOrder, distances: analysis.memberDistances,
                              measure: "similarity (1 = identical answers)")

        var reference: ReferencePartition?
        if let partition = input.reference {
            let placed = ids.indices.filter { partition.labels[$0] != nil }
            let ari = try AdjustedRandIndex.compute(placed.map { partition.labels[$0]! }, placed.map { labels[$0] })
            reference = ReferencePartition(name: partition.name,
                                           labels: partition.labels.map { $0.map(String.init) ?? "" },
                                           adjustedRandIndex: ari)
        }

        var notes: [String] = []
        if let note = AnalysisReport.leftOutNote(input.excludedMembers, words: words) { notes.append(note) }
        let lacking = missing.filter { !$0.isEmpty }.count
        if lacking > 0 {
            notes.append("\(lacking) member\(lacking == 1 ? "" : "s") lack a whole input (a sketch or a survey) and were analysed on what they have.")
        }
        // Gower distance skips what a pair did not both answer; a pair who
        // answered nothing in common is at 1, the largest distance there is.
        let coverage = input.space.coverage
        let sketchOnly = coverage.count { $0.hasSketch == true && $0.hasSurvey == false }
        let surveyOnly = coverage.count { $0.hasSurvey == true && $0.hasSketch == false }
        if analysis.options.effectiveMetric == .gower, sketchOnly > 0, surveyOnly > 0 {
            notes.append("\(sketchOnly) member\(sketchOnly == 1 ? "" : "s") with only a sketch and \(surveyOnly) with only a survey answered no question in common, so each such pair is placed at distance 1, the largest there is (and shows as unlike in the heatmap). Average linkage, the default, dilutes this; with --method complete or single it can decide the tree.")
        }
        if analysis.gapPick == nil && analysis.options.k == nil && analysis.options.gapReferences > 0 {
            notes.append("The gap statistic could not be computed on these data (some groups are made of identical answers).")
        }

        // A number the user set is kept; the page says when the evidence alone would pick another.
        let evidence = analysis.candidates.first
        let pick = analysis.options.k != nil
            ? Pick(k: k, reason: "The number of \(words.groups) was set to \(k) by the user (--k)."
                    + (evidence.map { best in
                        guard best.k != k else { return " The evidence alone would pick the same." }
                        let why = best.reason ?? ""
                        return " The evidence alone would pick \(best.k): " + why.prefix(1).lowercased() + why.dropFirst()
                    } ?? "") + (analysis.weakTendencyWarning.map { " " + $0 } ?? ""),
                   userChosen: true)
            : Pick(k: k, reason: evidence?.reason ?? "")
        self.init(
            title: title, k: k, candidates: analysis.candidates, pick: pick,
            elements: input.space.blocks.map {
                Element(id: $0.id, label: $0.source == .codebookElement ? AnalysisReport.readable($0.id) : $0.text,
                        question: $0.text, role: $0.role.rawValue)
            },
            members: members, tendencies: tendencies, consensus: consensus,
            leaningCrosstab: leaningCrosstab, contextCrosstabs: contextCrosstabs, map: map,
            dendrogram: dendrogram, heatmap: heatmap, referencePartition: reference,
            manifest: manifest, notes: notes)
        // An organisation's report leaves the key out, as before origins existed.
        origin = input.origin == .organisation ? nil : input.origin
    }

    /// The note naming the members left out of the analysis (see
    /// `AnalysisInput.excludedMembers`), the first 20 by id; nil for none.
    public static func leftOutNote(_ members: [String], words: ReportWords = .organisation) -> String? {
        guard !members.isEmpty else { return nil }
        let count = members.count
        let shown = members.prefix(20).joined(separator: ", ") + (count > 20 ? " and \(count - 20) more" : "")
        return "\(words.people(count)) answered none of the \(words.questions) that form \(words.groups) and \(count == 1 ? "is" : "are") left out: \(shown)."
    }

    /// "power-basis" -> "Power basis".
    static func readable(_ id: String) -> String {
        let words = id.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
