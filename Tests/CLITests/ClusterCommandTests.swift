import Foundation
import Testing
@testable import TendencyCore

/// `tendency cluster` end to end (CSV -> kernel -> linkage -> files) against
/// SciPy's `linkage(pdist(x, metric), method)`, made by
/// Fixtures/reference/cluster/make_cluster_references.py.
@Suite struct ClusterCommandTests {
    static let reference = packageRoot.appendingPathComponent("Fixtures/reference/cluster")

    static let cases: [(set: String, metric: String, method: String)] = {
        let all = ["single", "complete", "average", "weighted", "ward", "centroid", "median"]
        var cases: [(String, String, String)] = []
        for (set, metrics) in [("continuous", ["sqeuclidean", "euclidean", "cosine", "correlation"]),
                               ("binary", ["euclidean", "jaccard", "dice", "hamming"]),
                               ("likert", ["euclidean", "sqeuclidean"])] {
            for metric in metrics {
                for method in all where metric == "euclidean" || !["ward", "centroid", "median"].contains(method) {
                    cases.append((set, metric, method))
                }
            }
        }
        return cases
    }()

    func readLinkage(_ path: String) throws -> Linkage {
        try Linkage(csv: String(contentsOfFile: path, encoding: .utf8), file: path)
    }

    func cophenetic(_ linkage: Linkage) -> [Double] {
        Dendrogram(linkage).copheneticDistances().storage
    }

    @Test(arguments: cases.indices)
    func matchesSciPy(_ index: Int) throws {
        let (set, metric, method) = Self.cases[index]
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("z.csv").path
        let run = try runTendency(["cluster", Self.reference.appendingPathComponent("data-\(set).csv").path,
                                   "--metric", metric, "--method", method, "--linkage-out", out, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let ours = try readLinkage(out)
        try ours.validate()
        let scipy = try readLinkage(Self.reference.appendingPathComponent("linkage-\(set)-\(metric)-\(method).csv").path)
        #expect(ours.leafCount == scipy.leafCount)
        // Integer answers give exact distances (EuclideanKernel does not centre
        // them), so ties are broken as SciPy breaks them: the same tree, to the
        // bit, for the methods that link the distances themselves. Ward,
        // centroid and median update distances in floating point (Ward on the
        // feature vectors), so their ties after a merge fall by rounding.
        let exactTies = set == "likert" && ["single", "complete", "average", "weighted"].contains(method)
        if set == "continuous" || exactTies {
            // No ties: identical merges, heights within 1e-9 relative.
            for (a, b) in zip(ours.merges, scipy.merges) {
                #expect(a.a == b.a && a.b == b.b && a.size == b.size, "\(set) \(metric) \(method): \(a) vs \(b)")
                #expect(abs(a.height - b.height) <= (exactTies ? 0 : 1e-9) * max(1, abs(b.height)), "\(set) \(metric) \(method)")
            }
        } else {
            // Ties: which of several closest pairs merges first is arbitrary, so
            // the trees may differ; single linkage's cophenetic distances may not.
            // (Every merge joining a closest pair is checked by replaying SciPy's
            // distances in TendencyCoreTests' linkage tests.)
            if method == "single" {
                for (a, b) in zip(cophenetic(ours), cophenetic(scipy)) { #expect(abs(a - b) <= 1e-12) }
            }
        }
    }

    @Test func writesAssignmentsAndNewick() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.csv").path, t = folder.appendingPathComponent("t.nwk").path
        let run = try runTendency(["cluster", Self.reference.appendingPathComponent("data-continuous.csv").path,
                                   "--k", "3", "--assignments-out", a, "--newick-out", t, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try String(contentsOfFile: a, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "id,cluster")
        #expect(lines.count == 41)
        #expect(Set(lines.dropFirst().map { $0.split(separator: ",")[1] }).count == 3)
        let newick = try String(contentsOfFile: t, encoding: .utf8)
        #expect(newick.hasSuffix(";\n") && newick.contains("r00"))
        #expect(run.stdout.contains("\"clusterSizes\""))
    }

    /// Single linkage on Euclidean distances of few columns runs on the
    /// feature vectors (faster, memory linear; `matchesSciPy` checks its
    /// trees), and so does Ward when the points are in clusters its scans
    /// can skip; other metrics, Ward on data without structure or beyond 64
    /// columns go through the distance matrix.
    @Test func singleAndWardEuclideanRunOnFeatureVectors() throws {
        let data = Self.reference.appendingPathComponent("data-continuous.csv").path
        let single = try runTendency(["cluster", data, "--method", "single", "--json"])
        #expect(single.status == 0 && single.stdout.contains("exact, on feature vectors"), "\(single.stdout)")
        let cosine = try runTendency(["cluster", data, "--method", "single", "--metric", "cosine", "--json"])
        #expect(cosine.status == 0 && cosine.stdout.contains("exact, distance matrix"), "\(cosine.stdout)")
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var generator = SeededGenerator(seed: 11)
        func write(_ name: String, rows: Int, columns: Int, _ value: (Int) -> Double) throws -> String {
            let file = folder.appendingPathComponent(name)
            var text = "id," + (0..<columns).map { "f\($0)" }.joined(separator: ",") + "\n"
            for row in 0..<rows { text += "r\(row)," + (0..<columns).map { _ in String(value(row)) }.joined(separator: ",") + "\n" }
            try text.write(to: file, atomically: true, encoding: .utf8)
            return file.path
        }
        let cases = [
            ("blobs", try write("blobs.csv", rows: 400, columns: 8) { Double($0 % 4) * 20 + generator.nextGaussian() },
             "exact, on feature vectors"),
            ("noise", try write("noise.csv", rows: 400, columns: 16) { _ in generator.nextGaussian() }, "exact, distance matrix"),
            ("65 columns", try write("wide.csv", rows: 400, columns: 65) { Double($0 % 4) * 20 + generator.nextGaussian() },
             "exact, distance matrix"),
        ]
        for (name, path, mode) in cases {
            let ward = try runTendency(["cluster", path, "--method", "ward", "--json"])
            #expect(ward.status == 0 && ward.stdout.contains(mode), "\(name): \(ward.stdout)")
        }
    }

    @Test func timingsGoToStandardError() throws {
        let run = try runTendency(["cluster", Self.reference.appendingPathComponent("data-binary.csv").path,
                                   "--metric", "jaccard", "--timings", "--quiet"])
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        for phase in ["parse", "kernel", "linkage", "cut", "write"] { #expect(run.stderr.contains("\"\(phase)\"")) }
    }

    /// Bad input: file, line and column, non-zero exit, nothing written.
    @Test(arguments: [
        ("id,a,b\nr1,1,2\nr2,x,3\n", "bad.csv:3:4: expected a number, found \"x\""),
        ("id,a,b\nr1,1,2\nr2,3\n", "bad.csv:3:5: row has 2 fields; the header has 3"),
        ("id,a,b\nr1,1,nan\nr2,1,2\n", "bad.csv:2:6: expected a finite number, found \"nan\""),
        ("id,a,b\nr1,1,inf\nr2,1,2\n", "bad.csv:2:6: expected a finite number, found \"inf\""),
        ("id,a,b\nr1,1,2\n", "bad.csv:2:1: found 1 data row; clustering needs at least two"),
        ("id,a,b\nr1,1,2\nr1,3,4\n", "bad.csv:3:1: duplicate row id \"r1\" (first on line 2)"),
        ("", "bad.csv:1:1: the file is empty; expected a header row (id column, then one column per feature)"),
        ("id,a\u{0}\n", "bad.csv:1:5: NUL byte; expected UTF-8 text (is this a binary or UTF-16 file?)"),
        ("id,a,b\nr1,1,\nr2,1,2\n", "bad.csv:2:6: empty cell (missing value; 1 in the file); expected a number, or use --metric gower or --impute mean"),
    ])
    func badInput(_ content: String, _ message: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.csv")
        try Data(content.utf8).write(to: file)
        let out = folder.appendingPathComponent("z.csv")
        let run = try runTendency(["cluster", file.path, "--linkage-out", out.path])
        #expect(run.status != 0)
        #expect(run.stderr.contains(folder.path + "/" + message), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// --impute mean cannot fill a column that holds no value at all.
    @Test func imputingAnEmptyColumnIsRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("empty.csv")
        try Data("id,x,y\na,,2\nb,,3\nc,,5\n".utf8).write(to: file)
        let run = try runTendency(["cluster", file.path, "--impute", "mean", "--k", "2"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("empty.csv:1:4: column \"x\" has no value in any row, so --impute mean has nothing to fill it with"), "\(run.stderr)")
    }

    @Test func refusesNonEuclideanWard() throws {
        let run = try runTendency(["cluster", Self.reference.appendingPathComponent("data-binary.csv").path,
                                   "--metric", "jaccard", "--method", "ward"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("Euclidean geometry"))
    }

    /// Ward on data without structure takes the matrix when it fits; when
    /// `--memory-limit` leaves it out, the switch to the feature vectors is
    /// said on stderr with the memory that decided it, as every other switch is. A limit too small for the
    /// feature vectors names what they would need.
    @Test func wardSaysWhenTheMatrixDoesNotFit() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let noise = folder.appendingPathComponent("noise.csv").path
        var generator = SeededGenerator(seed: 11)
        func coordinate() -> Double { Double(generator.next() >> 11) / Double(1 << 53) }
        let lines = (0..<3000).map { i in "r\(i)," + (0..<16).map { _ in "\(coordinate())" }.joined(separator: ",") }
        try (["id," + (0..<16).map { "x\($0)" }.joined(separator: ",")] + lines).joined(separator: "\n")
            .write(toFile: noise, atomically: true, encoding: .utf8)
        let free = try runTendency(["cluster", noise, "--method", "ward", "--json"])
        #expect(free.status == 0 && free.stdout.contains("exact, distance matrix"), "\(free.stdout)")
        let limited = try runTendency(["cluster", noise, "--method", "ward", "--memory-limit", "40M", "--json"])
        #expect(limited.status == 0 && limited.stdout.contains("memory-linear"), "\(limited.stdout)")
        // The condensed distances (51 MiB) do not fit either, and that is what is said.
        #expect(limited.stderr.contains("the distance matrix needs about 51 MiB, more than the 40 MiB available: clustering the feature vectors directly"),
                "\(limited.stderr)")
        let tiny = try runTendency(["cluster", noise, "--method", "single", "--memory-limit", "64K"])
        #expect(tiny.status != 0)
        #expect(tiny.stderr.contains("on their feature vectors (") && !tiny.stderr.contains("--float32"), "\(tiny.stderr)")
    }

    /// Memory planning (40 rows of 6 columns: the distance path needs 25-38 KB
    /// with one or two cores, the square matrix 13 KB beside 6 KB of data, the
    /// feature vectors 8 KB): a distance matrix that does not fit is refused with
    /// what would fit; Ward falls back to the exact memory-linear path; the
    /// two-stage mode is labelled as approximate.
    @Test func memoryPlanning() throws {
        let data = Self.reference.appendingPathComponent("data-continuous.csv").path
        let refused = try runTendency(["cluster", data, "--memory-limit", "4K"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("needs about") && refused.stderr.contains("--micro-clusters"))

        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let linear = folder.appendingPathComponent("ward.csv").path
        let ward = try runTendency(["cluster", data, "--method", "ward", "--memory-limit", "24K", "--linkage-out", linear, "--json"])
        #expect(ward.status == 0, "\(ward.stderr)")
        #expect(ward.stdout.contains("memory-linear"))
        let scipy = try readLinkage(Self.reference.appendingPathComponent("linkage-continuous-euclidean-ward.csv").path)
        for (a, b) in zip(try readLinkage(linear).merges, scipy.merges) {
            #expect(a.a == b.a && a.b == b.b && abs(a.height - b.height) <= 1e-9 * b.height)
        }

        // 3,000 rows of 66 columns (more than Ward takes on the feature
        // vectors first): the condensed distances (36 MB) and the kernel's
        // tiles fit in 60M, the square working matrix (72 MB) does not, so
        // Ward takes the memory-linear path, with the distance path's linkage.
        let many = folder.appendingPathComponent("many.csv").path
        var generator = SeededGenerator(seed: 5)
        func coordinate() -> Double { Double(generator.next() >> 11) / Double(1 << 53) * 100 }
        let lines = (0..<3000).map { i in "r\(i)," + (0..<66).map { _ in "\(coordinate())" }.joined(separator: ",") }
        let header = "id," + (0..<66).map { "x\($0)" }.joined(separator: ",")
        try ([header] + lines).joined(separator: "\n").write(toFile: many, atomically: true, encoding: .utf8)
        let squareOut = folder.appendingPathComponent("square.csv").path
        let square = try runTendency(["cluster", many, "--method", "ward", "--linkage-out", squareOut, "--json"])
        #expect(square.status == 0 && square.stdout.contains("exact, distance matrix"), "\(square.stderr)")
        let limitedOut = folder.appendingPathComponent("limited.csv").path
        let limited = try runTendency(["cluster", many, "--method", "ward", "--memory-limit", "60M", "--linkage-out", limitedOut, "--json"])
        #expect(limited.status == 0 && limited.stdout.contains("memory-linear"), "\(limited.stderr)")
        #expect(limited.stderr.contains("working matrix does not fit") || limited.stderr.contains("needs about"), "\(limited.stderr)")
        for (a, b) in zip(try readLinkage(limitedOut).merges, try readLinkage(squareOut).merges) {
            #expect(a.a == b.a && a.b == b.b && abs(a.height - b.height) <= 1e-9 * b.height)
        }
        // Average has no memory-linear path: the condensed layout, said so, the
        // same merges (its distances come in other row blocks: last bits may differ).
        let averageOut = folder.appendingPathComponent("average.csv").path
        let average = try runTendency(["cluster", many, "--linkage-out", averageOut])
        let condensedOut = folder.appendingPathComponent("average-condensed.csv").path
        let condensed = try runTendency(["cluster", many, "--memory-limit", "60M", "--linkage-out", condensedOut])
        #expect(average.status == 0 && condensed.status == 0, "\(condensed.stderr)")
        #expect(!average.stderr.contains("condensed distances"))
        #expect(condensed.stderr.contains("linking in the condensed distances") && condensed.stderr.contains("--float32"),
                "\(condensed.stderr)")
        for (a, b) in zip(try readLinkage(condensedOut).merges, try readLinkage(averageOut).merges) {
            #expect(a.a == b.a && a.b == b.b && abs(a.height - b.height) <= 1e-12 * b.height)
        }

        let assignments = folder.appendingPathComponent("a.csv").path
        let twoStage = try runTendency(["cluster", data, "--micro-clusters", "12", "--k", "3", "--assignments-out", assignments])
        #expect(twoStage.status == 0, "\(twoStage.stderr)")
        #expect(twoStage.stderr.contains("two-stage mode (approximate)"))
        let rows = try String(contentsOfFile: assignments, encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(rows.count == 40)
        let exact = try runTendency(["cluster", data, "--k", "3", "--assignments-out", assignments])
        #expect(exact.status == 0)
        let exactRows = try String(contentsOfFile: assignments, encoding: .utf8).split(separator: "\n").dropFirst()
        let approximate = rows.map { Int($0.split(separator: ",")[1])! }, reference = exactRows.map { Int($0.split(separator: ",")[1])! }
        #expect(try AdjustedRandIndex.compute(approximate, reference) >= 0.9)
    }

    @Test func missingValuesWithGowerOrImputation() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("gaps.csv")
        try Data("id,a,b,c\nr1,1,,3\nr2,2,5,\nr3,,6,1\nr4,4,4,4\n".utf8).write(to: file)
        #expect(try runTendency(["cluster", file.path, "--metric", "gower", "--k", "2"]).status == 0)
        #expect(try runTendency(["cluster", file.path, "--impute", "mean", "--k", "2"]).status == 0)
    }

    /// Single precision keeps about 7 digits: three groups 3 apart near 1e8
    /// stay three groups with --float32 because the columns are centred in
    /// double first (Euclidean distances do not change under a shift).
    @Test func float32KeepsDataFarFromTheOrigin() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var g = SeededGenerator(seed: 7)
        var text = "id,x,y\n"
        for group in 0..<3 {
            for i in 0..<10 {
                let jitter = { (Double(g.nextIndex(below: 1000)) - 500) / 10_000 }
                text += "r\(group)_\(i),\(1e8 + 3 * Double(group) + jitter()),\(1e8 + jitter())\n"
            }
        }
        let data = folder.appendingPathComponent("far.csv")
        try Data(text.utf8).write(to: data)
        for precision in [[], ["--float32"]] {
            let out = folder.appendingPathComponent("a\(precision.count).csv").path
            let run = try runTendency(["cluster", data.path, "--k", "3", "--assignments-out", out, "--quiet"] + precision)
            #expect(run.status == 0, "\(run.stderr)")
            let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").dropFirst()
            let labelOf = Dictionary(uniqueKeysWithValues: lines.map { line in
                let cells = line.split(separator: ",")
                return (String(cells[0]), Int(cells[1])!)
            })
            for group in 0..<3 {
                #expect(Set((0..<10).map { labelOf["r\(group)_\($0)"]! }).count == 1, "\(precision) group \(group)")
            }
            #expect(Set(labelOf.values).count == 3, "\(precision)")
        }
    }

    /// Cosine and correlation ignore a row's scale (and correlation its
    /// offset), so `--float32` scales rows in double precision first: rows of
    /// values near 1e-320, which round to zeros in single precision, and rows
    /// that differ from a constant by 1e-9 keep their direction, and the tree
    /// is the double-precision one.
    @Test func float32KeepsTheDirectionOfTinyRows() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = ["a,1e-320,2e-320,0", "b,2e-320,4.1e-320,1e-321", "c,0,1e-320,3e-320", "d,1e-321,2e-320,6e-320",
                    "e,3e-320,1e-320,1e-320"]
        let shifted = ["a,1,1.000000001,1", "b,1,1.000000002,1.000000001", "c,1,1,1.000000003", "d,1,1.000000001,1.000000006",
                       "e,1.000000003,1.000000001,1.000000001"]
        for (name, metric, body) in [("tiny", "cosine", rows), ("shifted", "correlation", shifted)] {
            let data = folder.appendingPathComponent("\(name).csv")
            try Data((["id,x,y,z"] + body).joined(separator: "\n").utf8).write(to: data)
            var linkages: [String] = []
            for precision in [[], ["--float32"]] {
                let out = folder.appendingPathComponent("\(name)\(precision.count).csv").path
                let run = try runTendency(["cluster", data.path, "--metric", metric, "--method", "average",
                                           "--linkage-out", out, "--quiet"] + precision)
                #expect(run.status == 0, "\(name) \(precision): \(run.stderr)")
                linkages.append((try? String(contentsOfFile: out, encoding: .utf8)) ?? "")
            }
            let (double, single) = (try Linkage(csv: linkages[0], file: "double"), try Linkage(csv: linkages[1], file: "single"))
            for (a, b) in zip(double.merges, single.merges) {
                #expect(a.a == b.a && a.b == b.b && abs(a.height - b.height) <= 1e-6, "\(name): \(a) vs \(b)")
            }
        }
    }
}
