import Foundation
import Synchronization
import Testing
@testable import TendencyCore
@testable import tendency_cli

/// Progress on stderr: the lines a log gets with --progress, the line a
/// terminal gets redrawn, and that neither changes an output.
@Suite struct ProgressDisplayTests {
    /// Everything a display wrote.
    final class Written: Sendable {
        private let text = Mutex("")
        var all: String { text.withLock { $0 } }
        func append(_ more: String) { text.withLock { $0 += more } }
    }

    func snapshot(_ stage: String, done: Int, total: Int, unit: String = "merges") -> WorkProgress.Snapshot {
        WorkProgress.Snapshot(stage: stage, unit: unit, done: done, total: total, number: 1, began: .now)
    }

    @Test func linesSayStageCountShareAndTime() {
        #expect(ProgressDisplay.line(snapshot("linkage", done: 12345, total: 19999), seconds: 3.14)
                == "linkage: 12,345 of 19,999 merges (61%), 3.1 s")
        #expect(ProgressDisplay.line(snapshot("linkage", done: 0, total: 19999), seconds: nil) == "linkage: 19,999 merges")
        #expect(ProgressDisplay.line(snapshot("report", done: 0, total: 0, unit: ""), seconds: 0.44) == "report, 0.4 s")
        #expect(ProgressDisplay.line(snapshot("report", done: 0, total: 0, unit: ""), seconds: nil) == "report")
        #expect(ProgressDisplay.line(snapshot("linkage", done: 0, total: 1), seconds: nil) == "linkage: 1 merge")
        #expect(ProgressDisplay.grouped(0) == "0" && ProgressDisplay.grouped(999) == "999")
        #expect(ProgressDisplay.grouped(1000) == "1,000" && ProgressDisplay.grouped(1234567) == "1,234,567")
    }

    /// A display that writes into a `Written`, its first stage begun.
    func started(interactive: Bool, width: Int? = nil,
                 _ stage: String, total: Int, unit: String) -> (ProgressDisplay, Written) {
        let written = Written()
        let display = ProgressDisplay(interactive: interactive, width: width, write: written.append)
        display.progress.begin(stage, total: total, unit: unit)
        return (display, written)
    }

    /// In a log, a line as each stage begins and one every 10 seconds.
    @Test func logLines() {
        let (display, log) = started(interactive: false, "distances", total: 300, unit: "rows")
        display.progress.advance(by: 100)
        let began = display.progress.snapshot.began
        display.tick(now: began.advanced(by: .seconds(2)))
        #expect(log.all == "distances: 300 rows\n", "nothing new within 10 seconds")
        display.tick(now: began.advanced(by: .seconds(11)))
        display.message("a note\n")
        display.progress.begin("linkage", total: 299, unit: "merges")
        display.finish()
        #expect(log.all == "distances: 300 rows\ndistances: 100 of 300 rows (33%), 11.0 s\na note\nlinkage: 299 merges\n")
    }

    /// On a terminal, the line redrawn in place, erased for a message and by
    /// `finish`, and silent after it.
    @Test func terminalLine() {
        let (live, terminal) = started(interactive: true, "resampling", total: 200, unit: "resamples")
        live.progress.advance(by: 50)
        live.tick(now: live.progress.snapshot.began.advanced(by: .milliseconds(1500)))
        live.message("a note\n")
        live.finish()
        live.progress.begin("after the end")
        #expect(terminal.all == "\rresampling: 0 of 200 resamples (0%), 0.0 s\u{1B}[K"
                + "\rresampling: 50 of 200 resamples (25%), 1.5 s\u{1B}[K"
                + "\r\u{1B}[Ka note\n")
    }

    /// On a narrow terminal the line is cut one column short of the width,
    /// since a wrapped line could not be redrawn in place.
    @Test func narrowTerminal() {
        let (short, narrow) = started(interactive: true, width: 20, "linkage", total: 19999, unit: "merges")
        short.finish()
        #expect(narrow.all == "\rlinkage: 0 of 19,99\u{1B}[K\r\u{1B}[K")
    }

    /// An interrupt leaves the last line standing, ended.
    @Test func interruptEndsTheLine() {
        let (cut, interrupted) = started(interactive: true, "linkage", total: 10, unit: "merges")
        cut.interrupted()
        cut.progress.advance()
        cut.tick()
        #expect(interrupted.all == "\rlinkage: 0 of 10 merges (0%), 0.0 s\u{1B}[K\n")
    }

    /// With --progress into a pipe: one line per stage on stderr, nothing on
    /// stdout with --quiet, and outputs byte-identical to a run without it.
    @Test func progressInALogChangesNoOutput() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = packageRoot.appendingPathComponent("Fixtures/reference/cluster/data-continuous.csv").path
        let rows = try String(contentsOfFile: data, encoding: .utf8).split(separator: "\n").count - 1
        let pairs = ProgressDisplay.grouped(rows * (rows - 1) / 2)
        for (method, stages) in [("average", ["reading", "distances: \(pairs) pairs", "linkage: \(rows - 1) merges", "writing"]),
                                 ("single", ["reading", "linkage: \(rows - 1) merges", "writing"])] {
            let plain = folder.appendingPathComponent("plain-\(method).csv").path
            let logged = folder.appendingPathComponent("logged-\(method).csv").path
            let quiet = try runTendency(["cluster", data, "--method", method, "--linkage-out", plain, "--quiet"])
            #expect(quiet.status == 0 && quiet.stderr.isEmpty, "no progress without a terminal unless asked")
            let run = try runTendency(["cluster", data, "--method", method, "--linkage-out", logged, "--quiet", "--progress"])
            #expect(run.status == 0 && run.stdout.isEmpty)
            // Lines every 10 seconds ("... of ...") come only from a slow machine.
            let lines = run.stderr.split(separator: "\n").map(String.init).filter { !$0.contains(" of ") }
            #expect(lines == stages, "\(run.stderr)")
            #expect(FileManager.default.contents(atPath: plain) == FileManager.default.contents(atPath: logged))
        }

        // The two-stage mode counts its k-means stages.
        let micro = folder.appendingPathComponent("micro.csv").path
        let twoStage = try runTendency(["cluster", data, "--micro-clusters", "10", "--linkage-out", micro, "--quiet", "--progress"])
        #expect(twoStage.status == 0, "\(twoStage.stderr)")
        let leaves = try String(contentsOfFile: micro, encoding: .utf8).split(separator: "\n").count  // n - 1 merges and the header
        #expect(twoStage.stderr.split(separator: "\n").map(String.init).filter { !$0.contains(" of ") }
                == ["reading", "k-means seeding: 10 centres", "k-means mini-batches: 100 iterations", "k-means assignment: \(rows) rows",
                    "distances", "linkage: \(leaves - 1) merges", "writing"], "\(twoStage.stderr)")

        let out = folder.appendingPathComponent("out").path, plainOut = folder.appendingPathComponent("plain").path
        let arguments = ["analyze",
            "--codebook", packageRoot.appendingPathComponent("Fixtures/codebook/strategy-toolkit.yaml").path,
            "--codings", packageRoot.appendingPathComponent("Fixtures/example/codings.csv").path, "--bootstrap", "10", "--json"]
        let analysis = try runTendency(arguments + ["--out", out, "--progress"])
        #expect(try runTendency(arguments + ["--out", plainOut]).status == 0)
        // The same outputs; the manifest records the command line as given, --progress too.
        for name in ["assignments.csv", "dendrogram.nwk", "linkage.csv"] {
            #expect(FileManager.default.contents(atPath: out + "/" + name) == FileManager.default.contents(atPath: plainOut + "/" + name))
        }
        #expect(try reportWithoutCommandLine(out) == (try reportWithoutCommandLine(plainOut)))
        #expect(analysis.status == 0 && analysis.stdout.hasPrefix("{"), "the summary stays on stdout")
        let lines = analysis.stderr.split(separator: "\n").map(String.init).filter { !$0.contains(" of ") }
        let members = try String(contentsOfFile: out + "/assignments.csv", encoding: .utf8).split(separator: "\n").count - 1
        #expect(lines == ["distances", "linkage: \(members - 1) merges", "resampling: 20 resamples",
                                             "gap statistic: 21 clusterings", "assessing candidates", "report", "writing"],
                "\(analysis.stderr)")
    }
}
