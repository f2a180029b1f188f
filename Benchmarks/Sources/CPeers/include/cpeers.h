// C loops around the peer libraries the EvoMath benchmarks compare with.
// Each implementation is described by a cpeers_impl: the Swift harness only
// sees this table, so adding a peer is one line in cpeers.c.
#ifndef CPEERS_H
#define CPEERS_H

#include <stdint.h>

/// out[k] = f(in[k]) for k < n (for two-argument functions, in holds pairs).
typedef void (*cpeers_batch_fn)(const void *in, void *out, long n);
/// XOR of the bit patterns of f(in[k]): independent calls, nothing stored.
typedef uint64_t (*cpeers_sum_fn)(const void *in, long n);
/// Dependent chain: y = f(x); x = bits(in[k]) | (bits(y) & mask) with mask = 0
/// supplied at run time, so the next call waits for the previous result.
typedef uint64_t (*cpeers_chain_fn)(const void *in, long n, uint64_t mask);

typedef struct {
    const char *function;  // "exp", "log", "logBesselI", "logBesselK"
    const char *format;    // "binary32", "binary64"
    const char *name;      // shown in the tables
    const char *library;   // library and version
    const char *isa;       // "" (any x86-64), "avx2", "avx512f"
    int lanes;             // elements per call (1 for scalar functions)
    cpeers_batch_fn batch; // never NULL
    cpeers_sum_fn sum;     // NULL for vector functions
    cpeers_chain_fn chain; // NULL for vector functions
} cpeers_impl;

/// The peers: the libraries linked into the harness, then CORE-MATH's
/// functions once cpeers_coremath_load has succeeded.
int cpeers_count(void);
const cpeers_impl *cpeers_get(int index);

/// Opens the CORE-MATH shared library at `path` (built by Scripts/benchmark from
/// a CORE-MATH checkout) and adds a row for each of cr_exp, cr_log, cr_expf,
/// cr_logf that it defines. NULL on success, else the reason.
const char *cpeers_coremath_load(const char *path);
/// After a successful load: the symbols it did not define, comma-separated ("" if none).
const char *cpeers_coremath_absent(void);

/// 1 if the CPU and the OS support the instruction set ("", "avx2", "avx512f").
int cpeers_cpu_has(const char *isa);
/// glibc's version string (gnu_get_libc_version).
const char *cpeers_glibc_version(void);
/// GSL's version string; also turns GSL's abort-on-error handler off.
const char *cpeers_gsl_init(void);

#endif
