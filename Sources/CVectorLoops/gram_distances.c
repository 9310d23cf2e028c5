#include "CVectorLoops.h"
#include "targets.h"
#include <string.h>

// d_j = (s_i + s_j) - 2 g_j in place, and how many d_j fall below
// cut * (s_i + s_j): the expressions of the Swift loop they replace, in the
// same order, so every variant rounds alike.
#define SQUARED_DISTANCES(NAME, T, IT, BYTES, TARGET)                                        \
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

#define SQUARE_ROOTS(NAME, T, TARGET)                                                        \
    TARGET static void NAME(T *values, long count) {                                         \
        for (long j = 0; j < count; j++) values[j] = __builtin_elementwise_sqrt(values[j]);  \
    }

#define ALL_VARIANTS(SUFFIX, T, IT)                                                                   \
    SQUARED_DISTANCES(squared_##SUFFIX##_sse2, T, IT, 16, )                                          \
    SQUARED_DISTANCES(squared_##SUFFIX##_avx2, T, IT, 32, TARGET_AVX2)                               \
    SQUARED_DISTANCES(squared_##SUFFIX##_avx512, T, IT, 64, TARGET_AVX512)                           \
    SQUARE_ROOTS(roots_##SUFFIX##_sse2, T, )                                                         \
    SQUARE_ROOTS(roots_##SUFFIX##_avx2, T, TARGET_AVX2)                                              \
    SQUARE_ROOTS(roots_##SUFFIX##_avx512, T, TARGET_AVX512)                                          \
    long tendency_gram_to_squared_distances_##SUFFIX(int variant, T *row, const T *norms, T own,     \
                                                     T cut, long count) {                            \
        switch (variant) {                                                                           \
        case TENDENCY_VECTOR_AVX512: return squared_##SUFFIX##_avx512(row, norms, own, cut, count);  \
        case TENDENCY_VECTOR_AVX2: return squared_##SUFFIX##_avx2(row, norms, own, cut, count);      \
        default: return squared_##SUFFIX##_sse2(row, norms, own, cut, count);                        \
        }                                                                                            \
    }                                                                                                \
    void tendency_square_roots_##SUFFIX(int variant, T *values, long count) {                        \
        switch (variant) {                                                                           \
        case TENDENCY_VECTOR_AVX512: roots_##SUFFIX##_avx512(values, count); break;                  \
        case TENDENCY_VECTOR_AVX2: roots_##SUFFIX##_avx2(values, count); break;                      \
        default: roots_##SUFFIX##_sse2(values, count); break;                                        \
        }                                                                                            \
    }

ALL_VARIANTS(f64, double, long long)
ALL_VARIANTS(f32, float, int)
