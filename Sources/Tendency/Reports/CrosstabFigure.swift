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
        // 27 characters of 12.5 px text fit in the 200 px left of the bars (DejaVu Sans, the widest common default).
        let labelWidth = 210.0, barArea = 560.0, rowHeight = 30.0, top = 40.0
        let width = labelWidth + barArea + 70, height = top + rowHeight * Double(rows) + 14
        var plot = SVGPlot(width: width, height: height, title: title,
                           summary: "One bar per category; colours show how its members divide among tendencies.")
        var lx = labelWidth
        for id in table.tendencies {
            plot.rect(x: lx, y: 8, width: 14, height: 14, fill: palette.colour(for: id), rx: 2)
            plot.text("Tendency \(id)", x: lx + 19, y: 19, size: 12)
            lx += 110
        }
        for (r, category) in table.categories.enumerated() {
            let y = top + Double(r) * rowHeight
            plot.text(ReportFormat.truncated(category, limit: 27), x: labelWidth - 10, y: y + rowHeight / 2 + 4,
                      size: 12.5, anchor: .end)
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
