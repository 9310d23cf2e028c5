import CVectorLoops

/// Single linkage on points by Prim's algorithm: the same edges, bit for
/// bit, as `minimumSpanningTree(PointSource(points:count:dimension:))`, in
/// a fraction of the time.
///
/// Why: single linkage on points spends nearly all its time in one loop per
/// step, the squared distances from the point just added to every point
/// outside the tree (n^2 / 2 distances of d coordinates in all), which
/// Swift compiles for SSE2 only and runs on one core. Here that loop is C
/// for the CPU's widest vectors (`tendency_prim_update_*`: the same eight
/// partial sums as `squaredEuclidean`), and with more than one core a
/// `PassPartner` thread takes parts of each step. Each part lowers the
/// nearest-distance entries of its own points and reports its first strict
/// minimum; the parts' minima are combined in order (`PartMinima`), so the
/// tree does not depend on which thread ran which part.
final class PointSpanningTree<S: BLASScalar>: PartedPass {
    private let points: UnsafePointer<S>
    private let dimension: Int
    private let variant: VectorVariant
    private let outside: ClusterSlots
    private let nearest: UnsafeMutablePointer<S>
    private let minima: PartMinima<S>
    private var partner: PassPartner<PointSpanningTree>?
    /// Steps with fewer points outside than this run on the calling thread alone.
    private let partedCount: Int
    /// The current step: the point added last, and the length of a part.
    private var added = 0
    private var partLength = 0

    static var parts: Int { 8 }
    /// Whether the step has a C loop for this scalar type (`Double`, `Float`);
    /// other types take the plain `minimumSpanningTree`.
    private static var inC: Bool { S.self == Double.self || S.self == Float.self }
    /// Below this many points outside, a part is too short to repay the hand-over.
    static var defaultPartedCount: Int { 1024 }

    /// `points` (n rows of `dimension` coordinates, row-major, finite) must
    /// outlive the tree. `partedCount` forces the partner on (for tests).
    init(points: UnsafePointer<S>, count n: Int, dimension: Int, variant: VectorVariant = .best, partedCount: Int? = nil) {
        self.points = points
        self.dimension = dimension
        self.variant = variant
        outside = ClusterSlots(count: n)
        nearest = .allocate(capacity: n)
        nearest.initialize(repeating: .infinity, count: n)
        minima = PartMinima(parts: Self.parts)
        self.partedCount = partedCount ?? Self.defaultPartedCount
        if Self.inC && (partedCount != nil || (ProcessorCount.active > 1 && n >= Self.defaultPartedCount)) {
            partner = PassPartner(self, stepsAside: partedCount == nil)
        }
    }

    deinit {
        partner?.stop()
        nearest.deallocate()
    }

    /// The tree's edges in the order Prim's algorithm adds them, from point 0
    /// (SciPy's conventions; see `minimumSpanningTree`).
    func edges(progress: WorkProgress? = nil) throws -> [SlotMerge] {
        guard Self.inC else {
            return try minimumSpanningTree(PointSource(points: points, count: outside.count, dimension: dimension),
                                           progress: progress)
        }
        return try primsTree(outside: outside, height: { (value: S) in Double(value).squareRoot() },
                             progress: progress) { added in
            self.added = added
            let count = outside.activeCount
            guard let partner, count >= partedCount else { return update(0..<count) }
            partLength = (count + Self.parts - 1) / Self.parts
            let parts = (count + partLength - 1) / partLength
            partner.run(parts: parts)
            let found = minima.first(of: parts)
            return (found.index, found.value)
        }
    }

    func runPart(_ part: Int) {
        let low = part * partLength
        minima.set(part, update(low..<min(outside.activeCount, low + partLength)))
    }

    /// One step over the points outside at list positions `range`: their
    /// nearest distances lowered, and the first strict minimum among them
    /// (a list position, -1 if none is finite).
    private func update(_ range: Range<Int>) -> (Int, S) {
        let list = UnsafePointer(outside.list) + range.lowerBound
        if S.self == Double.self {
            var value = Double.infinity
            let k = tendency_prim_update_f64(variant.code, UnsafeRawPointer(points).assumingMemoryBound(to: Double.self),
                                             dimension, added, list, range.count,
                                             UnsafeMutableRawPointer(nearest).assumingMemoryBound(to: Double.self), &value)
            return (k < 0 ? -1 : range.lowerBound + k, S(value))
        }
        if S.self == Float.self {
            var value = Float.infinity
            let k = tendency_prim_update_f32(variant.code, UnsafeRawPointer(points).assumingMemoryBound(to: Float.self),
                                             dimension, added, list, range.count,
                                             UnsafeMutableRawPointer(nearest).assumingMemoryBound(to: Float.self), &value)
            return (k < 0 ? -1 : range.lowerBound + k, S(value))
        }
        preconditionFailure("edges() runs other scalar types through minimumSpanningTree")
    }
}
