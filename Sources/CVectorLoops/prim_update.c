#include "CVectorLoops.h"
#include "targets.h"
#include "squared_differences.h"

// |a - b|^2 in eight interleaved partial sums: lane l of the eight-lane
// vector adds the coordinates c = l (mod 8), the tail goes to lane 0, and the
// lanes are combined as ((0 + 1) + (2 + 3)) + ((4 + 5) + (6 + 7)). The same
// operations in the same order as the Swift `squaredEuclidean`, so the same
// bits in every variant (an eight-lane vector spans one to four registers).
#define PRIM_UPDATE(NAME, BYTES, TARGET, T)                                                       \
    TARGET static long NAME(const T *points, long dimension, long x, const long *list, long count, \
                            T *nearest, T *value) {                                               \
        typedef T V __attribute__((vector_size(8 * sizeof(T))));                                  \
        const T *a = points + x * dimension;                                                      \
        long best = -1;                                                                           \
        T best_value = __builtin_inf();                                                           \
        for (long k0 = 0; k0 < count; k0 += GROUP) {                                              \
            const int m = count - k0 < GROUP ? (int)(count - k0) : GROUP;                         \
            const T *b[GROUP];                                                                    \
            V s[GROUP];                                                                           \
            for (int g = 0; g < GROUP; g++) b[g] = points + list[k0 + (g < m ? g : 0)] * dimension; \
            long c;                                                                               \
            ACCUMULATE_SQUARED_DIFFERENCES(V, a, b, s, dimension, c);                             \
            for (int g = 0; g < m; g++) {                                                         \
                T s0 = s[g][0];                                                                   \
                for (long e = c; e < dimension; e++) {                                            \
                    T t = a[e] - b[g][e];                                                         \
                    s0 += t * t;                                                                  \
                }                                                                                 \
                T d = ((s0 + s[g][1]) + (s[g][2] + s[g][3])) + ((s[g][4] + s[g][5]) + (s[g][6] + s[g][7])); \
                long i = list[k0 + g];                                                            \
                if (nearest[i] > d) nearest[i] = d;                                               \
                if (nearest[i] < best_value) {                                                    \
                    best_value = nearest[i];                                                      \
                    best = k0 + g;                                                                \
                }                                                                                 \
            }                                                                                     \
        }                                                                                         \
        *value = best_value;                                                                      \
        return best;                                                                              \
    }

#define ALL_VARIANTS(NAME, T)                                                                    \
    DEFINE_VARIANTS(PRIM_UPDATE, NAME, T)                                                       \
    long tendency_##NAME(int variant, const T *points, long dimension, long x, const long *list, \
                         long count, T *nearest, T *value) {                                    \
        return VARIANT(NAME, variant)(points, dimension, x, list, count, nearest, value);       \
    }

ALL_VARIANTS(prim_update_f64, double)
ALL_VARIANTS(prim_update_f32, float)
