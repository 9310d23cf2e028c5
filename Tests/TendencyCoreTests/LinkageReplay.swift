import Foundation
@testable import TendencyCore

/// Test-side helpers for linkage checks: reading the SciPy references under
/// Fixtures/reference/linkage, a slow independent replay of a linkage, and
/// cophenetic distances.
enum LinkageReplay {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/reference/linkage")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    /// SciPy's condensed distances for a data set and metric.
    static func distances(_ data: String, _ metric: String) throws -> CondensedDistances<Double> {
        let lines = try text("distances-\(data)-\(metric).csv").split(separator: "\n").dropFirst()
        let values = try lines.map { try number($0) }
        var n = 1
        while n * (n - 1) / 2 < values.count { n += 1 }
        guard n * (n - 1) / 2 == values.count else { throw FixtureError(message: "\(values.count) distances") }
        return CondensedDistances(count: n, storage: values)
    }

    static func points(_ data: String) throws -> Matrix<Double> {
        let lines = try text("points-\(data).csv").split(separator: "\n").dropFirst()
        let rows = try lines.map { try $0.split(separator: ",").map { try number($0) } }
        guard Set(rows.map(\.count)).count == 1 else { throw FixtureError(message: "ragged points") }
        return Matrix(rows)
    }

    struct FixtureError: Error { var message: String }

    static func number(_ text: Substring) throws -> Double {
        guard let value = Double(text) else { throw FixtureError(message: "not a number: \(text)") }
        return value
    }

    static func reference(_ data: String, _ metric: String, _ method: LinkageMethod) throws -> Linkage {
        let name = "linkage-\(data)-\(metric)-\(method.rawValue).csv"
        return try Linkage(csv: text(name), file: name)
    }

    /// The dissimilarity between cluster i and the union of x and y, written
    /// independently of the production code from Müllner 2011, Figure 2
    /// (squared distances for ward, centroid and median).
    static func lanceWilliams(_ method: LinkageMethod, dxi: Double, dyi: Double, dxy: Double,
                              nx: Double, ny: Double, ni: Double) -> Double {
        switch method {
        case .single: return min(dxi, dyi)
        case .complete: return max(dxi, dyi)
        case .average: return (nx * dxi + ny * dyi) / (nx + ny)
        case .weighted: return (dxi + dyi) / 2
        case .ward: return ((nx + ni) * dxi + (ny + ni) * dyi - ni * dxy) / (nx + ny + ni)
        case .centroid: return nx / (nx + ny) * dxi + ny / (nx + ny) * dyi - nx * ny / ((nx + ny) * (nx + ny)) * dxy
        case .median: return dxi / 2 + dyi / 2 - dxy / 4
        }
    }

    /// Replays `linkage` with the primitive O(n^3) algorithm: before each merge
    /// every pair of current clusters is compared, and the merged pair must be
    /// at the minimum (within `tolerance`, relative), with the recorded height
    /// and size. Returns the problems found (empty when valid).
    static func problems(_ linkage: Linkage, distances: CondensedDistances<Double>, method: LinkageMethod,
                         tolerance: Double = 1e-10) -> [String] {
        let n = distances.count
        guard linkage.leafCount == n, linkage.merges.count == n - 1 else { return ["wrong shape"] }
        var d = [[Double]](repeating: [Double](repeating: 0, count: 2 * n - 1), count: 2 * n - 1)
        for i in 0..<n { for j in 0..<n where i != j {
            let v = distances[i, j]
            d[i][j] = method.requiresEuclidean ? v * v : v
        } }
        var active = Set(0..<n)
        var size = [Int](repeating: 1, count: 2 * n - 1)
        var found = [String]()
        for (row, merge) in linkage.merges.enumerated() {
            let (a, b) = (merge.a, merge.b)
            guard active.contains(a), active.contains(b), a != b else {
                found.append("row \(row): clusters \(a), \(b) not both active"); break
            }
            var minimum = Double.infinity
            for i in active { for j in active where i < j { minimum = min(minimum, d[i][j]) } }
            let dab = d[a][b]
            if dab > minimum + tolerance * max(abs(minimum), 1) {
                found.append("row \(row): merges \(a),\(b) at \(dab) but the closest pair is at \(minimum)")
            }
            let height = method.requiresEuclidean ? max(dab, 0).squareRoot() : dab
            if abs(height - merge.height) > tolerance * max(abs(height), 1) {
                found.append("row \(row): height \(merge.height), replay \(height)")
            }
            if merge.size != size[a] + size[b] { found.append("row \(row): size \(merge.size)") }
            let c = n + row
            size[c] = size[a] + size[b]
            active.remove(a)
            active.remove(b)
            for i in active {
                let v = lanceWilliams(method, dxi: d[a][i], dyi: d[b][i], dxy: dab,
                                      nx: Double(size[a]), ny: Double(size[b]), ni: Double(size[i]))
                d[c][i] = v
                d[i][c] = v
            }
            active.insert(c)
        }
        return found
    }

    /// Cophenetic distances in condensed order: the height of the merge that
    /// first joins each pair of leaves.
    static func cophenetic(_ linkage: Linkage) -> [Double] {
        let n = linkage.leafCount
        var leaves = (0..<n).map { [$0] } + [[Int]](repeating: [], count: n - 1)
        var out = CondensedDistances<Double>(count: n)
        for (row, merge) in linkage.merges.enumerated() {
            for i in leaves[merge.a] { for j in leaves[merge.b] { out[i, j] = merge.height } }
            leaves[n + row] = leaves[merge.a] + leaves[merge.b]
        }
        return out.storage
    }

    /// The leaves of each merged cluster, as sorted arrays, in row order.
    static func clusters(_ linkage: Linkage, relabel: (Int) -> Int = { $0 }) -> [[Int]] {
        let n = linkage.leafCount
        var leaves = (0..<n).map { [relabel($0)] } + [[Int]](repeating: [], count: n - 1)
        for (row, merge) in linkage.merges.enumerated() {
            leaves[n + row] = (leaves[merge.a] + leaves[merge.b]).sorted()
        }
        return Array(leaves[n...])
    }

    static func relativeDifference(_ x: Double, _ y: Double) -> Double {
        x == y ? 0 : abs(x - y) / max(abs(x), abs(y))
    }
}
