#ifndef TENDENCY_VECTOR_TARGETS_H
#define TENDENCY_VECTOR_TARGETS_H

// Function attributes compiling one function for a variant's instructions;
// the code is the same C (clang's vector extensions), only its width
// changes. Elsewhere than x86-64 every variant compiles for the baseline.
#define TARGET_SSE2
#if defined(__x86_64__)
#define TARGET_AVX2 __attribute__((target("avx2")))
#define TARGET_AVX512 __attribute__((target("avx512f")))
#else
#define TARGET_AVX2
#define TARGET_AVX512
#endif

// The three variants of one loop: DEFINE(NAME_variant, BYTES, TARGET, ...)
// must define the function NAME_variant for vectors of BYTES bytes, compiled
// with the function attributes TARGET.
#define DEFINE_VARIANTS(DEFINE, NAME, ...)                \
    DEFINE(NAME##_sse2, 16, TARGET_SSE2, __VA_ARGS__)     \
    DEFINE(NAME##_avx2, 32, TARGET_AVX2, __VA_ARGS__)     \
    DEFINE(NAME##_avx512, 64, TARGET_AVX512, __VA_ARGS__)

// A variant's vector width in bytes, and its function of a loop defined by
// DEFINE_VARIANTS.
#define VARIANT_BYTES(variant) \
    ((variant) == TENDENCY_VECTOR_AVX512 ? 64 : (variant) == TENDENCY_VECTOR_AVX2 ? 32 : 16)
#define VARIANT(NAME, variant)                                   \
    ((variant) == TENDENCY_VECTOR_AVX512 ? NAME##_avx512         \
     : (variant) == TENDENCY_VECTOR_AVX2 ? NAME##_avx2 : NAME##_sse2)

// No fused multiply-adds: a variant whose instructions have them must round
// as the others do.
#pragma clang fp contract(off)

#endif
