/// What the nearest-neighbour chain and the generic algorithm need from the
/// current inter-cluster dissimilarities, whether they are held in a condensed
/// matrix (`CondensedStore`) or computed from centroids on the fly
/// (`CentroidStore`). Slot `y` holds the union after `merge(x, into: y)`.
protocol DissimilarityStore: AnyObject {
    associatedtype Value: BLASScalar
    var slots: ClusterSlots { get }
    /// The dissimilarity between active slots `x != y`.
    func dissimilarity(_ x: Int, _ y: Int) -> Value
    /// The first strict minimum of `dissimilarity(x, i)` over active `i != x`
    /// in ascending order, starting from the candidate (`start`, `startValue`).
    func nearest(to x: Int, start: Int, startValue: Value) -> (slot: Int, value: Value)
    /// The first strict minimum over active `i > x`; (-1, +infinity) if none.
    func nearestAbove(_ x: Int) -> (slot: Int, value: Value)
    /// Merges slot `x` into slot `y` (`x` becomes inactive); `dxy` is their
    /// dissimilarity. Calls `visit(i, d(i, union))` for every other active slot
    /// `i < limit`, in ascending order, so callers can refresh neighbour data
    /// in the same pass.
    func merge(_ x: Int, into y: Int, dissimilarity dxy: Value, visitingBelow limit: Int,
               _ visit: (Int, Value) -> Void)
    /// The merge height reported for a working dissimilarity.
    func height(_ value: Value) -> Double
    /// Called before a merge with the slot the chain goes on from after it
    /// (a hint: a store may prepare the rows it will likely read next).
    func willContinue(from slot: Int)
}

extension DissimilarityStore {
    func willContinue(from slot: Int) {}
}

/// A merge between slots, before SciPy relabelling: `kept` holds the union.
struct SlotMerge {
    var dropped: Int
    var kept: Int
    var height: Double
}
