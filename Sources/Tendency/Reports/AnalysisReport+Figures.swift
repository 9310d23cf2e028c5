extension AnalysisReport {
    /// Members on the first two principal components.
    public struct MemberMap: Codable, Sendable, Equatable {
        public var points: [Point]
        /// Share of variance on axis 1 and axis 2, 0...1.
        public var varianceExplained: [Double]

        public init(points: [Point], varianceExplained: [Double]) {
            self.points = points
            self.varianceExplained = varianceExplained
        }

        public struct Point: Codable, Sendable, Equatable {
            public var id: String
            public var x: Double
            public var y: Double
            public var tendency: Int
            public var ambiguous: Bool

            public init(id: String, x: Double, y: Double, tendency: Int, ambiguous: Bool) {
                self.id = id
                self.x = x
                self.y = y
                self.tendency = tendency
                self.ambiguous = ambiguous
            }
        }
    }

    /// The hierarchy, in SciPy's linkage conventions.
    public struct Dendrogram: Codable, Sendable, Equatable {
        /// n - 1 rows [a, b, height, size]; ids < n are leaves (observation
        /// index), id n + i is the cluster made by row i.
        public var linkage: [[Double]]
        /// Observation indices left to right.
        public var leafOrder: [Int]
        /// Label per observation index (member ids).
        public var leafLabels: [String]
        /// Tendency per observation index.
        public var leafTendency: [Int]
        /// Height at which the tree was cut into k tendencies, if it was cut.
        public var cutHeight: Double?
        /// What heights measure, e.g. "average Gower distance".
        public var heightName: String

        public init(linkage: [[Double]], leafOrder: [Int], leafLabels: [String], leafTendency: [Int],
                    cutHeight: Double? = nil, heightName: String = "distance") {
            self.linkage = linkage
            self.leafOrder = leafOrder
            self.leafLabels = leafLabels
            self.leafTendency = leafTendency
            self.cutHeight = cutHeight
            self.heightName = heightName
        }
    }

    /// Member-by-member similarity in dendrogram leaf order.
    ///
    /// For large n the matrix is stored downsampled: cell (r, c) is the mean
    /// similarity between the leaves of block r and block c, where blocks are
    /// `blockSize` consecutive leaves of `order` (the last block may be
    /// shorter). `blockSize == 1` means one cell per member pair.
    public struct Heatmap: Codable, Sendable, Equatable {
        /// Observation indices in display order (the dendrogram's leaf order).
        public var order: [Int]
        /// Square matrix in display order, possibly downsampled.
        public var similarity: [[Double]]
        /// Leaves per cell side.
        public var blockSize: Int
        /// What similarity means, e.g. "Gower similarity (1 = identical answers)".
        public var measure: String

        public init(order: [Int], similarity: [[Double]], blockSize: Int = 1, measure: String = "similarity") {
            self.order = order
            self.similarity = similarity
            self.blockSize = blockSize
            self.measure = measure
        }

        /// Builds the heatmap from any pairwise similarity, averaging into
        /// blocks so that the matrix has at most `maxCells` rows.
        /// `similarity(i, j)` takes observation indices.
        public init(order: [Int], maxCells: Int = 300, measure: String = "similarity",
                    similarity: (Int, Int) -> Double) {
            let n = order.count
            let block = Self.blockSize(leaves: n, maxCells: maxCells)
            let cells = (n + block - 1) / block
            var matrix = [[Double]](repeating: [Double](repeating: 0, count: cells), count: cells)
            for r in 0..<cells {
                let rows = (r * block)..<min(n, (r + 1) * block)
                for c in r..<cells {
                    let columns = (c * block)..<min(n, (c + 1) * block)
                    var sum = 0.0
                    for i in rows { for j in columns { sum += similarity(order[i], order[j]) } }
                    let mean = sum / Double(rows.count * columns.count)
                    matrix[r][c] = mean
                    matrix[c][r] = mean
                }
            }
            self.init(order: order, similarity: matrix, blockSize: block, measure: measure)
        }

        /// The same heatmap from the members' distances, each cell
        /// `1 - mean distance / largest distance` over its block: one pass
        /// over the distances in storage order (`CondensedDistances.blockMeans`),
        /// or over the points' rows (`Matrix.euclideanBlockMeans`), where the
        /// closure form reads a matrix at random (the report stage at 20,000
        /// members: 7.1 s with the closure, 3.6 s with this).
        init(order: [Int], distances: MemberDistances, maxCells: Int = 300, measure: String) {
            let block = Self.blockSize(leaves: order.count, maxCells: maxCells)
            let cells = (order.count + block - 1) / block
            var cell = [Int](repeating: 0, count: order.count)
            for (position, leaf) in order.enumerated() { cell[leaf] = position / block }
            let (means, found) = distances.blockMeans(group: cell, groups: cells)
            let largest = max(found, .leastNonzeroMagnitude)
            let matrix = (0..<cells).map { r in (0..<cells).map { c in 1 - means[r * cells + c] / largest } }
            self.init(order: order, similarity: matrix, blockSize: block, measure: measure)
        }

        /// Leaves per cell side, so that at most `maxCells` cells span `leaves`.
        static func blockSize(leaves n: Int, maxCells: Int) -> Int {
            n <= max(1, maxCells) ? 1 : (n + maxCells - 1) / max(1, maxCells)
        }
    }

    /// An outside grouping of the same members, and how well we agree with it.
    public struct ReferencePartition: Codable, Sendable, Equatable {
        /// e.g. "Polis groups".
        public var name: String
        /// Group label per observation index ("" = not in any group).
        public var labels: [String]
        /// Hubert & Arabie (1985) adjusted Rand index against our tendencies.
        public var adjustedRandIndex: Double

        public init(name: String, labels: [String], adjustedRandIndex: Double) {
            self.name = name
            self.labels = labels
            self.adjustedRandIndex = adjustedRandIndex
        }
    }
}
