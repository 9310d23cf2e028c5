/// Per-element inter-coder agreement of sketch codings.
///
/// Each sketch is a unit and each coder an observer. A coder's value for an
/// element of a sketch is the SET of codes they applied to it: sets are put
/// in canonical form (sorted code ids) and numbered, so two coders agree
/// exactly when they applied the same codes, and a coder who coded the
/// sketch but applied nothing to the element contributes the empty set. A
/// coder who did not code the sketch is missing. Alpha is then Krippendorff's
/// nominal alpha on those categories (Krippendorff 2004, ch. 11).
public enum CodingReliability {
    public static func perElement(_ codings: SketchCodings) -> [ElementReliability] {
        let units = codings.members.indices.filter { codings.codersOfMember[$0].count >= 2 }.count
        let activeCoders = Set(codings.codersOfMember.joined()).count
        return codings.codebook.elements.indices.map { e in
            let element = codings.codebook.elements[e]
            var categories = [[Int]: Int]()
            var values = [[Int?]]()
            // Categories are numbered in order of first use over members then
            // coders, both in file order, so the numbering is deterministic.
            for m in codings.members.indices {
                values.append(codings.coders.indices.map { k in
                    guard let set = codings.codeIndices(member: m, coder: k, element: e) else { return nil }
                    let canonical = set.sorted()
                    if let id = categories[canonical] { return id }
                    categories[canonical] = categories.count
                    return categories.count - 1
                })
            }
            let alpha = KrippendorffAlpha.nominal(values)
            return ElementReliability(element: element.id, role: element.role, units: units, coders: activeCoders,
                                      alpha: alpha, interpretation: ReliabilityInterpretation(alpha: alpha))
        }
    }
}
