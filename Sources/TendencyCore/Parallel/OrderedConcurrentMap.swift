import Dispatch

/// `body(i)` for every i in 0..<count on every core, the results in index
/// order. Rethrows the error of the first failing index, so what the caller
/// sees never depends on which thread ran what or in what order; `body` must
/// only read shared state.
package func orderedConcurrentMap<T>(count: Int, _ body: (Int) throws -> T) throws -> [T] {
    var results = [Result<T, Error>?](repeating: nil, count: count)
    withoutActuallyEscaping(body) { body in
        results.withUnsafeMutableBufferPointer { slots in
            nonisolated(unsafe) let slots = slots
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: count) { index in
                slots[index] = Result { try body(index) }
            }
        }
    }
    return try results.map { try $0!.get() }
}
