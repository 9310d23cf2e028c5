/// A tendency's strategy in the Toolkit's hypothesis form: "If a movement
/// deeply connected to a bloc of (sectors) exerts (power) in relation to
/// (chokepoints), it will defeat (opposition) and shift the correlation of
/// power (this way)."
///
/// Each slot is filled from the codebook element that answers it (matched by
/// element id, see `Slot.matching`) with the codes at least half of the
/// tendency's members name. A slot is *contested* when no code reaches half;
/// for an element on which each member names one code at most (a single
/// choice), also when a second code is named by more than a third.
enum HypothesisBuilder {
    /// The Toolkit question a codebook element answers in the hypothesis.
    enum Slot: String, CaseIterable, Sendable {
        case bloc, power, chokepoints, opposition, shift

        /// The slot an element id answers, if any ("power-basis" -> power,
        /// "correlation-shift" -> shift, ...).
        static func matching(_ element: String) -> Slot? {
            let id = element.lowercased()
            if id.contains("shift") || id.contains("correlation") { return .shift }
            if id.contains("bloc") { return .bloc }
            if id.contains("choke") { return .chokepoints }
            if id.contains("opposition") { return .opposition }
            if id.contains("power") && !id.contains("state") { return .power }
            return nil
        }
    }

    static let characteristicShare = 0.5
    static let rivalShare = 1.0 / 3.0
    /// Codes a part names in the sentence, the most named first; the
    /// part's table lists every code at least half the tendency names.
    static let sentenceCodes = 3

    /// The first `count` named codes of `shares` (sorted, most named first),
    /// and any tied with the last of them: a tie is not broken by the alphabet.
    static func leading(_ shares: [(label: String, share: Double)], count: Int) -> [(label: String, share: Double)] {
        let named = shares.filter { $0.share > 0 }
        guard named.count > count else { return named }
        let last = named[count - 1].share
        return named.filter { $0.share >= last }
    }

    /// The hypothesis of tendency `t`, or nil when no element answers any slot
    /// (e.g. a plain survey without sketches).
    static func build(_ input: AnalysisInput, labels: [Int], tendency t: Int) -> AnalysisReport.Hypothesis? {
        let inside = labels.indices.filter { labels[$0] == t }
        var parts: [Slot: AnalysisReport.Hypothesis.Part] = [:]
        var blockOrder: [String] = []
        var columnsByBlock: [String: [Int]] = [:]
        // `input.columns` is derived on each access: read it once.
        let allColumns = input.columns
        for (j, column) in allColumns.enumerated() where column.kind == .binary && Slot.matching(column.block) != nil {
            if columnsByBlock[column.block] == nil { blockOrder.append(column.block) }
            columnsByBlock[column.block, default: []].append(j)
        }
        for block in blockOrder {
            guard let slot = Slot.matching(block), parts[slot] == nil else { continue }
            let columns = columnsByBlock[block]!
            let shares: [(label: String, share: Double)] = columns.map { j in
                let present = inside.filter { !input.rawFeatures[$0, j].isNaN }
                let named = present.filter { input.rawFeatures[$0, j] > 0 }.count
                return (allColumns[j].label, present.isEmpty ? 0 : Double(named) / Double(present.count))
            }.sorted { ($0.share, $1.label) > ($1.share, $0.label) }
            let characteristic = shares.filter { $0.share >= characteristicShare }.map(\.label)
            let singleChoice = inside.allSatisfy { i in columns.filter { input.rawFeatures[i, $0] > 0 }.count <= 1 }
            let rivals = shares.filter { $0.share > rivalShare && $0.share < characteristicShare }
            let contested = characteristic.isEmpty || (singleChoice && !rivals.isEmpty)
            let codes = characteristic.isEmpty ? leading(shares, count: 2).map(\.label) : characteristic
            let note = contested
                ? leading(shares, count: 3).map { "\($0.label) \(Int(($0.share * 100).rounded()))%" }.joined(separator: ", ")
                : nil
            parts[slot] = AnalysisReport.Hypothesis.Part(element: block, question: allColumns[columns[0]].blockText,
                                                         codes: codes, contested: contested, note: note)
        }
        guard !parts.isEmpty else { return nil }
        func phrase(_ slot: Slot) -> String {
            guard let part = parts[slot], !part.codes.isEmpty else { return "(not coded)" }
            // The sentence names the most named codes; the table lists them all.
            let named = part.codes.prefix(sentenceCodes).map(HypothesisBuilder.inSentence)
            let list = ReportFormat.list(named + (part.codes.count > named.count ? ["others"] : []),
                                         conjunction: part.contested && part.codes.count > 1 ? "or" : "and")
            return part.contested ? "\(list) (contested)" : list
        }
        let sentence = "If a movement deeply connected to a bloc of \(phrase(.bloc)) exerts \(phrase(.power)) "
            + "in relation to \(phrase(.chokepoints)), it will defeat \(phrase(.opposition)) "
            + "and shift the correlation of power towards \(phrase(.shift))."
        return AnalysisReport.Hypothesis(sentence: sentence, parts: Slot.allCases.compactMap { parts[$0] })
    }

    /// A label as it reads inside a sentence: "Working class" -> "working
    /// class", but "US empire" keeps its capitals.
    static func inSentence(_ label: String) -> String {
        let characters = Array(label)
        guard characters.count >= 2, characters[0].isUppercase, characters[1].isLowercase || characters[1] == " " else { return label }
        return characters[0].lowercased() + String(characters.dropFirst())
    }
}
