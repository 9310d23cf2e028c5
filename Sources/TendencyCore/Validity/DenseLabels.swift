/// Arbitrary integer labels renumbered 0..<k in ascending order of the
/// original values, so results never depend on dictionary order.
struct DenseLabels {
    /// The code of every observation, in 0..<values.count.
    let codes: [Int]
    /// The distinct original labels, ascending; `values[codes[i]]` is label i.
    let values: [Int]

    init(_ labels: [Int]) {
        values = Array(Set(labels)).sorted()
        let code = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
        codes = labels.map { code[$0] ?? 0 }
    }

    var count: Int { values.count }

    /// The number of observations with each code.
    var sizes: [Int] {
        var sizes = [Int](repeating: 0, count: values.count)
        for c in codes { sizes[c] += 1 }
        return sizes
    }
}
