/* GSL's log I_v(x) and log K_v(x) for the pairs 'v x' on standard input (hex or decimal, one pair a
 * line), one line 'logI logK' (hex) per pair on standard output: log I = log(gsl_sf_bessel_Inu_scaled_e)
 * + x, log K = gsl_sf_bessel_lnKnu_e, the two ways the benchmarks (Benchmarks/Sources/CPeers) call GSL.
 * A GSL error status gives nan (GSL's error handler is off, so nothing aborts).
 * Built and run by Scripts/logbessel-verify:  cc -O2 gsl-values.c -lgsl -lgslcblas -lm */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_bessel.h>
#include <math.h>
#include <stdio.h>

int main(void) {
    gsl_set_error_handler_off();
    double v, x;
    while (scanf("%lf %lf", &v, &x) == 2) {
        gsl_sf_result r;
        double logI = gsl_sf_bessel_Inu_scaled_e(v, x, &r) == GSL_SUCCESS ? log(r.val) + x : NAN;
        double logK = gsl_sf_bessel_lnKnu_e(v, x, &r) == GSL_SUCCESS ? r.val : NAN;
        printf("%a %a\n", logI, logK);
    }
    return 0;
}
