import Testing
@testable import TendencyCore

/// The SIMD passes must agree with the plain loops they replace, for every
/// run length (lane tails) and for ties, infinities and non-finite values.
@Suite struct VectorPassTests {
    /// Random runs of small integers (many ties) with some +infinity entries.
    func runs<S: BLASScalar>(_: S.Type, seed: UInt64) -> [[S]] {
        var generator = SeededGenerator(seed: seed)
        return (0..<300).map { length in
            (0..<length).map { _ in
                generator.next() % 7 == 0 ? S.infinity : S(Int(generator.next() % 5) - 2)
            }
        }
    }

    func checkFirstMinimum<S: BLASScalar>(_ type: S.Type, variant: VectorVariant) {
        for (index, run) in runs(type, seed: 11).enumerated() {
            let expected = run.withUnsafeBufferPointer {
                FirstMinimum.inOrder($0.baseAddress!, from: 0, to: run.count, best: -1, bestValue: .infinity)
            }
            let found = run.withUnsafeBufferPointer { FirstMinimum.of($0.baseAddress!, count: run.count, variant: variant) }
            #expect(found.position == expected.position && found.value == expected.value, "\(S.self) run \(index)")
            // The runner-up is only a hint, but a valid one: another position, not below the minimum.
            #expect(found.runnerUp == -1 || found.runnerUp != found.position && run[found.runnerUp] >= found.value
                    && run[found.runnerUp] < .infinity, "\(S.self) run \(index)")
            if let position = run.indices.min(by: { run[$0] < run[$1] }), run[position] < .infinity {
                #expect(found.position == position && found.value == run[position])
            } else {
                #expect(found.position == -1 && found.value == .infinity)
            }
        }
    }

    /// In every vector variant this machine runs.
    @Test func firstMinimumIsTheFirstStrictMinimum() {
        for variant in VectorVariant.available {
            checkFirstMinimum(Double.self, variant: variant)
            checkFirstMinimum(Float.self, variant: variant)
        }
    }

    func checkPasses<S: BLASScalar>(_ type: S.Type) {
        var generator = SeededGenerator(seed: 5)
        for length in 0..<70 {
            var values = (0..<length).map { _ in S(Double(generator.next() % 1_000_000) / 7) }
            let expected = values.map { $0.squareRoot() }
            values.withUnsafeMutableBufferPointer { VectorPasses.takeSquareRoots($0.baseAddress!, count: length) }
            #expect(values == expected, "\(S.self) square roots, length \(length)")
            #expect(values.withUnsafeBufferPointer { VectorPasses.allFinite($0.baseAddress!, count: length) })
            for bad in [S.infinity, -.infinity, .nan] where length > 0 {
                for position in Set([0, length / 2, length - 1]) {
                    var spoiled = values
                    spoiled[position] = bad
                    #expect(!spoiled.withUnsafeBufferPointer { VectorPasses.allFinite($0.baseAddress!, count: length) },
                            "\(S.self) \(bad) at \(position) of \(length)")
                }
            }
        }
    }

    @Test func squareRootsAndFinitenessMatchThePlainLoops() {
        checkPasses(Double.self)
        checkPasses(Float.self)
    }

    /// The mirror copies exactly the block's upper entries to their mirror
    /// places and touches nothing else, for sizes and blocks that leave
    /// partial tiles and strips, in every vector variant.
    @Test func mirroredRowsMatchThePlainLoop() {
        func check<S: BLASScalar>(_: S.Type, variant: VectorVariant) {
            for n in [1, 2, 9, 70, 131] {
                for rows in [0..<n, 0..<min(n, 5), (n / 3)..<min(n, n / 3 + 37), (n - 1)..<n] where !rows.isEmpty {
                    var found = (0..<(n * n)).map { S($0) + 0.5 }
                    var expected = found
                    for i in rows { for j in (i + 1)..<max(i + 1, n) { expected[j * n + i] = expected[i * n + j] } }
                    found.withUnsafeMutableBufferPointer { VectorPasses.mirrorRows($0.baseAddress!, n: n, rows: rows, variant: variant) }
                    #expect(found == expected, "\(S.self), variant \(variant.code), n = \(n), rows \(rows)")
                }
            }
        }
        for variant in VectorVariant.available {
            check(Double.self, variant: variant)
            check(Float.self, variant: variant)
        }
    }

    /// The Gram-to-distance pass and the square roots give the plain loops'
    /// values bit for bit, and the same count below the cut, in every
    /// vector variant, for every length (lane tails).
    @Test func gramDistancesAndRootsMatchThePlainLoops() {
        func check<S: BLASScalar>(_: S.Type, variant: VectorVariant) {
            var generator = SeededGenerator(seed: 41)
            for count in 0..<70 {
                let norms = (0..<count).map { _ in S(Double(generator.next() % 1000) / 37) }
                let own = S(Double(generator.next() % 1000) / 37)
                // Gram entries near (own + norm) / 2, so some distances cancel below the cut.
                let gram = norms.map { ($0 + own) / 2 - S(Double(generator.next() % 3)) * S.ulpOfOne * 8 }
                let cut = S.ulpOfOne.squareRoot()
                var expected = gram
                var expectedBelow = 0
                for j in 0..<count {
                    let d = own + norms[j] - 2 * gram[j]
                    expectedBelow += d < cut * (own + norms[j]) ? 1 : 0
                    expected[j] = d
                }
                var found = gram
                let below = found.withUnsafeMutableBufferPointer { row in
                    norms.withUnsafeBufferPointer {
                        VectorPasses.gramToSquaredDistances(row.baseAddress!, norms: $0.baseAddress!, own: own, cut: cut,
                                                            count: count, variant: variant)
                    }
                }
                let same = zip(found, expected).allSatisfy { $0 == $1 && $0.sign == $1.sign }
                #expect(below == expectedBelow && same,
                        "\(S.self), variant \(variant.code), count \(count)")
                let magnitudes = expected.map { abs($0) }
                var roots = magnitudes
                roots.withUnsafeMutableBufferPointer { VectorPasses.takeSquareRoots($0.baseAddress!, count: count, variant: variant) }
                #expect(roots == magnitudes.map { $0.squareRoot() }, "\(S.self), variant \(variant.code), count \(count)")
            }
        }
        for variant in VectorVariant.available {
            check(Double.self, variant: variant)
            check(Float.self, variant: variant)
        }
    }
}
