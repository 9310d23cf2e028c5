#ifndef TENDENCY_SQUARED_DIFFERENCES_H
#define TENDENCY_SQUARED_DIFFERENCES_H

#include <string.h>

// Rows per group in the point loops: each has its own accumulator vector, so
// four independent addition chains hide the addition latency (one chain per
// row left those loops bound by it).
#define GROUP 4

// In the scope of a point loop: for the GROUP rows b[0 ..< GROUP], adds
// (a[c] - b[g][c])^2 into lane c mod L of s[g] (V a vector of L elements)
// for the coordinates c < done, the largest multiple of L not above
// `dimension`; the caller adds the tail and sums the lanes in its own order.
#define ACCUMULATE_SQUARED_DIFFERENCES(V, a, b, s, dimension, done)          \
    do {                                                                     \
        enum { L = sizeof(V) / sizeof((a)[0]) };                             \
        for (int g = 0; g < GROUP; g++) (s)[g] = (V){};                      \
        for ((done) = 0; (done) + L <= (dimension); (done) += L) {           \
            V u;                                                             \
            memcpy(&u, (a) + (done), sizeof u);                              \
            for (int g = 0; g < GROUP; g++) {                                \
                V w;                                                         \
                memcpy(&w, (b)[g] + (done), sizeof w);                       \
                V t = u - w;                                                 \
                (s)[g] += t * t;                                             \
            }                                                                \
        }                                                                    \
    } while (0)

#endif
