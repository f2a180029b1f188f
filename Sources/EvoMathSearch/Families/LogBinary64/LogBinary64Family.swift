import CMPFR
import EvoMathReference
import Foundation

/// log in binary64: the kernels of `Log+Double.swift` (x = 2^e·z,
/// u = z·invc − 1 exact, the 256-entry table; generate.py), per tier the
/// polynomial q of
///
/// ```
/// accurate (second stage):        log1p(u) − u + u²/2 ≈ u³·q(u)
/// fast (first stage, fast tier):  log1p(u) − u        ≈ u²·q(u)
/// ```
///
/// on the recipe's domain [uMin, uMax], scored by log1p's approximation
/// error relative to |u| (|u^k·(q − q*)|/|u|): the term the runtime's bounds
/// take as "polynomial" (2^-73.8 and 2^-65.2). The emitter writes q by
/// Estrin's scheme (`LogBinary64KernelTemplate`).
public enum LogBinary64Family: Binary64KernelFamily {
    public static let function = "log"
    public static let errorKind = "relative"
    public static let errorMeaning = "of log1p(u)'s approximation, relative to |u|"

    /// What each tier's kernel approximates, and the power of u it multiplies.
    static let kernels: [String: (approximates: String, power: Int)] = [
        "correctlyRounded": ("(log1p(u) - u + u^2/2)/u^3", 3),
        "fast": ("(log1p(u) - u)/u^2", 2),
    ]

    public static func kernelTarget(reduction: String, tier: String) -> String? { kernels[tier]?.approximates }

    public static func validate(_ recipe: Recipe, origin: String) throws {
        guard kernels[recipe.tier] != nil else {
            throw SpecFileError(file: origin, keyPath: "tier", "expected correctlyRounded or fast (the runtime's two polynomials)")
        }
        try validateKernel(recipe, origin: origin)
    }

    /// q*(u) in Double by its Taylor series (|u| < 2^-4: 40 terms leave
    /// less than 2^-160), for the Remez baseline and default seeds.
    public static func kernelFunction(_ recipe: Recipe) -> (Double) -> Double {
        let first = kernels[recipe.tier]!.power
        return { u in
            var sum = 0.0, power = 1.0
            for n in first..<(first + 40) {
                sum += (n % 2 == 1 ? 1 : -1) * power / Double(n)
                power *= u
            }
            return sum
        }
    }

    /// q*(u) from MPFR (log1p at 320 bits), weighted by |u|^(k−1) so that the
    /// error is that of u^k·q(u) relative to |u|.
    public static func target(_ x: Double, tier: String, scratch m: MPFRScratch) -> (DoubleDouble, weight: Double) {
        let k = kernels[tier]!.power
        let (u, l, t) = (m.a, m.b, m.c)
        mpfr_set_d(u.pointer, x, MPFR_RNDN)
        mpfr_log1p(l.pointer, u.pointer, MPFR_RNDN)
        mpfr_sub(l.pointer, l.pointer, u.pointer, MPFR_RNDN)
        mpfr_mul(t.pointer, u.pointer, u.pointer, MPFR_RNDN)
        if k == 3 {
            mpfr_div_2ui(t.pointer, t.pointer, 1, MPFR_RNDN)
            mpfr_add(l.pointer, l.pointer, t.pointer, MPFR_RNDN)
            mpfr_mul(t.pointer, t.pointer, u.pointer, MPFR_RNDN)
            mpfr_mul_2ui(t.pointer, t.pointer, 1, MPFR_RNDN)
        }
        mpfr_div(l.pointer, l.pointer, t.pointer, MPFR_RNDN)
        return (doubleDouble(l), k == 3 ? x * x : abs(x))
    }
}
