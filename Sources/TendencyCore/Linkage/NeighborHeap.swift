/// A binary min-heap of keys `0..<count` with changeable values: the priority
/// queue of nearest-neighbour candidates in Müllner's generic algorithm
/// (Müllner 2011, arXiv:1109.2378, Figure 3).
///
/// Built bottom-up, sifting with strict comparisons (a child replaces its
/// parent only when smaller; the right child wins only when strictly smaller
/// than the left), the layout SciPy's `fast_linkage` uses, so equal values
/// surface in the same order as in SciPy.
final class NeighborHeap<Value: Comparable> {
    private var values: UnsafeMutablePointer<Value>
    private var keyAt: UnsafeMutablePointer<Int>
    private var positionOf: UnsafeMutablePointer<Int>
    private let capacity: Int
    private(set) var count: Int

    /// A heap of keys `0..<source.count` with the given values.
    init(_ source: [Value]) {
        let count = source.count
        capacity = count
        self.count = count
        values = .allocate(capacity: max(count, 1))
        for i in 0..<count { (values + i).initialize(to: source[i]) }
        keyAt = .allocate(capacity: max(count, 1))
        positionOf = .allocate(capacity: max(count, 1))
        for i in 0..<count {
            keyAt[i] = i
            positionOf[i] = i
        }
        var i = count / 2 - 1
        while i >= 0 {
            siftDown(i)
            i -= 1
        }
    }

    deinit {
        values.deinitialize(count: capacity)
        values.deallocate()
        keyAt.deallocate()
        positionOf.deallocate()
    }

    /// The key with the smallest value and that value.
    @inline(__always)
    var top: (key: Int, value: Value) { (keyAt[0], values[0]) }

    /// The current value of `key` (which must still be in the heap).
    @inline(__always)
    func value(of key: Int) -> Value { values[positionOf[key]] }

    func removeTop() {
        swapAt(0, count - 1)
        count -= 1
        siftDown(0)
    }

    func change(_ key: Int, to value: Value) {
        let position = positionOf[key]
        let old = values[position]
        values[position] = value
        if value < old { siftUp(position) } else { siftDown(position) }
    }

    private func siftUp(_ start: Int) {
        var index = start
        while index > 0 {
            let parent = (index - 1) >> 1
            guard values[parent] > values[index] else { break }
            swapAt(index, parent)
            index = parent
        }
    }

    private func siftDown(_ start: Int) {
        var index = start
        var child = 2 * index + 1
        while child < count {
            if child + 1 < count && values[child + 1] < values[child] { child += 1 }
            guard values[index] > values[child] else { break }
            swapAt(index, child)
            index = child
            child = 2 * index + 1
        }
    }

    @inline(__always)
    private func swapAt(_ i: Int, _ j: Int) {
        let v = values[i]
        values[i] = values[j]
        values[j] = v
        let k = keyAt[i]
        keyAt[i] = keyAt[j]
        keyAt[j] = k
        positionOf[keyAt[i]] = i
        positionOf[keyAt[j]] = j
    }
}
