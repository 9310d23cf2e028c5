/// Newick output (Felsenstein's format, as specified at
/// https://phylipweb.github.io/phylip/newicktree.html).
extension Dendrogram {
    /// The tree in Newick with branch lengths, as the usual recipe on SciPy's
    /// `to_tree` writes it: a leaf's branch is its parent's height, an internal
    /// node's branch is its parent's height minus its own (negative for
    /// non-monotone linkages), the root has no branch length, and the text ends
    /// with ";". Lengths are written as Swift's shortest round-trip decimals.
    ///
    /// Labels are quoted ('...', with ' doubled) when empty or when they
    /// contain blanks, underscores (which unquoted Newick reads as blanks), or
    /// any of ( ) [ ] ' : ; , .
    public func newick(labels: [String]) throws -> String {
        let n = leafCount
        guard labels.count == n else {
            throw DendrogramError.countMismatch(what: "the labels", expected: n, actual: labels.count)
        }
        if n == 1 { return Dendrogram.newickLabel(labels[0]) + ";" }
        var text = ""
        // Frames: a node and how many of its children were written.
        var stack = [(node: Int, written: Int)]()
        stack.append((2 * n - 2, 0))
        while let frame = stack.last {
            if frame.node < n {
                text += Dendrogram.newickLabel(labels[frame.node])
                stack.removeLast()
                continue
            }
            let row = frame.node - n
            switch frame.written {
            case 0:
                text += "("
                stack[stack.count - 1].written = 1
                stack.append((left[row], 0))
            case 1:
                text += ":" + branchLength(of: left[row], parent: row).description + ","
                stack[stack.count - 1].written = 2
                stack.append((right[row], 0))
            default:
                text += ":" + branchLength(of: right[row], parent: row).description + ")"
                stack.removeLast()
            }
        }
        return text + ";"
    }

    private func branchLength(of child: Int, parent row: Int) -> Double {
        child < leafCount ? heights[row] : heights[row] - heights[child - leafCount]
    }

    /// A Newick label, quoted when needed.
    static func newickLabel(_ label: String) -> String {
        let special: Set<Character> = ["(", ")", "[", "]", "'", ":", ";", ",", "_"]
        let needsQuotes = label.isEmpty || label.contains { $0.isWhitespace || special.contains($0) }
        guard needsQuotes else { return label }
        var quoted = "'"
        for character in label { quoted += character == "'" ? "''" : String(character) }
        return quoted + "'"
    }
}
