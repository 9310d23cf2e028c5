/// The clusters still active during agglomeration, kept as an ascending list
/// of slots plus the size of each slot's cluster (0 once it is merged away).
///
/// Slots are visited in ascending order so that ties resolve to the first
/// strict minimum, as in SciPy; the list lets scans skip merged slots without
/// testing them. Memory: two `Int` arrays of length n, allocated once.
///
/// A store whose scans break ties by slot themselves (Ward's pruned scans
/// on points) can do without the order: then a removal moves the list's
/// last slot into the hole instead of the whole tail down, which was 15%
/// of Ward's time on 100,000 points in the plane, and a third array keeps
/// each slot's place in the list.
final class ClusterSlots {
    let count: Int
    /// Cluster sizes by slot; 0 for merged-away slots.
    let size: UnsafeMutablePointer<Int>
    /// Active slots, ascending; the first `activeCount` entries are valid.
    let list: UnsafeMutablePointer<Int>
    private(set) var activeCount: Int
    /// Whether `list` is kept ascending.
    let ascending: Bool
    /// Without the order: each slot's position in `list`, -1 once removed,
    /// and no active slot below `lowestCandidate`.
    private let position: UnsafeMutablePointer<Int>?
    private var lowestCandidate = 0

    init(count: Int, ascending: Bool = true) {
        self.ascending = ascending
        self.count = count
        size = .allocate(capacity: count)
        size.initialize(repeating: 1, count: count)
        list = .allocate(capacity: count)
        for i in 0..<count { list[i] = i }
        activeCount = count
        if ascending {
            position = nil
        } else {
            position = .allocate(capacity: count)
            for i in 0..<count { position![i] = i }
        }
    }

    /// The lowest active slot (there must be one).
    var lowest: Int {
        guard let position else { return list[0] }
        while position[lowestCandidate] < 0 { lowestCandidate += 1 }
        return lowestCandidate
    }

    deinit {
        size.deallocate()
        list.deallocate()
        position?.deallocate()
    }

    /// Marks `slot` as merged away and removes it from the active list.
    func remove(_ slot: Int) {
        if let position {
            let at = position[slot]
            guard at >= 0 else { return }
            let last = list[activeCount - 1]
            list[at] = last
            position[last] = at
            position[slot] = -1
            activeCount -= 1
            size[slot] = 0
            return
        }
        var low = 0
        var high = activeCount
        while low < high {
            let mid = (low + high) >> 1
            if list[mid] < slot { low = mid + 1 } else { high = mid }
        }
        guard low < activeCount, list[low] == slot else { return }
        (list + low).update(from: list + low + 1, count: activeCount - low - 1)
        activeCount -= 1
        size[slot] = 0
    }
}
