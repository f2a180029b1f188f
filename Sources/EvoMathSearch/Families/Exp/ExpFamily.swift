import EvoMathReference
import EvoMathSpec
import Foundation

/// exp in binary16, bfloat16 and binary32: `exp-table` (x = k·ln2/2^T + r,
/// exp(x) = 2^(k >> T)·table[k mod 2^T]·p(r)) and `exp-table-split` (the
/// table entry split in two Floats, p(r) ≈ exp(r) − 1); and binary32's
/// `screen` tier: the first stage of the two-stage correctly rounded exp
/// (`ExpSupport.inRangeScreened`), x/ln2 = k/2^T + h, p(h) ≈ 2^h on the
/// recipe's domain (reduction `none`: the runtime's reduced interval
/// |h| ≤ 2^-(T+1)), searched alone in double-double against `targetError`
/// (the runtime's rounding test adds the Double evaluation's rounding).
public enum ExpFamily: KernelFamily {
    public static let function = "exp"
    public static let formats = ["binary16", "bfloat16", "binary32"]
    /// Custom formats whose values are Floats (`Recipe` checks which).
    public static let takesCustomFormats = true
    public static let reductions = ["exp-table", "exp-table-split", "none"]
    public static let kernelOnlyTiers = ["screen"]

    public static func kernelTarget(reduction: String, tier: String) -> String? {
        tier == "screen" ? "2^x" : RecipeFile.kernelTarget(family: reduction, function: function)
    }

    public static func validate(_ recipe: Recipe, origin: String) throws {
        func fail(_ keyPath: String, _ m: String) -> SpecFileError { SpecFileError(file: origin, keyPath: keyPath, m) }
        if recipe.evaluatesInBinary64 && recipe.isSplit {
            throw fail("reduction.family", "a binary64 evaluation uses the exp-table reduction (Double table entries)")
        }
        guard recipe.isScreen else {
            if recipe.reductionFamily == "none" {
                throw fail("reduction.family", "'none' is the screen tier's (a kernel searched alone); \(recipe.tier) uses exp-table or exp-table-split")
            }
            return
        }
        try validateScreen(recipe, origin: origin)
    }

    /// The checks of a screen recipe (exp's and log's): binary32, reduction
    /// `none` on a small interval around 0, double-double, relative error,
    /// a polynomial.
    static func validateScreen(_ recipe: Recipe, origin: String) throws {
        func fail(_ keyPath: String, _ m: String) -> SpecFileError { SpecFileError(file: origin, keyPath: keyPath, m) }
        guard recipe.format == "binary32" else {
            throw fail("format", "the screen tier is binary32's (the first stage of its correctly rounded \(recipe.function))")
        }
        guard recipe.reductionFamily == "none" else {
            throw fail("reduction.family", "expected none: the screen kernel is searched on the runtime's reduced interval (the recipe's domain)")
        }
        guard recipe.evaluation == .real else {
            throw fail("evaluation.type", "expected real: the kernel's approximation error is measured in double-double (the runtime's rounding test covers its Double evaluation separately)")
        }
        guard recipe.errorKind == "relative" else {
            throw fail("kernel.error", "expected relative: the runtime's rounding test takes the kernel's error relative")
        }
        guard recipe.domain.0 < 0, recipe.domain.1 > 0, recipe.domain.1 < 0x1p-4, -recipe.domain.0 < 0x1p-4 else {
            throw fail("domain", "expected the runtime's reduced interval around 0 (within ±2^-4)")
        }
        guard !recipe.operations.contains(.div), !recipe.operations.contains(.sqrt) else {
            throw fail("operations", "expected no div or sqrt: the emitter writes the kernel as a polynomial")
        }
    }

    public static func kernelFunction(_ recipe: Recipe) -> (Double) -> Double {
        if recipe.isScreen { return { exp2($0) } }
        return recipe.isSplit ? { expm1($0) } : { exp($0) }
    }

    public static func baselineProgram(_ recipe: Recipe, coefficients c: [Double], degree d: Int) -> Program {
        recipe.isSplit ? baselineWithoutConstantTerm(c, degree: d) : Remez.horner(c, fused: false)
    }

    public static func formatStage(_ recipe: Recipe) -> (any FormatStage)? {
        recipe.isScreen ? nil : ExpFormatStage(format: recipe.format16or32!, recipe: recipe)
    }

    public static func kernelSamples(_ recipe: Recipe, stage: (any FormatStage)?, tableBits: Int) -> KernelSamples {
        if recipe.isScreen { return screenSamples(count: recipe.samples, recipe: recipe) }
        return samples(tableBits: tableBits, count: recipe.samples, recipe: recipe)
    }

    public static func denseSamples(_ recipe: Recipe) -> KernelSamples? {
        recipe.isScreen ? screenSamples(count: 1 << 15, recipe: recipe) : nil
    }

    /// 2^h on the screen recipe's domain, from MPFR, weighted for the
    /// relative error.
    static func screenSamples(count: Int, recipe: Recipe) -> KernelSamples {
        let ref = CorrectlyRoundedReference(Exp2Function())
        let xs = Array(Set(Problem.points(recipe.domain.0, recipe.domain.1, count: count))).sorted()
        let values = xs.map { doubleDouble(ref.highPrecisionValue(at: $0, precision: 160)) }
        return KernelSamples(x: xs, target: values.map(\.hi), targetLow: values.map(\.lo), weight: values.map { 1 / $0.hi },
                             interval: recipe.domain)
    }

    /// exp(r) on the reduced interval of `x = k·ln2/2^T + r`: |r| ≤ ln2/2^(T+1),
    /// widened by the rounding of k and of r; the points are Floats.
    static func samples(tableBits: Int, count: Int, recipe: Recipe) -> KernelSamples {
        let bound = ExpReduction(tableBits: tableBits).reducedBound
        let ref = CorrectlyRoundedReference(ExpFunction())
        var xs = Problem.points(-bound, bound, count: count).map { recipe.evaluatesInBinary64 ? $0 : Double(Float($0)) }
        xs = Array(Set(xs)).sorted()
        var t: [Double] = [], tl: [Double] = [], w: [Double] = []
        for x in xs {
            let d = doubleDouble(ref.highPrecisionValue(at: x, precision: 160))
            // The split reconstruction's kernel is exp(r) − 1 (exact: Sterbenz).
            let hi = recipe.isSplit ? d.hi - 1 : d.hi
            t.append(hi); tl.append(d.lo)
            w.append(recipe.errorKind == "relative" ? 1 / abs(recipe.isSplit ? x : d.hi) : 1)
        }
        return KernelSamples(x: xs, target: t, targetLow: tl, weight: w, interval: (-bound, bound))
    }

    public static func reductionJSON(_ recipe: Recipe, stage: (any FormatStage)?, tableBits: Int) -> JSON {
        if recipe.isScreen { return screenReductionJSON(recipe) }
        let stage = stage as! ExpFormatStage
        if recipe.evaluatesInBinary64 {
            let red = stage.reductions[tableBits]!
            return .object([
                ("family", .string(recipe.reductionFamily)), ("tableBits", .integer(tableBits)),
                ("inverseStep", .string(HexFloat.format(red.inverseStep64))),
                ("stepHigh", .string(HexFloat.format(red.stepHigh64))),
                ("stepLow", .string(HexFloat.format(red.stepLow64))),
                ("table", .array(red.table64.map { .string(HexFloat.format($0)) })),
                ("overflowThreshold", .string(HexFloat.format(stage.overflowThreshold))),
                ("underflowThreshold", .string(HexFloat.format(stage.underflowThreshold))),
            ])
        }
        let red = stage.reductions[tableBits]!
        return .object([
            ("family", .string(recipe.reductionFamily)), ("tableBits", .integer(tableBits)),
            ("inverseStep", .string(HexFloat.format(Double(red.inverseStep)))),
            ("stepHigh", .string(HexFloat.format(Double(red.stepHigh)))),
            ("stepLow", .string(HexFloat.format(Double(red.stepLow)))),
            ("table", .array(red.table.map { .string(HexFloat.format(Double($0))) })),
        ] + (recipe.isSplit ? [("tableLow", JSON.array(red.tableLow.map { .string(HexFloat.format(Double($0))) }))] : []) + [
            ("overflowThreshold", .string(HexFloat.format(stage.overflowThreshold))),
            ("underflowThreshold", .string(HexFloat.format(stage.underflowThreshold))),
        ])
    }

    /// A screen spec's reduction: `none` on the recipe's interval.
    static func screenReductionJSON(_ recipe: Recipe) -> JSON {
        .object([("family", .string("none")),
                 ("interval", .array([.string(HexFloat.format(recipe.domain.0)), .string(HexFloat.format(recipe.domain.1))]))])
    }

    public static var reference: (any ReferenceFunction)? { ExpFunction() }

    public static func complete(_ program: Program, tableBits: Int, recipe: Recipe, stage: any FormatStage,
                                exceptions: [(x: Float, y: Float)]) -> @Sendable (Double) -> Double {
        let stage = stage as! ExpFormatStage
        let complete = CompleteExp(program: program, reduction: stage.reductions[tableBits]!, format: stage.format,
                                   fused: recipe.fusedMultiplyAdd, split: recipe.isSplit,
                                   overflowThreshold: Float(stage.overflowThreshold),
                                   underflowThreshold: Float(stage.underflowThreshold), binary64: recipe.evaluatesInBinary64,
                                   exceptions: exceptions)
        return { complete.evaluate($0) }
    }

    public static func complete(spec: SpecFile, path: String) throws -> (format: FloatFormat, evaluate: @Sendable (Double) -> Double) {
        let complete = try CompleteExp(spec: spec, path: path)
        return (complete.format, { complete.evaluate($0) })
    }
}

extension Recipe {
    /// Whether the kernel approximates exp(r) − 1 (split reconstruction).
    public var isSplit: Bool { reductionFamily == "exp-table-split" }
    /// Whether the kernel is a correctly rounded tier's screening kernel.
    public var isScreen: Bool { tier == "screen" }
}
