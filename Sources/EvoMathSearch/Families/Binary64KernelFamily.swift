import CMPFR
import EvoMathReference
import Foundation

/// A binary64 runtime's polynomial, searched alone (no format stage): the
/// runtime's reduction, rounding tests and rare path are fixed, and the
/// search looks for q on the reduced interval (the recipe's domain), scored
/// in double-double against q* from MPFR with the weight that makes the
/// error the quantity the runtime's written bound takes as "polynomial" (the
/// recipe's `targetError`; the bound covers q's Double evaluation
/// separately). Exp and log differ in q*, its weight and what the error is
/// relative to.
public protocol Binary64KernelFamily: KernelFamily {
    /// q*(v) for the recipe's tier, to about 106 bits, and the weight of
    /// |q(v) − q*(v)| in the error. `scratch` holds MPFR values of 320 bits.
    static func target(_ v: Double, tier: String, scratch: MPFRScratch) -> (DoubleDouble, weight: Double)
    /// The recipe's `kernel.error` the runtime's bound uses.
    static var errorKind: String { get }
    /// What the error is relative to (for messages).
    static var errorMeaning: String { get }
}

/// Three MPFR values of 320 bits, reused over a family's samples.
public final class MPFRScratch {
    public let a = MPFRFloat(precision: 320), b = MPFRFloat(precision: 320), c = MPFRFloat(precision: 320)
    public init() {}
}

extension Binary64KernelFamily {
    public static var formats: [String] { ["binary64"] }
    public static var reductions: [String] { ["none"] }
    public static var kernelOnlyFormats: [String] { formats }

    public static func validate(_ recipe: Recipe, origin: String) throws {
        try validateKernel(recipe, origin: origin)
    }

    /// The checks every binary64 kernel recipe shares.
    public static func validateKernel(_ recipe: Recipe, origin: String) throws {
        func fail(_ keyPath: String, _ m: String) -> SpecFileError { SpecFileError(file: origin, keyPath: keyPath, m) }
        guard recipe.evaluation == .real else {
            throw fail("evaluation.type", "expected real: the kernel's approximation error is measured in double-double (the runtime's bound covers its Double evaluation separately)")
        }
        guard recipe.errorKind == errorKind else {
            throw fail("kernel.error", "expected \(errorKind): the runtime's bound takes the error \(errorMeaning)")
        }
        guard recipe.domain.0 < 0, recipe.domain.1 > 0, recipe.domain.1 < 0x1p-4, -recipe.domain.0 < 0x1p-4 else {
            throw fail("domain", "expected the runtime's reduced interval around 0 (within ±2^-4)")
        }
        guard !recipe.operations.contains(.div), !recipe.operations.contains(.sqrt) else {
            throw fail("operations", "expected no div or sqrt: the emitter writes the kernel as a polynomial")
        }
    }

    public static func formatStage(_ recipe: Recipe) -> (any FormatStage)? { nil }

    public static func kernelSamples(_ recipe: Recipe, stage: (any FormatStage)?, tableBits: Int) -> KernelSamples {
        samples(count: recipe.samples, recipe: recipe)
    }

    public static func denseSamples(_ recipe: Recipe) -> KernelSamples? {
        samples(count: 1 << 15, recipe: recipe)
    }

    /// Points of the domain with q* and the weights; v = 0 and |v| < 2^-40
    /// are left out (their weight is below 2^-80).
    static func samples(count: Int, recipe: Recipe) -> KernelSamples {
        let (lo, hi) = recipe.domain
        let xs = Array(Set(Problem.points(lo, hi, count: count).filter { abs($0) >= 0x1p-40 })).sorted()
        let scratch = MPFRScratch()
        var target: [Double] = [], low: [Double] = [], weight: [Double] = []
        for x in xs {
            let (d, w) = Self.target(x, tier: recipe.tier, scratch: scratch)
            target.append(d.hi); low.append(d.lo); weight.append(w)
        }
        return KernelSamples(x: xs, target: target, targetLow: low, weight: weight, interval: (lo, hi))
    }

    public static func reductionJSON(_ recipe: Recipe, stage: (any FormatStage)?, tableBits: Int) -> JSON {
        .object([("family", .string("none")),
                 ("interval", .array([.string(HexFloat.format(recipe.domain.0)), .string(HexFloat.format(recipe.domain.1))]))])
    }
}
