/// The main report as one self-contained HTML page: inline CSS and SVG, no
/// scripts, no network. Written for a strategy committee first (plain
/// sentences, pictures with "how to read" captions), with the numbers a
/// researcher needs one click away. Every string from the model is escaped.
public enum HTMLReport {
    /// The whole page. Deterministic: the same report gives the same bytes.
    public static func render(_ report: AnalysisReport) -> String {
        let page = HTMLReportPage(report)
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>\(e(report.title))</title>\n<style>\(stylesheet)</style>\n</head>\n<body>\n<main>\n"
        html += page.header()
        html += page.summary()
        html += page.candidates()
        html += page.tendencyCards()
        html += page.consensus()
        html += page.notYetAligned()
        html += page.figures()
        html += page.leanings()
        html += page.context()
        html += page.reference()
        html += page.memberTable()
        html += page.notes()
        html += page.manifest()
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    static func e(_ text: String) -> String { ReportFormat.escape(text) }

    static let stylesheet = """

    :root { --ink: #1f2328; --muted: #5b6470; --line: #d9dde3; --soft: #f5f7fa; --accent: #0072B2; }
    * { box-sizing: border-box; }
    body { margin: 0; background: #eef1f5; color: var(--ink);
      font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; }
    main { max-width: 1120px; margin: 0 auto; padding: 28px 36px 60px; background: #fff; }
    h1 { font-size: 30px; margin: 4px 0 2px; letter-spacing: -0.01em; }
    h2 { font-size: 23px; margin: 44px 0 10px; padding-bottom: 6px; border-bottom: 2px solid var(--line); }
    h3 { font-size: 20px; margin: 0 0 6px; display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
    h4 { font-size: 15px; margin: 20px 0 6px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); }
    p { margin: 8px 0; }
    .subtitle { color: var(--muted); margin: 0 0 18px; }
    .muted { color: var(--muted); font-weight: normal; font-size: 15px; }
    .small { font-size: 13px; color: var(--muted); }
    nav.toc { font-size: 14px; margin: 8px 0 0; color: var(--muted); }
    nav.toc a { color: var(--accent); text-decoration: none; margin-right: 14px; white-space: nowrap; }
    .summary { background: var(--soft); border-left: 5px solid var(--accent); padding: 14px 22px; border-radius: 6px; }
    .summary p { font-size: 17px; }
    .summary ul { margin: 6px 0 8px; padding-left: 22px; }
    .chip { display: inline-block; width: 16px; height: 16px; border-radius: 4px; vertical-align: -2px; }
    .ring { display: inline-block; width: 13px; height: 13px; border-radius: 50%; border: 2.5px solid; background: #fff; vertical-align: -1px; }
    .card { border: 1px solid var(--line); border-top: 8px solid var(--accent); border-radius: 8px; padding: 18px 24px 14px; margin: 22px 0; }
    .hypothesis { font-size: 18px; line-height: 1.6; margin: 10px 0 6px; padding: 12px 18px; background: var(--soft); border-radius: 6px; font-style: italic; }
    table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 15px; }
    th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
    th { background: var(--soft); font-weight: 600; font-size: 14px; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    td.nowrap { white-space: nowrap; }
    tr.chosen td { background: #e8f2fa; font-weight: 600; }
    .badge { display: inline-block; font-size: 12px; font-weight: 600; padding: 1px 8px; border-radius: 10px; background: #fde9d9; color: #8a3b00; white-space: nowrap; }
    .badge.ok { background: #e3f3ec; color: #075e43; }
    ul.features { list-style: none; padding: 0; margin: 4px 0; }
    ul.features li { padding: 7px 0; border-bottom: 1px dashed var(--line); display: grid; grid-template-columns: 1fr 190px; gap: 16px; align-items: center; }
    ul.features li:last-child { border-bottom: none; }
    .bars { display: grid; gap: 3px; }
    .bar { position: relative; height: 9px; background: #edf0f3; border-radius: 5px; overflow: hidden; }
    .bar > span { position: absolute; left: 0; top: 0; bottom: 0; border-radius: 5px; }
    .barlabel { font-size: 11px; color: var(--muted); display: flex; justify-content: space-between; }
    .pills { display: flex; flex-wrap: wrap; gap: 6px; margin: 4px 0; }
    .pill { font-size: 14px; padding: 2px 10px; border-radius: 12px; background: var(--soft); border: 1px solid var(--line); }
    figure { margin: 18px 0 28px; }
    figure svg { max-width: 100%; height: auto; display: block; }
    figcaption { font-size: 15px; color: #3a424c; background: var(--soft); padding: 10px 16px; border-radius: 6px; margin-top: 8px; }
    figcaption b { color: var(--ink); }
    .callout { border: 1px solid #e5c07b; background: #fff8e6; padding: 12px 18px; border-radius: 6px; }
    details { margin: 12px 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; }
    details > summary { cursor: pointer; font-weight: 600; }
    code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px; word-break: break-all; }
    a.t { color: inherit; text-decoration: none; font-weight: 600; }
    .manifest th { width: 190px; }
    .intro { font-size: 15px; color: #3a424c; margin: 0 0 10px; }
    .members { columns: 4 150px; font-size: 14px; margin: 6px 0; }
    .members span { display: block; }
    @media print { body { background: #fff; } main { padding: 0; } .card, figure { break-inside: avoid; } }

    """
}
