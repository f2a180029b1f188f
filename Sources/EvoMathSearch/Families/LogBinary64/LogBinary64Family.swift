import CMPFR
import EvoMathReference
import Foundation

/// log in binary64: the kernels of `Log+Double.swift`, searched alone. The
/// runtime's reduction (x = 2^e·z, u = z·invc − 1 exact, |u| < 2^-8, the
/// 256-entry table), its rounding tests and its rare path are fixed
/// (Generators/binary64/generate.py and the runtime's error analysis); what
/// is searched is the polynomial q of each tier:
///
/// ```
/// accurate (second stage):        log1p(u) − u + u²/2 ≈ u³·q(u)
/// fast (first stage, fast tier):  log1p(u) − u        ≈ u²·q(u)
/// ```
///
/// on the recipe's domain [uMin, uMax], scored by the error of log1p's
/// approximation relative to |u| (|u^k·(q − q*)|/|u|, q* exact from MPFR),
/// evaluated in double-double: the term the runtime's written bounds take as
/// "polynomial" (2^-73.8 and 2^-65.2 relative to |u|; the recipe's
/// `targetError`). The emitter writes q by Estrin's scheme
/// (`LogBinary64KernelTemplate`).
public enum LogBinary64Family: KernelFamily {
    public static let function = "log"
    public static let formats = ["binary64"]
    public static let reductions = ["none"]
    public static var kernelOnlyFormats: [String] { formats }

    /// What each tier's kernel approximates, and the power of u it multiplies.
    static let kernels: [String: (approximates: String, power: Int)] = [
        "correctlyRounded": ("(log1p(u) - u + u^2/2)/u^3", 3),
        "fast": ("(log1p(u) - u)/u^2", 2),
    ]

    public static func kernelTarget(reduction: String, tier: String) -> String? { kernels[tier]?.approximates }

    public static func validate(_ recipe: Recipe, origin: String) throws {
        func fail(_ keyPath: String, _ m: String) -> SpecFileError { SpecFileError(file: origin, keyPath: keyPath, m) }
        guard kernels[recipe.tier] != nil else {
            throw fail("tier", "expected correctlyRounded or fast (the runtime's two polynomials)")
        }
        guard recipe.evaluation == .real else {
            throw fail("evaluation.type", "expected real: the kernel's approximation error is measured in double-double (the runtime's bound covers its Double evaluation separately)")
        }
        guard recipe.errorKind == "relative" else {
            throw fail("kernel.error", "expected relative: the runtime's bound takes log1p's approximation error relative to |u|")
        }
        guard recipe.domain.0 < 0, recipe.domain.1 > 0, recipe.domain.1 < 0x1p-4, -recipe.domain.0 < 0x1p-4 else {
            throw fail("domain", "expected the reduced interval [uMin, uMax] around 0 (|u| < 2^-4)")
        }
        guard !recipe.operations.contains(.div), !recipe.operations.contains(.sqrt) else {
            throw fail("operations", "expected no div or sqrt: the emitter writes the kernel as a polynomial")
        }
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

    public static func formatStage(_ recipe: Recipe) -> (any FormatStage)? { nil }

    public static func kernelSamples(_ recipe: Recipe, stage: (any FormatStage)?, tableBits: Int) -> KernelSamples {
        samples(count: recipe.samples, recipe: recipe)
    }

    public static func denseSamples(_ recipe: Recipe) -> KernelSamples? {
        samples(count: 1 << 15, recipe: recipe)
    }

    /// q*(u) from MPFR (log1p at 320 bits) as double-double, weighted by
    /// |u|^(k−1) so that the error is that of u^k·q(u) relative to |u|.
    /// u = 0 and |u| < 2^-40 are left out.
    static func samples(count: Int, recipe: Recipe) -> KernelSamples {
        let (lo, hi) = recipe.domain
        let k = kernels[recipe.tier]!.power
        let xs = Array(Set(Problem.points(lo, hi, count: count).filter { abs($0) >= 0x1p-40 })).sorted()
        let u = MPFRFloat(precision: 320), l = MPFRFloat(precision: 320), t = MPFRFloat(precision: 320)
        var target: [Double] = [], low: [Double] = [], weight: [Double] = []
        for x in xs {
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
            let d = doubleDouble(l)
            target.append(d.hi); low.append(d.lo)
            weight.append(k == 3 ? x * x : abs(x))
        }
        return KernelSamples(x: xs, target: target, targetLow: low, weight: weight, interval: (lo, hi))
    }

    public static func reductionJSON(_ recipe: Recipe, stage: (any FormatStage)?, tableBits: Int) -> JSON {
        .object([("family", .string("none")),
                 ("interval", .array([.string(HexFloat.format(recipe.domain.0)), .string(HexFloat.format(recipe.domain.1))]))])
    }
}
