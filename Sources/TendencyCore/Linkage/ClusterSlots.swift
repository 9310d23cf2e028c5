/// The clusters still active during agglomeration, kept as an ascending list
/// of slots plus the size of each slot's cluster (0 once it is merged away).
///
/// Slots are visited in ascending order so that ties resolve to the first
/// strict minimum, as in SciPy; the list lets scans skip merged slots without
/// testing them. Memory: two `Int` arrays of length n, allocated once.
final class ClusterSlots {
    let count: Int
    /// Cluster sizes by slot; 0 for merged-away slots.
    let size: UnsafeMutablePointer<Int>
    /// Active slots, ascending; the first `activeCount` entries are valid.
    let list: UnsafeMutablePointer<Int>
    private(set) var activeCount: Int

    init(count: Int) {
        self.count = count
        size = .allocate(capacity: count)
        size.initialize(repeating: 1, count: count)
        list = .allocate(capacity: count)
        for i in 0..<count { list[i] = i }
        activeCount = count
    }

    deinit {
        size.deallocate()
        list.deallocate()
    }

    /// Marks `slot` as merged away and removes it from the active list.
    func remove(_ slot: Int) {
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
