#include "CVectorLoops.h"
#include "targets.h"
#include <string.h>

// Four vector accumulators per panel: per column each takes a load, a
// subtraction or comparison, a mask and an addition, so four chains keep the
// adders as busy as their latency allows. (Eight measured no faster, and
// made partial panels, summed whole, twice as costly.)
#define ACCUMULATORS 4

long tendency_panel_height(int variant, long element_size) {
    return ACCUMULATORS * VARIANT_BYTES(variant) / element_size;
}

// One function per (operation, element type, variant): the same C, compiled
// for the variant's vector width. Each panel's sums stay in ACCUMULATORS
// vector registers across all columns; memcpy loads and stores, since panels
// are only element-aligned. An operation defines the accumulator type A, its
// start from the sums (LOAD), a column's step (STEP) and the write-back
// (STORE).
#define PANEL_LOOP(NAME, BYTES, TARGET, T, IT, OPERATION)                                 \
    TARGET static void NAME(T *sums, const T *own, const T *panels, long count,          \
                            long columns) {                                               \
        typedef T V __attribute__((vector_size(BYTES)));                                 \
        typedef IT IV __attribute__((vector_size(BYTES)));                               \
        enum { W = BYTES / sizeof(T), R = ACCUMULATORS * W };                             \
        for (long q = 0; q < count; q++) {                                                \
            T *s = sums + q * R;                                                          \
            const T *panel = panels + q * R * columns;                                    \
            OPERATION##_A acc[ACCUMULATORS];                                              \
            for (int a = 0; a < ACCUMULATORS; a++) OPERATION##_LOAD(acc[a], s + a * W);   \
            for (long c = 0; c < columns; c++) {                                          \
                const V x = own[c * R] - (V){}; /* a broadcast: x - (+0) is x, -0 too */ \
                const T *values = panel + c * R;                                          \
                for (int a = 0; a < ACCUMULATORS; a++) {                                  \
                    V v;                                                                  \
                    memcpy(&v, values + a * W, sizeof(V));                                \
                    OPERATION##_STEP(acc[a], v, x, IT);                                   \
                }                                                                         \
            }                                                                             \
            for (int a = 0; a < ACCUMULATORS; a++) OPERATION##_STORE(s + a * W, acc[a]);  \
        }                                                                                 \
    }

// |v - x| added to the sums in place: the sign bit cleared.
#define ABS_DIFFERENCE_A V
#define ABS_DIFFERENCE_LOAD(acc, source) memcpy(&(acc), (source), sizeof(V))
#define ABS_DIFFERENCE_STEP(acc, v, x, IT) \
    ((acc) += (V)((IV)((v) - (x)) & (IV){} + (IT)(~(unsigned IT)0 >> 1)))
#define ABS_DIFFERENCE_STORE(target, acc) memcpy((target), &(acc), sizeof(V))

// Mismatches counted in integer lanes from zero (a comparison gives -1 where
// the values differ), then added once. Exact, as adding 1 per column is,
// while the sums are whole numbers below 2^24 (float) or 2^53 (double).
#define MISMATCH_A IV
#define MISMATCH_LOAD(acc, source) ((acc) = (IV){})
#define MISMATCH_STEP(acc, v, x, IT) ((acc) -= ((v) != (x)))
#define MISMATCH_STORE(target, acc)                                   \
    do {                                                              \
        V total;                                                      \
        memcpy(&total, (target), sizeof(V));                          \
        total += __builtin_convertvector((acc), V);                   \
        memcpy((target), &total, sizeof(V));                          \
    } while (0)

#define ALL_VARIANTS(OP, NAME, T, IT)                                                      \
    DEFINE_VARIANTS(PANEL_LOOP, NAME, T, IT, OP)                                          \
    void tendency_panel_##NAME(int variant, T *sums, const T *own, const T *panels,       \
                               long count, long columns) {                                \
        VARIANT(NAME, variant)(sums, own, panels, count, columns);                        \
    }

ALL_VARIANTS(ABS_DIFFERENCE, abs_differences_f64, double, long long)
ALL_VARIANTS(ABS_DIFFERENCE, abs_differences_f32, float, int)
ALL_VARIANTS(MISMATCH, mismatches_f64, double, long long)
ALL_VARIANTS(MISMATCH, mismatches_f32, float, int)
