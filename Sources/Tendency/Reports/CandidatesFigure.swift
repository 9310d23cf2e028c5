/// Evidence for each candidate number of tendencies, one small bar panel per
/// measure; the chosen k is drawn dark.
enum CandidatesFigure {
    private struct Panel {
        let title: String
        let subtitle: String
        let value: (AnalysisReport.Candidate) -> Double?
        let error: (AnalysisReport.Candidate) -> Double?
        let label: (Double) -> String
    }

    static let chosen = "#0072B2"
    static let other = "#B9CDE3"

    static func svg(_ candidates: [AnalysisReport.Candidate], pick: Int,
                    words: ReportWords = .organisation) -> String? {
        let sorted = candidates.sorted { $0.k < $1.k }
        guard !sorted.isEmpty else { return nil }
        let panels = [
            Panel(title: "Separation (silhouette)", subtitle: "higher = groups more distinct", value: { $0.silhouette },
                  error: { _ in nil }, label: { ReportFormat.fixed($0, decimals: 2) }),
            Panel(title: "Gap statistic",
                  subtitle: sorted.contains { ($0.gap ?? 0) < 0 } ? "higher = more structure than chance; below 0, less"
                      : "higher = more structure than chance", value: { $0.gap },
                  error: { $0.gapStandardError }, label: { ReportFormat.fixed($0, decimals: 2) }),
            Panel(title: "Stability", subtitle: "how much the groups stay the same", value: { $0.stability },
                  error: { _ in nil }, label: { ReportFormat.percent($0) }),
        ].filter { panel in sorted.contains { panel.value($0)?.isFinite == true } }
        guard !panels.isEmpty else { return nil }

        let panelWidth = 300.0, panelHeight = 230.0, gapBetween = 30.0
        let width = Double(panels.count) * panelWidth + Double(panels.count - 1) * gapBetween + 20
        var plot = SVGPlot(width: width, height: panelHeight + 20, title: "Evidence for each number of \(words.groups)",
                           summary: "Bars per candidate number of \(words.groups); the chosen number is dark.")
        for (p, panel) in panels.enumerated() {
            let x0 = 10 + Double(p) * (panelWidth + gapBetween)
            let top = 58.0, bottom = panelHeight - 28
            plot.text(panel.title, x: x0, y: 18, size: 14, weight: "600")
            plot.text(panel.subtitle, x: x0, y: 36, size: 11.5, fill: "#666666")
            // Each finite value with its whisker (a standard error, never negative).
            let bars = sorted.compactMap { c -> (value: Double, whisker: Double)? in
                guard let v = panel.value(c), v.isFinite else { return nil }
                return (v, max(0, panel.error(c) ?? 0))
            }
            let high = max(0, bars.map { $0.value + $0.whisker }.max() ?? 0)
            let low = min(0, bars.map { $0.value - $0.whisker }.min() ?? 0)
            let span = high > low ? high - low : 1
            // Below zero, room for the values written under the bars, above the k labels.
            let floor = low < 0 ? bottom - 16 : bottom
            func y(_ v: Double) -> Double { floor - (v - low) / span * (floor - top) }
            let slot = panelWidth / Double(sorted.count)
            let barWidth = min(38, slot * 0.62)
            for (i, candidate) in sorted.enumerated() {
                let xc = x0 + slot * (Double(i) + 0.5)
                let colour = candidate.k == pick ? chosen : other
                if let v = panel.value(candidate), v.isFinite {
                    let (ya, yb) = (y(max(0, v)), y(min(0, v)))
                    plot.rect(x: xc - barWidth / 2, y: ya, width: barWidth, height: max(1, yb - ya), fill: colour,
                              tooltip: "k = \(candidate.k): \(panel.label(v))")
                    if let e = panel.error(candidate), e.isFinite, e > 0 {
                        plot.line(x1: xc, y1: y(v - e), x2: xc, y2: y(v + e), stroke: "#333333", width: 1.2)
                        plot.line(x1: xc - 5, y1: y(v + e), x2: xc + 5, y2: y(v + e), stroke: "#333333", width: 1.2)
                        plot.line(x1: xc - 5, y1: y(v - e), x2: xc + 5, y2: y(v - e), stroke: "#333333", width: 1.2)
                    }
                    let whisker = max(0, panel.error(candidate) ?? 0)
                    let labelY = v >= 0 ? y(v + whisker) - 5 : y(v - whisker) + 13
                    if sorted.count <= 10 {
                        plot.text(panel.label(v), x: xc, y: labelY, size: 10.5, anchor: .middle,
                                  weight: candidate.k == pick ? "600" : nil, fill: "#333333")
                    }
                } else {
                    plot.text("n/a", x: xc, y: y(0) - 5, size: 10.5, anchor: .middle, fill: "#999999")
                }
                plot.text(String(candidate.k), x: xc, y: bottom + 16, size: 12, anchor: .middle,
                          weight: candidate.k == pick ? "700" : nil)
            }
            plot.line(x1: x0, y1: y(0), x2: x0 + panelWidth, y2: y(0), stroke: "#777777")
            plot.text("number of \(words.groups)", x: x0 + panelWidth / 2, y: bottom + 33, size: 11, anchor: .middle, fill: "#666666")
        }
        return plot.rendered()
    }
}
