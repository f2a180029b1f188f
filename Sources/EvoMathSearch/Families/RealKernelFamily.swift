import EvoMathReference
import Foundation

/// A family of kernels over the reals (`format: real`, reduction `none`):
/// the function itself on the recipe's domain, evaluated in double-double,
/// with no format stage and no runtime. Exp2 and Log2 differ only in their
/// reference function and the function the kernel approximates.
public protocol RealKernelFamily: KernelFamily {
    /// The correctly rounded reference of the kernel's samples.
    static var kernelReference: any ReferenceFunction { get }
}

extension RealKernelFamily {
    public static var formats: [String] { ["real"] }
    public static var reductions: [String] { ["none"] }

    public static func formatStage(_ recipe: Recipe) -> (any FormatStage)? { nil }

    public static func kernelSamples(_ recipe: Recipe, stage: (any FormatStage)?, tableBits: Int) -> KernelSamples {
        realSamples(recipe.domain.0, recipe.domain.1, count: recipe.samples, recipe: recipe)
    }

    public static func denseSamples(_ recipe: Recipe) -> KernelSamples? {
        realSamples(recipe.domain.0, recipe.domain.1, count: 1 << 15, recipe: recipe)
    }

    static func realSamples(_ lo: Double, _ hi: Double, count: Int, recipe: Recipe) -> KernelSamples {
        let ref = CorrectlyRoundedReference(kernelReference)
        let xs = Problem.points(lo, hi, count: count)
        var t: [Double] = [], tl: [Double] = [], w: [Double] = []
        for x in xs {
            let d = doubleDouble(ref.highPrecisionValue(at: x, precision: 160))
            t.append(d.hi); tl.append(d.lo)
            w.append(recipe.errorKind == "relative" ? 1 / abs(d.hi) : 1)
        }
        return KernelSamples(x: xs, target: t, targetLow: tl, weight: w, interval: (lo, hi))
    }

    public static func reductionJSON(_ recipe: Recipe, stage: (any FormatStage)?, tableBits: Int) -> JSON {
        .object([("family", .string("none")),
                 ("interval", .array([.string(HexFloat.format(recipe.domain.0)), .string(HexFloat.format(recipe.domain.1))]))])
    }
}
