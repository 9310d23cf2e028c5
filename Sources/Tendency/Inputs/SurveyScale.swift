/// The answer scale of a survey item, which fixes the values allowed and how
/// an answer is centred into a feature.
public enum SurveyScale: String, Sendable, CaseIterable, Codable {
    /// Integers 1...5.
    case likert5
    /// Integers 1...7.
    case likert7
    /// -1 disagree, 0 pass, 1 agree (as in Polis).
    case agree3
    /// Any finite number.
    case numeric

    /// The allowed integer range, `nil` for numeric.
    public var range: ClosedRange<Int>? {
        switch self {
        case .likert5: 1...5
        case .likert7: 1...7
        case .agree3: -1...1
        case .numeric: nil
        }
    }

    /// The answer for a cell's text, or nil when it is not on the scale.
    func value(of text: String) -> Double? {
        if let range {
            guard let v = Int(text), range.contains(v) else { return nil }
            return Double(v)
        }
        guard let v = DecimalParser.decimal(text), v.isFinite else { return nil }
        return v
    }

    var expectation: String {
        switch self {
        case .likert5: "an integer from 1 to 5"
        case .likert7: "an integer from 1 to 7"
        case .agree3: "-1 (disagree), 0 (pass) or 1 (agree)"
        case .numeric: "a finite number"
        }
    }
}
