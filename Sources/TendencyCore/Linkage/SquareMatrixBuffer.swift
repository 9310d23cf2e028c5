/// The n x n working matrix of `SquareStore`, row-major, in huge pages (see
/// `HugePages`): rows are 10^4-10^5 bytes apart, so with 4 KiB pages nearly
/// every row switch is also a TLB miss.
///
/// Once prepared it holds the working dissimilarities (squared distances for
/// rules on squared distances) with +infinity on the diagonal, never a
/// neighbour.
final class SquareMatrixBuffer<S: BLASScalar> {
    let pointer: UnsafeMutablePointer<S>
    let count: Int

    /// Uninitialised; nil when the n^2 scalars cannot be allocated.
    init?(count n: Int) {
        let (elements, overflow) = n.multipliedReportingOverflow(by: n)
        guard !overflow, elements <= Int.max / MemoryLayout<S>.stride,
              let pointer = HugePages.allocate(S.self, count: elements) else { return nil }
        self.pointer = pointer
        count = n
    }

    /// Filled from condensed distances (SciPy order) and prepared.
    convenience init?(condensed d: UnsafePointer<S>, count n: Int, squared: Bool) {
        self.init(count: n)
        for i in 0..<n where i + 1 < n {
            (pointer + (i &* n &+ i &+ 1)).initialize(from: d + (n &* i &- ((i &* (i &+ 1)) >> 1)), count: n - i - 1)
        }
        RowBlocks.mirrorUpperTriangle(pointer, n: n)
        prepare(squared: squared)
    }

    /// From a full symmetric distance matrix: squares every entry when asked
    /// and puts +infinity on the diagonal.
    func prepare(squared: Bool) {
        let n = count
        if squared {
            for k in 0..<(n * n) { pointer[k] = pointer[k] * pointer[k] }
        }
        for i in 0..<n { pointer[i &* n &+ i] = .infinity }
    }

    deinit { HugePages.free(pointer) }
}
