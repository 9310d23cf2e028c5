/// What distinguishes each tendency from the others and what all of them
/// share, feature by feature, with a test suited to the feature: Fisher's
/// exact test for codes (named or not, inside or outside the tendency) and
/// the Mann-Whitney rank test for rated items, with Benjamini-Hochberg
/// false-discovery-rate control over each family of tests.
enum TendencyProfiles {
    static let significance = 0.05
    static let minimumEffect = 0.2
    static let consensusShare = 0.6
    /// Answers a tendency needs on a feature before its share there counts
    /// as the tendency's (every member, in a tendency smaller than this).
    static let consensusMinimumAnswers = 5

    /// Whether enough of each tendency answered: `consensusMinimumAnswers`
    /// and a third of its members. A Polis statement voted on by one
    /// participant of 234 showed as 100% agreement.
    static func enoughAnswer(_ groups: [[Double]], sizes: [Int]) -> Bool {
        groups.indices.allSatisfy { t in
            groups[t].count >= min(sizes[t], max(consensusMinimumAnswers, (sizes[t] + 2) / 3))
        }
    }

    /// Members' present values of a column, split by tendency (1-based labels).
    static func values(_ raw: Matrix<Double>, column: Int, labels: [Int], k: Int) -> [[Double]] {
        var groups = [[Double]](repeating: [], count: k)
        for i in 0..<raw.rows {
            let v = raw[i, column]
            if !v.isNaN { groups[labels[i] - 1].append(v) }
        }
        return groups
    }

    static func share(_ values: [Double], positive: Bool) -> Double {
        guard !values.isEmpty else { return 0 }
        return Double(values.filter { positive ? $0 > 0 : $0 < 0 }.count) / Double(values.count)
    }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// "element=code" for a code column, the item id for a rated item.
    static func featureID(_ column: AnalysisInput.Column) -> String {
        column.code.map { "\(column.block)=\($0)" } ?? column.block
    }

    /// Distinguishing features of tendency `t` (1-based), strongest first.
    static func distinguishing(_ input: AnalysisInput, labels: [Int], k: Int, tendency t: Int) throws -> [AnalysisReport.Feature] {
        guard k >= 2 else { return [] }
        var tested: [(column: Int, feature: AnalysisReport.Feature)] = []
        let stated = input.statedFeatures  // reverse-keyed items as worded
        for (j, column) in input.columns.enumerated() {
            let groups = values(stated, column: j, labels: labels, k: k)
            let inside = groups[t - 1]
            let outside = groups.enumerated().filter { $0.offset != t - 1 }.flatMap(\.element)
            guard !inside.isEmpty, !outside.isEmpty else { continue }
            var feature: AnalysisReport.Feature
            switch column.kind {
            case .binary, .thermometer:
                let a = inside.filter { $0 > 0 }.count, b = outside.filter { $0 > 0 }.count
                let p = try FisherExactTest(a, inside.count - a, b, outside.count - b).pValue
                let shareIn = share(inside, positive: true), shareOut = share(outside, positive: true)
                feature = AnalysisReport.Feature(
                    feature: featureID(column), label: column.label, element: column.block,
                    direction: shareIn >= shareOut ? .more : .less, effectSize: shareIn - shareOut,
                    effectSizeName: "difference in shares", pValue: p,
                    shareInside: shareIn, shareOutside: shareOut, kind: "code")
            case .scaled:
                guard let test = try? MannWhitneyUTest(inside, outside) else { continue }  // every value tied
                feature = AnalysisReport.Feature(
                    feature: featureID(column), label: column.label, element: column.block,
                    direction: test.rankBiserial >= 0 ? .more : .less, effectSize: test.rankBiserial,
                    effectSizeName: "rank-biserial correlation", pValue: test.pValue,
                    meanInside: mean(inside), meanOutside: mean(outside), kind: "item")
            }
            tested.append((j, feature))
        }
        let q = try BenjaminiHochberg.adjusted(tested.map { $0.feature.pValue ?? 1 })
        for i in tested.indices { tested[i].feature.qValue = q[i] }
        return tested
            .filter { ($0.feature.qValue ?? 1) < significance && abs($0.feature.effectSize) >= minimumEffect }
            .sorted { (abs($0.feature.effectSize), -$0.column) > (abs($1.feature.effectSize), -$1.column) }
            .map(\.feature)
    }

    /// Features every tendency shares: named (codes) or agreed/disagreed with
    /// (items) by at least 60% of each tendency, enough of which answered
    /// (`enoughAnswer`), with no significant difference
    /// between tendencies (chi-square or Kruskal-Wallis) after false-discovery-rate control.
    static func consensus(_ input: AnalysisInput, labels: [Int], k: Int) throws -> [AnalysisReport.ConsensusItem] {
        var shared: [(column: Int, item: AnalysisReport.ConsensusItem)] = []
        var tested: [(column: Int, p: Double)] = []
        let stated = input.statedFeatures  // reverse-keyed items as worded
        let sizes = (1...k).map { t in labels.count { $0 == t } }
        for (j, column) in input.columns.enumerated() {
            let groups = values(stated, column: j, labels: labels, k: k)
            guard groups.allSatisfy({ !$0.isEmpty }), enoughAnswer(groups, sizes: sizes) else { continue }
            let all = groups.flatMap { $0 }
            let p: Double
            switch column.kind {
            case .binary, .thermometer:
                let table = groups.map { g in [g.filter { $0 > 0 }.count, g.filter { $0 <= 0 }.count] }
                p = k >= 2 ? (try? ChiSquareIndependenceTest(table: table).pValue) ?? 1 : 1
            case .scaled:
                p = k >= 2 ? (try? KruskalWallisTest(groups: groups).pValue) ?? 1 : 1
            }
            tested.append((j, p))
            let agree = groups.map { share($0, positive: true) }
            let disagree = groups.map { share($0, positive: false) }
            let label: String, perTendency: [Double], overall: Double
            if agree.allSatisfy({ $0 >= consensusShare }) {
                label = column.kind == .scaled ? "Agree: \(column.label)" : column.label
                perTendency = agree; overall = share(all, positive: true)
            } else if column.kind == .scaled, disagree.allSatisfy({ $0 >= consensusShare }) {
                label = "Disagree: \(column.label)"
                perTendency = disagree; overall = share(all, positive: false)
            } else { continue }
            shared.append((j, AnalysisReport.ConsensusItem(
                feature: featureID(column), label: label, element: column.block, share: overall, perTendency: perTendency,
                answers: all.count)))
        }
        let q = try BenjaminiHochberg.adjusted(tested.map(\.p))
        let qByColumn = Dictionary(uniqueKeysWithValues: zip(tested.map(\.column), q))
        return shared
            .filter { (qByColumn[$0.column] ?? 1) >= significance }
            .sorted { ($0.item.perTendency.min() ?? 0, -$0.column) > ($1.item.perTendency.min() ?? 0, -$1.column) }
            .map(\.item)
    }
}
