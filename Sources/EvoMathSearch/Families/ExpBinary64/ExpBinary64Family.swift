import CMPFR
import EvoMathReference
import Foundation

/// exp in binary64: the kernels of `Exp+Double.swift` (x = k·ln2/128 + r,
/// |r| ≤ rMax, the table of 2^(i/128) as double-double; generate.py), the
/// polynomial q of
///
/// ```
/// exp(r) − 1 − r − r²/2 ≈ r³·q(r),   |r| ≤ rMax (the recipe's domain)
/// ```
///
/// scored by the absolute error |r³·(q(r) − q*(r))|: the term the runtime's
/// bounds take as "polynomial" (2^-77.25 in the second stage, 2^-63.9 in the
/// first stage and the fast tier). The emitter writes q by Estrin's scheme
/// (`ExpBinary64KernelTemplate`).
public enum ExpBinary64Family: Binary64KernelFamily {
    public static let function = "exp"
    public static let errorKind = "absolute"
    public static let errorMeaning = "of r³·q(r), absolute"

    /// What the kernel approximates: q*(r).
    public static let approximates = "(expm1(r) - r - r^2/2)/r^3"

    public static func kernelTarget(reduction: String, tier: String) -> String? { approximates }

    /// q*(r) in Double by its Taylor series (|r| < 2^-4: the dropped terms
    /// are below 2^-50 relative), for the Remez baseline and default seeds.
    public static func kernelFunction(_ recipe: Recipe) -> (Double) -> Double {
        { r in
            var term = 1.0 / 6, sum = 0.0, n = 3.0
            for _ in 0..<12 { sum += term; n += 1; term *= r / n }
            return sum
        }
    }

    /// q*(r) = (expm1(r) − r − r²/2)/r³ from MPFR (expm1 at 320 bits: the
    /// cancellation of r + r²/2 leaves > 250 bits), weighted by |r|³.
    public static func target(_ x: Double, tier: String, scratch m: MPFRScratch) -> (DoubleDouble, weight: Double) {
        let (r, e, t) = (m.a, m.b, m.c)
        mpfr_set_d(r.pointer, x, MPFR_RNDN)
        mpfr_expm1(e.pointer, r.pointer, MPFR_RNDN)
        mpfr_sub(e.pointer, e.pointer, r.pointer, MPFR_RNDN)
        mpfr_mul(t.pointer, r.pointer, r.pointer, MPFR_RNDN)
        mpfr_div_2ui(t.pointer, t.pointer, 1, MPFR_RNDN)
        mpfr_sub(e.pointer, e.pointer, t.pointer, MPFR_RNDN)
        mpfr_mul(t.pointer, t.pointer, r.pointer, MPFR_RNDN)
        mpfr_mul_2ui(t.pointer, t.pointer, 1, MPFR_RNDN)
        mpfr_div(e.pointer, e.pointer, t.pointer, MPFR_RNDN)
        return (doubleDouble(e), abs(x * x * x))
    }
}
