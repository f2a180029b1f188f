#ifndef EVOMATH_CMPFR_SHIM_H
#define EVOMATH_CMPFR_SHIM_H
#include <stdio.h>
#include <stdarg.h>
#include <gmp.h>
#include <mpfr.h>

// Macros in mpfr.h that Swift cannot import, as functions.
static inline mpfr_sign_t evomath_mpfr_sgn(mpfr_srcptr x) { return mpfr_sgn(x); }
static inline mpfr_exp_t evomath_mpfr_get_exp(mpfr_srcptr x) { return mpfr_get_exp(x); }
static inline mpfr_prec_t evomath_mpfr_get_prec(mpfr_srcptr x) { return mpfr_get_prec(x); }
static inline int evomath_mpfr_nan_p(mpfr_srcptr x) { return mpfr_nan_p(x); }
static inline int evomath_mpfr_inf_p(mpfr_srcptr x) { return mpfr_inf_p(x); }
static inline int evomath_mpfr_zero_p(mpfr_srcptr x) { return mpfr_zero_p(x); }
static inline int evomath_mpfr_signbit(mpfr_srcptr x) { return mpfr_signbit(x); }

// mpfr_snprintf is variadic: Swift cannot call it directly.
static inline int evomath_mpfr_decimal(char *buffer, size_t size, int digits, mpfr_srcptr x) {
    return mpfr_snprintf(buffer, size, "%.*Re", digits, x);
}
#endif
