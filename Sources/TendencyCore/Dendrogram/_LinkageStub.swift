// TEMPORARY COPY: the linkage branch owns `Linkage` (Sources/TendencyCore/Linkage/Linkage.swift).
// The orchestrator deletes this file when merging the dendrogram branch.

public struct Linkage: Sendable, Equatable {
    public struct Merge: Sendable, Equatable {
        public var a: Int
        public var b: Int
        public var height: Double
        public var size: Int
        public init(a: Int, b: Int, height: Double, size: Int) {
            self.a = a
            self.b = b
            self.height = height
            self.size = size
        }
    }
    public var leafCount: Int
    public var merges: [Merge]   // SciPy numbering: leaves 0..<n, merge i creates cluster n+i
    public init(leafCount: Int, merges: [Merge]) {
        self.leafCount = leafCount
        self.merges = merges
    }
}
