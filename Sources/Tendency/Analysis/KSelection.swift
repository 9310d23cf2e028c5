/// How the number of tendencies is chosen, from the candidates' evidence.
///
/// A k >= 2 is *supported* when its tendencies hold up under resampling
/// (mean Jaccard recovery >= 0.6: Hennig 2007 reads values at or below 0.5
/// as a dissolved cluster and 0.6-0.75 as a real pattern whose members are
/// not all certain, which is what alignment data look like) and its
/// silhouette is at least 0.1 (below that, members are as close to other
/// tendencies as to their own).
/// The pick is the supported k with the highest silhouette, preferring fewer
/// tendencies when silhouettes are within 0.02. With no supported k the
/// answer is one tendency: the data do not show separate groups. The gap
/// statistic's standard-error rule is reported beside, as a second opinion.
enum KSelection {
    static let stableJaccard = 0.6
    static let minimumSilhouette = 0.1

    static func isSupported(_ c: AnalysisReport.Candidate) -> Bool {
        guard c.k >= 2, let s = c.silhouette, let st = c.stability else { return false }
        return st >= stableJaccard && s >= minimumSilhouette
    }

    /// A tendency of a candidate k that falls apart on its own under
    /// resampling: its number in that k's cut, and its stability.
    typealias WeakTendency = (tendency: Int, stability: Double)

    /// Below this a tendency's own stability reads as dissolved (Hennig 2007).
    static let dissolvedJaccard = 0.5

    /// The tendencies of each k below `dissolvedJaccard`, weakest first
    /// (ties by number), from each tendency's mean Jaccard recovery; a k with
    /// none is left out.
    static func weakTendencies(_ stabilityByK: [Int: [Double]]) -> [Int: [WeakTendency]] {
        stabilityByK.compactMapValues { each in
            let weak = each.indices.filter { each[$0] < dissolvedJaccard }
                .sorted { (each[$0], $0) < (each[$1], $1) }
                .map { (tendency: $0 + 1, stability: each[$0]) }
            return weak.isEmpty ? nil : weak
        }
    }

    /// The warning for a candidate with weak tendencies, naming every one
    /// when `named` (the chosen k, whose tendencies the page shows).
    static func weakWarning(_ weak: [WeakTendency], named: Bool, words: ReportWords = .organisation) -> String {
        let values = ReportFormat.list(weak.map { String(format: "%.2f", $0.stability) })
        if weak.count == 1 {
            return named
                ? "\(words.name(weak[0].tendency)) on its own does not hold up (stability \(values)): read it with caution."
                : "One of its \(words.groups) does not hold up on its own (stability \(values))."
        }
        return named
            ? "\(ReportFormat.list(weak.map { words.name($0.tendency) })) do not hold up on their own (stability \(values)): read them with caution."
            : "\(ReportFormat.capitalised(ReportFormat.word(weak.count))) of its \(words.groups) do not hold up on their own (stability \(values))."
    }

    /// Ranks the candidates (rank 1 = the pick) and explains each. A k in
    /// `unreachable` (no cut of the tree has k branches of `minimumSize`
    /// members) is never supported. Support rests on the mean stability over
    /// a k's tendencies; a k in `weak` says which falls apart on its own,
    /// naming it for the chosen k (`chosen`, else the pick).
    static func rank(_ candidates: [AnalysisReport.Candidate], gapPick: Int?,
                     unreachable: Set<Int> = [], minimumSize: Int = 3,
                     weak: [Int: [WeakTendency]] = [:], chosen: Int? = nil,
                     words: ReportWords = .organisation) -> [AnalysisReport.Candidate] {
        let supported = candidates.filter { isSupported($0) && !unreachable.contains($0.k) }
        var ordered: [AnalysisReport.Candidate] = []
        // Supported candidates by silhouette, fewer tendencies first within 0.02.
        var pool = supported
        while !pool.isEmpty {
            let best = pool.map { $0.silhouette! }.max()!
            let pick = pool.filter { $0.silhouette! >= best - 0.02 }.min { $0.k < $1.k }!
            ordered.append(pick)
            pool.removeAll { $0.k == pick.k }
        }
        let rest = candidates.filter { c in !ordered.contains { $0.k == c.k } }
        let one = rest.filter { $0.k == 1 }
        let others = rest.filter { $0.k != 1 }.sorted { ($0.silhouette ?? -1) > ($1.silhouette ?? -1) }
        ordered += one + others
        let named = chosen ?? ordered.first?.k
        return ordered.enumerated().map { index, candidate in
            var c = candidate
            c.rank = index + 1
            c.reason = unreachable.contains(c.k)
                ? "Not possible: no cut of the tree gives \(words.groups(c.k)) of at least \(ReportFormat.integer(minimumSize)) \(words.people) each."
                : explain(c, supported: isSupported(c), picked: index == 0, gapPick: gapPick,
                          weak: weak[c.k], named: c.k == named, words: words)
            return c
        }
    }

    /// The page's reading of a silhouette: above 0.5 strong, below 0.25 weak
    /// (after Kaufman and Rousseeuw 1990, who read 0.25 and below as no
    /// substantial structure; alignment data seldom reach 0.5).
    static func separation(_ silhouette: Double) -> String {
        silhouette >= 0.5 ? "well separated" : silhouette >= 0.25 ? "separated" : "only weakly separated"
    }

    static func explain(_ c: AnalysisReport.Candidate, supported: Bool, picked: Bool, gapPick: Int?,
                        weak: [WeakTendency]? = nil, named: Bool = false, words: ReportWords = .organisation) -> String {
        let gapNote = (gapPick == c.k ? " The gap statistic also points to \(c.k)."
            : picked && gapPick != nil ? " The gap statistic points to \(gapPick!) instead." : "")
            + (weak.map { " " + weakWarning($0, named: named, words: words) } ?? "")
        if c.k == 1 {
            return picked
                ? "No split into two or more \(words.groups) both held up under resampling and was separated enough, so the data are read as one \(words.group).\(gapNote)"
                : "One \(words.group): the answer when no split is supported.\(gapNote)"
        }
        let s = String(format: "%.2f", c.silhouette ?? 0)
        let st = String(format: "%.2f", c.stability ?? 0)
        if supported {
            return (picked ? "The" : "Supported, with a lower silhouette: the") + " \(c.k) \(words.groups) hold up under resampling\(weak == nil ? "" : " on average") (stability \(st)) and are \(separation(c.silhouette ?? 0)) (silhouette \(s)).\(gapNote)"
        }
        var why: [String] = []
        if (c.stability ?? 0) < stableJaccard { why.append("they do not hold up under resampling (stability \(st) < \(stableJaccard))") }
        if (c.silhouette ?? -1) < minimumSilhouette { why.append("\(words.people) are nearly as close to other \(words.groups) as to their own (silhouette \(s) < \(minimumSilhouette))") }
        return "Not supported: " + why.joined(separator: " and ") + "." + gapNote
    }
}
