/// A small builder for SVG text. Every coordinate goes through
/// `ReportFormat.compact` and every string through `ReportFormat.escape`, so
/// figures are byte-deterministic and safe for user data (member ids, labels).
struct SVGPlot {
    enum Anchor: String { case start, middle, end }

    let width: Double
    let height: Double
    private var body = ""

    /// `title` and `summary` become the figure's accessible name and description.
    init(width: Double, height: Double, title: String, summary: String = "") {
        self.width = width
        self.height = height
        body += "<title>\(ReportFormat.escape(title))</title>"
        if !summary.isEmpty { body += "<desc>\(ReportFormat.escape(summary))</desc>" }
    }

    static func n(_ value: Double) -> String { ReportFormat.compact(value) }

    private static func tooltip(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return "" }
        return "<title>\(ReportFormat.escape(text))</title>"
    }

    private static func element(_ name: String, _ attributes: String, tooltip: String?) -> String {
        let tip = Self.tooltip(tooltip)
        return tip.isEmpty ? "<\(name) \(attributes)/>" : "<\(name) \(attributes)>\(tip)</\(name)>"
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                       stroke: String? = nil, strokeWidth: Double = 1, rx: Double = 0, tooltip: String? = nil) {
        var attributes = "x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(max(0, width)))\" height=\"\(Self.n(max(0, height)))\""
        if rx > 0 { attributes += " rx=\"\(Self.n(rx))\"" }
        attributes += " fill=\"\(fill)\""
        if let stroke { attributes += " stroke=\"\(stroke)\" stroke-width=\"\(Self.n(strokeWidth))\"" }
        body += Self.element("rect", attributes, tooltip: tooltip)
    }

    /// A rectangle that inherits its fill from the enclosing group (compact, for heatmaps).
    mutating func plainRect(x: Double, y: Double, width: Double, height: Double) {
        body += "<rect x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\"/>"
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String,
                       width: Double = 1, dash: String? = nil) {
        var attributes = "x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\""
        if let dash { attributes += " stroke-dasharray=\"\(dash)\"" }
        body += "<line \(attributes)/>"
    }

    /// An unfilled path; `d` must be built with `SVGPlot.n` numbers.
    mutating func path(_ d: String, stroke: String, width: Double = 1) {
        guard !d.isEmpty else { return }
        body += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" stroke-linecap=\"square\"/>"
    }

    mutating func circle(cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil,
                         strokeWidth: Double = 1, tooltip: String? = nil) {
        var attributes = "cx=\"\(Self.n(cx))\" cy=\"\(Self.n(cy))\" r=\"\(Self.n(r))\" fill=\"\(fill)\""
        if let stroke { attributes += " stroke=\"\(stroke)\" stroke-width=\"\(Self.n(strokeWidth))\"" }
        body += Self.element("circle", attributes, tooltip: tooltip)
    }

    mutating func text(_ content: String, x: Double, y: Double, size: Double = 12, anchor: Anchor = .start,
                       weight: String? = nil, fill: String = "#222222", italic: Bool = false, rotate: Double? = nil, halo: Bool = false) {
        var attributes = "x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\""
        if anchor != .start { attributes += " text-anchor=\"\(anchor.rawValue)\"" }
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        if italic { attributes += " font-style=\"italic\"" }
        attributes += " fill=\"\(fill)\""
        if halo { attributes += " stroke=\"#FFFFFF\" stroke-width=\"3\" paint-order=\"stroke\" stroke-linejoin=\"round\"" }
        if let rotate { attributes += " transform=\"rotate(\(Self.n(rotate)) \(Self.n(x)) \(Self.n(y)))\"" }
        body += "<text \(attributes)>\(ReportFormat.escape(content))</text>"
    }

    /// Opens a group with raw, trusted attributes (built by the figure code, never from user data).
    mutating func openGroup(_ attributes: String = "") {
        body += attributes.isEmpty ? "<g>" : "<g \(attributes)>"
    }

    mutating func closeGroup() { body += "</g>" }

    /// The complete `<svg>` element.
    func rendered() -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" role=\"img\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', Arial, sans-serif\">\(body)</svg>"
    }

    /// About `count` round tick values covering lower...upper (1, 2, 5 × 10^k steps).
    static func ticks(from lower: Double, to upper: Double, count: Int = 5) -> [Double] {
        guard lower.isFinite, upper.isFinite, upper > lower, count > 0 else { return [lower] }
        let raw = (upper - lower) / Double(count)
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let step = [1.0, 2.0, 5.0, 10.0].map { $0 * magnitude }.first { $0 >= raw } ?? magnitude * 10
        var ticks: [Double] = []
        var index = (lower / step).rounded(.up)
        while index * step <= upper + step * 1e-9, ticks.count < 100 {
            ticks.append(index * step)
            index += 1
        }
        return ticks
    }
}
