import TendencyCore

/// The distances between the analysed members, as the analysis holds them:
/// a condensed matrix, or the members' points when the tree is linked on them
/// (`TendencyAnalysis.linksOnPoints`), whose Euclidean distances are then
/// computed from the coordinates wherever a figure needs them. With points,
/// nothing the analysis holds grows with the square of the members: at
/// 40,000 participants the matrix alone took 6.4 GB.
enum MemberDistances {
    case matrix(CondensedDistances<Double>)
    case points(Matrix<Double>)

    var count: Int {
        switch self {
        case .matrix(let distances): distances.count
        case .points(let points): points.rows
        }
    }

    /// The tree of the members.
    func linkage(method: LinkageMethod, progress: WorkProgress?) throws -> Linkage {
        switch self {
        case .matrix(let distances): try HierarchicalClustering.linkage(distances, method: method, progress: progress)
        case .points(let points): try HierarchicalClustering.linkage(points: points, method: method, progress: progress)
        }
    }

    /// The condensed matrix, computed when the members are points
    /// (`space` options), for work that needs every pair at random.
    func matrix(options: AnalysisOptions) throws -> CondensedDistances<Double> {
        switch self {
        case .matrix(let distances): distances
        case .points(let points): try TendencyAnalysis.distances(inSpace: points, options: options)
        }
    }

    /// `dendrogram` cut at every k of `ks` (`TendencyCut`).
    func cuts(dendrogram: Dendrogram, ks: some Sequence<Int>, minimumSize: Int) -> [TendencyCut] {
        switch self {
        case .matrix(let distances): TendencyCut.cuts(dendrogram: dendrogram, distances: distances, ks: ks, minimumSize: minimumSize)
        case .points(let points): TendencyCut.cuts(dendrogram: dendrogram, points: points, ks: ks, minimumSize: minimumSize)
        }
    }

    /// Silhouette widths under each labeling (nil where it has fewer than 2
    /// or more than n - 1 groups): from the matrix one pass per labeling on
    /// every core, from points one pass for all.
    func silhouettes(labelings: [[Int]]) throws -> [[Double]?] {
        switch self {
        case .matrix(let distances):
            try orderedConcurrentMap(count: labelings.count) { try Silhouette.samples(distances: distances, labels: labelings[$0]) }
        case .points(let points):
            Silhouette.samples(points: points, labelings: labelings)
        }
    }

    /// Each member's total distance to each group: `result[i * groups + g]`
    /// over the j != i with `group[j] == g`, in increasing j.
    func groupSums(group: [Int], groups: Int) -> [Double] {
        switch self {
        case .matrix(let distances):
            return distances.groupSums(group: group, groups: groups)
        case .points(let points):
            return points.euclideanDistanceSums(fromRows: Array(0..<points.rows),
                                                toGroups: [indicesByGroup(group, groups: groups)]).sums[0]
        }
    }

    /// The mean distance between every two groups (`CondensedDistances.blockMeans`),
    /// and the largest distance between two members.
    func blockMeans(group: [Int], groups: Int) -> (means: [Double], largest: Double) {
        switch self {
        case .matrix(let distances):
            (distances.blockMeans(group: group, groups: groups), distances.storage.max() ?? 1)
        case .points(let points):
            points.euclideanBlockMeans(group: group, groups: groups)
        }
    }
}
