import CMPFR
import EvoMathReference
import EvoMathSpec
import Foundation

/// log in binary16, bfloat16 and binary32: `log-split` (x = 2^e·c·(1 + r),
/// log x = e·ln2 + log c + log1p(r), the kernel approximating log1p(r); see
/// `LogReduction`); and binary32's `screen` tier: the first stage of the
/// two-stage correctly rounded log (`LogSupport.screened`), q(r) ≈ log1p(r)/r
/// on the recipe's domain (reduction `none`: the log-split interval of the
/// accurate kernel's table), searched alone in double-double against
/// `targetError` (relative; the runtime's rounding test adds the rest).
public enum LogFamily: KernelFamily {
    public static let function = "log"
    public static let formats = ["binary16", "bfloat16", "binary32"]
    public static let reductions = ["log-split", "none"]
    public static let kernelOnlyTiers = ["screen"]

    public static func kernelTarget(reduction: String, tier: String) -> String? {
        tier == "screen" ? "log1p(r)/r" : RecipeFile.kernelTarget(family: reduction, function: function)
    }

    public static func validate(_ recipe: Recipe, origin: String) throws {
        if recipe.isScreen {
            try ExpFamily.validateScreen(recipe, origin: origin)
            return
        }
        if recipe.reductionFamily == "none" {
            throw SpecFileError(file: origin, keyPath: "reduction.family",
                                "'none' is the screen tier's (a kernel searched alone); \(recipe.tier) uses log-split")
        }
        if recipe.format == "binary32" && recipe.evaluation != .binary64 {
            // Evaluated in binary32: only the fast tier (< 1 ULP) and only
            // without a table. r = m·invc − 1 is exact in Float for the
            // 16-bit formats (≤ 12 + 12 significand bits) but not for a
            // binary32 m (24 + 12): the product's rounding, up to 2^-25,
            // would stand against results as small as |log c| (~2^-7 for a
            // 6-bit table), tens of ULP. Without a table (invc = 1) r = m − 1
            // is exact (Sterbenz).
            guard recipe.tier == "fast" else {
                throw SpecFileError(file: origin, keyPath: "evaluation.type",
                                    "log in binary32, tier \(recipe.tier), is evaluated in binary64 (m·invc and the reconstruction exact enough); binary32 evaluation is for the fast tier")
            }
            guard recipe.tableBits == [0] else {
                throw SpecFileError(file: origin, keyPath: "reduction.tableBits",
                                    "log in binary32 evaluated in binary32 is table-free (tableBits [0]): with a table r = m·invc − 1 is not exact in Float (24 + 12 significand bits)")
            }
        }
    }

    public static func kernelFunction(_ recipe: Recipe) -> (Double) -> Double {
        if recipe.isScreen { return { $0 == 0 ? 1 : log1p($0) / $0 } }
        return { log1p($0) }
    }

    /// r·q(r) with q ≈ log1p(r)/r (no constant term: relative error at 0);
    /// for the screen tier q alone.
    public static func seedPrograms(_ recipe: Recipe, samples: KernelSamples) -> [Program] {
        if recipe.isScreen {
            return (1...8).map { d in
                let (c, _) = Remez.minimax(degree: d, on: samples.interval, relative: true, function: kernelFunction(recipe))
                return Remez.horner(c, fused: false).canonicalized(evaluation: recipe.evaluation, fused: false)
            }
        }
        let q: (Double) -> Double = { $0 == 0 ? 1 : log1p($0) / $0 }
        let seeds = (1...8).map { d in
            let (c, _) = Remez.minimax(degree: d - 1, on: samples.interval, relative: recipe.errorKind == "relative", function: q)
            var p = Remez.horner(c, fused: recipe.operations.contains(.fma) && recipe.fusedMultiplyAdd)
            p.instructions.append(Instruction(.mul, p.output, 0))
            return p.canonicalized(evaluation: recipe.evaluation, fused: recipe.fusedMultiplyAdd)
        }
        guard recipe.format == "binary32" && !recipe.evaluatesInBinary64 else { return seeds }
        // binary32 evaluated in binary32 (the fast tier, table-free: r in
        // [√½ − 1, √2 − 1]) needs degree 10 or so for 2^-26, past the seeds
        // above, and a shape whose last rounding is that of r + (small):
        // r + r²·s(r), s ≈ (log1p(r) − r)/r², degrees 6 to 13 in all.
        let s: (Double) -> Double = { r in
            abs(r) < 0x1p-10 ? -0.5 + r * (1.0 / 3 + r * (-0.25 + r * (0.2 - r / 6))) : (log1p(r) - r) / (r * r)
        }
        return seeds + (6...13).map { d in
            let (c, _) = Remez.minimax(degree: d - 2, on: samples.interval, relative: true, function: s)
            var p = Remez.horner(c, fused: recipe.operations.contains(.fma) && recipe.fusedMultiplyAdd)
            let sIndex = p.output
            p.instructions.append(Instruction(.mul, 0, 0))
            p.instructions.append(Instruction(.mul, p.output, sIndex))
            p.instructions.append(Instruction(.add, p.output, 0))
            return p.canonicalized(evaluation: recipe.evaluation, fused: recipe.fusedMultiplyAdd)
        }
    }

    public static func baselineProgram(_ recipe: Recipe, coefficients c: [Double], degree d: Int) -> Program {
        recipe.isScreen ? Remez.horner(c, fused: false) : baselineWithoutConstantTerm(c, degree: d)
    }

    public static func formatStage(_ recipe: Recipe) -> (any FormatStage)? {
        recipe.isScreen ? nil : LogFormatStage(format: recipe.format16or32!, recipe: recipe)
    }

    public static func kernelSamples(_ recipe: Recipe, stage: (any FormatStage)?, tableBits: Int) -> KernelSamples {
        if recipe.isScreen { return screenSamples(count: recipe.samples, recipe: recipe) }
        return samples(reduction: (stage as! LogFormatStage).reductions[tableBits]!, count: recipe.samples, recipe: recipe)
    }

    public static func denseSamples(_ recipe: Recipe) -> KernelSamples? {
        recipe.isScreen ? screenSamples(count: 1 << 15, recipe: recipe) : nil
    }

    /// log1p(r)/r on the screen recipe's domain (r = 0 left out), from
    /// MPFR (log1p at 160 bits, divided by r), weighted for the relative error.
    static func screenSamples(count: Int, recipe: Recipe) -> KernelSamples {
        let ref = CorrectlyRoundedReference(Log1pFunction())
        let xs = Array(Set(Problem.points(recipe.domain.0, recipe.domain.1, count: count).filter { $0 != 0 })).sorted()
        let values = xs.map { x -> DoubleDouble in
            let v = ref.highPrecisionValue(at: x, precision: 160)
            mpfr_div_d(v.pointer, v.pointer, x, MPFR_RNDN)
            return doubleDouble(v)
        }
        return KernelSamples(x: xs, target: values.map(\.hi), targetLow: values.map(\.lo), weight: values.map { 1 / $0.hi },
                             interval: recipe.domain)
    }

    /// log1p(r) on the log-split reduction's interval [rMin, rMax] (r = 0
    /// left out: the error is relative); the points are Floats (Doubles for
    /// a kernel evaluated in binary64).
    static func samples(reduction: LogReduction, count: Int, recipe: Recipe) -> KernelSamples {
        let ref = CorrectlyRoundedReference(Log1pFunction())
        var xs = Problem.points(reduction.rMin, reduction.rMax, count: count).map { recipe.evaluatesInBinary64 ? $0 : Double(Float($0)) }
            .filter { $0 != 0 }
        if recipe.format == "binary32" && !recipe.evaluatesInBinary64 {
            // binary32 evaluated in binary32: r down to 2^-24 (x next to 1),
            // where the relative error of a constant term or of the last
            // roundings shows; the uniform points above stop near 2^-9.
            for k in 9...24 {
                let a = Double(sign: .plus, exponent: -k, significand: 1)
                xs += [a, -a, 1.5 * a, -1.5 * a]
            }
        }
        xs = Array(Set(xs)).sorted()
        var t: [Double] = [], tl: [Double] = [], w: [Double] = []
        for x in xs {
            let d = doubleDouble(ref.highPrecisionValue(at: x, precision: 160))
            t.append(d.hi); tl.append(d.lo)
            w.append(recipe.errorKind == "relative" ? 1 / abs(d.hi) : 1)
        }
        return KernelSamples(x: xs, target: t, targetLow: tl, weight: w, interval: (reduction.rMin, reduction.rMax))
    }

    public static func reductionJSON(_ recipe: Recipe, stage: (any FormatStage)?, tableBits: Int) -> JSON {
        if recipe.isScreen { return ExpFamily.screenReductionJSON(recipe) }
        let stage = stage as! LogFormatStage
        let red = stage.reductions[tableBits]!
        return .object([
            ("family", .string(recipe.reductionFamily)), ("tableBits", .integer(tableBits)),
            ("offset", .string("0x" + String(LogReduction.offset, radix: 16, uppercase: true))),
            ("ln2High", .string(HexFloat.format(Double(red.ln2High)))),
            ("ln2Low", .string(HexFloat.format(Double(red.ln2Low)))),
            ("invc", .array(red.invc.map { .string(HexFloat.format(Double($0))) })),
        ] + (recipe.evaluatesInBinary64 ? [
            ("ln2High64", .string(HexFloat.format(red.ln2High64))),
            ("ln2Low64", .string(HexFloat.format(red.ln2Low64))),
            ("logc64", .array(red.logc64.map { .string(HexFloat.format($0)) })),
        ] : [
            ("logcHigh", .array(red.logcHigh.map { .string(HexFloat.format(Double($0))) })),
            ("logcLow", .array(red.logcLow.map { .string(HexFloat.format(Double($0))) })),
        ]) + [
            ("interval", .array([.string(HexFloat.format(red.rMin)), .string(HexFloat.format(red.rMax))])),
        ])
    }

    public static var reference: (any ReferenceFunction)? { LogFunction() }

    public static func complete(_ program: Program, tableBits: Int, recipe: Recipe, stage: any FormatStage,
                                exceptions: [(x: Float, y: Float)]) -> @Sendable (Double) -> Double {
        let stage = stage as! LogFormatStage
        let complete = CompleteLog(program: program, reduction: stage.reductions[tableBits]!, format: stage.format,
                                   fused: recipe.fusedMultiplyAdd, binary64: recipe.evaluatesInBinary64, exceptions: exceptions)
        return { complete.evaluate($0) }
    }

    public static func complete(spec: SpecFile, path: String) throws -> (format: FloatFormat, evaluate: @Sendable (Double) -> Double) {
        let complete = try CompleteLog(spec: spec, path: path)
        return (complete.format, { complete.evaluate($0) })
    }
}
