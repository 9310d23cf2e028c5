import Testing
@testable import TendencyCore

/// The active slots, kept ascending or (for Ward's pruned scans) in no
/// order: either way the list holds exactly the active slots, sizes drop
/// to 0 on removal, and `lowest` is the lowest active slot.
@Suite struct ClusterSlotsTests {
    @Test(arguments: [true, false])
    func listHoldsTheActiveSlots(_ ascending: Bool) {
        let n = 50
        let slots = ClusterSlots(count: n, ascending: ascending)
        var active = Set(0..<n)
        var generator = SeededGenerator(seed: 21)
        // Removals at the front, the back, in between, and twice.
        var removals = [0, n - 1, 1, 1, 2]
        for _ in 0..<40 { removals.append(Int(generator.next() % UInt64(n))) }
        for slot in removals {
            slots.remove(slot)
            active.remove(slot)
            let listed = Array(UnsafeBufferPointer(start: slots.list, count: slots.activeCount))
            #expect(Set(listed) == active && listed.count == active.count, "after removing \(slot)")
            if ascending { #expect(listed == listed.sorted()) }
            #expect(slots.size[slot] == 0)
            if let lowest = active.min() { #expect(slots.lowest == lowest, "after removing \(slot)") }
        }
        #expect(slots.ascending == ascending)
    }
}
