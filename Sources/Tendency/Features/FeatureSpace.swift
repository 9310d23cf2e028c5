/// Members' inputs turned into one matrix of features, block by block, with
/// provenance, weights and missingness.
///
/// Members are joined by id: members of the sketch codings in file order,
/// then survey members not already seen, in file order. Blocks come in input
/// order (codebook elements, then survey items); each is encoded as follows.
/// - `multi` and `single` elements: one indicator column per code (the
///   merged coding, see `SketchCodings`).
/// - `ordinal` elements: a thermometer of `levels - 1` columns, column `l`
///   being 1 when the member's level is above level `l`, so L1 distances
///   between levels become counts of differing columns.
/// - likert5, likert7, agree3 items: one column, (answer - midpoint) /
///   half-range, in [-1, 1]; numeric items: (answer - mean) / sample sd over
///   the members who answered (only centred when the sd is 0 or undefined).
///   Reverse items flip the sign.
///
/// Missingness (NaN in `values`, 0 in `mask`): a member with no coded
/// sketch has NaN in every sketch block; a member whose sketch was coded
/// but who has no code for a multi or single element has zeros there (the
/// coders saw no such code); an ordinal element for which no coder gave a
/// level is NaN; an unanswered survey item, or a member absent from the
/// survey, is NaN. Missing is never encoded as disagreement.
///
/// Roles stay apart: `values` holds every block, and `matrix(roles:)` /
/// `selecting(roles:)` give the orientation blocks by default; leanings can
/// be added on request, context is for reports.
public struct FeatureSpace: Sendable {
    public let members: [String]
    public let blocks: [FeatureBlock]
    public let columns: [FeatureColumn]
    /// `members.count x columns.count`, unweighted encodings, NaN = missing.
    public let values: Matrix<Double>
    /// Which inputs hold data for each member (aligned with `members`).
    public let coverage: [MemberCoverage]

    public init(members: [String], blocks: [FeatureBlock], columns: [FeatureColumn], values: Matrix<Double>, coverage: [MemberCoverage]) {
        self.members = members
        self.blocks = blocks
        self.columns = columns
        self.values = values
        self.coverage = coverage
    }

    /// Builds the space from sketch codings (with their codebook) and/or
    /// survey responses (from a spec or a Polis export); either may be absent.
    public init(codings: SketchCodings? = nil, survey: SurveyResponses? = nil) {
        self = FeatureEncoder(codings: codings, survey: survey).space()
    }

    /// 1 where a value is present, 0 where it is missing (the mask that
    /// Gower-type kernels multiply by).
    public var mask: Matrix<Double> {
        Matrix(rows: values.rows, columns: values.columns, storage: values.storage.map { $0.isNaN ? 0 : 1 })
    }

    /// Each column's weight for Gower-type means (its block's `columnWeight`).
    public var columnWeights: [Double] { columns.map { blocks[$0.block].columnWeight } }

    /// Each column's scale for Euclidean-type metrics (its block's `columnScale`).
    public var columnScales: [Double] { columns.map { blocks[$0.block].columnScale } }

    /// `values` with each column multiplied by its scale; NaN stays NaN.
    public func weightedValues() -> Matrix<Double> {
        let scales = columnScales
        var out = values
        for r in 0..<out.rows { for c in 0..<out.columns { out[r, c] *= scales[c] } }
        return out
    }

    /// The weighted matrix of the blocks with the given roles (orientation
    /// by default: what clustering sees).
    public func matrix(roles: Set<Role> = [.orientation]) -> Matrix<Double> {
        selecting(roles: roles).weightedValues()
    }

    /// The blocks that form tendencies: orientation, plus leanings when asked.
    public func forClustering(includeLeanings: Bool = false) -> FeatureSpace {
        selecting(roles: includeLeanings ? [.orientation, .leaning] : [.orientation])
    }

    /// The space restricted to the blocks with the given roles (all members kept).
    public func selecting(roles: Set<Role>) -> FeatureSpace {
        selectingBlocks(blocks.indices.filter { roles.contains(blocks[$0].role) })
    }

    /// The space restricted to some blocks, in the order given.
    public func selectingBlocks(_ indices: [Int]) -> FeatureSpace {
        var newBlocks: [FeatureBlock] = [], newColumns: [FeatureColumn] = [], keep: [Int] = []
        for b in indices {
            var block = blocks[b]
            let start = keep.count
            for c in block.columns {
                var column = columns[c]
                column.block = newBlocks.count
                newColumns.append(column)
                keep.append(c)
            }
            block.columns = start..<keep.count
            newBlocks.append(block)
        }
        return FeatureSpace(members: members, blocks: newBlocks, columns: newColumns,
                            values: values.selectingColumns(keep), coverage: coverage)
    }

    /// The same space with every missing value replaced by its column's mean
    /// over the members who have it (0 when nobody has it), for metrics that
    /// cannot skip missing values. Gower-type kernels should use `values`
    /// and `mask` instead.
    public func imputingColumnMeans() -> FeatureSpace {
        FeatureSpace(members: members, blocks: blocks, columns: columns, values: values.imputingColumnMeans(), coverage: coverage)
    }

    /// Members for whom a given input holds nothing (reports flag them).
    public var membersLackingAnInput: [String] {
        members.indices.filter { coverage[$0].lacksAnInput }.map { members[$0] }
    }

    /// The index of a member, if present.
    public func index(ofMember id: String) -> Int? { members.firstIndex(of: id) }

    /// The block with a given source id and source, if present.
    public func block(id: String, source: FeatureSource? = nil) -> FeatureBlock? {
        blocks.first { $0.id == id && (source == nil || $0.source == source) }
    }
}

extension FeatureSpace {
    /// The values with reverse-keyed items' signs flipped back: each answer
    /// as it reads against its statement's own wording, for describing
    /// tendencies (the clustering uses `values`).
    public var statedValues: Matrix<Double> {
        let flipped = columns.indices.filter { columns[$0].reversed }
        guard !flipped.isEmpty else { return values }
        var stated = values
        for r in 0..<stated.rows { for c in flipped { stated[r, c] = -stated[r, c] } }
        return stated
    }

    /// The space restricted to some members, in the order given.
    public func selectingMembers(_ indices: [Int]) -> FeatureSpace {
        FeatureSpace(members: indices.map { members[$0] }, blocks: blocks, columns: columns,
                     values: values.selectingRows(indices), coverage: indices.map { coverage[$0] })
    }

    /// The same space with member ids replaced (aligned with `members`), for pseudonymised runs.
    public func renamingMembers(_ names: [String]) -> FeatureSpace {
        FeatureSpace(members: names, blocks: blocks, columns: columns, values: values, coverage: coverage)
    }
}
