#ifndef TENDENCY_VECTOR_LOOPS_H
#define TENDENCY_VECTOR_LOOPS_H

// The numeric core's innermost loops, compiled three times (SSE2, AVX2,
// AVX-512) and run in the widest variant the CPU has, chosen at run time:
// Swift compiles for the x86-64 baseline and has no per-function target.
// Every function takes the variant first; all variants give the same
// results, bit for bit, except where a function says otherwise.

/// Vector instruction sets, widest last.
enum {
    TENDENCY_VECTOR_SSE2 = 0,
    TENDENCY_VECTOR_AVX2 = 1,
    TENDENCY_VECTOR_AVX512 = 2,
};

/// The widest variant this CPU and OS support.
int tendency_vector_best_variant(void);

/// Per-column sums over rows stored in panels, for the pairwise kernels'
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

/// The first strict minimum of `values[0 ..< count]` (the earliest position
/// on ties; -1 and +infinity when no value is below +infinity), for values
/// without NaN: its position is returned, its value stored in `value`. In
/// `runner_up`, a likely second: the best of the other lanes' minima, -1 if
/// none; a hint, which differs between variants.
long tendency_first_minimum_f64(int variant, const double *values, long count, double *value, long *runner_up);
long tendency_first_minimum_f32(int variant, const float *values, long count, float *value, long *runner_up);

/// Squared Euclidean distances from Gram entries, in place: row[j] becomes
/// d_j = (own + norms[j]) - 2 row[j]; returns how many d_j are below
/// cut * (own + norms[j]) (the pairs to recompute directly).
long tendency_gram_to_squared_distances_f64(int variant, double *row, const double *norms, double own,
                                            double cut, long count);
long tendency_gram_to_squared_distances_f32(int variant, float *row, const float *norms, float own,
                                            float cut, long count);

/// Square roots in place.
void tendency_square_roots_f64(int variant, double *values, long count);
void tendency_square_roots_f32(int variant, float *values, long count);

/// Copies the upper entries of rows `r0 ..< r1` of the row-major n x n
/// matrix `m` (row i, columns j > i) to their mirror places (j, i): tiles of
/// 8 x 8 transposed in registers, in strips of 64 target rows.
void tendency_mirror_rows_f64(int variant, double *m, long n, long r0, long r1);
void tendency_mirror_rows_f32(int variant, float *m, long n, long r0, long r1);

/// One step of Prim's algorithm on points (rows of `dimension` coordinates,
/// row-major): for each k < count, with i = list[k], lowers nearest[i] to
/// |points[x] - points[i]|^2 when that is smaller, and returns the first k
/// (the earliest on ties) whose nearest[list[k]] is the least, its value in
/// `value` (-1 and +infinity when none is below +infinity). The squared
/// distance is summed as the Swift `squaredEuclidean` sums it (eight
/// interleaved partial sums), so every variant gives the same bits.
long tendency_prim_update_f64(int variant, const double *points, long dimension, long x, const long *list,
                              long count, double *nearest, double *value);
long tendency_prim_update_f32(int variant, const float *points, long dimension, long x, const long *list,
                              long count, float *nearest, float *value);

/// Single-precision squared distances from row `x` of `rows` (row-major,
/// `dimension` floats a row) to rows row_of[list[k]], k < count, into
/// out[k]. The terms are added in an order that differs between variants:
/// for a filter whose rounding bound holds for any order, not for results.
void tendency_shadow_squared_distances(int variant, const float *rows, long dimension, long x, const long *list,
                                       const long *row_of, long count, float *out);

/// The same in double precision, for bounds that allow for any order of the sum.
void tendency_squared_distances_f64(int variant, const double *rows, long dimension, long x, const long *list,
                                    const long *row_of, long count, double *out);

#endif
