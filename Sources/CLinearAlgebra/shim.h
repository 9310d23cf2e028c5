// OpenBLAS's CBLAS interface (with its threading controls) and LAPACKE.
// Debian: libopenblas-dev, liblapacke-dev.
#include <cblas.h>
#include <lapacke.h>

// Square roots of a run of values, in place. In C because Swift's
// squareRoot() goes through a C shim compiled with math-errno on Linux: one
// branch and a scalar sqrtsd per value, never vectorised. The elementwise
// builtin has no errno semantics, so the loop vectorises.
static inline void tendency_square_roots_double(double *values, long count) {
    for (long j = 0; j < count; j++) values[j] = __builtin_elementwise_sqrt(values[j]);
}

static inline void tendency_square_roots_float(float *values, long count) {
    for (long j = 0; j < count; j++) values[j] = __builtin_elementwise_sqrt(values[j]);
}

// A spin-wait hint (PAUSE on x86, YIELD on Arm) for a thread polling an
// atomic: lets the sibling hyperthread run and saves power while it waits.
static inline void tendency_spin_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}
