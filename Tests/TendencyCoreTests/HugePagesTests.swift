import Testing
@testable import TendencyCore

@Suite struct HugePagesTests {
    @Test func arrayIsInitializedByTheClosure() {
        let small: [Double] = HugePages.array(count: 3) { buffer in
            for k in buffer.indices { buffer[k] = Double(k) }
        }
        #expect(small == [0, 1, 2])
        let empty: [Float] = HugePages.array(count: 0) { _ in }
        #expect(empty.isEmpty)
        let large: [Double] = HugePages.array(count: 1 << 20) { buffer in buffer.initialize(repeating: 2) }
        #expect(large.count == 1 << 20 && large.allSatisfy { $0 == 2 })
    }

    @Test func allocationIsAlignedAndUsable() {
        let count = 1 << 20
        let pointer = HugePages.allocate(Double.self, count: count)
        defer { pointer.deallocate() }
        #expect(Int(bitPattern: pointer) % HugePages.size == 0)
        pointer.initialize(repeating: 1, count: count)
        #expect(pointer[count - 1] == 1)
    }
}
