#include "CVectorLoops.h"
#include "targets.h"
#include <string.h>

// Four vectors per step: independent compare-and-select chains hide the
// compare latency. Lane l of chain c sees positions j + c W + l, keeps its
// own first strict minimum, and the lanes are combined by (value, position).
#define CHAINS 4

#define FIRST_MINIMUM(NAME, BYTES, TARGET, T, IT)                                          \
    TARGET static long NAME(const T *values, long count, T *value, long *runner_up) {     \
        typedef T V __attribute__((vector_size(BYTES)));                                  \
        typedef IT IV __attribute__((vector_size(BYTES)));                                \
        enum { W = BYTES / sizeof(T), STEP = CHAINS * W };                                 \
        const T infinity = __builtin_inf();                                                \
        V best[CHAINS];                                                                    \
        IV at[CHAINS];                                                                     \
        IV lane;                                                                           \
        for (int k = 0; k < W; k++) lane[k] = k;                                           \
        for (int c = 0; c < CHAINS; c++) {                                                 \
            best[c] = infinity - (V){};                                                    \
            at[c] = (IV){} - 1;                                                            \
        }                                                                                  \
        long j = 0;                                                                        \
        for (; j + STEP <= count; j += STEP) {                                             \
            for (int c = 0; c < CHAINS; c++) {                                             \
                V v;                                                                       \
                memcpy(&v, values + j + c * W, sizeof(V));                                 \
                IV take = v < best[c];                                                     \
                best[c] = (V)(((IV)v & take) | ((IV)best[c] & ~take));                     \
                at[c] = ((lane + (IT)(j + c * W)) & take) | (at[c] & ~take);               \
            }                                                                              \
        }                                                                                  \
        long first = -1, second = -1;                                                      \
        T first_value = infinity, second_value = infinity;                                 \
        for (int c = 0; c < CHAINS; c++)                                                   \
            for (int k = 0; k < W; k++) {                                                  \
                long p = (long)at[c][k];                                                   \
                T v = best[c][k];                                                          \
                if (p >= 0 && (v < first_value || (v == first_value && p < first))) {      \
                    first_value = v;                                                       \
                    first = p;                                                             \
                }                                                                          \
            }                                                                              \
        for (int c = 0; c < CHAINS; c++)                                                   \
            for (int k = 0; k < W; k++) {                                                  \
                long p = (long)at[c][k];                                                   \
                T v = best[c][k];                                                          \
                if (p >= 0 && p != first && v < second_value) {                            \
                    second_value = v;                                                      \
                    second = p;                                                            \
                }                                                                          \
            }                                                                              \
        /* The tail comes after every lane's positions: only smaller values win. */        \
        long found = first;                                                                \
        for (; j < count; j++)                                                             \
            if (values[j] < first_value) {                                                 \
                first_value = values[j];                                                   \
                found = j;                                                                 \
            }                                                                              \
        *value = first_value;                                                              \
        *runner_up = found == first ? second : first;                                      \
        return found;                                                                      \
    }

#define ALL_VARIANTS(NAME, T, IT)                                                                    \
    DEFINE_VARIANTS(FIRST_MINIMUM, NAME, T, IT)                                                     \
    long tendency_##NAME(int variant, const T *values, long count, T *value, long *runner_up) {     \
        return VARIANT(NAME, variant)(values, count, value, runner_up);                             \
    }

ALL_VARIANTS(first_minimum_f64, double, long long)
ALL_VARIANTS(first_minimum_f32, float, int)
