import Foundation
@testable import Tendency

/// A realistic report for rendering tests: 60 members around two planted
/// tendencies with 9 members between them, a real average-linkage tree on
/// their planted positions, and profiles written as the analysis would.
enum SampleReport {
    static let trickyID = "<b>&\"x\""

    static func make(memberCount: Int = 60) -> AnalysisReport {
        var rng = SeededGenerator(seed: 20_240_601)
        let betweenCount = max(1, memberCount * 3 / 20)
        let firstCount = (memberCount - betweenCount) * 55 / 100
        var points: [(Double, Double)] = []
        var planted: [Bool] = []
        for i in 0..<memberCount {
            let between = i >= memberCount - betweenCount
            let centre: (Double, Double) = between ? (0, 0.2) : i < firstCount ? (-2.2, 0.2) : (2.0, -0.3)
            let spread = between ? 0.75 : 0.8
            points.append((centre.0 + spread * rng.nextGaussian(), centre.1 + spread * rng.nextGaussian()))
            planted.append(between)
        }
        // Shuffle member order deterministically so tendencies interleave in the input.
        var order = Array(0..<memberCount)
        for i in stride(from: memberCount - 1, to: 0, by: -1) {
            let j = Int(rng.next() % UInt64(i + 1))
            order.swapAt(i, j)
        }
        points = order.map { points[$0] }
        planted = order.map { planted[$0] }
        let ids = (0..<memberCount).map { $0 == 7 ? trickyID : String(format: "M-%03d", $0 + 1) }

        func distance(_ i: Int, _ j: Int) -> Double {
            let dx = points[i].0 - points[j].0, dy = points[i].1 - points[j].1
            return (dx * dx + dy * dy).squareRoot()
        }
        let (linkage, leafOrder, cut) = averageLinkage(count: memberCount, distance: distance)
        let tendencyOf = cut
        let leanings = ["Base building", "Prefigurative", "Insurrectionist", "Electoral", "Workplace organising"]
        let sectors = ["Labour", "Housing", "Climate", "Migrant justice"]

        var members: [AnalysisReport.Member] = []
        for i in 0..<memberCount {
            let ambiguous = planted[i]
            let other = tendencyOf[i] == 1 ? 2 : 1
            var memberLeanings = [leanings[Int(rng.next() % 5)]]
            if rng.nextUnit() < 0.3 { memberLeanings.append(leanings[Int(rng.next() % 5)]) }
            memberLeanings = Array(Set(memberLeanings)).sorted()
            members.append(AnalysisReport.Member(
                id: ids[i], tendency: tendencyOf[i],
                confidence: ambiguous ? 0.45 + 0.2 * rng.nextUnit() : 0.82 + 0.18 * rng.nextUnit(),
                ambiguous: ambiguous, between: ambiguous ? [tendencyOf[i], other].sorted() : [],
                leanings: memberLeanings,
                context: ["sector": [sectors[Int(rng.next() % 4)]]],
                missingInputs: i % 13 == 5 ? ["survey"] : []))
        }

        let sizes = [1, 2].map { t in members.filter { $0.tendency == t }.count }
        var counts = [[Int]](repeating: [0, 0], count: leanings.count)
        for m in members { for l in m.leanings { if let r = leanings.firstIndex(of: l) { counts[r][m.tendency - 1] += 1 } } }
        var sectorCounts = [[Int]](repeating: [0, 0], count: sectors.count)
        for m in members { for s in m.context["sector"] ?? [] { if let r = sectors.firstIndex(of: s) { sectorCounts[r][m.tendency - 1] += 1 } } }

        func mix(_ t: Int) -> [AnalysisReport.CategoryShare] {
            let size = Double(max(1, sizes[t - 1]))
            return leanings.enumerated().compactMap { r, l in
                counts[r][t - 1] == 0 ? nil : AnalysisReport.CategoryShare(category: l, count: counts[r][t - 1], share: Double(counts[r][t - 1]) / size)
            }
        }

        let tendencies = [
            AnalysisReport.TendencyProfile(
                id: 1, size: sizes[0], stability: 0.91,
                distinguishing: [
                    .init(feature: "bloc=low-wage-workers", label: "Low-wage and precarious workers", element: "bloc", direction: .more,
                          effectSize: 1.32, effectSizeName: "Cohen's h", pValue: 0.00002, qValue: 0.0003, shareInside: 0.82, shareOutside: 0.17),
                    .init(feature: "power=strikes", label: "Mass strikes and rent strikes", element: "power", direction: .more,
                          effectSize: 1.05, effectSizeName: "Cohen's h", pValue: 0.0004, qValue: 0.004, shareInside: 0.72, shareOutside: 0.10),
                    .init(feature: "power=elections", label: "Winning elections", element: "power", direction: .less,
                          effectSize: -0.88, effectSizeName: "Cohen's h", pValue: 0.002, qValue: 0.011, shareInside: 0.14, shareOutside: 0.61),
                    .init(feature: "q7", label: "Unions are the backbone of any winning bloc", element: "q7", direction: .more,
                          effectSize: 0.64, effectSizeName: "Cliff's delta", pValue: 0.003, qValue: 0.016, meanInside: 4.4, meanOutside: 2.9),
                ],
                consensus: [
                    .init(feature: "opposition=finance", label: "Finance capital", element: "opposition", direction: .shared,
                          effectSize: 0.04, effectSizeName: "Cohen's h", pValue: 0.81, qValue: 0.93, shareInside: 0.78, shareOutside: 0.76),
                ],
                hypothesis: .init(
                    sentence: "If a movement deeply connected to a bloc of low-wage and precarious workers and tenants exerts disruptive power through mass strikes and rent strikes in relation to logistics hubs and housing finance, it will defeat finance capital and the real-estate lobby and shift the correlation of power toward organised workers in the major cities.",
                    parts: [
                        .init(element: "bloc", question: "Which class layers and social sectors, united, could defeat the opposition?", codes: ["Low-wage and precarious workers", "Tenants"]),
                        .init(element: "power", question: "What is the basis of the movement's power?", codes: ["Mass strikes and rent strikes"]),
                        .init(element: "chokepoints", question: "Where are the choke points in how the opposition stays cohered?", codes: ["Logistics hubs", "Housing finance"], contested: true, note: "split 58% / 42% between logistics and housing finance"),
                        .init(element: "opposition", question: "Who makes up the opposition?", codes: ["Finance capital", "Real-estate lobby"]),
                        .init(element: "shift", question: "How would the correlation of power shift?", codes: ["Organised workers gain power in the major cities"]),
                    ]),
                leaningMix: mix(1)),
            AnalysisReport.TendencyProfile(
                id: 2, size: sizes[1], stability: 0.78,
                distinguishing: [
                    .init(feature: "power=elections", label: "Winning elections", element: "power", direction: .more,
                          effectSize: 0.88, effectSizeName: "Cohen's h", pValue: 0.002, qValue: 0.011, shareInside: 0.61, shareOutside: 0.14),
                    .init(feature: "bloc=oppressed-nationalities", label: "Oppressed nationalities", element: "bloc", direction: .more,
                          effectSize: 0.95, effectSizeName: "Cohen's h", pValue: 0.001, qValue: 0.008, shareInside: 0.70, shareOutside: 0.24),
                    .init(feature: "opposition=far-right", label: "The far-right bloc", element: "opposition", direction: .more,
                          effectSize: 0.71, effectSizeName: "Cohen's h", pValue: 0.006, qValue: 0.024, shareInside: 0.65, shareOutside: 0.31),
                ],
                consensus: [
                    .init(feature: "opposition=finance", label: "Finance capital", element: "opposition", direction: .shared,
                          effectSize: -0.04, effectSizeName: "Cohen's h", pValue: 0.81, qValue: 0.93, shareInside: 0.76, shareOutside: 0.78),
                ],
                hypothesis: .init(
                    sentence: "If a movement deeply connected to a bloc of oppressed nationalities and the broad working class exerts independent political and electoral power in relation to the governing coalitions of key states, it will defeat the far-right bloc and shift the correlation of power by winning and holding governing power in those states.",
                    parts: [
                        .init(element: "bloc", question: "Which class layers and social sectors, united, could defeat the opposition?", codes: ["Oppressed nationalities", "Broad working class"]),
                        .init(element: "power", question: "What is the basis of the movement's power?", codes: ["Winning elections", "Independent political organisation"]),
                        .init(element: "chokepoints", question: "Where are the choke points in how the opposition stays cohered?", codes: ["Governing coalitions of key states"]),
                        .init(element: "opposition", question: "Who makes up the opposition?", codes: ["The far-right bloc"], contested: true, note: "a third also name finance capital first"),
                        .init(element: "shift", question: "How would the correlation of power shift?", codes: ["Winning and holding governing power"]),
                    ]),
                leaningMix: mix(2)),
        ]

        let palettePoints = (0..<memberCount).map { i in
            AnalysisReport.MemberMap.Point(id: ids[i], x: points[i].0, y: points[i].1, tendency: tendencyOf[i], ambiguous: planted[i])
        }
        let maxDistance = (0..<memberCount).flatMap { i in (0..<memberCount).map { distance(i, $0) } }.max() ?? 1

        return AnalysisReport(
            k: 2,
            candidates: [
                .init(k: 1, gap: 0.21, gapStandardError: 0.03, stability: 1, rank: 4, reason: "One tendency would need the gap to stop growing at k = 1; it grows."),
                .init(k: 2, silhouette: 0.58, gap: 0.64, gapStandardError: 0.04, stability: 0.88, rank: 1, reason: "Best separation; smallest k passing the gap rule; stable."),
                .init(k: 3, silhouette: 0.41, gap: 0.66, gapStandardError: 0.04, stability: 0.61, rank: 2, reason: "Splits the members between the tendencies off as a third group that rarely comes back."),
                .init(k: 4, silhouette: 0.33, gap: 0.63, gapStandardError: 0.05, stability: 0.52, rank: 3),
                .init(k: 5, silhouette: 0.30, gap: 0.60, gapStandardError: 0.05, stability: 0.47, rank: 5),
                .init(k: 6, silhouette: 0.27, gap: 0.58, gapStandardError: 0.05, stability: 0.44, rank: 6),
            ],
            pick: .init(k: 2, reason: "Two tendencies have the clearest separation (silhouette 0.58), are the smallest number passing the gap statistic's standard-error rule, and come back in 88% of resamples."),
            elements: [
                .init(id: "bloc", label: "Bloc", question: "Which class layers and social sectors, united, could defeat the opposition?", role: "orientation"),
                .init(id: "power", label: "Basis of power", question: "What is the basis of the movement's power?", role: "orientation"),
                .init(id: "opposition", label: "Opposition", question: "Who makes up the opposition?", role: "orientation"),
                .init(id: "q7", label: "Survey: unions", question: "Unions are the backbone of any winning bloc (1-5)", role: "orientation"),
                .init(id: "q3", label: "Survey: cadre organisation", question: "We need a cadre organisation (1-5)", role: "orientation"),
                .init(id: "sector", label: "Sector of work", question: "Which sector does the member organise in?", role: "context"),
            ],
            members: members,
            tendencies: tendencies,
            consensus: [
                .init(feature: "opposition=finance", label: "Finance capital", element: "opposition", share: 0.77, perTendency: [0.78, 0.76]),
                .init(feature: "q3", label: "We need a cadre organisation", element: "q3", mean: 4.5, perTendency: [4.6, 4.4]),
            ],
            leaningCrosstab: .init(element: "leaning", categories: leanings, tendencies: [1, 2], counts: counts, cramersV: 0.14, pValue: 0.82,
                                   summary: "Leanings are spread across both tendencies: every leaning is held in both, and knowing a member's leaning says little about their tendency."),
            contextCrosstabs: [
                .init(element: "sector", categories: sectors, tendencies: [1, 2], counts: sectorCounts, cramersV: 0.21,
                      summary: "Sectors are spread across both tendencies."),
            ],
            map: .init(points: palettePoints, varianceExplained: [0.412, 0.127]),
            dendrogram: .init(linkage: linkage, leafOrder: leafOrder, leafLabels: ids, leafTendency: tendencyOf,
                              cutHeight: (linkage[linkage.count - 1][2] + linkage[linkage.count - 2][2]) / 2, heightName: "average distance"),
            heatmap: .init(order: leafOrder, measure: "1 − distance / largest distance") { i, j in 1 - distance(i, j) / maxDistance },
            referencePartition: .init(name: "the planted groups", labels: planted.enumerated().map { $1 ? "" : (tendencyOf[$0] == 1 ? "A" : "B") },
                                      adjustedRandIndex: 0.93),
            manifest: .init(toolVersion: "0.1.0", commandLine: ["tendency", "analyze", "--codebook", "Fixtures/toolkit.yaml", "--codings", "codings.csv", "--out", "out", "--seed", "7"],
                            inputs: [.init(path: "Fixtures/example/codings.csv", sha256: String(repeating: "ab", count: 32), bytes: 18_342),
                                     .init(path: "Fixtures/example/survey.csv", sha256: String(repeating: "0f", count: 32), bytes: 4_120)],
                            parameters: ["metric": "gower", "method": "average", "bootstrap": "200", "max-k": "6", "include-leanings": "false"],
                            seed: 7, blasBuild: "OpenBLAS 0.3.29 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64", blasThreads: 1),
            notes: ["5 members answered no survey; they are placed on their sketches alone.", "Inter-coder agreement (Krippendorff's alpha) was 0.81 on average."])
    }

    /// Naive O(n³) UPGMA for a test fixture: SciPy-style rows and the leaf
    /// order of the tree, plus the two-group cut (group of member 0 = 1).
    static func averageLinkage(count n: Int, distance: (Int, Int) -> Double) -> ([[Double]], [Int], [Int]) {
        var clusters: [Int: [Int]] = [:]
        for i in 0..<n { clusters[i] = [i] }
        var rows: [[Double]] = []
        var next = n
        while clusters.count > 1 {
            let keys = clusters.keys.sorted()
            var best = (Double.infinity, 0, 0)
            for (p, a) in keys.enumerated() {
                for b in keys[(p + 1)...] {
                    let la = clusters[a] ?? [], lb = clusters[b] ?? []
                    var sum = 0.0
                    for i in la { for j in lb { sum += distance(i, j) } }
                    let d = sum / Double(la.count * lb.count)
                    if d < best.0 { best = (d, a, b) }
                }
            }
            let merged = (clusters[best.1] ?? []) + (clusters[best.2] ?? [])
            rows.append([Double(best.1), Double(best.2), best.0, Double(merged.count)])
            clusters[best.1] = nil
            clusters[best.2] = nil
            clusters[next] = merged
            next += 1
        }
        func leaves(_ node: Int) -> [Int] {
            node < n ? [node] : leaves(Int(rows[node - n][0])) + leaves(Int(rows[node - n][1]))
        }
        let root = rows[rows.count - 1]
        let left = Set(leaves(Int(root[0])))
        let firstGroup = left.contains(0) ? left : Set(0..<n).subtracting(left)
        return (rows, leaves(2 * n - 2), (0..<n).map { firstGroup.contains($0) ? 1 : 2 })
    }
}
