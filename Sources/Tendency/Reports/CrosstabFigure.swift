/// A cross-tab of categories (leanings, context codes) against tendencies as
/// stacked bars: one bar per category, split by tendency. Bars whose colours
/// mix show a category found across tendencies.
enum CrosstabFigure {
    static func svg(_ table: AnalysisReport.Crosstab, palette: TendencyPalette, title: String) -> String? {
        let rows = table.categories.count
        guard rows > 0, table.counts.count == rows,
              table.counts.allSatisfy({ $0.count == table.tendencies.count }) else { return nil }
        let totals = table.counts.map { $0.reduce(0) { $0 + max(0, $1) } }
        let maxTotal = max(1, totals.max() ?? 1)
        // 27 characters of 12.5 px text fit in the 200 px left of the bars (DejaVu Sans, the widest
        // common default); a longer label wraps onto up to three lines, and its row grows to hold them.
        let labelWidth = 210.0, barArea = 560.0, top = 40.0, lineHeight = 14.0
        let labels = table.categories.map { ReportFormat.wrapped($0, width: 27, maxLines: 3) }
        let rowHeights = labels.map { max(30, lineHeight * Double($0.count) + 10) }
        var rowTops = [top]
        for h in rowHeights { rowTops.append(rowTops.last! + h) }
        let width = labelWidth + barArea + 70, height = rowTops.last! + 14
        var plot = SVGPlot(width: width, height: height, title: title,
                           summary: "One bar per category; colours show how its members divide among tendencies.")
        var lx = labelWidth
        for id in table.tendencies {
            plot.rect(x: lx, y: 8, width: 14, height: 14, fill: palette.colour(for: id), rx: 2)
            plot.text("Tendency \(id)", x: lx + 19, y: 19, size: 12)
            lx += 110
        }
        for (r, category) in table.categories.enumerated() {
            let y = rowTops[r] + (rowHeights[r] - 30) / 2, rowHeight = 30.0  // the bar, centred in its row
            let firstLine = rowTops[r] + rowHeights[r] / 2 + 4 - lineHeight * Double(labels[r].count - 1) / 2
            for (l, line) in labels[r].enumerated() {
                plot.text(line, x: labelWidth - 10, y: firstLine + lineHeight * Double(l), size: 12.5, anchor: .end)
            }
            var x = labelWidth
            for (c, id) in table.tendencies.enumerated() {
                let count = max(0, table.counts[r][c])
                guard count > 0 else { continue }
                let w = barArea * Double(count) / Double(maxTotal)
                plot.rect(x: x, y: y + 4, width: w, height: rowHeight - 8, fill: palette.colour(for: id),
                          stroke: "#FFFFFF", strokeWidth: 1, tooltip: "\(category): \(count) in Tendency \(id)")
                if w >= 20 {
                    plot.text(String(count), x: x + w / 2, y: y + rowHeight / 2 + 4, size: 11.5, anchor: .middle,
                              weight: "600", fill: TendencyPalette.textColour(on: palette.colour(for: id)))
                }
                x += w
            }
            plot.text(String(totals[r]), x: x + 6, y: y + rowHeight / 2 + 4, size: 11.5, fill: "#555555")
        }
        return plot.rendered()
    }
}
