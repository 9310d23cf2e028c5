import Foundation
import Testing

/// Outputs never take the place of what they should not: an input, another
/// output of the same run, or the folder the user stands in. Each refusal
/// comes before any work, exits non-zero and leaves every file as it was.
@Suite struct OutputSafetyTests {
    static let survey = "member,q1,q2,q3\nm1,5,1,1\nm2,4,,2\nm3,5,0,3\nm4,1,-1,30\nm5,2,0,35\nm6,1,1,33\n"
    static let cluster = "id,x,y\na,1,2\nb,3,4\nc,5,7\n"

    /// A scratch folder holding survey.csv, its spec and data.csv.
    static func scratch() throws -> URL {
        let folder = try temporaryFolder()
        try Data(survey.utf8).write(to: folder.appendingPathComponent("survey.csv"))
        try FileManager.default.copyItem(atPath: domainFixture("survey-spec.yaml"),
                                         toPath: folder.appendingPathComponent("spec.yaml").path)
        try Data(cluster.utf8).write(to: folder.appendingPathComponent("data.csv"))
        return folder
    }

    /// Every file under `folder` with its bytes.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
            let url = folder.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue {
                files[name] = try Data(contentsOf: url)
            }
        }
        return files
    }

    static let analyze = ["analyze", "--survey", "survey.csv", "--survey-spec", "spec.yaml", "--bootstrap", "5", "--quiet"]

    static let refusals: [(arguments: [String], message: String)] = [
        (analyze + ["--out", ".", "--force"], "is the current folder or holds it"),
        (analyze + ["--out", "", "--force"], "the output folder is empty"),
        (analyze + ["--out", "..", "--force"], "is the current folder or holds it"),
        (analyze + ["--out", "./sub/..", "--force"], "is the current folder or holds it"),
        (analyze + ["--out", "o", "--pseudonymize", "--key-out", "./survey.csv"], "is an input of this run"),
        (["cluster", "data.csv", "--linkage-out", "z.csv", "--newick-out", "./z.csv"], "each output needs a file of its own"),
        (["cluster", "data.csv", "--linkage-out", "data.csv"], "is an input of this run"),
        (["cluster", "data.csv", "--k", "2", "--assignments-out", "./sub/../data.csv"], "is an input of this run"),
        (["generate-example", "--out", ".", "--force"], "is the current folder or holds it"),
        (["generate-example", "--out", "data.csv/sub"], "data.csv is a file, not a folder"),
        (["cluster", "data.csv", "--linkage-out", "/dev/null"], "is not a regular file"),
        (["cluster", "data.csv", "--linkage-out", "sub"], "is a folder; expected a file path to write"),
        (["cluster", "data.csv", "--pseudonymize", "--linkage-out", ".tendency-salt"], "is an input of this run"),
        (analyze + ["--out", "o", "--pseudonymize", "--salt", "s", "--key-out", "k.csv", "--k", "5"], "--k 5 asks for more tendencies"),
        (analyze + ["--out", "o", "--pseudonymize", "--key-out", "nowhere/k.csv"], "the folder"),
        (["cluster", "data.csv", "--pseudonymize", "--key-out", "nowhere/k.csv", "--linkage-out", "l.csv"], "nowhere does not exist"),
        (analyze + ["--out", String(repeating: "o", count: 232)], "the name is 232 bytes long; outputs take at most 231"),
        (["cluster", "data.csv", "--linkage-out", String(repeating: "l", count: 240)], "the name is 240 bytes long"),
    ]

    /// A run whose outputs fail only as they are written (here: in /proc,
    /// which takes no new files or folders, even from root) leaves
    /// everything as it was: no output, no key, no new salt file.
    @Test(arguments: [
        analyze + ["--out", "/proc/tendency-out", "--pseudonymize", "--key-out", "k.csv", "--k", "2"],
        analyze + ["--out", "o", "--pseudonymize", "--key-out", "/proc/tendency-key.csv", "--k", "2"],
        ["cluster", "data.csv", "--pseudonymize", "--key-out", "k.csv", "--linkage-out", "/proc/tendency-linkage.csv"],
    ])
    func failedWritesLeaveNothing(_ arguments: [String]) throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Self.snapshot(folder)
        let run = try runTendency(arguments, in: folder)
        #expect(run.status != 0)
        #expect(run.stderr.hasPrefix("Error: "), "\(run.stderr)")
        #expect(try Self.snapshot(folder) == before, "a file changed or appeared")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["data.csv", "spec.yaml", "survey.csv"])
    }

    @Test(arguments: refusals.indices)
    func refusedBeforeAnyWork(_ index: Int) throws {
        let (arguments, message) = Self.refusals[index]
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: false)
        try Data("keep".utf8).write(to: folder.appendingPathComponent("z.csv"))
        let before = try Self.snapshot(folder)
        let run = try runTendency(arguments, in: folder)
        #expect(run.status != 0)
        #expect(run.stderr.hasPrefix("Error: "), "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(try Self.snapshot(folder) == before, "a file changed or appeared")
    }

    /// An output folder that holds an input is refused even with --force.
    @Test func folderHoldingAnInputIsRefused() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Self.snapshot(folder)
        let run = try runTendency(["analyze", "--survey", folder.appendingPathComponent("survey.csv").path,
                                   "--survey-spec", folder.appendingPathComponent("spec.yaml").path,
                                   "--out", folder.path, "--force", "--quiet"])
        #expect(run.status != 0)
        #expect(run.stderr.contains("holds the input"), "\(run.stderr)")
        #expect(try Self.snapshot(folder) == before)
    }

    /// The same command with a folder of its own runs, and --force then replaces it.
    @Test func aFolderOfItsOwnIsWrittenAndReplaced() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        for _ in 0..<2 {
            let run = try runTendency(Self.analyze + ["--out", "out", "--k", "2", "--force"], in: folder)
            #expect(run.status == 0, "\(run.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/report.html").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("survey.csv").path))
    }

    /// `..` after a linked folder goes where the kernel goes, not where the
    /// text suggests: the output below is the input itself.
    @Test func dotDotAfterALinkIsResolvedAsTheKernelDoes() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fm = FileManager.default
        try fm.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: false)
        let elsewhere = folder.appendingPathComponent("elsewhere")
        try fm.createDirectory(at: elsewhere, withIntermediateDirectories: false)
        try fm.createSymbolicLink(atPath: elsewhere.appendingPathComponent("L").path, withDestinationPath: "../sub")
        let before = try Self.snapshot(folder)
        // From `elsewhere`, L/.. is the scratch folder (L -> ../sub), so L/../data.csv and ../data.csv are one file.
        let run = try runTendency(["cluster", "L/../data.csv", "--linkage-out", "../data.csv"], in: elsewhere)
        #expect(run.status != 0)
        #expect(run.stderr.contains("is an input of this run"), "\(run.stderr)")
        let folderRun = try runTendency(["analyze", "--survey", "L/../survey.csv", "--survey-spec", "L/../spec.yaml",
                                         "--out", "..", "--force", "--quiet"], in: elsewhere)
        #expect(folderRun.status != 0)
        #expect(try Self.snapshot(folder) == before)
    }

    /// An output that is a symbolic link is written through, to the file
    /// or folder it names; the link stays a link.
    @Test func linksAreWrittenThrough() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fm = FileManager.default
        try fm.createDirectory(at: folder.appendingPathComponent("keep"), withIntermediateDirectories: false)
        try Data("old".utf8).write(to: folder.appendingPathComponent("keep/target.csv"))
        try fm.createSymbolicLink(atPath: folder.appendingPathComponent("z.csv").path, withDestinationPath: "keep/target.csv")
        try fm.createDirectory(at: folder.appendingPathComponent("reports"), withIntermediateDirectories: false)
        try fm.createSymbolicLink(atPath: folder.appendingPathComponent("latest").path, withDestinationPath: "reports")
        let run = try runTendency(["cluster", "data.csv", "--linkage-out", "z.csv", "--quiet"], in: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try fm.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("z.csv").path) == "keep/target.csv")
        #expect(try String(contentsOf: folder.appendingPathComponent("keep/target.csv"), encoding: .utf8).hasPrefix("a,b,height,size\n"))
        let analysis = try runTendency(Self.analyze + ["--out", "latest", "--k", "2", "--force"], in: folder)
        #expect(analysis.status == 0, "\(analysis.stderr)")
        #expect(try fm.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("latest").path) == "reports")
        #expect(fm.fileExists(atPath: folder.appendingPathComponent("reports/report.html").path))
    }

    /// An output naming one of the process's own streams is written to it:
    /// with stdout appended to a log, the log keeps what it held and what
    /// follows (it was replaced by a renamed file); through a pipe, the
    /// linkage arrives on the pipe.
    @Test func ownStreamsAreWrittenTo() throws {
        let folder = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("log.txt")
        try Data("keep me\n".utf8).write(to: log)
        let appended = try runTendencyInBash(#"( "$0" cluster "$1" --quiet --linkage-out /dev/stdout; echo after ) >> "$2""#,
                                             [folder.appendingPathComponent("data.csv").path, log.path])
        #expect(appended.status == 0, "\(appended.stderr)")
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(text.hasPrefix("keep me\na,b,height,size\n") && text.hasSuffix("after\n"), "\(text)")
        let piped = try runTendency(["cluster", "data.csv", "--quiet", "--linkage-out", "/dev/stdout"], in: folder)
        #expect(piped.status == 0 && piped.stdout.hasPrefix("a,b,height,size\n"), "\(piped.stderr)")
        let twice = try runTendency(["cluster", "data.csv", "--quiet", "--linkage-out", "/dev/stdout", "--newick-out", "/proc/self/fd/1"], in: folder)
        #expect(twice.status != 0 && twice.stderr.contains("each output needs a file of its own"))
    }
}
