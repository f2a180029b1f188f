import CMPFR
import EvoMathReference
import Foundation

/// exp in binary64: the kernels of `Exp+Double.swift`, searched alone. The
/// runtime's reduction (x = k·ln2/128 + r, |r| ≤ rMax, the table of
/// 2^(i/128) as double-double), its rounding tests and its rare path are
/// fixed (Generators/binary64/generate.py and the runtime's error analysis);
/// what is searched is the polynomial q with
///
/// ```
/// exp(r) − 1 − r − r²/2 ≈ r³·q(r),   |r| ≤ rMax (the recipe's domain)
/// ```
///
/// scored by its absolute error |r³·(q(r) − q*(r))| (q* exact, from MPFR)
/// evaluated in double-double: the approximation error of q's Double
/// coefficients, the term the runtime's written bound takes from the spec
/// (`targetError`; the evaluation's rounding is bounded separately there).
/// The emitter writes q by Estrin's scheme (`ExpBinary64KernelTemplate`).
public enum ExpBinary64Family: KernelFamily {
    public static let function = "exp"
    public static let formats = ["binary64"]
    public static let reductions = ["none"]
    public static var kernelOnlyFormats: [String] { formats }

    /// What the kernel approximates: q*(r).
    public static let approximates = "(expm1(r) - r - r^2/2)/r^3"

    public static func kernelTarget(reduction: String, tier: String) -> String? { approximates }

    public static func validate(_ recipe: Recipe, origin: String) throws {
        func fail(_ keyPath: String, _ m: String) -> SpecFileError { SpecFileError(file: origin, keyPath: keyPath, m) }
        guard recipe.evaluation == .real else {
            throw fail("evaluation.type", "expected real: the kernel's approximation error is measured in double-double (the runtime's bound covers its Double evaluation separately)")
        }
        guard recipe.errorKind == "absolute" else {
            throw fail("kernel.error", "expected absolute: the runtime's bound takes the absolute error of r³·q(r)")
        }
        guard recipe.domain.0 < 0, recipe.domain.1 > 0, recipe.domain.1 < 0x1p-4, -recipe.domain.0 < 0x1p-4 else {
            throw fail("domain", "expected the reduced interval [-rMax, rMax] around 0 (rMax < 2^-4)")
        }
        guard !recipe.operations.contains(.div), !recipe.operations.contains(.sqrt) else {
            throw fail("operations", "expected no div or sqrt: the emitter writes the kernel as a polynomial")
        }
    }

    /// q*(r) in Double by its Taylor series (|r| < 2^-4: the dropped terms
    /// are below 2^-50 relative), for the Remez baseline and default seeds.
    public static func kernelFunction(_ recipe: Recipe) -> (Double) -> Double {
        { r in
            var term = 1.0 / 6, sum = 0.0, n = 3.0
            for _ in 0..<12 { sum += term; n += 1; term *= r / n }
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

    /// q*(r) from MPFR (expm1 at 320 bits: the cancellation of r + r²/2
    /// leaves > 250 bits) as double-double, weighted by |r|³ so that the
    /// error is that of r³·q(r). r = 0 and |r| < 2^-40 are left out (weight
    /// below 2^-120).
    static func samples(count: Int, recipe: Recipe) -> KernelSamples {
        let (lo, hi) = recipe.domain
        let xs = Array(Set(Problem.points(lo, hi, count: count).filter { abs($0) >= 0x1p-40 })).sorted()
        let r = MPFRFloat(precision: 320), e = MPFRFloat(precision: 320), t = MPFRFloat(precision: 320)
        var target: [Double] = [], low: [Double] = [], weight: [Double] = []
        for x in xs {
            mpfr_set_d(r.pointer, x, MPFR_RNDN)
            mpfr_expm1(e.pointer, r.pointer, MPFR_RNDN)
            mpfr_sub(e.pointer, e.pointer, r.pointer, MPFR_RNDN)
            mpfr_mul(t.pointer, r.pointer, r.pointer, MPFR_RNDN)
            mpfr_div_2ui(t.pointer, t.pointer, 1, MPFR_RNDN)
            mpfr_sub(e.pointer, e.pointer, t.pointer, MPFR_RNDN)
            mpfr_mul(t.pointer, t.pointer, r.pointer, MPFR_RNDN)
            mpfr_mul_2ui(t.pointer, t.pointer, 1, MPFR_RNDN)
            mpfr_div(e.pointer, e.pointer, t.pointer, MPFR_RNDN)
            let d = doubleDouble(e)
            target.append(d.hi); low.append(d.lo)
            weight.append(abs(x * x * x))
        }
        return KernelSamples(x: xs, target: target, targetLow: low, weight: weight, interval: (lo, hi))
    }

    public static func reductionJSON(_ recipe: Recipe, stage: (any FormatStage)?, tableBits: Int) -> JSON {
        .object([("family", .string("none")),
                 ("interval", .array([.string(HexFloat.format(recipe.domain.0)), .string(HexFloat.format(recipe.domain.1))]))])
    }
}
