#ifndef TENDENCY_VECTOR_TARGETS_H
#define TENDENCY_VECTOR_TARGETS_H

// Function attributes compiling one function for a variant's instructions;
// the code is the same C (clang's vector extensions), only its width
// changes. Elsewhere than x86-64 every variant compiles for the baseline.
#if defined(__x86_64__)
#define TARGET_AVX2 __attribute__((target("avx2")))
#define TARGET_AVX512 __attribute__((target("avx512f")))
#else
#define TARGET_AVX2
#define TARGET_AVX512
#endif

// No fused multiply-adds: a variant whose instructions have them must round
// as the others do.
#pragma clang fp contract(off)

#endif
