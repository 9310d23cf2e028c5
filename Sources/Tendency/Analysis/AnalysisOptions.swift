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
    /// When set, members are compared in the space of this many principal
    /// components of their (mean-imputed) features, with Euclidean distance:
    /// Polis's own approach for sparse vote matrices.
    public var components: Int?
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

    /// The metric actually used between members.
    public var effectiveMetric: DistanceMetric { components == nil ? metric : .euclidean }

    /// Checks that the options fit together.
    public func validate() throws {
        if method.requiresEuclidean && effectiveMetric != .euclidean {
            throw AnalysisError("--method \(method.rawValue) is defined by Euclidean geometry, so it needs --metric euclidean or --components; \(metric.rawValue) does not qualify")
        }
        if components == nil, metric == .jaccard || metric == .dice {
            throw AnalysisError("--metric \(metric.rawValue) needs 0/1 data, and the analysis weighs and scales every feature; use `tendency cluster` for a 0/1 matrix")
        }
        if let k, k < 1 { throw AnalysisError("--k must be at least 1") }
        if maxK < 1 { throw AnalysisError("--max-k must be at least 1") }
        if bootstrap < 0 { throw AnalysisError("--bootstrap must be 0 or more") }
        if bootstrap > Self.maximumBootstrap {
            throw AnalysisError("--bootstrap must be at most \(Self.maximumBootstrap)")
        }
        if bootstrap == 0, k == nil, maxK > 1 {
            throw AnalysisError("--bootstrap 0 leaves no resamples to measure stability with, so the number of tendencies cannot be chosen; give --k, or at least 1 resample")
        }
        if let components, components < 1 { throw AnalysisError("--components must be at least 1") }
    }

    /// The most resamples `--bootstrap` takes: each keeps every member's
    /// label at every k, and the count must not overflow.
    public static let maximumBootstrap = 10_000

    /// The smallest group counted as a tendency among `n` members.
    public func minimumTendencySize(members n: Int) -> Int {
        max(3, Int((minimumTendencyShare * Double(n)).rounded(.up)))
    }
}
