/// The parameters of one analysis; all of them go into the manifest.
public struct AnalysisOptions: Sendable, Equatable {
    /// Fixed number of tendencies, or nil to choose it.
    public var k: Int?
    /// Largest number of tendencies considered when choosing.
    public var maxK: Int = 6
    /// Gower by default: it handles missing answers exactly (a missing answer
    /// drops out of the pair's denominator instead of counting as a difference).
    public var metric: DistanceMetric = .gower
    /// Average linkage (UPGMA) by default: defined for every metric, and
    /// clusters are held together by their mean dissimilarity, not by one
    /// closest or farthest pair.
    public var method: LinkageMethod = .average
    /// Resamples over members, and as many over features.
    public var bootstrap: Int = 100
    /// Reference sets for the gap statistic.
    public var gapReferences: Int = 20
    public var seed: UInt64 = 1
    /// A member whose assignment confidence is below this is not yet clearly aligned.
    public var confidenceThreshold: Double = 0.8
    /// A member whose mean distance to their own tendency is at least this share of
    /// their mean distance to the nearest other tendency sits between the two.
    public var betweenRatio: Double = 0.9
    /// A branch smaller than this share of members (and at least 3 members) is not a tendency.
    public var minimumTendencyShare: Double = 0.05

    public init() {}

    /// The smallest group counted as a tendency among `n` members.
    public func minimumTendencySize(members n: Int) -> Int {
        max(3, Int((minimumTendencyShare * Double(n)).rounded(.up)))
    }
}
