import Foundation
import Testing
@testable import TendencyCore

/// Pairwise distance kernels against plain double loops, SciPy references
/// (Fixtures/reference/kernels, made by make_kernel_references.py) and
/// properties.
@Suite struct KernelTests {
    // MARK: - Data

    static func gaussian(_ n: Int, _ p: Int, seed: UInt64) -> Matrix<Double> {
        var g = SeededGenerator(seed: seed)
        return Matrix(rows: n, columns: p, storage: (0..<(n * p)).map { _ in 3 + 2 * g.nextGaussian() })
    }

    static func binary(_ n: Int, _ p: Int, seed: UInt64) -> Matrix<Double> {
        var g = SeededGenerator(seed: seed)
        var m = Matrix(rows: n, columns: p, storage: (0..<(n * p)).map { _ in g.nextUnit() < 0.3 ? 1 : 0 })
        for k in 0..<p { m[1, k] = 0; m[4, k] = 0; m[6, k] = m[2, k] }   // all-zero rows and a tie
        return m
    }

    /// Columns of 2..5 levels (indicator path), a -1/0/1 column and one column
    /// with 40 distinct values and ties (direct path).
    static func categorical(_ n: Int, seed: UInt64) -> Matrix<Double> {
        var g = SeededGenerator(seed: seed)
        var rows = [[Double]]()
        for i in 0..<n {
            rows.append([Double(Int.random(in: 0..<2, using: &g)), Double(Int.random(in: 1...5, using: &g)),
                         Double(Int.random(in: -1...1, using: &g)), Double(i % 40) * 0.7,
                         Double(Int.random(in: 0..<4, using: &g)) * 0.25])
        }
        return Matrix(rows)
    }

    /// Likert 1..5, -1/0/1, a binary column, a continuous column with more
    /// than 64 distinct values, a constant column and, optionally, missing values.
    static func mixed(_ n: Int, seed: UInt64, missing: Double) -> Matrix<Double> {
        var g = SeededGenerator(seed: seed)
        var m = Matrix<Double>(rows: n, columns: 6)
        for i in 0..<n {
            m[i, 0] = Double(Int.random(in: 1...5, using: &g))
            m[i, 1] = Double(Int.random(in: -1...1, using: &g))
            m[i, 2] = g.nextUnit() < 0.5 ? 0 : 1
            m[i, 3] = 10 * g.nextGaussian()
            m[i, 4] = 7
            m[i, 5] = Double(Int.random(in: 0...9, using: &g)) * 0.1
            for k in 0..<6 where g.nextUnit() < missing { m[i, k] = .nan }
            // Keep column 4 present in every row so every pair shares a column.
            m[i, 4] = 7
        }
        return m
    }

    static func data(for metric: DistanceMetric, missing: Double = 0.15) -> Matrix<Double> {
        switch metric {
        case .jaccard, .dice: return binary(23, 11, seed: 11)
        case .hamming: return categorical(45, seed: 12)
        case .gower: return mixed(80, seed: 13, missing: missing)
        default: return gaussian(25, 7, seed: 14)
        }
    }

    // MARK: - Plain loops

    /// The definitions, one pair at a time, in Double.
    static func direct(_ x: Matrix<Double>, _ metric: DistanceMetric) -> [Double] {
        let n = x.rows, p = x.columns
        var ranges = [Double](repeating: 0, count: p)
        for k in 0..<p {
            let present = (0..<n).map { x[$0, k] }.filter { !$0.isNaN }
            ranges[k] = (present.max() ?? 0) - (present.min() ?? 0)
        }
        var out = [Double]()
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                let a = Array(x.row(i)), b = Array(x.row(j))
                switch metric {
                case .sqeuclidean, .euclidean:
                    let s = zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
                    out.append(metric == .euclidean ? s.squareRoot() : s)
                case .cosine, .correlation:
                    let ma = metric == .correlation ? a.reduce(0, +) / Double(p) : 0
                    let mb = metric == .correlation ? b.reduce(0, +) / Double(p) : 0
                    var ab = 0.0, aa = 0.0, bb = 0.0
                    for k in 0..<p { ab += (a[k] - ma) * (b[k] - mb); aa += (a[k] - ma) * (a[k] - ma); bb += (b[k] - mb) * (b[k] - mb) }
                    out.append(1 - ab / (aa * bb).squareRoot())
                case .jaccard, .dice:
                    var both = 0.0, differ = 0.0
                    for k in 0..<p { if a[k] == 1 && b[k] == 1 { both += 1 } else if a[k] != b[k] { differ += 1 } }
                    let d = metric == .jaccard ? differ + both : differ + 2 * both
                    out.append(d == 0 ? 0 : differ / d)
                case .hamming:
                    out.append(Double((0..<p).filter { a[$0] != b[$0] }.count) / Double(p))
                case .gower:
                    var num = 0.0, den = 0.0
                    for k in 0..<p where !a[k].isNaN && !b[k].isNaN {
                        den += 1
                        if ranges[k] > 0 { num += abs(a[k] - b[k]) / ranges[k] }
                    }
                    out.append(num / den)
                }
            }
        }
        return out
    }

    static func maxError(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }

    static func tolerance(_ metric: DistanceMetric, float: Bool, reference: [Double]) -> Double {
        let scale = reference.map(abs).max() ?? 1
        switch metric {
        case .sqeuclidean: return (float ? 1e-5 : 1e-12) * max(scale, 1)
        case .euclidean: return (float ? 1e-4 : 1e-10) * max(scale, 1)
        case .cosine, .correlation: return float ? 1e-5 : 1e-13
        case .jaccard, .dice, .hamming: return float ? 1e-6 : 0
        case .gower: return float ? 1e-5 : 1e-13
        }
    }

    /// Symmetric, zero diagonal, and the same values as the condensed form.
    static func checkSquare<S: BLASScalar>(_ square: Matrix<S>, matches condensed: CondensedDistances<S>) {
        #expect(square.rows == condensed.count && square.columns == condensed.count)
        for i in 0..<square.rows {
            #expect(square[i, i] == 0)
            for j in 0..<square.columns where j != i {
                #expect(square[i, j] == square[j, i])
                #expect(square[i, j] == condensed[i, j])
            }
        }
    }

    // MARK: - Against plain loops

    @Test(arguments: DistanceMetric.allCases)
    func doubleMatchesDirectLoop(metric: DistanceMetric) throws {
        let x = Self.data(for: metric)
        let reference = Self.direct(x, metric)
        let condensed = try PairwiseDistances.condensed(x, metric: metric)
        #expect(condensed.count == x.rows)
        let error = Self.maxError(condensed.storage, reference)
        #expect(error <= Self.tolerance(metric, float: false, reference: reference), "\(metric): max error \(error)")
        let square = try PairwiseDistances.square(x, metric: metric)
        Self.checkSquare(square, matches: condensed)
    }

    @Test(arguments: DistanceMetric.allCases)
    func floatMatchesDirectLoop(metric: DistanceMetric) throws {
        let x = Self.data(for: metric).converted(to: Float.self)
        let reference = Self.direct(x.converted(to: Double.self), metric)
        let condensed = try PairwiseDistances.condensed(x, metric: metric)
        let error = Self.maxError(condensed.storage.map(Double.init), reference)
        #expect(error <= Self.tolerance(metric, float: true, reference: reference), "\(metric): max error \(error)")
        let square = try PairwiseDistances.square(x, metric: metric)
        Self.checkSquare(square, matches: condensed)
    }

    /// Integer data (Likert answers) take the Gram identity uncentred and
    /// exactly: the same bits as the direct sum of squared differences, in
    /// Double and in Float, so exact ties stay ties. Beyond the bound (or with
    /// fractions) the data are centred as before.
    @Test func integerDataGiveExactDistances() throws {
        var generator = SeededGenerator(seed: 11)
        let rows = (0..<150).map { _ in (0..<9).map { _ in Double(1 + generator.nextIndex(below: 5)) } }
        let x = Matrix<Double>(rows)
        #expect(EuclideanKernel.isExactlyRepresented(x) && EuclideanKernel.isExactlyRepresented(x.converted(to: Float.self)))
        for (metric, root) in [(DistanceMetric.euclidean, true), (.sqeuclidean, false)] {
            var direct: [Double] = []
            for i in 0..<x.rows {
                for j in (i + 1)..<x.rows {
                    let s = (0..<x.columns).reduce(0.0) { $0 + (x[i, $1] - x[j, $1]) * (x[i, $1] - x[j, $1]) }
                    direct.append(root ? s.squareRoot() : s)
                }
            }
            #expect(try PairwiseDistances.condensed(x, metric: metric).storage == direct, "\(metric)")
            #expect(try PairwiseDistances.condensed(x.converted(to: Float.self), metric: metric).storage == direct.map(Float.init), "\(metric) float")
        }
        #expect(!EuclideanKernel.isExactlyRepresented(Matrix<Double>([[0.5, 1], [2, 3]])))
        #expect(!EuclideanKernel.isExactlyRepresented(Matrix<Double>([[Double(1 << 26), 0], [0, 0]])))
        #expect(EuclideanKernel.isExactlyRepresented(Matrix<Double>([[Double(1 << 25), 0], [0, 0]])))
        #expect(!EuclideanKernel.isExactlyRepresented(Matrix<Float>([[4096, 0], [0, 0]])))
    }

    @Test func gowerWithoutMissingValues() throws {
        let x = Self.mixed(70, seed: 21, missing: 0)
        let reference = Self.direct(x, .gower)
        let error = Self.maxError(try PairwiseDistances.condensed(x, metric: .gower).storage, reference)
        #expect(error <= 1e-13)
        #expect(reference.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    /// Directly compared columns of data without missing values are summed in
    /// vector registers (`RowPanels`); in every vector variant this machine
    /// runs, the result equals a plain loop over the columns in order, to the
    /// bit, for sizes that leave partial panels and cross a cache chunk.
    @Test(arguments: [203, 601])
    func gowerDirectColumnsMatchAPlainLoopBitForBit(rows: Int) throws {
        func check<S: BLASScalar>(_: S.Type) throws {
            let x = Self.gaussian(rows, 11, seed: 31)
            let n = x.rows, p = x.columns
            let data = Matrix<S>(rows: n, columns: p, storage: x.storage.map { S($0) })
            var scaled = [S](repeating: 0, count: n * p)
            for k in 0..<p {
                let column = (0..<n).map { Double(data[$0, k]) }
                let low = column.min()!, range = column.max()! - low
                for i in 0..<n { scaled[k * n + i] = S(1 * (column[i] - low) / range) }
            }
            var expected = [S]()
            for i in 0..<n {
                for j in (i + 1)..<n {
                    var sum: S = 0
                    for k in 0..<p { sum += abs(scaled[k * n + j] - scaled[k * n + i]) }
                    expected.append(min(max(sum / S(p), 0), 1))
                }
            }
            for variant in VectorVariant.available {
                let kernel = GowerKernel(data, policy: .fail, expansionBudget: 0, vectorVariant: variant)
                let distances = try RowBlocks.condensed(kernel, blockHeight: 37)
                #expect(distances.storage.count == expected.count)
                let differing = zip(distances.storage, expected).filter { $0.0 != $0.1 }.count
                #expect(differing == 0, "\(S.self), variant \(variant.code): \(differing) distances differ from the plain loop")
            }
        }
        try check(Double.self)
        try check(Float.self)
    }

    /// Directly compared Hamming columns (all of them here: Gaussian columns
    /// have more levels than the expansion takes) give exactly the plain
    /// loop's fractions, in every row block and chunk and in every vector
    /// variant this machine runs.
    @Test(arguments: [203, 601])
    func hammingDirectColumnsMatchAPlainLoopBitForBit(rows: Int) throws {
        func check<S: BLASScalar>(_: S.Type) throws {
            var x = Self.gaussian(rows, 11, seed: 33)
            // Some equal values, so both outcomes of the comparison occur.
            for i in stride(from: 0, to: x.rows, by: 3) { x[i, 2] = 1; x[i, 7] = -1 }
            let n = x.rows, p = x.columns
            let data = Matrix<S>(rows: n, columns: p, storage: x.storage.map { S($0) })
            var expected = [S]()
            for i in 0..<n {
                for j in (i + 1)..<n {
                    let differing = (0..<p).filter { data[i, $0] != data[j, $0] }.count
                    expected.append(S(differing) / S(p))
                }
            }
            for variant in VectorVariant.available {
                let kernel = HammingKernel(data, expansionBudget: 0, vectorVariant: variant)
                let distances = try RowBlocks.condensed(kernel, blockHeight: 37)
                #expect(distances.storage.count == expected.count)
                let differing = zip(distances.storage, expected).filter { $0.0 != $0.1 }.count
                #expect(differing == 0, "\(S.self), variant \(variant.code): \(differing) distances differ from the plain loop")
            }
            #expect(expected.contains { $0 < 1 } && expected.contains { $0 == 1 })
        }
        try check(Double.self)
        try check(Float.self)
    }

    /// Every row block height gives the same distances as a single block.
    @Test(arguments: DistanceMetric.allCases)
    func rowBlocksAgree(metric: DistanceMetric) throws {
        let x = Self.data(for: metric)
        let whole = try PairwiseDistances.condensedDistances(x, metric, .fail, blockHeight: x.rows)
        let wholeSquare = try PairwiseDistances.squareDistances(x, metric, .fail, blockHeight: x.rows)
        for height in [1, 4, 7, 16] {
            let blocked = try PairwiseDistances.condensedDistances(x, metric, .fail, blockHeight: height)
            #expect(Self.maxError(blocked.storage, whole.storage) <= 1e-13, "\(metric), height \(height)")
            let square = try PairwiseDistances.squareDistances(x, metric, .fail, blockHeight: height)
            #expect(Self.maxError(square.storage, wholeSquare.storage) <= 1e-13, "\(metric), height \(height)")
            Self.checkSquare(square, matches: blocked)
        }
    }

    /// The strip-wise product fills the whole upper trapezoid of a block.
    @Test func upperCrossCoversTheUpperTrapezoid() throws {
        let n = 11, width = 3, rows = 2..<9
        let a = Self.gaussian(rows.count, width, seed: 31), b = Self.gaussian(n, width, seed: 32)
        let ld = n - rows.lowerBound
        var tile = [Double](repeating: .nan, count: rows.count * ld)
        try a.storage.withUnsafeBufferPointer { ap in
            try b.storage.withUnsafeBufferPointer { bp in
                try tile.withUnsafeMutableBufferPointer { tp in
                    try GramTile.upperCross(ap.baseAddress!, bp.baseAddress!, width: width, count: n,
                                            rows: rows, tile: tp.baseAddress!, ld: ld, strip: 3)
                }
            }
        }
        for i in rows {
            for j in (i + 1)..<n {
                let expected = (0..<width).reduce(0.0) { $0 + a[i - rows.lowerBound, $1] * b[j, $1] }
                #expect(abs(tile[(i - rows.lowerBound) * ld + j - rows.lowerBound] - expected) < 1e-12)
            }
        }
    }

    /// Past the expansion budget, columns with the most levels are compared
    /// directly; the distances do not change.
    @Test func expansionBudgetFallsBackToDirectColumns() throws {
        let x = Matrix<Double>([[0, 5, 1], [1, 6, 1], [0, 7, 2], [1, 5, 3]])
        let levels = ColumnLevels(x, limit: 32)
        #expect(levels.expanded(rows: 4, width: { $0 }) == [true, true, true])
        #expect(levels.expanded(rows: 4, width: { $0 }, budget: 4 * 5) == [true, true, false])
        #expect(levels.expanded(rows: 4, width: { $0 }, budget: 4 * 4) == [true, false, false])
        #expect(levels.expanded(rows: 4, width: { $0 }, budget: 0) == [false, false, false])
        for budget in [0, 4 * 5, 1 << 20] {
            let h = Self.data(for: .hamming)
            let hamming = try RowBlocks.condensed(HammingKernel(h, expansionBudget: budget), blockHeight: 5)
            #expect(Self.maxError(hamming.storage, Self.direct(h, .hamming)) == 0, "hamming, budget \(budget)")
            let g = Self.data(for: .gower)
            let gower = try RowBlocks.condensed(GowerKernel(g, policy: .fail, expansionBudget: budget), blockHeight: 5)
            #expect(Self.maxError(gower.storage, Self.direct(g, .gower)) <= 1e-13, "gower, budget \(budget)")
        }
    }

    /// Two-valued columns (any two values) take one indicator each, the
    /// others one per value; the distances stay exact, alone or mixed with
    /// constant, many-valued and directly compared columns, in both precisions.
    @Test func hammingTwoValuedColumnsTakeOneIndicator() throws {
        var g = SeededGenerator(seed: 31)
        let n = 37
        let mixed = Matrix<Double>((0..<n).map { i in
            [g.nextIndex(below: 2) == 0 ? -1 : 3, 7, Double(g.nextIndex(below: 4)), Double(i) * 0.5,
             g.nextIndex(below: 2) == 0 ? 0.25 : 0.5]
        })
        let twoValued = Matrix<Double>((0..<n).map { _ in (0..<6).map { _ in Double(g.nextIndex(below: 2)) * 2 - 1 } })
        for (x, width) in [(mixed, 1 + 4 + 1 + 1), (twoValued, 6)] {
            let kernel = HammingKernel(x)
            #expect(kernel.indicatorWidth == width)
            let found = try RowBlocks.condensed(kernel, blockHeight: 5)
            #expect(Self.maxError(found.storage, Self.direct(x, .hamming)) == 0)
            let single = try RowBlocks.condensed(HammingKernel(x.converted(to: Float.self)), blockHeight: 7)
            #expect(Self.maxError(single.storage.map(Double.init), Self.direct(x, .hamming)) <= 1e-6)
        }
    }

    /// The distinct values of each column, sorted, or nil past the limit: as
    /// sorting the column and dropping repeats would give, with NaN left
    /// out and -0.0 counted as 0.0; exactly `limit` values still count.
    @Test func columnLevelsAreTheSortedDistinctValues() {
        var generator = SeededGenerator(seed: 23)
        let limit = 6
        for trial in 0..<200 {
            let n = Int(generator.next() % 40)
            let p = 1 + Int(generator.next() % 4)
            let spread = 1 + generator.next() % 9
            let values: [Double] = (0..<(n * p)).map { _ in
                switch generator.next() % 10 {
                case 0: return .nan
                case 1: return -0.0
                default: return Double(Int(generator.next() % spread) - 3)
                }
            }
            let x = Matrix<Double>(rows: n, columns: p, storage: values)
            let found = ColumnLevels(x, limit: limit).levels
            for k in 0..<p {
                var distinct = [Double]()
                for v in (0..<n).map({ values[$0 * p + k] }).filter({ !$0.isNaN }).sorted() where distinct.last != v {
                    distinct.append(v == 0 ? 0 : v)
                }
                let expected = distinct.count > limit ? nil : distinct
                #expect(found[k] == expected, "trial \(trial), column \(k)")
                if let levels = found[k] { #expect(levels.allSatisfy { $0 != 0 || $0.sign == .plus }) }
            }
        }
    }

    /// Tiles of about 1 Mi scalars, at least 128 rows, and at least 8 blocks
    /// when 128-row blocks allow it (so small problems use every core).
    @Test func blockHeightFollowsTheBudget() {
        #expect(RowBlocks.rowsPerBlock(count: 10) == 10)
        #expect(RowBlocks.rowsPerBlock(count: 128) == 128)
        #expect(RowBlocks.rowsPerBlock(count: 1000) == 128)
        #expect(RowBlocks.blocks(count: 1000).count == 8)
        #expect(RowBlocks.rowsPerBlock(count: 2048) == 256)
        #expect(RowBlocks.rowsPerBlock(count: 4000) == (1 << 20) / 4000)
        #expect(RowBlocks.rowsPerBlock(count: 50_000) == 128)
        #expect(RowBlocks.blocks(count: 10, height: 4) == [0..<4, 4..<8, 8..<10])
    }

    /// The square path's row blocks are a function of n alone, not of the
    /// core count: which pairs share a `?syrk` diagonal block decides the last
    /// bits of their distances (`rowBlocksAgree` allows 1e-13 between heights).
    @Test func squareBlockHeightDependsOnTheSizeOnly() {
        #expect(RowBlocks.squareRowsPerBlock(count: 10) == 10)
        #expect(RowBlocks.squareRowsPerBlock(count: 1000) == 128)
        #expect(RowBlocks.squareRowsPerBlock(count: 3000) == 187)
        #expect(RowBlocks.squareRowsPerBlock(count: 20_000) == 512)
        #expect(RowBlocks.squareRowsPerBlock(count: 50_000) == 512)
    }

    // MARK: - Against SciPy

    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/reference/kernels")
    }

    static func table(_ name: String) throws -> (names: [String], rows: [[Double]]) {
        let table = try CSVTable(contentsOf: fixtures.appendingPathComponent(name).path)
        let rows = try table.records.map { record in
            try record.cells.map { cell in try #require(Double(cell.text), "\(name): \(cell.text)") }
        }
        return (table.columnNames, rows)
    }

    @Test(arguments: ["continuous", "binary", "categorical"])
    func matchesSciPy(dataSet: String) throws {
        let input = try Self.table("\(dataSet)_data.csv")
        let x = Matrix(input.rows)
        let expected = try Self.table("\(dataSet)_pdist.csv")
        #expect(expected.rows.count == x.rows * (x.rows - 1) / 2)
        for (c, name) in expected.names.enumerated() {
            let metric = try #require(DistanceMetric(rawValue: name))
            // SciPy's Dice is 0/0 = NaN for two all-zero rows; Tendency documents 0.
            let reference = expected.rows.map { $0[c].isNaN && metric == .dice ? 0 : $0[c] }
            #expect(!reference.contains { $0.isNaN })
            let got = try PairwiseDistances.condensed(x, metric: metric).storage
            let tolerance: Double = switch metric {
            case .sqeuclidean: 1e-12 * (reference.max() ?? 1)
            case .euclidean: 1e-12
            case .cosine, .correlation: 1e-12
            default: 0   // exact integer counts: bit-identical to SciPy
            }
            let error = Self.maxError(got, reference)
            #expect(error <= tolerance, "\(dataSet)/\(name): max error \(error)")
            let gotFloat = try PairwiseDistances.condensed(x.converted(to: Float.self), metric: metric).storage
            if !metric.isEuclidean {
                #expect(Self.maxError(gotFloat.map(Double.init), reference) <= 1e-5, "\(dataSet)/\(name) in Float")
            }
        }
    }

    @Test func binaryFixtureHasTheEdgeCases() throws {
        let expected = try Self.table("binary_pdist.csv")
        let dice = try #require(expected.names.firstIndex(of: "dice"))
        #expect(expected.rows.contains { $0[dice].isNaN })  // the all-zero pair
    }

    // MARK: - Hand-checked values

    @Test func gowerByHand() throws {
        let nan = Double.nan
        // Column 0 range 4, column 1 range 2, column 2 constant (R = 0),
        // column 3 all missing.
        let x = Matrix<Double>([[0, 1, 5, nan],
                                [4, nan, 5, nan],
                                [2, 3, nan, nan]])
        let d = try PairwiseDistances.condensed(x, metric: .gower)
        #expect(abs(d[0, 1] - (1.0 + 0) / 2) < 1e-15)
        #expect(abs(d[0, 2] - (0.5 + 1.0) / 2) < 1e-15)
        #expect(abs(d[1, 2] - 0.5 / 1) < 1e-15)
    }

    @Test func jaccardAndDiceOfAllZeroRowsAreZero() throws {
        let x = Matrix<Double>([[0, 0, 0], [0, 0, 0], [1, 0, 1]])
        #expect(try PairwiseDistances.condensed(x, metric: .jaccard).storage == [0, 1, 1])
        #expect(try PairwiseDistances.condensed(x, metric: .dice).storage == [0, 1, 1])
    }

    @Test func identicalRowsAreAtDistanceZero() throws {
        let x = Matrix<Double>([[1e3 + 0.1, -2, 5], [1e3 + 0.1, -2, 5], [7, 8, 9]])
        for metric in [DistanceMetric.sqeuclidean, .euclidean, .hamming, .gower] {
            #expect(try PairwiseDistances.condensed(x, metric: metric)[0, 1] == 0, "\(metric)")
        }
        #expect(try PairwiseDistances.condensed(x, metric: .cosine)[0, 1] < 1e-15)
    }

    /// Repeated rows (common in answers on a few levels) are exactly 0 apart
    /// and near-duplicates stay accurate, in spite of the Gram identity.
    @Test func euclideanDuplicatesAndNearDuplicates() throws {
        var g = SeededGenerator(seed: 41)
        var rows = (0..<30).map { _ in (0..<6).map { _ in 1e4 + Double(Int.random(in: 1...3, using: &g)) } }
        rows.append(rows[0].map { $0 + 1e-5 })
        let x = Matrix(rows)
        let reference = Self.direct(x, .sqeuclidean)
        let double = try PairwiseDistances.condensed(x, metric: .sqeuclidean).storage
        let float = try PairwiseDistances.condensed(x.converted(to: Float.self), metric: .sqeuclidean).storage
        let floatReference = Self.direct(x.converted(to: Float.self).converted(to: Double.self), .sqeuclidean)
        #expect(reference.contains(0))
        for (k, value) in reference.enumerated() {
            #expect(abs(double[k] - value) <= 1e-9 * value, "pair \(k)")
            #expect(abs(Double(float[k]) - floatReference[k]) <= 1e-3 * floatReference[k], "pair \(k)")
        }
        #expect(abs(double[x.rows - 2] - 6e-10) < 1e-14)   // rows 0 and 30
    }

    /// Pairs much closer together than to the data's centre (two tight
    /// groups far apart), at every scale from well below the recomputation
    /// cut to well above it: every distance within 1e-9 of the plain loop's.
    /// With the cut at sqrt(eps) the pairs just above it were off by up to
    /// 1.5e-8.
    @Test func closePairsFarFromTheCentreStayAccurate() throws {
        var g = SeededGenerator(seed: 43)
        var rows: [[Double]] = []
        for scale in [1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1, 3] {
            for index in 0..<8 {
                let side = index % 2 == 0 ? -1000.0 : 1000.0
                rows.append((0..<16).map { _ in side + scale * g.nextGaussian() })
            }
        }
        let x = Matrix(rows)
        let reference = Self.direct(x, .euclidean)
        let distances = try PairwiseDistances.condensed(x, metric: .euclidean).storage
        var worst = 0.0
        for (k, value) in reference.enumerated() { worst = max(worst, abs(distances[k] - value) / value) }
        #expect(worst <= 1e-9, "worst relative error \(worst)")
    }

    /// Scaling rows (centring them too, for correlation) leaves cosine and
    /// correlation distances as they were, and makes constant rows zeros.
    @Test func scalingRowsKeepsAngularDistances() throws {
        var g = SeededGenerator(seed: 47)
        let x = Matrix((0..<12).map { i in (0..<5).map { _ in Double(i + 1) * 1e3 * g.nextGaussian() + 7 } })
        for (metric, centring) in [(DistanceMetric.cosine, false), (.correlation, true)] {
            let before = try PairwiseDistances.condensed(x, metric: metric).storage
            let after = try PairwiseDistances.condensed(x.scalingRows(centring: centring), metric: metric).storage
            for (a, b) in zip(before, after) { #expect(abs(a - b) <= 1e-12, "\(metric)") }
        }
        let scaled = Matrix<Double>([[3, 3, 3], [0, 0, 0], [1e-320, -2e-320, 0]]).scalingRows(centring: true)
        #expect(scaled.storage[0..<6].allSatisfy { $0 == 0 })
        #expect(scaled.storage[6..<9].contains { abs($0) == 1 })
        #expect(Matrix<Double>([[2, -4]]).scalingRows(centring: false).storage == [0.5, -1])
    }

    /// The single-precision copy loses only rounding, for every metric, on
    /// values that rounding one by one would lose: far from the origin, tiny,
    /// huge, or differing below single precision.
    @Test func singlePrecisionInputKeepsDistances() throws {
        var g = SeededGenerator(seed: 53)
        let cases: [(String, Matrix<Double>)] = [
            ("far", Matrix((0..<20).map { _ in (0..<4).map { _ in 1e8 + g.nextGaussian() } })),
            ("tiny", Matrix((0..<20).map { _ in (0..<4).map { _ in 1e-150 * g.nextGaussian() } })),
            ("huge", Matrix((0..<20).map { _ in (0..<4).map { _ in 1e150 * g.nextGaussian() } })),
            ("counts", Matrix((0..<20).map { i in (0..<4).map { _ in 16_777_216 + Double((i + Int.random(in: 0...1, using: &g)) % 3) } })),
        ]
        for (name, x) in cases {
            for metric in [DistanceMetric.euclidean, .sqeuclidean, .gower, .cosine, .correlation, .hamming]
            // 1e300 squared overflows in double too; counts can make a row constant.
            where !(name == "huge" && metric == .sqeuclidean) && !(name == "counts" && metric == .correlation) {
                let exact = try PairwiseDistances.condensed(x, metric: metric).storage
                let (single, scale) = PairwiseDistances.singlePrecisionInput(x, metric: metric)
                #expect(single.storage.allSatisfy { !$0.isInfinite })
                let approx = try PairwiseDistances.condensed(single, metric: metric).storage.map { Double($0) * scale }
                let tolerance = metric == .hamming ? 0 : 1e-5
                for (a, b) in zip(exact, approx) {
                    #expect(abs(a - b) <= tolerance * max(abs(a), metric == .sqeuclidean || metric == .euclidean ? 0 : 1),
                            "\(name) \(metric): \(a) vs \(b)")
                }
            }
        }
    }

    @Test func tinyInputs() throws {
        for metric in DistanceMetric.allCases {
            #expect(try PairwiseDistances.condensed(Matrix<Double>(rows: 0, columns: 3), metric: metric).storage.isEmpty)
            #expect(try PairwiseDistances.condensed(Matrix<Double>([[1, 0]]), metric: metric).count == 1)
            #expect(try PairwiseDistances.square(Matrix<Float>([[1, 0]]), metric: metric) == Matrix<Float>(rows: 1, columns: 1))
        }
    }

    // MARK: - Errors

    @Test func missingValueIsNamed() {
        let x = Matrix<Double>([[1, 2], [3, 4], [5, .nan]])
        #expect(throws: KernelError.missingValue(row: 2, column: 1, metric: .euclidean)) {
            try PairwiseDistances.condensed(x, metric: .euclidean)
        }
        let message = KernelError.missingValue(row: 2, column: 1, metric: .euclidean).description
        #expect(message.contains("row 2") && message.contains("column 1") && message.contains("euclidean"))
        #expect(throws: KernelError.missingValue(row: 2, column: 1, metric: .hamming)) {
            try PairwiseDistances.square(x.converted(to: Float.self), metric: .hamming)
        }
    }

    @Test func infinityIsRejected() {
        let x = Matrix<Double>([[1, 0], [.infinity, 1]])
        for metric in DistanceMetric.allCases {
            #expect(throws: KernelError.nonFinite(row: 1, column: 0)) { try PairwiseDistances.condensed(x, metric: metric) }
        }
    }

    @Test func nonBinaryIsRejected() {
        let x = Matrix<Double>([[1, 0, 1], [0, 2, 1]])
        #expect(throws: KernelError.notBinary(row: 1, column: 1, value: 2, metric: .jaccard)) {
            try PairwiseDistances.condensed(x, metric: .jaccard)
        }
        #expect(throws: KernelError.notBinary(row: 1, column: 1, value: 2, metric: .dice)) {
            try PairwiseDistances.square(x, metric: .dice)
        }
    }

    @Test func zeroNormAndConstantRowsAreRejected() throws {
        let x = Matrix<Double>([[1, 2, 3], [0, 0, 0], [4, 4, 4]])
        #expect(throws: KernelError.zeroNorm(row: 1)) { try PairwiseDistances.condensed(x, metric: .cosine) }
        #expect(throws: KernelError.constantRow(row: 1)) { try PairwiseDistances.condensed(x, metric: .correlation) }
        let y = Matrix<Double>([[1, 2, 3], [0.1, 0.1, 0.1]])
        #expect(throws: KernelError.constantRow(row: 1)) { try PairwiseDistances.condensed(y, metric: .correlation) }
        // Tiny but non-zero rows are fine.
        let tiny = Matrix<Double>([[1e-200, 0], [0, 1e-200]])
        #expect(try PairwiseDistances.condensed(tiny, metric: .cosine).storage == [1])
    }

    @Test func gowerPairWithoutSharedColumns() throws {
        let nan = Double.nan
        let x = Matrix<Double>([[1, nan], [2, 5], [nan, 6]])
        #expect(throws: KernelError.noSharedColumns(row: 0, otherRow: 2)) {
            try PairwiseDistances.condensed(x, metric: .gower)
        }
        let d = try PairwiseDistances.condensed(x, metric: .gower, noSharedColumns: .maximalDistance)
        #expect(d.storage == [1, 1, 1])
    }

    @Test func noColumnsIsRejected() {
        #expect(throws: KernelError.noColumns) {
            try PairwiseDistances.condensed(Matrix<Double>(rows: 3, columns: 0), metric: .sqeuclidean)
        }
    }

    @Test func metricProperties() {
        #expect(DistanceMetric.allCases.filter(\.isEuclidean) == [.sqeuclidean, .euclidean])
        #expect(DistanceMetric(rawValue: "gower") == .gower)
    }

    /// A row without direction (zeros for cosine, constant for correlation)
    /// is an error by default, and with `.unrelated` at distance 1 from
    /// every row, the other pairs unchanged.
    @Test func directionlessRowsAreUnrelatedWhenAsked() throws {
        let x = Matrix<Double>([[1, 2, 3], [0, 0, 0], [3, 1, 2], [2, 2, 2], [-1, 0.5, 4]])
        #expect(throws: KernelError.zeroNorm(row: 1)) { try PairwiseDistances.condensed(x, metric: .cosine) }
        #expect(throws: KernelError.constantRow(row: 1)) { try PairwiseDistances.condensed(x, metric: .correlation) }
        for (metric, flat) in [(DistanceMetric.cosine, [1]), (.correlation, [1, 3])] {
            let d = try PairwiseDistances.condensed(x, metric: metric, directionlessRows: .unrelated)
            let others = (0..<x.rows).filter { !flat.contains($0) }
            let kept = try PairwiseDistances.condensed(x.selectingRows(others), metric: metric)
            for i in 0..<x.rows {
                for j in (i + 1)..<x.rows {
                    if flat.contains(i) || flat.contains(j) {
                        #expect(d[i, j] == 1, "\(metric) \(i) \(j)")
                    } else {
                        #expect(abs(d[i, j] - kept[others.firstIndex(of: i)!, others.firstIndex(of: j)!]) < 1e-12, "\(metric) \(i) \(j)")
                    }
                }
            }
        }
    }
}
