import Foundation
import Testing
@testable import TendencyCore

/// `PassPartner` must run every part of every pass exactly once, whichever
/// thread claims it, also after the partner has gone to sleep between passes.
@Suite struct PassPartnerTests {
    /// Counts the runs of each part, on whichever thread.
    final class CountingPass: PartedPass, @unchecked Sendable {
        let runs = UnsafeMutablePointer<Int>.allocate(capacity: 4096)
        init() { runs.initialize(repeating: 0, count: 4096) }
        deinit { runs.deallocate() }
        func runPart(_ part: Int) {
            // Some work, so both threads get parts.
            var x = Double(part)
            for _ in 0..<200 { x = (x * 1.000001).squareRoot() + 1 }
            runs[part] += x > 0 ? 1 : 0
        }
    }

    @Test func everyPartRunsOnceInEveryPass() {
        let pass = CountingPass()
        let partner = PassPartner(pass, stepsAside: false)
        defer { partner.stop() }
        for round in 0..<2000 {
            let parts = [0, 1, 2, 3, 17, 64, 1000][round % 7]
            pass.runs.update(repeating: 0, count: 4096)
            partner.run(parts: parts)
            #expect((0..<4096).allSatisfy { pass.runs[$0] == ($0 < parts ? 1 : 0) }, "round \(round), \(parts) parts")
        }
    }

    @Test func passesAfterThePartnerSleptStillRunEveryPart() {
        let pass = CountingPass()
        let partner = PassPartner(pass, stepsAside: false)
        defer { partner.stop() }
        for round in 0..<6 {
            // Longer than the partner's polling spell: it goes to sleep.
            Thread.sleep(forTimeInterval: 0.02)
            pass.runs.update(repeating: 0, count: 4096)
            partner.run(parts: 100 + round)
            #expect((0..<4096).allSatisfy { pass.runs[$0] == ($0 < 100 + round ? 1 : 0) }, "round \(round)")
        }
    }

    @Test func stopEndsAnIdleOrSleepingPartner() {
        for wait in [0.0, 0.02] {
            let pass = CountingPass()
            let partner = PassPartner(pass, stepsAside: false)
            Thread.sleep(forTimeInterval: wait)
            partner.stop()
        }
    }
}

/// The cores the process may use: Foundation's count, capped by the CPU
/// affinity mask, which Foundation does not read (`taskset`).
@Suite struct ProcessorCountTests {
    @Test func activeCoresRespectTheAffinityMask() throws {
        #if os(Linux)
        let affinity = try #require(ProcessorCount.affinityCount)
        // /proc/self/status lists the same mask, e.g. "Cpus_allowed_list:\t0-1".
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") })
        let listed = line.split(separator: "\t").last!.split(separator: ",").map { range -> Int in
            let ends = range.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            return ends.count == 2 ? ends[1] - ends[0] + 1 : 1
        }.reduce(0, +)
        #expect(affinity == listed)
        #endif
        #expect(ProcessorCount.active >= 1)
        #expect(ProcessorCount.active <= min(ProcessInfo.processInfo.activeProcessorCount, ProcessorCount.affinityCount ?? .max))
    }
}
