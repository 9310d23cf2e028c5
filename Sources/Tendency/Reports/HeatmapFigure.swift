/// The member-by-member similarity matrix in dendrogram order: blocks of
/// dark cells on the diagonal are groups whose members are alike.
enum HeatmapFigure {
    /// Cells per side drawn at most; larger matrices are averaged into blocks.
    static let maxCells = 300
    /// Colour steps; cells of the same step next to each other merge into one rect.
    static let steps = 20
    /// Light to dark blue, monotone in lightness so it reads in grey and for colour-blind readers.
    static let ramp: [(Double, Double, Double)] = [(247, 251, 255), (158, 202, 225), (33, 113, 181), (8, 48, 107)]

    static func colour(step: Int) -> String {
        let t = Double(step) / Double(steps - 1) * Double(ramp.count - 1)
        let i = min(ramp.count - 2, Int(t))
        let f = t - Double(i)
        let (a, b) = (ramp[i], ramp[i + 1])
        func channel(_ u: Double, _ v: Double) -> String {
            let value = Int((u + (v - u) * f).rounded())
            let hex = String(value, radix: 16, uppercase: true)
            return hex.count == 1 ? "0" + hex : hex
        }
        return "#" + channel(a.0, b.0) + channel(a.1, b.1) + channel(a.2, b.2)
    }

    /// `leafTendency` is per observation index (may be empty: no strips).
    static func svg(_ heatmap: AnalysisReport.Heatmap, leafTendency: [Int], palette: TendencyPalette,
                    tendencyIDs: [Int], words: ReportWords = .organisation) -> String? {
        let stored = heatmap.similarity
        let m0 = stored.count
        guard m0 >= 1, stored.allSatisfy({ $0.count == m0 }), heatmap.blockSize >= 1 else { return nil }
        // Further downsampling for the drawing.
        let factor = (m0 + maxCells - 1) / maxCells
        let m = (m0 + factor - 1) / factor
        var matrix = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
        for r in 0..<m {
            for c in 0..<m {
                var sum = 0.0, count = 0.0
                for i in (r * factor)..<min(m0, (r + 1) * factor) {
                    for j in (c * factor)..<min(m0, (c + 1) * factor) where stored[i][j].isFinite {
                        sum += stored[i][j]; count += 1
                    }
                }
                matrix[r][c] = count > 0 ? sum / count : .nan
            }
        }
        // The colour scale spans the middle 96% of the pairs (the diagonal,
        // each member with itself, left out): alignment data put most pairs
        // in a narrow band, which the full 0-1 range would show as one shade.
        let values = (0..<m).flatMap { r in (0..<m).filter { $0 != r }.map { matrix[r][$0] } }.filter(\.isFinite).sorted()
        func quantile(_ q: Double) -> Double? { values.isEmpty ? nil : values[Int((Double(values.count - 1) * q).rounded())] }
        let low = quantile(0.02) ?? 0, high = max(quantile(0.98) ?? 1, low)
        let span = high > low ? high - low : 1
        func step(_ v: Double) -> Int {
            guard v.isFinite else { return -1 }
            return max(0, min(steps - 1, Int(((v - low) / span * Double(steps)).rounded(.down))))
        }

        let side = 600.0, cell = side / Double(m)
        let left = 34.0, top = 34.0
        let width = left + side + 150, height = top + side + 20
        let leavesPerCell = heatmap.blockSize * factor
        var plot = SVGPlot(width: width, height: height, title: "Similarity between \(words.people)",
                           summary: "Each cell is a pair of \(words.people); darker means more alike. \(ReportFormat.capitalised(words.people)) are in dendrogram order.")
        // Runs of equal colour along each row, grouped by colour.
        var runs = [[(Int, Int, Int)]](repeating: [], count: steps + 1)
        for r in 0..<m {
            var c = 0
            while c < m {
                let s = step(matrix[r][c])
                var end = c + 1
                while end < m, step(matrix[r][end]) == s { end += 1 }
                runs[s + 1].append((r, c, end))
                c = end
            }
        }
        // Cell edges on whole pixels, shared by neighbouring runs: with
        // crisp edges, fractional ones (600 / 295 cells) rounded apart and
        // left white hairlines between runs.
        func edge(_ index: Int) -> Double { (Double(index) * cell).rounded() }
        plot.openGroup("shape-rendering=\"crispEdges\"")
        for (index, list) in runs.enumerated() where !list.isEmpty {
            plot.openGroup("fill=\"\(index == 0 ? "#FFFFFF" : colour(step: index - 1))\"")
            for (r, c, end) in list {
                plot.plainRect(x: left + edge(c), y: top + edge(r), width: edge(end) - edge(c), height: edge(r + 1) - edge(r))
            }
            plot.closeGroup()
        }
        plot.closeGroup()
        plot.rect(x: left, y: top, width: side, height: side, fill: "none", stroke: "#888888", strokeWidth: 0.8)

        // Tendency strips along the top and the left.
        if !leafTendency.isEmpty {
            var stripColours: [String?] = []
            for r in 0..<m {
                var tally: [Int: Int] = [:]
                for position in (r * leavesPerCell)..<min(heatmap.order.count, (r + 1) * leavesPerCell) {
                    let leaf = heatmap.order[position]
                    if leaf >= 0, leaf < leafTendency.count { tally[leafTendency[leaf], default: 0] += 1 }
                }
                guard let best = tally.max(by: { ($0.value, -palette.rank(of: $0.key)) < ($1.value, -palette.rank(of: $1.key)) })
                else { stripColours.append(nil); continue }
                stripColours.append(palette.colour(for: best.key))
            }
            // One rectangle per run of equal colour.
            var start = 0
            while start < m {
                var end = start + 1
                while end < m, stripColours[end] == stripColours[start] { end += 1 }
                if let c = stripColours[start] {
                    let offset = Double(start) * cell, length = Double(end - start) * cell
                    plot.rect(x: left + offset, y: top - 14, width: length, height: 10, fill: c)
                    plot.rect(x: left - 14, y: top + offset, width: 10, height: length, fill: c)
                }
                start = end
            }
        }

        // Legend: the colour steps from less to more alike.
        let lx = left + side + 24
        plot.text("more alike", x: lx, y: top + 8, size: 12, fill: "#444444")
        let legendSteps = 10
        for s in 0..<legendSteps {
            let colourStep = (legendSteps - 1 - s) * (steps - 1) / (legendSteps - 1)
            plot.rect(x: lx, y: top + 16 + Double(s) * 18, width: 22, height: 18, fill: colour(step: colourStep))
        }
        plot.rect(x: lx, y: top + 16, width: 22, height: Double(legendSteps) * 18, fill: "none", stroke: "#888888", strokeWidth: 0.8)
        plot.text("≥ " + ReportFormat.compact(high, decimals: 2), x: lx + 28, y: top + 28, size: 11, fill: "#444444")
        plot.text("≤ " + ReportFormat.compact(low, decimals: 2), x: lx + 28, y: top + 16 + Double(legendSteps) * 18 - 4, size: 11, fill: "#444444")
        plot.text("less alike", x: lx, y: top + 34 + Double(legendSteps) * 18, size: 12, fill: "#444444")
        var ly = top + 80 + Double(legendSteps) * 18
        for id in tendencyIDs where !leafTendency.isEmpty {
            plot.rect(x: lx, y: ly - 10, width: 12, height: 12, fill: palette.colour(for: id), rx: 2)
            plot.text(words.name(id), x: lx + 18, y: ly, size: 12)
            ly += 20
        }
        return plot.rendered()
    }
}
