#include "CVectorLoops.h"

// The widest variant: AVX-512 (foundation) or AVX2 when the CPU has it
// (cpuid) and the OS saves its registers on context switches (xgetbv).
#if defined(__x86_64__)
#include <cpuid.h>

static unsigned long long extended_state(void) {
    unsigned int low, high;
    __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    return ((unsigned long long)high << 32) | low;
}

int tendency_vector_best_variant(void) {
    unsigned int a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return TENDENCY_VECTOR_SSE2;
    const unsigned int osxsave = 1u << 27, avx = 1u << 28;
    if ((c & osxsave) == 0 || (c & avx) == 0) return TENDENCY_VECTOR_SSE2;
    unsigned long long state = extended_state();
    if ((state & 0x6) != 0x6) return TENDENCY_VECTOR_SSE2;   // XMM and YMM state saved by the OS
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return TENDENCY_VECTOR_SSE2;
    const unsigned int avx2 = 1u << 5, avx512f = 1u << 16;
    if ((b & avx512f) && (state & 0xE6) == 0xE6) return TENDENCY_VECTOR_AVX512;   // opmask and ZMM state too
    if (b & avx2) return TENDENCY_VECTOR_AVX2;
    return TENDENCY_VECTOR_SSE2;
}
#else
// Other architectures take the portable variant (vectors of 16 bytes).
int tendency_vector_best_variant(void) { return TENDENCY_VECTOR_SSE2; }
#endif

