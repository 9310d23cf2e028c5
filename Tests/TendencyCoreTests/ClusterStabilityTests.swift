import Testing
@testable import TendencyCore

@Suite struct ClusterStabilityTests {
    /// Hand-worked: clusters {0,1,2} (label 0), {3,4,5} (label 1), {6} (label 7, never drawn).
    @Test func handWorkedJaccardAndSupport() throws {
        let original = [0, 0, 0, 1, 1, 1, 7]
        let resamples = [
            // Identity on 0...5 with renamed labels: both clusters recovered, J = 1.
            ClusterStability.Resample(indices: [0, 1, 2, 3, 4, 5], labels: [5, 5, 5, 9, 9, 9]),
            // 0 and 4 drawn twice, 2 and 5 absent; 0's first draw (label 1) counts.
            // Restricted: {0,1} vs {0,1} and {3,4} vs {3,4}: J = 1, 1.
            ClusterStability.Resample(indices: [0, 0, 1, 3, 4, 4], labels: [1, 2, 1, 2, 2, 2]),
            // Point 2 moves: D0 = {0,1}, D1 = {2,3,4,5}.
            // C0: J(D0) = 2/3, J(D1) = 1/6 -> 2/3 (best D0); C1: J(D1) = 3/4.
            ClusterStability.Resample(indices: [0, 1, 2, 3, 4, 5], labels: [0, 0, 1, 1, 1, 1]),
            // Only 0 and 1: C0 restricted {0,1} recovered (J = 1); C1 absent.
            ClusterStability.Resample(indices: [1, 0], labels: [3, 3]),
        ]
        let stability = try ClusterStability(original: original, resamples: resamples)
        #expect(stability.clusters == [0, 1, 7])
        #expect(stability.resamplesPresent == [4, 3, 0])
        #expect(close(try #require(stability.meanJaccard[0]), (1 + 1 + 2.0 / 3 + 1) / 4, 1e-15))
        #expect(close(try #require(stability.meanJaccard[1]), (1 + 1 + 0.75) / 3, 1e-15))
        #expect(stability.meanJaccard[2] == nil)
        #expect(stability.timesDrawn == [4, 4, 2, 3, 3, 2, 0])
        #expect(stability.support[0] == 1 && stability.support[1] == 1 && stability.support[3] == 1)
        #expect(stability.support[2] == 0.5)  // left its cluster's best match once in two draws
        #expect(stability.support[6] == nil)
    }

    /// Equal Jaccard for two resample clusters: the lower label is the best match.
    @Test func tiesGoToTheLowestLabel() throws {
        let stability = try ClusterStability(
            original: [0, 0, 1, 1],
            resamples: [.init(indices: [0, 1, 2, 3], labels: [8, 2, 5, 5])])
        #expect(stability.meanJaccard[0] == 0.5 && stability.meanJaccard[1] == 1)
        #expect(stability.support == [0, 1, 1, 1])
    }

    @Test func rejectsInconsistentResamples() {
        #expect(throws: StatisticsError.self) {
            try ClusterStability(original: [0, 1], resamples: [.init(indices: [0, 1], labels: [0])])
        }
        #expect(throws: StatisticsError.self) {
            try ClusterStability(original: [0, 1], resamples: [.init(indices: [0, 2], labels: [0, 0])])
        }
        #expect(throws: StatisticsError.self) {
            try ClusterStability(original: [0, 1], resamples: [.init(indices: [-1], labels: [0])])
        }
    }
}
