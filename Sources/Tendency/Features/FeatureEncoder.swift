/// Builds a `FeatureSpace` from the inputs, following the encoding and
/// missingness rules documented on `FeatureSpace`.
struct FeatureEncoder {
    let codings: SketchCodings?
    let survey: SurveyResponses?

    func space() -> FeatureSpace {
        var members: [String] = []
        var seen = Set<String>()
        for id in (codings?.members ?? []) + (survey?.members ?? []) where seen.insert(id).inserted { members.append(id) }

        var blocks: [FeatureBlock] = [], columns: [FeatureColumn] = []
        // Column-major staging: one array of member values per column.
        var data: [[Double]] = []

        if let codings {
            let memberRows = members.map { codings.memberIndex(of: $0) }
            for (e, element) in codings.codebook.elements.enumerated() {
                let b = blocks.count, start = columns.count
                func add(_ name: String, _ code: String, _ label: String, _ encoding: FeatureColumn.Encoding, _ values: [Double]) {
                    columns.append(FeatureColumn(name: name, block: b, role: element.role, source: .codebookElement,
                                                 sourceID: element.id, code: code, label: label, encoding: encoding))
                    data.append(values)
                }
                let merged = memberRows.map { $0.map { codings.mergedCodeIndices(member: $0, element: e) } }
                switch element.kind {
                case .multi, .single:
                    for (c, code) in element.codes.enumerated() {
                        add("\(element.id):\(code.id)", code.id, code.label, .indicator,
                            merged.map { $0.map { $0.contains(c) ? 1 : 0 } ?? .nan })
                    }
                case .ordinal:
                    for l in 0..<(element.codes.count - 1) {
                        let level = element.codes[l + 1]
                        // Read as "name <level> (or higher)"; nothing is higher than the top level.
                        let label = l + 2 == element.codes.count ? level.label : "\(level.label) (or higher)"
                        add("\(element.id)>=\(level.id)", level.id, label, .threshold,
                            merged.map { codes in
                                guard let level = codes?.first else { return .nan }
                                return level > l ? 1 : 0
                            })
                    }
                }
                blocks.append(FeatureBlock(id: element.id, source: .codebookElement, role: element.role,
                                           text: element.question, weight: element.weight, columns: start..<columns.count,
                                           definedIn: codings.codebook.file))
            }
        }

        if let survey {
            let source: FeatureSource = survey.spec.origin == .polis ? .polisStatement : .surveyItem
            let memberRows = members.map { survey.memberIndex(of: $0) }
            for (i, item) in survey.spec.items.enumerated() {
                let answers = memberRows.map { $0.map { survey.answers[$0, i] } ?? .nan }
                let (encoded, encoding) = Self.encode(answers, scale: item.scale)
                columns.append(FeatureColumn(name: item.id, block: blocks.count, role: item.role, source: source,
                                             sourceID: item.id, code: nil, label: item.text, encoding: encoding,
                                             reversed: item.reverse))
                data.append(item.reverse ? encoded.map { -$0 } : encoded)
                blocks.append(FeatureBlock(id: item.id, source: source, role: item.role, text: item.text,
                                           weight: item.weight, columns: (columns.count - 1)..<columns.count,
                                           definedIn: survey.spec.file))
            }
        }

        var values = Matrix<Double>(rows: members.count, columns: columns.count)
        for (c, column) in data.enumerated() { for r in 0..<members.count { values[r, c] = column[r] } }

        let coverage = members.map { id in
            MemberCoverage(
                hasSketch: codings.map { $0.hasSketch(id) },
                hasSurvey: survey.map { survey in
                    guard let r = survey.memberIndex(of: id) else { return false }
                    return survey.answers.row(r).contains { !$0.isNaN }
                })
        }
        return FeatureSpace(members: members, blocks: blocks, columns: columns, values: values, coverage: coverage)
    }

    /// Centres (or standardises) one item's answers; NaN stays NaN.
    static func encode(_ answers: [Double], scale: SurveyScale) -> ([Double], FeatureColumn.Encoding) {
        if let range = scale.range {
            let mid = Double(range.lowerBound + range.upperBound) / 2
            let half = Double(range.upperBound - range.lowerBound) / 2
            return (answers.map { ($0 - mid) / half }, .centred)
        }
        // Standardising does not depend on the unit, so the answers are first
        // divided by the power of two nearest their largest magnitude: exact,
        // so ordinary answers give the same bits, while answers near the ends
        // of Double's range (1e308, 1e-300) neither overflow nor underflow
        // in the sums of squares.
        let largest = answers.reduce(0.0) { $1.isNaN ? $0 : max($0, abs($1)) }
        let unit = largest > 0 ? Double(sign: .plus, exponent: largest.exponent, significand: 1) : 1
        let scaled = answers.map { $0 / unit }
        let present = scaled.filter { !$0.isNaN }
        let mean = present.isEmpty ? 0 : present.reduce(0, +) / Double(present.count)
        var sd = 0.0
        if present.count >= 2 {
            sd = (present.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(present.count - 1)).squareRoot()
        }
        return (scaled.map { sd > 0 ? ($0 - mean) / sd : $0 - mean }, .standardised)
    }
}
