/// The adjusted Rand index of two partitions (Hubert & Arabie 1985), with
/// scikit-learn's conventions (`adjusted_rand_score`).
///
/// Written through the pair-confusion counts (pairs together in both, apart in
/// both, together in one only): ARI = 2 (tp tn - fn fp) /
/// ((tp + fn)(fn + tn) + (tp + fp)(fp + tn)), which is 1 when no pair
/// disagrees (including empty input and both partitions trivial).
public enum AdjustedRandIndex {
    /// ARI of labels `a` and `b` of the same observations; arbitrary label values.
    /// Throws when the two differ in length.
    public static func compute(_ a: [Int], _ b: [Int]) throws -> Double {
        guard a.count == b.count else {
            throw StatisticsError("adjusted Rand index: \(a.count) labels against \(b.count)")
        }
        let n = a.count
        let da = DenseLabels(a), db = DenseLabels(b)
        var joint = [Int: Int]()
        for i in 0..<n { joint[da.codes[i] * db.count + db.codes[i], default: 0] += 1 }
        // Pair counts, exact in Int for any n that fits in memory.
        func pairs(_ m: Int) -> Int { m * (m - 1) / 2 }
        let together = joint.values.reduce(0) { $0 + pairs($1) }     // tp
        let togetherA = da.sizes.reduce(0) { $0 + pairs($1) }         // tp + fn
        let togetherB = db.sizes.reduce(0) { $0 + pairs($1) }         // tp + fp
        let all = pairs(n)
        let tp = Double(together)
        let fn = Double(togetherA - together)
        let fp = Double(togetherB - together)
        let tn = Double(all - togetherA - togetherB + together)
        if fn == 0 && fp == 0 { return 1 }
        return 2 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn))
    }
}
