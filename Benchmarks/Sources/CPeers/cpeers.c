#include "cpeers.h"

#include <cpuid.h>
#include <dlfcn.h>
#include <gnu/libc-version.h>
#include <immintrin.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_bessel.h>
#include <gsl/gsl_version.h>

// ---------------------------------------------------------------------------
// Bit patterns (for the XOR sinks and the dependent chains).

static inline uint64_t bits_f(float x) { uint32_t b; memcpy(&b, &x, 4); return b; }
static inline uint64_t bits_d(double x) { uint64_t b; memcpy(&b, &x, 8); return b; }
static inline float from_bits_f(uint64_t b) { uint32_t u = (uint32_t)b; float x; memcpy(&x, &u, 4); return x; }
static inline double from_bits_d(uint64_t b) { double x; memcpy(&x, &b, 8); return x; }

// ---------------------------------------------------------------------------
// Scalar functions: batch, independent-call sum, dependent chain.

#define SCALAR1(ID, T, SUF, CALL)                                                  \
    static void ID##_batch(const void *in_, void *out_, long n) {                  \
        const T *in = in_; T *out = out_;                                          \
        long k = 0;                                                                \
        /* Two per iteration: the plain one-call loop runs ~30% slower on this */  \
        /* AMD EPYC (measured), which would flatter everyone compared with it. */  \
        for (; k + 1 < n; k += 2) { T a = in[k], b = in[k + 1];                    \
                                    out[k] = CALL(a); out[k + 1] = CALL(b); }      \
        if (k < n) out[k] = CALL(in[k]);                                           \
    }                                                                              \
    static uint64_t ID##_sum(const void *in_, long n) {                            \
        const T *in = in_; uint64_t a0 = 0, a1 = 0;                                \
        long k = 0;                                                                \
        for (; k + 1 < n; k += 2) { a0 ^= bits_##SUF(CALL(in[k]));                 \
                                    a1 ^= bits_##SUF(CALL(in[k + 1])); }           \
        for (; k < n; k++) a0 ^= bits_##SUF(CALL(in[k]));                          \
        return a0 ^ a1;                                                            \
    }                                                                              \
    static uint64_t ID##_chain(const void *in_, long n, uint64_t mask) {           \
        const T *in = in_; T x = in[0];                                            \
        for (long k = 0; k < n; k++) {                                             \
            T y = CALL(x);                                                         \
            x = from_bits_##SUF(bits_##SUF(in[k]) | (bits_##SUF(y) & mask));      \
        }                                                                          \
        return bits_##SUF(x);                                                      \
    }

// Two-argument (order v, argument x) functions; `in` holds pairs (v, x).
#define SCALAR2(ID, T, SUF, CALL)                                                  \
    static void ID##_batch(const void *in_, void *out_, long n) {                  \
        const T *in = in_; T *out = out_;                                          \
        for (long k = 0; k < n; k++) out[k] = CALL(in[2 * k], in[2 * k + 1]);      \
    }                                                                              \
    static uint64_t ID##_sum(const void *in_, long n) {                            \
        const T *in = in_; uint64_t a = 0;                                         \
        for (long k = 0; k < n; k++) a ^= bits_##SUF(CALL(in[2 * k], in[2 * k + 1])); \
        return a;                                                                  \
    }                                                                              \
    static uint64_t ID##_chain(const void *in_, long n, uint64_t mask) {           \
        const T *in = in_; T x = in[1];                                            \
        for (long k = 0; k < n; k++) {                                             \
            T y = CALL(in[2 * k], x);                                              \
            x = from_bits_##SUF(bits_##SUF(in[2 * k + 1]) | (bits_##SUF(y) & mask)); \
        }                                                                          \
        return bits_##SUF(x);                                                      \
    }

// Vector functions: batch only. A partial last vector goes through a padded copy.
#define VECTOR(ID, T, VT, W, TARGET, CALL)                                         \
    __attribute__((target(TARGET)))                                                \
    static void ID##_batch(const void *in_, void *out_, long n) {                  \
        const T *in = in_; T *out = out_;                                          \
        long k = 0;                                                                \
        for (; k + (W) <= n; k += (W)) {                                           \
            VT v; memcpy(&v, in + k, sizeof v);                                    \
            VT r = CALL(v);                                                        \
            memcpy(out + k, &r, sizeof r);                                         \
        }                                                                          \
        if (k < n) {                                                               \
            T tmp[W]; for (int j = 0; j < (W); j++) tmp[j] = 1;                    \
            memcpy(tmp, in + k, (size_t)(n - k) * sizeof(T));                      \
            VT v; memcpy(&v, tmp, sizeof v);                                       \
            VT r = CALL(v);                                                        \
            memcpy(tmp, &r, sizeof r);                                             \
            memcpy(out + k, tmp, (size_t)(n - k) * sizeof(T));                     \
        }                                                                          \
    }

// glibc libmvec, x86_64 vector function ABI ('d' = AVX2, 'e' = AVX-512).
// Declared here because no public header declares them; the target attribute
// on a declaration tells clang the callee uses the AVX register ABI.
__attribute__((target("avx2,fma"))) __m256  _ZGVdN8v_expf(__m256);
__attribute__((target("avx2,fma"))) __m256  _ZGVdN8v_logf(__m256);
__attribute__((target("avx2,fma"))) __m256d _ZGVdN4v_exp(__m256d);
__attribute__((target("avx2,fma"))) __m256d _ZGVdN4v_log(__m256d);
__attribute__((target("avx512f"))) __m512  _ZGVeN16v_expf(__m512);
__attribute__((target("avx512f"))) __m512  _ZGVeN16v_logf(__m512);
__attribute__((target("avx512f"))) __m512d _ZGVeN8v_exp(__m512d);
__attribute__((target("avx512f"))) __m512d _ZGVeN8v_log(__m512d);

// SLEEF 3.5.1 (libsleef.so). <sleef.h> declares the vector variants only when
// the translation unit is compiled for that ISA, so they are declared here.
float  Sleef_expf_u10(float);
float  Sleef_logf_u10(float);
double Sleef_exp_u10(double);
double Sleef_log_u10(double);
__attribute__((target("avx2,fma"))) __m256  Sleef_expf8_u10avx2(__m256);
__attribute__((target("avx2,fma"))) __m256  Sleef_logf8_u10avx2(__m256);
__attribute__((target("avx2,fma"))) __m256  Sleef_logf8_u35avx2(__m256);
__attribute__((target("avx2,fma"))) __m256d Sleef_expd4_u10avx2(__m256d);
__attribute__((target("avx2,fma"))) __m256d Sleef_logd4_u10avx2(__m256d);
__attribute__((target("avx2,fma"))) __m256d Sleef_logd4_u35avx2(__m256d);
__attribute__((target("avx512f"))) __m512  Sleef_expf16_u10avx512f(__m512);
__attribute__((target("avx512f"))) __m512  Sleef_logf16_u10avx512f(__m512);
__attribute__((target("avx512f"))) __m512  Sleef_logf16_u35avx512f(__m512);
__attribute__((target("avx512f"))) __m512d Sleef_expd8_u10avx512f(__m512d);
__attribute__((target("avx512f"))) __m512d Sleef_logd8_u10avx512f(__m512d);
__attribute__((target("avx512f"))) __m512d Sleef_logd8_u35avx512f(__m512d);

// GSL: log I_v(x) = log(I_v(x) e^-x) + x; log K_v(x) directly.
static double gsl_log_i(double v, double x) { return log(gsl_sf_bessel_Inu_scaled(v, x)) + x; }
static double gsl_log_k(double v, double x) { return gsl_sf_bessel_lnKnu(v, x); }
static float gsl_log_i_f(float v, float x) { return (float)gsl_log_i(v, x); }
static float gsl_log_k_f(float v, float x) { return (float)gsl_log_k(v, x); }

SCALAR1(glibc_expf, float, f, expf)
SCALAR1(glibc_logf, float, f, logf)
SCALAR1(glibc_exp, double, d, exp)
SCALAR1(glibc_log, double, d, log)
SCALAR1(sleef_expf_u10, float, f, Sleef_expf_u10)
SCALAR1(sleef_logf_u10, float, f, Sleef_logf_u10)
SCALAR1(sleef_exp_u10, double, d, Sleef_exp_u10)
SCALAR1(sleef_log_u10, double, d, Sleef_log_u10)
SCALAR2(gsl_logi, double, d, gsl_log_i)
SCALAR2(gsl_logk, double, d, gsl_log_k)
SCALAR2(gsl_logi_f, float, f, gsl_log_i_f)
SCALAR2(gsl_logk_f, float, f, gsl_log_k_f)

VECTOR(mvec_expf8, float, __m256, 8, "avx2,fma", _ZGVdN8v_expf)
VECTOR(mvec_logf8, float, __m256, 8, "avx2,fma", _ZGVdN8v_logf)
VECTOR(mvec_exp4, double, __m256d, 4, "avx2,fma", _ZGVdN4v_exp)
VECTOR(mvec_log4, double, __m256d, 4, "avx2,fma", _ZGVdN4v_log)
VECTOR(mvec_expf16, float, __m512, 16, "avx512f", _ZGVeN16v_expf)
VECTOR(mvec_logf16, float, __m512, 16, "avx512f", _ZGVeN16v_logf)
VECTOR(mvec_exp8, double, __m512d, 8, "avx512f", _ZGVeN8v_exp)
VECTOR(mvec_log8, double, __m512d, 8, "avx512f", _ZGVeN8v_log)

VECTOR(sleef_expf8_u10, float, __m256, 8, "avx2,fma", Sleef_expf8_u10avx2)
VECTOR(sleef_logf8_u10, float, __m256, 8, "avx2,fma", Sleef_logf8_u10avx2)
VECTOR(sleef_logf8_u35, float, __m256, 8, "avx2,fma", Sleef_logf8_u35avx2)
VECTOR(sleef_expd4_u10, double, __m256d, 4, "avx2,fma", Sleef_expd4_u10avx2)
VECTOR(sleef_logd4_u10, double, __m256d, 4, "avx2,fma", Sleef_logd4_u10avx2)
VECTOR(sleef_logd4_u35, double, __m256d, 4, "avx2,fma", Sleef_logd4_u35avx2)
VECTOR(sleef_expf16_u10, float, __m512, 16, "avx512f", Sleef_expf16_u10avx512f)
VECTOR(sleef_logf16_u10, float, __m512, 16, "avx512f", Sleef_logf16_u10avx512f)
VECTOR(sleef_logf16_u35, float, __m512, 16, "avx512f", Sleef_logf16_u35avx512f)
VECTOR(sleef_expd8_u10, double, __m512d, 8, "avx512f", Sleef_expd8_u10avx512f)
VECTOR(sleef_logd8_u10, double, __m512d, 8, "avx512f", Sleef_logd8_u10avx512f)
VECTOR(sleef_logd8_u35, double, __m512d, 8, "avx512f", Sleef_logd8_u35avx512f)

// ---------------------------------------------------------------------------
// The table. The first implementation of each (function, format) is not
// special: the harness picks the baseline by name.

#define GLIBC "glibc libm"
#define MVEC "glibc libmvec"
#define SLEEF "SLEEF 3.5.1"
#define GSL "GSL 2.7"
#define S(FN, FMT, NAME, LIB, ID) { FN, FMT, NAME, LIB, "", 1, ID##_batch, ID##_sum, ID##_chain }
#define V(FN, FMT, NAME, LIB, ISA, W, ID) { FN, FMT, NAME, LIB, ISA, W, ID##_batch, 0, 0 }

static const cpeers_impl impls[] = {
    S("exp", "binary32", "glibc expf", GLIBC, glibc_expf),
    V("exp", "binary32", "libmvec _ZGVdN8v_expf", MVEC, "avx2", 8, mvec_expf8),
    V("exp", "binary32", "libmvec _ZGVeN16v_expf", MVEC, "avx512f", 16, mvec_expf16),
    S("exp", "binary32", "SLEEF Sleef_expf_u10", SLEEF, sleef_expf_u10),
    V("exp", "binary32", "SLEEF Sleef_expf8_u10avx2", SLEEF, "avx2", 8, sleef_expf8_u10),
    V("exp", "binary32", "SLEEF Sleef_expf16_u10avx512f", SLEEF, "avx512f", 16, sleef_expf16_u10),

    S("log", "binary32", "glibc logf", GLIBC, glibc_logf),
    V("log", "binary32", "libmvec _ZGVdN8v_logf", MVEC, "avx2", 8, mvec_logf8),
    V("log", "binary32", "libmvec _ZGVeN16v_logf", MVEC, "avx512f", 16, mvec_logf16),
    S("log", "binary32", "SLEEF Sleef_logf_u10", SLEEF, sleef_logf_u10),
    V("log", "binary32", "SLEEF Sleef_logf8_u10avx2", SLEEF, "avx2", 8, sleef_logf8_u10),
    V("log", "binary32", "SLEEF Sleef_logf8_u35avx2", SLEEF, "avx2", 8, sleef_logf8_u35),
    V("log", "binary32", "SLEEF Sleef_logf16_u10avx512f", SLEEF, "avx512f", 16, sleef_logf16_u10),
    V("log", "binary32", "SLEEF Sleef_logf16_u35avx512f", SLEEF, "avx512f", 16, sleef_logf16_u35),

    S("exp", "binary64", "glibc exp", GLIBC, glibc_exp),
    V("exp", "binary64", "libmvec _ZGVdN4v_exp", MVEC, "avx2", 4, mvec_exp4),
    V("exp", "binary64", "libmvec _ZGVeN8v_exp", MVEC, "avx512f", 8, mvec_exp8),
    S("exp", "binary64", "SLEEF Sleef_exp_u10", SLEEF, sleef_exp_u10),
    V("exp", "binary64", "SLEEF Sleef_expd4_u10avx2", SLEEF, "avx2", 4, sleef_expd4_u10),
    V("exp", "binary64", "SLEEF Sleef_expd8_u10avx512f", SLEEF, "avx512f", 8, sleef_expd8_u10),

    S("log", "binary64", "glibc log", GLIBC, glibc_log),
    V("log", "binary64", "libmvec _ZGVdN4v_log", MVEC, "avx2", 4, mvec_log4),
    V("log", "binary64", "libmvec _ZGVeN8v_log", MVEC, "avx512f", 8, mvec_log8),
    S("log", "binary64", "SLEEF Sleef_log_u10", SLEEF, sleef_log_u10),
    V("log", "binary64", "SLEEF Sleef_logd4_u10avx2", SLEEF, "avx2", 4, sleef_logd4_u10),
    V("log", "binary64", "SLEEF Sleef_logd4_u35avx2", SLEEF, "avx2", 4, sleef_logd4_u35),
    V("log", "binary64", "SLEEF Sleef_logd8_u10avx512f", SLEEF, "avx512f", 8, sleef_logd8_u10),
    V("log", "binary64", "SLEEF Sleef_logd8_u35avx512f", SLEEF, "avx512f", 8, sleef_logd8_u35),

    S("logBesselI", "binary64", "GSL log(Inu_scaled)+x", GSL, gsl_logi),
    S("logBesselK", "binary64", "GSL lnKnu", GSL, gsl_logk),
    S("logBesselI", "binary32", "GSL log(Inu_scaled)+x (binary64)", GSL, gsl_logi_f),
    S("logBesselK", "binary32", "GSL lnKnu (binary64)", GSL, gsl_logk_f),
};

// ---------------------------------------------------------------------------
// CORE-MATH (optional): cr_exp, cr_log, cr_expf, cr_logf, correctly rounded.
// Its source is not part of this repository: Scripts/benchmark compiles it from
// a checkout the user names (EVOMATH_COREMATH_DIR) into a shared library, and
// cpeers_coremath_load opens that with dlopen, so this package builds and runs
// the same without it. The loops call through a pointer loaded from memory,
// as the calls of glibc's functions go through the PLT (a load and an
// indirect jump), so neither side gets a cheaper call.

static double (*coremath_exp_ptr)(double);
static double (*coremath_log_ptr)(double);
static float (*coremath_expf_ptr)(float);
static float (*coremath_logf_ptr)(float);
static double coremath_exp_call(double x) { return coremath_exp_ptr(x); }
static double coremath_log_call(double x) { return coremath_log_ptr(x); }
static float coremath_expf_call(float x) { return coremath_expf_ptr(x); }
static float coremath_logf_call(float x) { return coremath_logf_ptr(x); }
SCALAR1(coremath_exp, double, d, coremath_exp_call)
SCALAR1(coremath_log, double, d, coremath_log_call)
SCALAR1(coremath_expf, float, f, coremath_expf_call)
SCALAR1(coremath_logf, float, f, coremath_logf_call)

#define COREMATH "CORE-MATH"
// Scripts/benchmark builds the library with -mavx2 -mfma: the rows need the
// same instruction set as the AVX2 vector peers.
#define CM(FN, FMT, NAME, ID) { FN, FMT, NAME, COREMATH, "avx2", 1, ID##_batch, ID##_sum, ID##_chain }
static const struct {
    const char *symbol;
    void **pointer;
    cpeers_impl impl;
} coremath_candidates[] = {
    { "cr_exp", (void **)&coremath_exp_ptr, CM("exp", "binary64", "CORE-MATH cr_exp", coremath_exp) },
    { "cr_log", (void **)&coremath_log_ptr, CM("log", "binary64", "CORE-MATH cr_log", coremath_log) },
    { "cr_expf", (void **)&coremath_expf_ptr, CM("exp", "binary32", "CORE-MATH cr_expf", coremath_expf) },
    { "cr_logf", (void **)&coremath_logf_ptr, CM("log", "binary32", "CORE-MATH cr_logf", coremath_logf) },
};
enum { coremath_candidate_count = sizeof coremath_candidates / sizeof coremath_candidates[0] };
static cpeers_impl coremath_impls[coremath_candidate_count];
static int coremath_count;
static char coremath_message[1024];

const char *cpeers_coremath_load(const char *path) {
    if (coremath_count) return "CORE-MATH is already loaded";
    void *library = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        snprintf(coremath_message, sizeof coremath_message, "cannot open %s: %s", path, dlerror());
        return coremath_message;
    }
    coremath_message[0] = 0;
    for (int i = 0; i < coremath_candidate_count; i++) {
        void *symbol = dlsym(library, coremath_candidates[i].symbol);
        if (symbol) {
            *coremath_candidates[i].pointer = symbol;
            coremath_impls[coremath_count++] = coremath_candidates[i].impl;
        } else {
            size_t used = strlen(coremath_message);
            snprintf(coremath_message + used, sizeof coremath_message - used, "%s%s",
                     used ? "," : "", coremath_candidates[i].symbol);
        }
    }
    if (!coremath_count) {
        snprintf(coremath_message, sizeof coremath_message,
                 "%s defines none of cr_exp, cr_log, cr_expf, cr_logf", path);
        dlclose(library);
        return coremath_message;
    }
    return 0;
}

const char *cpeers_coremath_absent(void) { return coremath_count ? coremath_message : ""; }

// ---------------------------------------------------------------------------
// The C peers: the static table, then the CORE-MATH rows once loaded.

int cpeers_count(void) { return (int)(sizeof impls / sizeof impls[0]) + coremath_count; }
const cpeers_impl *cpeers_get(int index) {
    int fixed = (int)(sizeof impls / sizeof impls[0]);
    return index < fixed ? &impls[index] : &coremath_impls[index - fixed];
}

// ---------------------------------------------------------------------------
// CPU features, checked with CPUID and XGETBV (the OS must save the registers).

static uint64_t xgetbv0(void) {
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((uint64_t)hi << 32) | lo;
}

int cpeers_cpu_has(const char *isa) {
    if (!isa || !*isa) return 1;
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    int osxsave = (c >> 27) & 1, avx = (c >> 28) & 1, fma = (c >> 12) & 1;
    if (!osxsave || !avx) return 0;
    uint64_t xcr0 = xgetbv0();
    if ((xcr0 & 0x6) != 0x6) return 0;  // XMM and YMM state
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    int avx2 = (b >> 5) & 1, avx512f = (b >> 16) & 1;
    if (strcmp(isa, "avx2") == 0) return avx2 && fma;
    if (strcmp(isa, "avx512f") == 0) return avx512f && (xcr0 & 0xE6) == 0xE6;  // + opmask, ZMM
    return 0;
}

const char *cpeers_glibc_version(void) { return gnu_get_libc_version(); }

const char *cpeers_gsl_init(void) {
    gsl_set_error_handler_off();
    return gsl_version;
}
