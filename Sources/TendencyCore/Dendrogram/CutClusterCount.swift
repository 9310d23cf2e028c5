/// The number of clusters a cut of the tree gives, for any cut height, in
/// O(log n) after an O(n log n) setup.
///
/// A cut at c (merges whose subtree maximum height is <= c stay joined)
/// makes node v the root of a cluster when crit(v) <= c < crit(parent(v)),
/// crit being the subtree maximum (a leaf's is minus infinity, the root has
/// no parent). crit never decreases towards the root, so
///
///     count(c) = #{v not the root: crit(v) <= c} - #{v not the root: crit(parent(v)) <= c}
///                + [crit(root) <= c]
///
/// and both counts are binary searches in sorted arrays.
///
/// Why: `maxclust` cuts bisect over heights, counting clusters at each
/// probe. A walk from the root costs up to O(count) per probe, and the
/// tendency cut tries count after count, hundreds on noisy data.
struct CutClusterCount: Sendable {
    /// crit(v) of every merge but the root, sorted.
    private let joinedBelow: [Double]
    /// crit(parent(v)) of every node but the root, sorted.
    private let parentsBelow: [Double]
    private let leafCount: Int
    private let rootCriterion: Double

    init(left: [Int], right: [Int], criterion: [Double]) {
        let n = left.count + 1
        leafCount = n
        // A single leaf is its own root and one cluster at any cutoff.
        rootCriterion = criterion.last ?? .infinity
        joinedBelow = criterion.dropLast().sorted()
        // Every merge is the parent of two nodes.
        parentsBelow = (criterion + criterion).sorted()
    }

    /// The number of clusters of the cut at `cutoff`.
    func count(cutoff: Double) -> Int {
        // Leaves count in the first term whatever the cutoff.
        var count = leafCount + Self.countAtMost(cutoff, in: joinedBelow) - Self.countAtMost(cutoff, in: parentsBelow)
        if rootCriterion <= cutoff { count += 1 }
        return count
    }

    /// How many values of the sorted array are <= `value`.
    private static func countAtMost(_ value: Double, in sorted: [Double]) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) >> 1
            if sorted[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
