/// One first strict minimum per part of a scan cut into parts (see
/// `PassPartner`), combined in part order: the same answer as one scan over
/// all the parts, whichever thread ran which part.
struct PartMinima<S: BLASScalar>: ~Copyable {
    private let index: UnsafeMutablePointer<Int>
    private let value: UnsafeMutablePointer<S>

    init(parts: Int) {
        index = .allocate(capacity: parts)
        index.initialize(repeating: -1, count: parts)
        value = .allocate(capacity: parts)
        value.initialize(repeating: .infinity, count: parts)
    }

    deinit {
        index.deallocate()
        value.deallocate()
    }

    /// Records part `part`'s first strict minimum (index -1: none finite).
    @inline(__always)
    func set(_ part: Int, _ found: (index: Int, value: S)) {
        index[part] = found.index
        value[part] = found.value
    }

    /// Part `part`'s minimum as recorded.
    @inline(__always)
    func part(_ part: Int) -> (Int, S) { (index[part], value[part]) }

    /// The first strict minimum over parts `0..<parts`, (-1, +infinity) when
    /// none is finite.
    func first(of parts: Int) -> (index: Int, value: S) {
        var best = (index: -1, value: S.infinity)
        for k in 0..<parts where value[k] < best.value { best = (index[k], value[k]) }
        return best
    }

    /// The index of the smallest part minimum other than `best`'s, -1 if
    /// none: a likely runner-up, for prefetching.
    func runnerUp(of parts: Int, besides best: Int) -> Int {
        var found = (index: -1, value: S.infinity)
        for k in 0..<parts where index[k] != best && value[k] < found.value { found = (index[k], value[k]) }
        return found.index
    }
}
