import Foundation
import TendencyCore

/// Seeded synthetic inputs shared by the benchmark suites, so every suite (and
/// every run) measures the same data. The shape mirrors `compare.py`: a
/// Gaussian mixture with 8 centres (spread 3, unit noise), which gives
/// realistic, tie-free distances.
public enum SyntheticData {
    /// n x d points from the mixture, in the requested precision
    /// (`centreSpread` 0: one centre, Gaussian noise).
    public static func points<S: BLASScalar>(n: Int, d: Int, seed: UInt64 = 7, centreSpread: Double = 3,
                                             as _: S.Type = S.self) -> Matrix<S> {
        var generator = SeededGenerator(seed: seed)
        let centres = (0..<(8 * d)).map { _ in centreSpread * generator.nextGaussian() }
        var storage = [S]()
        storage.reserveCapacity(n * d)
        for _ in 0..<n {
            let centre = Int(generator.next() % 8)
            for k in 0..<d {
                storage.append(S(centres[centre * d + k] + generator.nextGaussian()))
            }
        }
        return Matrix(rows: n, columns: d, storage: storage)
    }

    /// 0/1 data (for jaccard, dice and hamming): each point thresholded at 0.
    public static func binary<S: BLASScalar>(_ points: Matrix<S>) -> Matrix<S> {
        Matrix(rows: points.rows, columns: points.columns, storage: points.storage.map { $0 > 0 ? 1 : 0 })
    }

    /// The input a metric accepts: 0/1 data for the binary metrics, else the points.
    public static func input<S: BLASScalar>(for metric: DistanceMetric, _ points: Matrix<S>) -> Matrix<S> {
        switch metric {
        case .jaccard, .dice, .hamming: return binary(points)
        default: return points
        }
    }

    /// Writes `points` as a numeric CSV (header `id,x0,...`, ids `r0`...,
    /// values with Swift's shortest round-trip formatting, as Python's `repr`)
    /// into a fresh temporary file and returns its path.
    public static func writeCSV(_ points: Matrix<Double>, name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("tendency-bench-\(ProcessInfo.processInfo.processIdentifier)-\(name).csv").path
        var text = "id," + (0..<points.columns).map { "x\($0)" }.joined(separator: ",") + "\n"
        text.reserveCapacity(points.rows * points.columns * 20)
        for i in 0..<points.rows {
            text += "r\(i)"
            for k in 0..<points.columns {
                text += ","
                text += "\(points[i, k])"
            }
            text += "\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
