/// The Jaccard coefficient |A ∩ B| / |A ∪ B| of two sets (Jaccard 1901),
/// the similarity of two clusters given as sets of observation indices.
public enum Jaccard {
    /// In [0, 1]; 0 when both sets are empty (no evidence of overlap).
    public static func index(_ a: Set<Int>, _ b: Set<Int>) -> Double {
        let intersection = a.count <= b.count ? a.filter(b.contains).count : b.filter(a.contains).count
        let union = a.count + b.count - intersection
        return union == 0 ? 0 : Double(intersection) / Double(union)
    }
}
