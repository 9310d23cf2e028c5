/// Whether the pruned scans of `CentroidStore` skip enough rows to pay for
/// their bounds (one distance per block, a few percent of a full scan).
///
/// Why: on data without structure at the scale of the blocks (Gaussian
/// noise, d = 64) every block's ball holds some close point, each scan
/// reads every row anyway, and the bounds made the linkage 5-10% slower.
/// After `patience` scans in a row that read at least 90% of the rows,
/// scans go without bounds for `pause` scans, then try them again. Only the
/// work changes: with or without bounds a scan finds the same answer.
struct PruningRecord {
    private var wasted = 0
    private var paused = 0

    static var patience: Int { 16 }
    static var pause: Int { 256 }

    /// Whether the next scan should compute bounds.
    var boundsPay: Bool { paused == 0 }

    /// A scan with bounds read `rowsRead` of `active` rows.
    mutating func record(rowsRead: Int, of active: Int) {
        wasted = 10 * rowsRead >= 9 * active ? wasted + 1 : 0
        if wasted >= Self.patience {
            wasted = 0
            paused = Self.pause
        }
    }

    /// A scan ran without bounds.
    mutating func recordUnbounded() { paused = max(paused - 1, 0) }
}
