// OpenBLAS's CBLAS interface (with its threading controls) and LAPACKE.
// Debian: libopenblas-dev, liblapacke-dev.
#include <cblas.h>
#include <lapacke.h>

// A spin-wait hint (PAUSE on x86, YIELD on Arm) for a thread polling an
// atomic: lets the sibling hyperthread run and saves power while it waits.
static inline void tendency_spin_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}
