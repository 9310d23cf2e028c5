/// The dendrogram as SVG: root on the left, members on the right, branches
/// coloured by tendency where everything below them belongs to one tendency.
enum DendrogramFigure {
    /// Leaf labels are drawn up to this many members.
    static let maxLabelledLeaves = 150

    /// `ambiguous` is per observation index (may be empty). Returns nil when
    /// the linkage is not a valid SciPy linkage for the leaves given.
    static func svg(_ tree: AnalysisReport.Dendrogram, palette: TendencyPalette, ambiguous: [Bool],
                    tendencyIDs: [Int], words: ReportWords = .organisation) -> String? {
        let n = tree.leafLabels.count
        guard n >= 2, tree.linkage.count == n - 1, tree.leafTendency.count == n,
              tree.leafOrder.count == n, Set(tree.leafOrder) == Set(0..<n) else { return nil }
        // Validate merges and compute each node's height and single tendency (nil = mixed).
        var height = [Double](repeating: 0, count: 2 * n - 1)
        var tendency: [Int?] = tree.leafTendency.map { $0 }
        tendency += [Int?](repeating: nil, count: n - 1)
        var children: [(Int, Int)] = []
        for (i, row) in tree.linkage.enumerated() {
            let limit = Double(n + i)
            guard row.count >= 3, row[2].isFinite, (0..<limit).contains(row[0]), (0..<limit).contains(row[1]) else { return nil }
            let a = Int(row[0]), b = Int(row[1])
            guard Double(a) == row[0], Double(b) == row[1], a != b else { return nil }
            children.append((a, b))
            height[n + i] = row[2]
            tendency[n + i] = tendency[a] == tendency[b] ? tendency[a] : nil
        }
        let maxHeight = max(height.max() ?? 0, tree.cutHeight ?? 0, 1e-12)

        let labelled = n <= maxLabelledLeaves
        let row: Double = n <= 40 ? 16 : n <= 80 ? 12 : labelled ? 9 : max(0.5, 640 / Double(n))
        let fontSize = min(12, row * 0.85)
        let top = 46.0, treeLeft = 24.0
        let labelWidth: Double = labelled ? 190 : 0
        let width = 1000.0
        let treeRight = width - 24 - labelWidth - 16
        let plotHeight = row * Double(n)
        let axisY = top + plotHeight + 10
        let totalHeight = axisY + 52

        func x(_ h: Double) -> Double { treeRight - (treeRight - treeLeft) * max(0, h) / maxHeight }
        var y = [Double](repeating: 0, count: 2 * n - 1)
        for (position, leaf) in tree.leafOrder.enumerated() { y[leaf] = top + (Double(position) + 0.5) * row }
        for (i, pair) in children.enumerated() { y[n + i] = (y[pair.0] + y[pair.1]) / 2 }

        var plot = SVGPlot(width: width, height: totalHeight, title: "Dendrogram of \(words.people(n))",
                           summary: "Tree of who stands with whom, coloured by \(words.group).")
        // Segments grouped by colour, one path per colour, in palette order.
        var segments: [String: String] = [:]
        func colour(of node: Int) -> String { tendency[node].map(palette.colour(for:)) ?? TendencyPalette.neutral }
        for (i, pair) in children.enumerated() {
            let node = n + i
            let xNode = x(height[node])
            for child in [pair.0, pair.1] {
                segments[colour(of: child), default: ""] +=
                    "M\(SVGPlot.n(x(height[child])))\(" " + SVGPlot.n(y[child]))H\(SVGPlot.n(xNode))"
            }
            segments[colour(of: node), default: ""] +=
                "M\(SVGPlot.n(xNode)) \(SVGPlot.n(y[pair.0]))V\(SVGPlot.n(y[pair.1]))"
        }
        let strokeWidth = n > 400 ? 0.8 : 1.6
        // Grey (mixed) joins last, so they stay visible where they meet coloured branches.
        let orderedColours = (TendencyPalette.colours + [TendencyPalette.neutral]).filter { segments[$0] != nil }
        for c in orderedColours { plot.path(segments[c] ?? "", stroke: c, width: strokeWidth) }

        // Cut line.
        if let cut = tree.cutHeight, cut.isFinite {
            let xc = x(cut)
            plot.line(x1: xc, y1: top - 8, x2: xc, y2: top + plotHeight, stroke: "#555555", width: 1, dash: "5 4")
            plot.text("cut into \(words.groups(tendencyIDs.count))",
                      x: xc + 4, y: top - 10, size: 11, fill: "#555555")
        }

        // Leaf markers and labels.
        for leaf in 0..<n {
            let isAmbiguous = leaf < ambiguous.count && ambiguous[leaf]
            let c = palette.colour(for: tree.leafTendency[leaf])
            let xs = treeRight + 8
            if labelled {
                if isAmbiguous {
                    plot.circle(cx: xs, cy: y[leaf], r: min(4, row * 0.32), fill: "#FFFFFF", stroke: c, strokeWidth: 1.5)
                } else {
                    plot.circle(cx: xs, cy: y[leaf], r: min(4, row * 0.32), fill: c)
                }
                plot.text(tree.leafLabels[leaf], x: xs + 9, y: y[leaf] + fontSize * 0.35, size: fontSize,
                          fill: isAmbiguous ? "#555555" : "#222222", italic: isAmbiguous)
            } else {
                plot.rect(x: xs - 3, y: y[leaf] - row / 2, width: 6, height: row, fill: c)
            }
        }

        // Height axis.
        plot.line(x1: treeLeft, y1: axisY, x2: treeRight, y2: axisY, stroke: "#666666")
        for tick in SVGPlot.ticks(from: 0, to: maxHeight, count: 6) {
            plot.line(x1: x(tick), y1: axisY, x2: x(tick), y2: axisY + 5, stroke: "#666666")
            plot.text(ReportFormat.compact(tick, decimals: 3), x: x(tick), y: axisY + 18, size: 11, anchor: .middle, fill: "#444444")
        }
        plot.text("joined at this \(tree.heightName) — further left means less alike", x: (treeLeft + treeRight) / 2,
                  y: axisY + 38, size: 12, anchor: .middle, fill: "#444444")

        // Legend.
        var lx = treeLeft
        for id in tendencyIDs {
            plot.rect(x: lx, y: 10, width: 14, height: 14, fill: palette.colour(for: id), rx: 2)
            plot.text(words.name(id), x: lx + 19, y: 21, size: 12)
            lx += 110
        }
        plot.rect(x: lx, y: 16, width: 18, height: 3, fill: TendencyPalette.neutral)
        plot.text("joins different \(words.groups)", x: lx + 23, y: 21, size: 12)
        lx += 190
        if ambiguous.contains(true), labelled {
            plot.circle(cx: lx + 6, cy: 17, r: 4.5, fill: "#FFFFFF", stroke: "#444444", strokeWidth: 1.5)
            plot.text("not yet clearly aligned", x: lx + 16, y: 21, size: 12, italic: true)
        }
        return plot.rendered()
    }
}
