import Foundation
import Testing
import TendencyCore

/// Analyses that would give an empty or meaningless answer are refused with
/// a message that says why, and write nothing.
@Suite struct AnalysisRefusalTests {
    static let analyze = ["analyze", "--survey", "survey.csv", "--survey-spec", "spec.yaml", "--out", "out", "--quiet"]

    static let cases: [(arguments: [String], survey: String?, message: String)] = [
        (analyze + ["--k", "3"], nil, "--k 3 asks for more tendencies than 6 members can fill: a tendency needs at least 3 members, so at most 2"),
        (analyze + ["--k", "2", "--bootstrap", "5"], "member,q1,q2,q3\nm1,3,1,1\nm2,3,,2\nm3,3,0,3\nm4,3,-1,30\nm5,3,0,35\nm6,5,1,33\n",
         "--k 2: no cut of the tree gives 2 tendencies of at least 3 members each"),
        (analyze + ["--bootstrap", "0"], nil, "--bootstrap 0 leaves no resamples"),
        (analyze, "member,q1,q2,q3\nm1,5,1,1\nm2,4,0,4\n", "survey.csv: 2 members with an answer to analyse; the analysis needs at least 3"),
        (analyze + ["--bootstrap", "4611686018427387904"], nil, "--bootstrap must be at most 10000"),
        (analyze + ["--k", "-1"], nil, "--k must be at least 1"),
        (analyze + ["--max-k", "-2"], nil, "--max-k must be at least 1"),
        (analyze + ["--components", "5"], nil, "--components 5 is more than the answers allow: 1 feature column and 6 members give at most 1"),
        (analyze + ["--metric", "jaccard"], nil, "--metric jaccard needs 0/1 data"),
        (analyze + ["--metric", "dice"], nil, "--metric dice needs 0/1 data"),
        (analyze + ["--components", "1", "--metric", "cosine"], nil, "--components compares members by Euclidean distance"),
        (analyze + ["--method", "ward", "--metric", "sqeuclidean"], nil, "--method ward is defined by Euclidean geometry"),
        (analyze, "member,q1,q2,q3\nm1,,1,1\nm2,,,2\nm3,,0,3\nm4,,-1,30\n", "no member answered any element or item with the orientation role"),
        (analyze + ["--k", "2"], "member,q1,q2,q3\nm1,4,1,1\nm2,4,,2\nm3,,0,3\nm4,4,-1,30\nm5,4,1,3\nm6,4,0,2\n",
         "every member gave the same answers to every element or item with the orientation role"),
        (["analyze", "--survey", "survey.csv", "--survey-spec", "context.yaml", "--out", "out"], nil,
         "nothing to form tendencies from: no element or item has the orientation role (leanings take part only with --include-leanings); roles and weights are set in context.yaml"),
        (["analyze", "--codebook", domainFixture("codebook.yaml"), "--codings", domainFixture("codings.csv"),
          "--survey", "survey.csv", "--survey-spec", "spec.yaml", "--out", "out"],
         "member,q1,q2,q3\nx1,5,1,1\nx2,4,,2\nx3,1,0,3\n", "no member of this survey appears in"),
    ]

    /// A survey item named like a codebook element would give two questions
    /// one id in every output: refused at the item's id in the spec.
    @Test func itemNamedLikeAnElementIsRefused() throws {
        let folder = try OutputSafetyTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try String(contentsOf: folder.appendingPathComponent("spec.yaml"), encoding: .utf8)
        try Data(spec.replacingOccurrences(of: "- id: q1", with: "- id: bloc").utf8).write(to: folder.appendingPathComponent("clash.yaml"))
        let run = try runTendency(["analyze", "--codebook", domainFixture("codebook.yaml"), "--codings", domainFixture("codings.csv"),
                                   "--survey", "survey.csv", "--survey-spec", "clash.yaml", "--out", "out", "--quiet"], in: folder)
        #expect(run.status != 0)
        #expect(run.stderr.hasPrefix("Error: clash.yaml:2:9: item id \"bloc\" is also the id of a codebook element"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }

    static let malformed = packageRoot.path + "/Fixtures/malformed/"

    /// Option values a user may well type: no limit at all, a negative
    /// number (read as the option's value, then refused by its range).
    @Test func extremeOptionValues() throws {
        let folder = try OutputSafetyTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let unlimited = try runTendency(["cluster", "data.csv", "--max-input-bytes", String(Int.max), "--quiet"], in: folder)
        #expect(unlimited.status == 0, "\(unlimited.stderr)")
        // Values beyond single precision's range (6.8e200): --float32 scales them by a power of
        // two first, so the far row's height is right to single precision (the double path's
        // squares overflow, and say so), and a 0/1 metric quotes the value as the file has it.
        let beyondFile = Self.malformed + "cluster/beyond-float32.csv"
        let out = folder.appendingPathComponent("beyond.csv").path
        let single = try runTendency(["cluster", beyondFile, "--linkage-out", out, "--quiet", "--float32"])
        #expect(single.status == 0, "\(single.stderr)")
        let last = try #require(try Linkage(csv: String(contentsOfFile: out, encoding: .utf8), file: out).merges.last)
        #expect(abs(last.height - 6.8e200) <= 1e-6 * 6.8e200, "\(last)")
        let double = try runTendency(["cluster", beyondFile, "--quiet"])
        #expect(double.status == 1 && double.stderr.contains("too large for double precision"), "\(double.stderr)")
        // A negative inconsistency threshold is a threshold (centroid trees have negative
        // coefficients; SciPy's fcluster takes it): below every coefficient, every row apart.
        let negative = try runTendency(["cluster", "data.csv", "--method", "centroid", "--inconsistent", "-0.5", "--json"], in: folder)
        #expect(negative.status == 0 && negative.stdout.contains("\"clusterSizes\":[1,1,1"), "\(negative.stdout)\(negative.stderr)")
        let binary = try runTendency(["cluster", beyondFile, "--float32", "--metric", "jaccard"])
        #expect(binary.status == 1 && binary.stderr.contains("6.8e+200") && binary.stderr.contains(":2:"), "\(binary.stderr)")
        for (arguments, message) in [(["--height", "-1"], "--height must be a finite number >= 0"),
                                     (["--k", "-3"], "--k must be at least 1"),
                                     (["--memory-limit", "0"], "--memory-limit must be more than 0"),
                                     (["--height", "0x1p1"], "expected a finite number in decimal notation, found \"0x1p1\""),
                                     (["--inconsistent", "nan"], "expected a finite number in decimal notation, found \"nan\"")] {
            let run = try runTendency(["cluster", "data.csv"] + arguments, in: folder)
            #expect(run.status != 0 && run.stderr.contains(message), "\(run.stderr)")
        }
    }

    @Test(arguments: cases.indices)
    func refusedWithAReason(_ index: Int) throws {
        let (arguments, survey, message) = Self.cases[index]
        let folder = try OutputSafetyTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        if let survey { try Data(survey.utf8).write(to: folder.appendingPathComponent("survey.csv")) }
        let spec = try String(contentsOf: folder.appendingPathComponent("spec.yaml"), encoding: .utf8)
        try Data(spec.replacingOccurrences(of: "role: orientation", with: "role: context").utf8)
            .write(to: folder.appendingPathComponent("context.yaml"))
        let run = try runTendency(arguments, in: folder)
        #expect(run.status != 0)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        // Options that are wrong whatever the data are usage errors (64, with the usage line),
        // found before any input is read; what the options ask of these data is refused with 1.
        let optionsAlone = ["--bootstrap must", "--bootstrap 0", "--k must", "--max-k must", "needs 0/1 data",
                            "--components compares", "is defined by Euclidean geometry"].contains { message.hasPrefix($0) || message.contains($0) }
        #expect(run.status == (optionsAlone ? 64 : 1), "\(run.stderr)")
        #expect(run.stderr.contains("Usage:") == optionsAlone, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }

    /// A kernel's complaint names the row by its id, not by a 0-based index.
    @Test func clusterNamesTheRow() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("d.csv")
        try Data("id,x,y,z\nalpha,1,2,3\nbeta,4,4,4\ngamma,1,0,2\n".utf8).write(to: data)
        let run = try runTendency(["cluster", data.path, "--metric", "correlation"])
        #expect(run.status != 0)
        #expect(run.stderr == "Error: \(data.path):3: row \"beta\" is constant: its correlation distance to any row is undefined\n")
    }

    /// A cell the metric cannot take is located by its row's line (the
    /// rows' order as pseudonymised, too) and named by its column; a pair of
    /// rows by the first's line, the second's in the message.
    @Test func clusterLocatesRowsFoundAfterParsing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let binary = folder.appendingPathComponent("b.csv")
        try Data("id,x,y\n\nalpha,1,0\nbeta,0,2\ngamma,1,1\n".utf8).write(to: binary)
        for extra in [[], ["--pseudonymize"]] {
            let run = try runTendency(["cluster", binary.path, "--metric", "jaccard"] + extra)
            #expect(run.status != 0)
            #expect(run.stderr == "Error: \(binary.path):4: value 2.0 at row \"beta\", column \"y\": the jaccard distance needs 0/1 data\n")
        }
        // Under --float32 the value is quoted as the file has it, not rounded to single precision.
        let precise = folder.appendingPathComponent("p.csv")
        try Data("id,x,y\na,1,0\nb,0,0.1234567891234\nc,1,1\n".utf8).write(to: precise)
        let single = try runTendency(["cluster", precise.path, "--metric", "jaccard", "--float32"])
        #expect(single.stderr == "Error: \(precise.path):3: value 0.1234567891234 at row \"b\", column \"y\": the jaccard distance needs 0/1 data\n")
        let gower = folder.appendingPathComponent("g.csv")
        try Data("id,x,y\nalpha,1,\nbeta,,2\ngamma,1,1\n".utf8).write(to: gower)
        let run = try runTendency(["cluster", gower.path, "--metric", "gower"])
        #expect(run.status != 0)
        #expect(run.stderr == "Error: \(gower.path):2: row \"alpha\" and row \"beta\" (line 3) have no column where both have a value: their gower distance is undefined\n")
    }

    /// The two-stage mode on rows that are all alike says so instead of failing inside the linkage.
    @Test func twoStageOnIdenticalRows() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("same.csv")
        try Data(("id,x,y\n" + (1...50).map { "r\($0),1,2\n" }.joined()).utf8).write(to: data)
        let run = try runTendency(["cluster", data.path, "--micro-clusters", "5", "--quiet"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("into one micro-cluster"), "\(run.stderr)")
        #expect(!run.stderr.contains("Usage:"))
        let exact = try runTendency(["cluster", data.path, "--quiet"])
        #expect(exact.status == 0, "\(exact.stderr)")
    }

    /// Two-stage mode refuses 0/1 metrics (its centres are not 0/1) and
    /// values whose squared distances overflow.
    @Test func twoStageRefusals() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let big = folder.appendingPathComponent("big.csv")
        try Data(("id,x,y\n" + (1...30).map { "r\($0),\($0 % 2 == 0 ? "" : "-")1e155,\($0)\n" }.joined()).utf8).write(to: big)
        let overflow = try runTendency(["cluster", big.path, "--micro-clusters", "3"])
        #expect(overflow.status != 0)
        #expect(overflow.stderr.contains("too large for the k-means arithmetic"), "\(overflow.stderr)")
        let binary = try runTendency(["cluster", packageRoot.path + "/Fixtures/reference/cluster/data-binary.csv",
                                      "--micro-clusters", "5", "--metric", "jaccard"])
        #expect(binary.status != 0)
        #expect(binary.stderr.contains("which are not 0/1 data"), "\(binary.stderr)")
        let all = try runTendency(["cluster", packageRoot.path + "/Fixtures/reference/cluster/data-continuous.csv",
                                   "--micro-clusters", "1000"])
        #expect(all.status != 0)
        #expect(all.stderr.contains("is not fewer than the"), "\(all.stderr)")
    }

    /// Members who answered no question that forms tendencies are left out
    /// and named in the notes, not placed by default distances.
    @Test func membersWithoutOrientationAnswersAreLeftOut() throws {
        let folder = try OutputSafetyTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        // q1 forms tendencies (the domain spec); n1 and n2 answer only q2 (a leaning) and q3 (context).
        try Data((OutputSafetyTests.survey + "n1,,1,4\nn2,,-1,\n").utf8).write(to: folder.appendingPathComponent("survey.csv"))
        let run = try runTendency(["analyze", "--survey", "survey.csv", "--survey-spec", "spec.yaml", "--out", "out",
                                   "--bootstrap", "5", "--k", "2"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("6 members: 2 candidate strategic tendencies."))
        #expect(run.stdout.contains("2 members answered none of the questions that form tendencies and are left out"))
        let assignments = try String(contentsOf: folder.appendingPathComponent("out/assignments.csv"), encoding: .utf8)
        #expect(!assignments.contains("n1") && !assignments.contains("n2") && assignments.contains("m6"))
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("out/report.json"))) as? [String: Any]
        let notes = report?["notes"] as? [String] ?? []
        #expect(notes.contains { $0.hasPrefix("2 members answered none") && $0.hasSuffix("left out: n1, n2.") }, "\(notes)")
    }

    /// Cosine and correlation take a member who answers every item at the
    /// midpoint (a row without direction) as unrelated to all, in the
    /// analysis and in its resamples.
    @Test func angularMetricsTakeMidpointAnswers() throws {
        let folder = try OutputSafetyTests.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("""
            items:
              - {id: a, text: A, scale: likert5, role: orientation}
              - {id: b, text: B, scale: likert5, role: orientation}
              - {id: c, text: C, scale: likert5, role: orientation}
            """.utf8).write(to: folder.appendingPathComponent("three.yaml"))
        var rows = "member,a,b,c\nmid,3,3,3\n"
        for i in 0..<30 { rows += "m\(i),\(1 + i % 5),\(1 + (i * 2) % 5),\(1 + (i * 3) % 5)\n" }
        try Data(rows.utf8).write(to: folder.appendingPathComponent("three.csv"))
        for metric in ["cosine", "correlation"] {
            let run = try runTendency(["analyze", "--survey", "three.csv", "--survey-spec", "three.yaml", "--out", "out-\(metric)",
                                       "--metric", metric, "--bootstrap", "10", "--quiet"], in: folder)
            #expect(run.status == 0, "\(metric): \(run.stderr)")
        }
    }

    /// A block of weight 0 takes no part: feature resamples never draw it
    /// alone (they failed at random before), and a member who answered only
    /// it is left out.
    @Test func weightZeroBlocksTakeNoPart() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("""
            items:
              - {id: q1, text: One, scale: likert5, role: orientation, weight: 0}
              - {id: q2, text: Two, scale: likert5, role: orientation}
            """.utf8).write(to: folder.appendingPathComponent("spec.yaml"))
        var rows = "member,q1,q2\nonly1,3,\n"
        for i in 0..<12 { rows += "m\(i),\(1 + (i * 3) % 5),\(i < 6 ? 1 + i % 2 : 4 + i % 2)\n" }
        try Data(rows.utf8).write(to: folder.appendingPathComponent("s.csv"))
        let run = try runTendency(["analyze", "--survey", "s.csv", "--survey-spec", "spec.yaml", "--out", "out"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("1 member answered none of the questions that form tendencies and is left out"))
        try Data(String(contentsOf: folder.appendingPathComponent("spec.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "role: orientation}", with: "role: orientation, weight: 0}").utf8)
            .write(to: folder.appendingPathComponent("spec.yaml"))
        let none = try runTendency(["analyze", "--survey", "s.csv", "--survey-spec", "spec.yaml", "--out", "out2"], in: folder)
        #expect(none.status != 0)
        #expect(none.stderr.contains("has weight 0; nothing would count"), "\(none.stderr)")
    }

    /// polis's default Ward needs Euclidean distances: with another
    /// --metric and no --method it takes average linkage instead of refusing.
    @Test func polisWithANonEuclideanMetric() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let run = try runTendency(["polis", packageRoot.path + "/Fixtures/polis/brexit-consensus", "--metric", "gower",
                                   "--bootstrap", "5", "--out", out.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as? [String: Any]
        let parameters = (report?["manifest"] as? [String: Any])?["parameters"] as? [String: String]
        #expect(parameters?["method"] == "average" && parameters?["components"] == "none")
    }
}
