import Foundation

/// A hierarchical clustering as a SciPy linkage matrix.
///
/// Leaves are the observations `0..<leafCount`; merge `i` joins clusters
/// `a` and `b` at `height` into the new cluster `leafCount + i` holding `size`
/// observations. Files written by `csv()` read back with `init(csv:file:)`
/// and load in SciPy with `numpy.loadtxt(path, delimiter=",", skiprows=1)`.
public struct Linkage: Sendable, Equatable {
    /// One row of the linkage matrix.
    public struct Merge: Sendable, Equatable {
        public var a: Int
        public var b: Int
        public var height: Double
        public var size: Int

        public init(a: Int, b: Int, height: Double, size: Int) {
            self.a = a
            self.b = b
            self.height = height
            self.size = size
        }
    }

    /// The number of observations.
    public var leafCount: Int
    /// `leafCount - 1` merges in SciPy numbering.
    public var merges: [Merge]

    /// A linkage from its parts, unchecked; call `validate()` for untrusted data.
    public init(leafCount: Int, merges: [Merge]) {
        self.leafCount = leafCount
        self.merges = merges
    }

    /// The matrix as CSV: header `a,b,height,size`, one row per merge, heights
    /// with Swift's shortest round-trip representation, `\n` line endings.
    public func csv() -> String {
        var out = "a,b,height,size\n"
        out.reserveCapacity(16 + merges.count * 32)
        for merge in merges {
            out += "\(merge.a),\(merge.b),\(merge.height.description),\(merge.size)\n"
        }
        return out
    }

    /// Reads a linkage written by `csv()` (or by numpy with integral values
    /// printed as floats, e.g. `3.0`), then applies `validate()`. Problems are
    /// reported as `InputError` at the offending line and column; `file` names
    /// the source in messages.
    public init(csv: String, file: String) throws {
        let table = try CSVTable(data: Data(csv.utf8), file: file)
        let expected = ["a", "b", "height", "size"]
        let names = table.columnNames.map { $0.trimmingCharacters(in: .whitespaces) }
        guard names == expected else {
            throw InputError(file: file, line: table.header.line, column: 1,
                             "expected the header \"a,b,height,size\"; found \"\(table.columnNames.joined(separator: ","))\"")
        }
        guard !table.records.isEmpty else {
            throw InputError(file: file, line: table.header.line, column: 1,
                             "a linkage needs at least one merge row (two observations)")
        }
        var merges = [Merge]()
        merges.reserveCapacity(table.records.count)
        for record in table.records {
            let cells = record.cells
            merges.append(Merge(a: try Linkage.integer(cells[0], file: file),
                                b: try Linkage.integer(cells[1], file: file),
                                height: try Linkage.real(cells[2], file: file),
                                size: try Linkage.integer(cells[3], file: file)))
        }
        self.init(leafCount: merges.count + 1, merges: merges)
        if let problem = firstProblem() {
            let cell = problem.row.map { table.records[$0].cells[problem.column] }
            throw InputError(file: file, line: cell?.line ?? table.header.line, column: cell?.column ?? 1,
                             problem.message)
        }
    }

    /// Checks SciPy's `is_valid_linkage` rules: `leafCount - 1 >= 1` rows,
    /// non-negative cluster ids, heights and sizes, no size above `leafCount`,
    /// no cluster used before it is formed, no cluster used twice. Also (stricter
    /// than SciPy) finite heights and each size equal to the sum of its children's.
    public func validate() throws {
        if let problem = firstProblem() { throw LinkageError.invalid(row: problem.row, problem.message) }
    }

    /// The first broken rule: the row (0-based), the column (0 a, 1 b, 2 height, 3 size), a message.
    private func firstProblem() -> (row: Int?, column: Int, message: String)? {
        let n = leafCount
        guard n >= 2 else { return (nil, 0, "a linkage needs at least two observations; leafCount is \(n)") }
        guard merges.count == n - 1 else {
            return (nil, 0, "a linkage of \(n) observations has \(n - 1) merges, not \(merges.count)")
        }
        var sizes = [Int](repeating: 1, count: 2 * n - 1)
        var used = [Bool](repeating: false, count: 2 * n - 1)
        for (i, merge) in merges.enumerated() {
            for (column, id) in [(0, merge.a), (1, merge.b)] {
                if id < 0 { return (i, column, "cluster id \(id) is negative") }
                if id >= n + i {
                    return (i, column, "cluster \(id) is used before it is formed (merge \(i) forms cluster \(n + i))")
                }
                if used[id] { return (i, column, "cluster \(id) is used more than once") }
                used[id] = true
            }
            if !merge.height.isFinite { return (i, 2, "the height \(merge.height) is not finite") }
            if merge.height < 0 { return (i, 2, "the height \(merge.height) is negative") }
            if merge.size < 0 { return (i, 3, "the size \(merge.size) is negative") }
            if merge.size > n { return (i, 3, "the size \(merge.size) exceeds the \(n) observations") }
            let expected = sizes[merge.a] + sizes[merge.b]
            if merge.size != expected {
                return (i, 3, "the size \(merge.size) differs from the \(expected) observations of clusters \(merge.a) and \(merge.b)")
            }
            sizes[n + i] = expected
        }
        return nil
    }

    private static func integer(_ cell: CSVTable.Cell, file: String) throws -> Int {
        let text = cell.text.trimmingCharacters(in: .whitespaces)
        if let value = Int(text) { return value }
        if let value = Double(text), value.isFinite, value == value.rounded(), abs(value) < 9.0e15 {
            return Int(value)
        }
        throw InputError(file: file, line: cell.line, column: cell.column, "expected an integer; found \(InputError.quoted(cell.text))")
    }

    private static func real(_ cell: CSVTable.Cell, file: String) throws -> Double {
        let text = cell.text.trimmingCharacters(in: .whitespaces)
        guard let value = Double(text) else {
            throw InputError(file: file, line: cell.line, column: cell.column, "expected a number; found \(InputError.quoted(cell.text))")
        }
        return value
    }
}
