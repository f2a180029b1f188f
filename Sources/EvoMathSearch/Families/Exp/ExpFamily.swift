import EvoMathReference
import Foundation

/// exp in binary16, bfloat16 and binary32: `exp-table` (x = k·ln2/2^T + r,
/// exp(x) = 2^(k >> T)·table[k mod 2^T]·p(r)) and `exp-table-split` (the
/// table entry split in two Floats, p(r) ≈ exp(r) − 1).
public enum ExpFamily: KernelFamily {
    public static let function = "exp"
    public static let formats = ["binary16", "bfloat16", "binary32"]
    /// Custom formats whose values are Floats (`Recipe` checks which).
    public static let takesCustomFormats = true
    public static let reductions = ["exp-table", "exp-table-split"]

    public static func validate(_ recipe: Recipe, origin: String) throws {
        if recipe.evaluatesInBinary64 && recipe.isSplit {
            throw SpecFileError(file: origin, keyPath: "reduction.family",
                                "a binary64 evaluation uses the exp-table reduction (Double table entries)")
        }
    }

    public static func kernelFunction(_ recipe: Recipe) -> (Double) -> Double {
        recipe.isSplit ? { expm1($0) } : { exp($0) }
    }

    public static func baselineProgram(_ recipe: Recipe, coefficients c: [Double], degree d: Int) -> Program {
        recipe.isSplit ? baselineWithoutConstantTerm(c, degree: d) : Remez.horner(c, fused: false)
    }

    public static func formatStage(_ recipe: Recipe) -> (any FormatStage)? {
        ExpFormatStage(format: recipe.format16or32!, recipe: recipe)
    }

    public static func kernelSamples(_ recipe: Recipe, stage: (any FormatStage)?, tableBits: Int) -> KernelSamples {
        samples(tableBits: tableBits, count: recipe.samples, recipe: recipe)
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
}
