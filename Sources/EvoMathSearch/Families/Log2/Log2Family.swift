import EvoMathReference
import Foundation

/// log2(x) on an interval over the reals (`format: real`, reduction `none`):
/// the second real-number benchmark, run with the exp2 recipe's engine
/// settings so that nothing is tuned to one function. Evaluated in
/// double-double; no format stage and no runtime. The kernel's input is x
/// itself (no x − 1 is given to the search).
public enum Log2Family: KernelFamily {
    public static let function = "log2"
    public static let formats = ["real"]
    public static let reductions = ["none"]

    public static func kernelFunction(_ recipe: Recipe) -> (Double) -> Double { { log2($0) } }

    public static func formatStage(_ recipe: Recipe) -> (any FormatStage)? { nil }

    public static func validate(_ recipe: Recipe, origin: String) throws {
        guard recipe.domain.0 > 0 else {
            throw SpecFileError(file: origin, keyPath: "domain", "expected an interval of positive numbers (log2 is defined for x > 0)")
        }
        // log2(1) = 0: a relative error is unbounded near 1 unless the
        // program vanishes exactly there.
        guard recipe.errorKind == "absolute" || !(recipe.domain.0 <= 1 && 1 <= recipe.domain.1) else {
            throw SpecFileError(file: origin, keyPath: "kernel.error", "expected 'absolute': log2 vanishes at 1, inside the domain")
        }
    }

    public static func kernelSamples(_ recipe: Recipe, stage: (any FormatStage)?, tableBits: Int) -> KernelSamples {
        samples(recipe.domain.0, recipe.domain.1, count: recipe.samples, recipe: recipe)
    }

    public static func denseSamples(_ recipe: Recipe) -> KernelSamples? {
        samples(recipe.domain.0, recipe.domain.1, count: 1 << 15, recipe: recipe)
    }

    static func samples(_ lo: Double, _ hi: Double, count: Int, recipe: Recipe) -> KernelSamples {
        let ref = CorrectlyRoundedReference(Log2Function())
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
