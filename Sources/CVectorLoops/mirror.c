#include "CVectorLoops.h"
#include "targets.h"
#include <string.h>

// Tiles of 8 x 8 entries transposed in registers: eight loads of one cache
// line's worth each, 24 shuffles, eight stores, instead of 64 strided loads.
enum { TILE = 8 };

#define SHUFFLE_PAIRS(a, b, lo) __builtin_shufflevector(a, b, lo, lo + 8, lo + 2, lo + 10, lo + 4, lo + 12, lo + 6, lo + 14)
#define SHUFFLE_TWOS(a, b, lo) __builtin_shufflevector(a, b, lo, lo + 1, lo + 8, lo + 9, lo + 4, lo + 5, lo + 12, lo + 13)
#define SHUFFLE_FOURS(a, b, lo) __builtin_shufflevector(a, b, lo, lo + 1, lo + 2, lo + 3, lo + 8, lo + 9, lo + 10, lo + 11)

#define MIRROR(NAME, BYTES, TARGET, T)                                                           \
    TARGET static void NAME(T *m, long n, long r0, long r1) {                                  \
        typedef T V __attribute__((vector_size(TILE * sizeof(T))));                            \
        for (long jb = r0; jb < n; jb += 64) {                                                 \
            long je = jb + 64 < n ? jb + 64 : n;                                               \
            for (long i0 = r0; i0 < r1; i0 += TILE) {                                          \
                for (long j0 = jb; j0 < je; j0 += TILE) {                                      \
                    if (i0 + TILE <= j0 && j0 + TILE <= je && i0 + TILE <= r1) {               \
                        V r[TILE];                                                             \
                        for (int a = 0; a < TILE; a++) memcpy(&r[a], m + (i0 + a) * n + j0, sizeof(V)); \
                        V t0 = SHUFFLE_PAIRS(r[0], r[1], 0), t1 = SHUFFLE_PAIRS(r[0], r[1], 1);  \
                        V t2 = SHUFFLE_PAIRS(r[2], r[3], 0), t3 = SHUFFLE_PAIRS(r[2], r[3], 1);  \
                        V t4 = SHUFFLE_PAIRS(r[4], r[5], 0), t5 = SHUFFLE_PAIRS(r[4], r[5], 1);  \
                        V t6 = SHUFFLE_PAIRS(r[6], r[7], 0), t7 = SHUFFLE_PAIRS(r[6], r[7], 1);  \
                        V u0 = SHUFFLE_TWOS(t0, t2, 0), u2 = SHUFFLE_TWOS(t0, t2, 2);          \
                        V u1 = SHUFFLE_TWOS(t1, t3, 0), u3 = SHUFFLE_TWOS(t1, t3, 2);          \
                        V u4 = SHUFFLE_TWOS(t4, t6, 0), u6 = SHUFFLE_TWOS(t4, t6, 2);          \
                        V u5 = SHUFFLE_TWOS(t5, t7, 0), u7 = SHUFFLE_TWOS(t5, t7, 2);          \
                        V c[TILE] = {                                                          \
                            SHUFFLE_FOURS(u0, u4, 0), SHUFFLE_FOURS(u1, u5, 0),                \
                            SHUFFLE_FOURS(u2, u6, 0), SHUFFLE_FOURS(u3, u7, 0),                \
                            SHUFFLE_FOURS(u0, u4, 4), SHUFFLE_FOURS(u1, u5, 4),                \
                            SHUFFLE_FOURS(u2, u6, 4), SHUFFLE_FOURS(u3, u7, 4),                \
                        };                                                                     \
                        for (int b = 0; b < TILE; b++) memcpy(m + (j0 + b) * n + i0, &c[b], sizeof(V)); \
                    } else {                                                                   \
                        for (long j = j0; j < j0 + TILE && j < je; j++)                        \
                            for (long i = i0; i < i0 + TILE && i < r1 && i < j; i++)           \
                                m[j * n + i] = m[i * n + j];                                   \
                    }                                                                          \
                }                                                                              \
            }                                                                                  \
        }                                                                                      \
    }

// The tile is 8 x 8 in every variant (BYTES unused): its eight-lane
// vectors span one to four registers, as wide as the variant's allow.
#define ALL_VARIANTS(NAME, T)                                                    \
    DEFINE_VARIANTS(MIRROR, NAME, T)                                             \
    void tendency_##NAME(int variant, T *m, long n, long r0, long r1) {          \
        VARIANT(NAME, variant)(m, n, r0, r1);                                    \
    }

ALL_VARIANTS(mirror_rows_f64, double)
ALL_VARIANTS(mirror_rows_f32, float)
