/// What distinguishes each tendency from the others and what all of them
/// share, feature by feature, with a test suited to the feature:
/// Fisher's exact test for codes (present/absent, inside/outside the
/// tendency) and the Mann-Whitney rank test for scaled items, with
/// Benjamini-Hochberg false-discovery-rate control over a tendency's tests.
public struct FeatureContrast: Sendable, Equatable, Codable {
    public var column: Int
    public var block: String
    public var code: String?
    public var label: String
    /// "more" when the tendency names the code / agrees more than the others.
    public var direction: String
    /// Difference in shares (codes) or rank-biserial correlation (items).
    public var effectSize: Double
    public var effectSizeName: String
    public var pValue: Double
    public var qValue: Double
    /// Share naming the code, or agreeing with the item, inside and outside the tendency.
    public var shareInside: Double
    public var shareOutside: Double
}

/// A feature all tendencies share.
public struct SharedFeature: Sendable, Equatable, Codable {
    public var column: Int
    public var block: String
    public var code: String?
    public var label: String
    /// "name" (a code most members of every tendency name), "agree" or "disagree".
    public var stance: String
    /// Share per tendency (index t - 1).
    public var shares: [Double]
    /// p-value of the test that the tendencies differ (chi-square or Kruskal-Wallis).
    public var pValue: Double
}

enum TendencyProfiles {
    static let significance = 0.05
    static let minimumEffect = 0.2
    static let consensusShare = 0.6

    /// Members' present values of a column, split by tendency.
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

    /// Distinguishing features of tendency `t` (1-based), strongest first.
    static func distinguishing(_ input: AnalysisInput, labels: [Int], k: Int, tendency t: Int) throws -> [FeatureContrast] {
        guard k >= 2 else { return [] }
        var contrasts: [FeatureContrast] = []
        for (j, column) in input.columns.enumerated() {
            let groups = values(input.rawFeatures, column: j, labels: labels, k: k)
            let inside = groups[t - 1]
            let outside = groups.enumerated().filter { $0.offset != t - 1 }.flatMap(\.element)
            guard !inside.isEmpty, !outside.isEmpty else { continue }
            let shareIn = share(inside, positive: true), shareOut = share(outside, positive: true)
            let p: Double, effect: Double, name: String
            switch column.kind {
            case .binary, .thermometer:
                let a = inside.filter { $0 > 0 }.count, b = outside.filter { $0 > 0 }.count
                p = try FisherExactTest(a, inside.count - a, b, outside.count - b).pValue
                effect = shareIn - shareOut
                name = "difference in shares"
            case .scaled:
                guard let test = try? MannWhitneyUTest(inside, outside) else { continue }  // all values tied
                p = test.pValue
                effect = test.rankBiserial
                name = "rank-biserial correlation"
            }
            contrasts.append(FeatureContrast(column: j, block: column.block, code: column.code, label: column.label,
                                             direction: effect >= 0 ? "more" : "less", effectSize: effect,
                                             effectSizeName: name, pValue: p, qValue: p,
                                             shareInside: shareIn, shareOutside: shareOut))
        }
        let q = try BenjaminiHochberg.adjusted(contrasts.map(\.pValue))
        for i in contrasts.indices { contrasts[i].qValue = q[i] }
        return contrasts
            .filter { $0.qValue < significance && abs($0.effectSize) >= minimumEffect }
            .sorted { (abs($0.effectSize), -$0.column) > (abs($1.effectSize), -$1.column) }
    }

    /// Features every tendency shares: named (codes) or agreed/disagreed with
    /// (items) by at least 60% of each tendency, with no significant difference
    /// between tendencies after false-discovery-rate control.
    static func consensus(_ input: AnalysisInput, labels: [Int], k: Int) throws -> [SharedFeature] {
        var shared: [SharedFeature] = []
        var pValues: [(column: Int, p: Double)] = []
        for (j, column) in input.columns.enumerated() {
            let groups = values(input.rawFeatures, column: j, labels: labels, k: k)
            guard groups.allSatisfy({ !$0.isEmpty }) else { continue }
            let p: Double
            switch column.kind {
            case .binary, .thermometer:
                let table = groups.map { g in [g.filter { $0 > 0 }.count, g.filter { $0 <= 0 }.count] }
                p = k >= 2 ? (try? ChiSquareIndependenceTest(table: table).pValue) ?? 1 : 1
            case .scaled:
                p = k >= 2 ? (try? KruskalWallisTest(groups: groups).pValue) ?? 1 : 1
            }
            pValues.append((j, p))
            let agree = groups.map { share($0, positive: true) }
            let disagree = groups.map { share($0, positive: false) }
            let stance: String, shares: [Double]
            if agree.allSatisfy({ $0 >= consensusShare }) {
                stance = column.kind == .scaled ? "agree" : "name"; shares = agree
            } else if column.kind == .scaled, disagree.allSatisfy({ $0 >= consensusShare }) {
                stance = "disagree"; shares = disagree
            } else { continue }
            shared.append(SharedFeature(column: j, block: column.block, code: column.code, label: column.label,
                                        stance: stance, shares: shares, pValue: p))
        }
        // Control the false discovery rate over every feature tested, then keep
        // the shared features whose difference between tendencies is not significant.
        let q = try BenjaminiHochberg.adjusted(pValues.map(\.p))
        let qByColumn = Dictionary(uniqueKeysWithValues: zip(pValues.map(\.column), q))
        return shared
            .filter { (qByColumn[$0.column] ?? 1) >= significance }
            .sorted { ($0.shares.min() ?? 0, -$0.column) > ($1.shares.min() ?? 0, -$1.column) }
    }
}
