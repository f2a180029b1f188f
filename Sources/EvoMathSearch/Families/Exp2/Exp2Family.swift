import EvoMathReference
import Foundation

/// 2^x on an interval over the reals (`format: real`, reduction `none`): the
/// search's own benchmark, evaluated in double-double; no format stage and
/// no runtime.
public enum Exp2Family: KernelFamily {
    public static let function = "exp2"
    public static let formats = ["real"]
    public static let reductions = ["none"]

    public static func kernelFunction(_ recipe: Recipe) -> (Double) -> Double { { exp2($0) } }

    public static func formatStage(_ recipe: Recipe) -> (any FormatStage)? { nil }

    public static func kernelSamples(_ recipe: Recipe, stage: (any FormatStage)?, tableBits: Int) -> KernelSamples {
        samples(recipe.domain.0, recipe.domain.1, count: recipe.samples, recipe: recipe)
    }

    public static func denseSamples(_ recipe: Recipe) -> KernelSamples? {
        samples(recipe.domain.0, recipe.domain.1, count: 1 << 15, recipe: recipe)
    }

    static func samples(_ lo: Double, _ hi: Double, count: Int, recipe: Recipe) -> KernelSamples {
        let ref = CorrectlyRoundedReference(Exp2Function())
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
