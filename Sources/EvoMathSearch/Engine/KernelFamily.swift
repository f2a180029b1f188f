import EvoMathReference
import Foundation

/// Everything particular to one kind of function: which recipes it takes,
/// its range reduction (the kernel's interval and samples, the constants a
/// spec stores), how a complete function is scored in a target format (its
/// format stage), its reference function, and the complete function as the
/// runtime computes it (with its exceptions). The engine — program IR,
/// interpreter, mutation, NSGA-II, tuning, checkpoints, Pareto tables — and
/// the tools reach a family only through this protocol and
/// `KernelFamilies`; the emitter's templates are its other half
/// (`EvoMathEmitter/Families/`).
public protocol KernelFamily {
    /// The recipe's `function`.
    static var function: String { get }
    /// The formats a recipe may target (`real` for a kernel over the reals).
    static var formats: [String] { get }
    /// Whether the family also takes custom formats (`pPeE`, none of the
    /// standard ones; the recipe reader says which it accepts). False by default.
    static var takesCustomFormats: Bool { get }
    /// The reduction families (a recipe's `reduction.family`); the first is
    /// the default.
    static var reductions: [String] { get }
    /// The formats whose kernel is searched alone (no format stage): the
    /// runtime's reduction and rounding test are fixed, and the search scores
    /// the kernel's error on its interval against the recipe's `targetError`,
    /// the error the runtime's written bound assumes. Empty by default.
    static var kernelOnlyFormats: [String] { get }
    /// The tiers whose kernel is searched alone in any of the family's
    /// formats (as for `kernelOnlyFormats`). Empty by default.
    static var kernelOnlyTiers: [String] { get }
    /// What the kernel of `reduction` approximates in `tier` (a recipe's
    /// `kernel.approximates` must say the same).
    static func kernelTarget(reduction: String, tier: String) -> String?

    /// Checks what only this family constrains (for example the evaluation
    /// type a format needs), after the engine's own checks.
    static func validate(_ recipe: Recipe, origin: String) throws

    /// The function the kernel approximates on the reduced argument.
    static func kernelFunction(_ recipe: Recipe) -> (Double) -> Double
    /// The first population's seeds (`start: seeds`): Remez minimax
    /// polynomials of degree 1…8 on the kernel's interval.
    static func seedPrograms(_ recipe: Recipe, samples: KernelSamples) -> [Program]
    /// The baseline's polynomial of `degree` from its minimax coefficients
    /// (constant term first), already rounded to the evaluation type.
    static func baselineProgram(_ recipe: Recipe, coefficients: [Double], degree: Int) -> Program

    /// The format stage of a recipe in a format (nil over the reals).
    static func formatStage(_ recipe: Recipe) -> (any FormatStage)?
    /// The kernel's samples for the table of 2^`tableBits` entries.
    static func kernelSamples(_ recipe: Recipe, stage: (any FormatStage)?, tableBits: Int) -> KernelSamples
    /// Dense samples for reporting a real kernel's error (nil for formats).
    static func denseSamples(_ recipe: Recipe) -> KernelSamples?
    /// The spec's `reduction` object for the chosen table.
    static func reductionJSON(_ recipe: Recipe, stage: (any FormatStage)?, tableBits: Int) -> JSON

    /// The correctly rounded reference of the complete function.
    static var reference: (any ReferenceFunction)? { get }
    /// The complete function of a search result on one input, exactly as the
    /// emitted runtime computes it (exceptions consulted on its rare path).
    static func complete(_ program: Program, tableBits: Int, recipe: Recipe, stage: any FormatStage,
                         exceptions: [(x: Float, y: Float)]) -> @Sendable (Double) -> Double
    /// The complete function a spec describes (`verify --spec`), and its format.
    static func complete(spec: SpecFile, path: String) throws -> (format: FloatFormat, evaluate: @Sendable (Double) -> Double)
}

extension KernelFamily {
    public static func validate(_ recipe: Recipe, origin: String) throws {}

    public static var kernelOnlyFormats: [String] { [] }

    public static var kernelOnlyTiers: [String] { [] }

    public static var takesCustomFormats: Bool { false }

    public static func kernelTarget(reduction: String, tier: String) -> String? {
        RecipeFile.kernelTarget(family: reduction, function: function)
    }

    public static func seedPrograms(_ recipe: Recipe, samples: KernelSamples) -> [Program] {
        (1...8).map { d in
            let (c, _) = Remez.minimax(degree: d, on: samples.interval, relative: recipe.errorKind == "relative",
                                       function: kernelFunction(recipe))
            return Remez.horner(c, fused: recipe.operations.contains(.fma) && recipe.fusedMultiplyAdd)
                .canonicalized(evaluation: recipe.evaluation, fused: recipe.fusedMultiplyAdd)
        }
    }

    public static func baselineProgram(_ recipe: Recipe, coefficients c: [Double], degree d: Int) -> Program {
        Remez.horner(c, fused: false)
    }

    /// `baselineProgram` for kernels that vanish at 0 (expm1, log1p): the
    /// constant term dropped, r·(c1 + r·(c2 + …)).
    static func baselineWithoutConstantTerm(_ c: [Double], degree d: Int) -> Program {
        var p = d == 1 ? Program(instructions: [.input(0), .constant(c[1]), Instruction(.mul, 0, 1)])
            : Remez.horner(Array(c.dropFirst()), fused: false)
        if d > 1 { p.instructions.append(Instruction(.mul, p.output, 0)) }
        return p
    }

    public static func denseSamples(_ recipe: Recipe) -> KernelSamples? { nil }

    public static var reference: (any ReferenceFunction)? { nil }

    public static func complete(_ program: Program, tableBits: Int, recipe: Recipe, stage: any FormatStage,
                                exceptions: [(x: Float, y: Float)]) -> @Sendable (Double) -> Double {
        preconditionFailure("\(function) has no complete function in a format")
    }

    public static func complete(spec: SpecFile, path: String) throws -> (format: FloatFormat, evaluate: @Sendable (Double) -> Double) {
        throw SpecFileError(file: path, keyPath: "function", "\(function) has no complete function in a format")
    }
}

/// The families the engine knows: one line each.
public enum KernelFamilies {
    public static let all: [any KernelFamily.Type] = [ExpFamily.self, LogFamily.self, Exp2Family.self, Log2Family.self,
                                                   ExpBinary64Family.self, LogBinary64Family.self]

    /// The family of a recipe's or spec's `function`.
    public static func named(_ function: String) -> (any KernelFamily.Type)? {
        all.first { $0.function == function }
    }

    /// The family of `function` in `format` (a function's formats may be
    /// split between families, as exp's binary64 kernels are).
    /// A custom format (`pPeE`, none of the standard ones) belongs to the
    /// family of `function` that `takesCustomFormats`.
    public static func named(_ function: String, format: String) -> (any KernelFamily.Type)? {
        if let family = all.first(where: { $0.function == function && $0.formats.contains(format) }) { return family }
        guard let custom = FloatFormat(named: format), !FloatFormat.standard.contains(custom) else { return nil }
        return all.first { $0.function == function && $0.takesCustomFormats }
    }

    /// Every format some family of `function` takes.
    public static func formats(of function: String) -> [String] {
        all.filter { $0.function == function }.flatMap { $0.formats }
    }

    /// The functions, each once, in the registry's order.
    public static var names: [String] {
        var seen = Set<String>()
        return all.map { $0.function }.filter { seen.insert($0).inserted }
    }
}
