#include "CVectorLoops.h"
#include "targets.h"
#include "squared_differences.h"

// Squared distances (in single precision for the points filter, in double
// for block bounds), summed in sixteen lanes (one AVX-512 register of
// floats, two AVX2 or four SSE2 ones; twice as many of doubles) and then
// across them. The order of the sum is not fixed across variants: callers
// use these values only within a rounding bound that holds for any order.
#define SHADOW_DISTANCES(NAME, BYTES, TARGET, T)                                                   \
    TARGET static void NAME(const T *rows, long dimension, long x, const long *list,              \
                            const long *row_of, long count, T *out) {                             \
        typedef T V __attribute__((vector_size(16 * sizeof(T))));                                 \
        const T *a = rows + x * dimension;                                                        \
        for (long k0 = 0; k0 < count; k0 += GROUP) {                                              \
            const int m = count - k0 < GROUP ? (int)(count - k0) : GROUP;                         \
            const T *b[GROUP];                                                                    \
            V s[GROUP];                                                                           \
            for (int g = 0; g < GROUP; g++) b[g] = rows + row_of[list[k0 + (g < m ? g : 0)]] * dimension; \
            long c;                                                                               \
            ACCUMULATE_SQUARED_DIFFERENCES(V, a, b, s, dimension, c);                             \
            for (int g = 0; g < m; g++) {                                                         \
                T sum = 0;                                                                        \
                for (int l = 0; l < 16; l++) sum += s[g][l];                                      \
                for (long e = c; e < dimension; e++) {                                            \
                    T t = a[e] - b[g][e];                                                         \
                    sum += t * t;                                                                 \
                }                                                                                 \
                out[k0 + g] = sum;                                                                \
            }                                                                                     \
        }                                                                                         \
    }

DEFINE_VARIANTS(SHADOW_DISTANCES, shadow_distances, float)
DEFINE_VARIANTS(SHADOW_DISTANCES, shadow_distances_f64, double)

void tendency_shadow_squared_distances(int variant, const float *rows, long dimension, long x, const long *list,
                                       const long *row_of, long count, float *out) {
    VARIANT(shadow_distances, variant)(rows, dimension, x, list, row_of, count, out);
}

void tendency_squared_distances_f64(int variant, const double *rows, long dimension, long x, const long *list,
                                    const long *row_of, long count, double *out) {
    VARIANT(shadow_distances_f64, variant)(rows, dimension, x, list, row_of, count, out);
}
