/// Members on the first two principal components: nearby dots answered alike.
/// Both axes use the same scale so distances on the page are honest.
enum MapFigure {
    /// Not-yet-aligned members are named next to their ring up to this many.
    static let maxNamedRings = 30
    static let labelSize = 10.5

    /// Where each ring's name goes: to its right, else its left, above or
    /// below, whichever first overlaps no name already placed (greedy, in
    /// the rings' order, so the same input gives the same picture); to the
    /// right when none is free. Widths are estimated at 0.6 em a character.
    static func labelPlacements(at centres: [(x: Double, y: Double)], labels: [String], radius r: Double,
                                within bounds: (low: Double, high: Double))
        -> [(x: Double, y: Double, anchor: SVGPlot.Anchor)] {
        typealias Box = (x0: Double, y0: Double, x1: Double, y1: Double)
        var taken: [Box] = []
        var placements: [(x: Double, y: Double, anchor: SVGPlot.Anchor)] = []
        for ((cx, cy), label) in zip(centres, labels) {
            let width = Double(label.count) * labelSize * 0.6, height = labelSize * 1.2
            // (text x, baseline y, anchor, box) for right, left, above, below.
            let candidates: [(Double, Double, SVGPlot.Anchor, Box)] = [
                (cx + r + 4, cy + 4, .start, (cx + r + 4, cy - height / 2, cx + r + 4 + width, cy + height / 2)),
                (cx - r - 4, cy + 4, .end, (cx - r - 4 - width, cy - height / 2, cx - r - 4, cy + height / 2)),
                (cx, cy - r - 4, .middle, (cx - width / 2, cy - r - 4 - height, cx + width / 2, cy - r - 4)),
                (cx, cy + r + 4 + height * 0.8, .middle, (cx - width / 2, cy + r + 4, cx + width / 2, cy + r + 4 + height)),
            ]
            let free = candidates.first { candidate in
                let box = candidate.3
                return box.x0 >= bounds.low && box.x1 <= bounds.high
                    && !taken.contains { $0.x0 < box.x1 && box.x0 < $0.x1 && $0.y0 < box.y1 && box.y0 < $0.y1 }
            } ?? candidates[0]
            taken.append(free.3)
            placements.append((free.0, free.1, free.2))
        }
        return placements
    }

    static func svg(_ map: AnalysisReport.MemberMap, palette: TendencyPalette, tendencyIDs: [Int],
                    words: ReportWords = .organisation) -> String? {
        let points = map.points.filter { $0.x.isFinite && $0.y.isFinite }
        guard !points.isEmpty else { return nil }
        let plotWidth = 730.0, plotHeight = 480.0
        let left = 40.0, top = 20.0
        let width = left + plotWidth + 250, height = top + plotHeight + 50
        let xs = points.map(\.x), ys = points.map(\.y)
        let (x0, x1) = (xs.min() ?? 0, xs.max() ?? 0), (y0, y1) = (ys.min() ?? 0, ys.max() ?? 0)
        let unit = max((x1 - x0) / (plotWidth * 0.9), (y1 - y0) / (plotHeight * 0.9), 1e-12)
        let cx = (x0 + x1) / 2, cy = (y0 + y1) / 2
        func px(_ v: Double) -> Double { left + plotWidth / 2 + (v - cx) / unit }
        func py(_ v: Double) -> Double { top + plotHeight / 2 - (v - cy) / unit }

        var plot = SVGPlot(width: width, height: height, title: "Map of \(words.people(points.count))",
                           summary: "Each dot is a \(words.person); \(words.people) who answered alike are close together.")
        plot.rect(x: left, y: top, width: plotWidth, height: plotHeight, fill: "#FBFBFB", stroke: "#BBBBBB", strokeWidth: 0.8)
        if (x0...x1).contains(0) { plot.line(x1: px(0), y1: top, x2: px(0), y2: top + plotHeight, stroke: "#DDDDDD") }
        if (y0...y1).contains(0) { plot.line(x1: left, y1: py(0), x2: left + plotWidth, y2: py(0), stroke: "#DDDDDD") }

        let r = points.count > 1000 ? 2.5 : points.count > 300 ? 3.5 : 5.5
        for point in points where !point.ambiguous {
            plot.circle(cx: px(point.x), cy: py(point.y), r: r, fill: palette.colour(for: point.tendency),
                        stroke: "#FFFFFF", strokeWidth: 0.8, tooltip: "\(point.id): \(words.name(point.tendency))")
        }
        let rings = points.filter(\.ambiguous)
        for point in rings {
            plot.circle(cx: px(point.x), cy: py(point.y), r: r + 0.5, fill: "#FFFFFF",
                        stroke: palette.colour(for: point.tendency), strokeWidth: 2,
                        tooltip: "\(point.id): not yet clearly aligned (nearest: \(words.name(point.tendency)))")
        }
        if rings.count <= maxNamedRings {
            let labels = rings.map { ReportFormat.truncated($0.id, limit: 24) }
            let placed = Self.labelPlacements(at: rings.map { (px($0.x), py($0.y)) }, labels: labels, radius: r,
                                              within: (left, left + plotWidth + 240))
            for (label, place) in zip(labels, placed) {
                plot.text(label, x: place.x, y: place.y, size: labelSize, anchor: place.anchor, fill: "#333333",
                          italic: true, halo: true)
            }
        }

        func axisShare(_ index: Int) -> String {
            guard index < map.varianceExplained.count, map.varianceExplained[index].isFinite else { return "" }
            // Sparse votes over many statements spread the differences thin:
            // an axis with 0.5% of them must not read "0%".
            let share = map.varianceExplained[index]
            let text = share > 0 && share < 0.0005 ? "under 0.1%"
                : share > 0 && share < 0.0095 ? ReportFormat.fixed(share * 100, decimals: 1) + "%" : ReportFormat.percent(share)
            return " — \(text) of the differences"
        }
        plot.text("Axis 1\(axisShare(0))", x: left + plotWidth / 2, y: top + plotHeight + 24, size: 12.5,
                  anchor: .middle, fill: "#444444")
        plot.text("Axis 2\(axisShare(1))", x: left - 14, y: top + plotHeight / 2, size: 12.5, anchor: .middle,
                  fill: "#444444", rotate: -90)

        // Legend.
        let lx = left + plotWidth + 24
        var ly = top + 20
        for id in tendencyIDs {
            plot.circle(cx: lx + 6, cy: ly - 4, r: 6, fill: palette.colour(for: id))
            plot.text(words.name(id), x: lx + 20, y: ly, size: 12.5)
            ly += 24
        }
        if !rings.isEmpty {
            plot.circle(cx: lx + 6, cy: ly - 4, r: 6, fill: "#FFFFFF", stroke: "#444444", strokeWidth: 2)
            plot.text("not yet clearly aligned", x: lx + 20, y: ly, size: 12.5, italic: true)
            plot.text("(ring colour = \(words.groupTitle.lowercased()) placed in)", x: lx + 20, y: ly + 16, size: 11, fill: "#666666")
        }
        return plot.rendered()
    }
}
