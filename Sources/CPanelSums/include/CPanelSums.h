#ifndef TENDENCY_PANEL_SUMS_H
#define TENDENCY_PANEL_SUMS_H

/// Per-column sums over rows stored in panels, in the widest vector
/// instructions the CPU has (chosen at run time), for the pairwise kernels'
/// directly compared columns.
///
/// Layout: rows in panels of `height` rows (`tendency_panel_height`); in a
/// panel, column c holds the `height` rows' values contiguously, so panel q,
/// row r, column c is at `q * height * columns + c * height + r`. For one row
/// i (`own` points at its column-0 value, the others `height` apart) and
/// `count` whole panels from `panels`, each function adds, for every c in
/// order 0, 1, ..., the term of column c to `sums[q * height + r]`:
/// - `abs_differences`: |panel value - own value|;
/// - `mismatches`: 1 where the values differ, else 0 (counted in integer
///   lanes and added once: the same as adding 1 per column while the sums
///   are whole numbers below 2^24 for float, 2^53 for double).
/// Every variant adds the same terms in the same order to each sum, without
/// fused multiply-adds, so all variants give the same sums bit for bit.

/// Vector instruction sets, widest last.
enum {
    TENDENCY_PANEL_SSE2 = 0,
    TENDENCY_PANEL_AVX2 = 1,
    TENDENCY_PANEL_AVX512 = 2,
};

/// The widest variant this CPU and OS support.
int tendency_panel_best_variant(void);

/// Rows per panel for a variant and element size (8 for double, 4 for float).
long tendency_panel_height(int variant, long element_size);

void tendency_panel_abs_differences_f64(int variant, double *sums, const double *own,
                                        const double *panels, long count, long columns);
void tendency_panel_abs_differences_f32(int variant, float *sums, const float *own,
                                        const float *panels, long count, long columns);
void tendency_panel_mismatches_f64(int variant, double *sums, const double *own,
                                   const double *panels, long count, long columns);
void tendency_panel_mismatches_f32(int variant, float *sums, const float *own,
                                   const float *panels, long count, long columns);

#endif
