#include "CVectorLoops.h"
#include "targets.h"
#include <string.h>

// d_j = (s_i + s_j) - 2 g_j in place, and how many d_j fall below
// cut * (s_i + s_j): the expressions of the Swift loop they replace, in the
// same order, so every variant rounds alike.
#define SQUARED_DISTANCES(NAME, BYTES, TARGET, T, IT)                                        \
    TARGET static long NAME(T *row, const T *norms, T own, T cut, long count) {             \
        typedef T V __attribute__((vector_size(BYTES)));                                    \
        typedef IT IV __attribute__((vector_size(BYTES)));                                  \
        enum { W = BYTES / sizeof(T) };                                                      \
        IV below = (IV){};                                                                   \
        long j = 0;                                                                          \
        for (; j + W <= count; j += W) {                                                     \
            V g, s;                                                                          \
            memcpy(&g, row + j, sizeof(V));                                                  \
            memcpy(&s, norms + j, sizeof(V));                                                \
            V sum = own + s;                                                                 \
            V d = sum - 2 * g;                                                               \
            below -= d < cut * sum;                                                          \
            memcpy(row + j, &d, sizeof(V));                                                  \
        }                                                                                    \
        long total = 0;                                                                      \
        for (int k = 0; k < W; k++) total += below[k];                                       \
        for (; j < count; j++) {                                                             \
            T sum = own + norms[j];                                                          \
            T d = sum - 2 * row[j];                                                          \
            total += d < cut * sum;                                                          \
            row[j] = d;                                                                      \
        }                                                                                    \
        return total;                                                                        \
    }

#define SQUARE_ROOTS(NAME, BYTES, TARGET, T)                                                \
    TARGET static void NAME(T *values, long count) {                                         \
        for (long j = 0; j < count; j++) values[j] = __builtin_elementwise_sqrt(values[j]);  \
    }

// The square roots are elementwise: the compiler vectorises them at each
// variant's width (BYTES unused).
#define ALL_VARIANTS(SUFFIX, T, IT)                                                                  \
    DEFINE_VARIANTS(SQUARED_DISTANCES, squared_##SUFFIX, T, IT)                                     \
    DEFINE_VARIANTS(SQUARE_ROOTS, roots_##SUFFIX, T)                                                \
    long tendency_gram_to_squared_distances_##SUFFIX(int variant, T *row, const T *norms, T own,    \
                                                     T cut, long count) {                           \
        return VARIANT(squared_##SUFFIX, variant)(row, norms, own, cut, count);                     \
    }                                                                                               \
    void tendency_square_roots_##SUFFIX(int variant, T *values, long count) {                       \
        VARIANT(roots_##SUFFIX, variant)(values, count);                                            \
    }

ALL_VARIANTS(f64, double, long long)
ALL_VARIANTS(f32, float, int)
