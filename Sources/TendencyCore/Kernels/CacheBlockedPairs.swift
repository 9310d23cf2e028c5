/// The pairs (i, j), i in `rows`, i < j < n, visited in column chunks so a
/// chunk of the directly compared columns stays in cache while every row of
/// the block is compared with it (the kernels' direct loops, for columns too
/// wide to expand into products).
enum CacheBlockedPairs {
    static let chunk = 512

    /// Calls `body(i, columns)` for each row i and each chunk of j > i.
    /// Chunks start at multiples of `chunk`, so they split no `RowPanels`
    /// panel (heights divide 512).
    @inline(__always)
    static func forEach(rows: Range<Int>, count n: Int, _ body: (_ i: Int, _ columns: Range<Int>) -> Void) {
        for start in stride(from: (rows.lowerBound + 1) / chunk * chunk, to: n, by: chunk) {
            let end = min(n, start + chunk)
            for i in rows {
                let low = max(start, i + 1)
                if low < end { body(i, low..<end) }
            }
        }
    }
}
