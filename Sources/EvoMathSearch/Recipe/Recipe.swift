import EvoMathReference
import EvoMathSpec
import Foundation

/// What to search for: read from `Generators/recipes/*.json`.
///
/// ```json
/// { "name": "exp.binary16.correctlyRounded",
///   "function": "exp", "format": "binary16", "tier": "correctlyRounded",
///   "evaluation": { "type": "binary32", "fusedMultiplyAdd": false },
///   "reduction": { "family": "exp-table", "tableBits": [0, 2, 3] },
///   "kernel": { "approximates": "exp(r)", "error": "relative" },
///   "operations": ["add", "sub", "mul", "fma"],
///   "cost": { "add": 1, "sub": 1, "mul": 1, "fma": 2, "tableLoad": 1 },
///   "start": "scratch",
///   "budget": { "islands": 2, "populationPerIsland": 48, "generations": 60, "maxCost": 24 } }
/// ```
public struct Recipe: Sendable {
    /// The spec's base name, `<fn>.<format>.<tier>`.
    public var name: String
    /// `exp` or `log` (complete function in a format; log in binary16,
    /// bfloat16 or binary32) or `exp2` (a kernel over the reals).
    public var function: String
    /// A format name, or `real` for a real-number experiment.
    public var format: String
    /// `correctlyRounded`, `fast` (< 1 ULP) or `minimax` (reals: no gate).
    public var tier: String
    /// The kernel's arithmetic: binary32 for complete functions, or binary64
    /// for a correctly rounded binary32 (exp-table or log-split reduction;
    /// misrounded inputs, at most `maxExceptions`, become the spec's
    /// exceptions). log in binary32 is always evaluated in binary64.
    public var evaluation: EvaluationType
    public var fusedMultiplyAdd: Bool
    /// `none`, `exp-table` (x = k·ln2/2^T + r, exp(x) = 2^e·t·p(r)) or
    /// `exp-table-split` (the same reduction, exp(x) = 2^e·(t + (t·q(r) + t_low))
    /// with q ≈ exp(r) − 1 and the table entry t split in two Floats), or for
    /// log `log-split` (x = 2^e·c_i·(1 + r), log x = e·ln2 + log c_i +
    /// log1p(r), the kernel approximating log1p(r); see `LogReduction`).
    public var reductionFamily: String
    public var tableBits: [Int]
    /// The kernel's interval for `none` (default [0, 1]).
    public var domain: (Double, Double)
    /// `relative` or `absolute`.
    public var errorKind: String
    public var operations: [EvoMathSpec.Operation]
    public var cost: CostModel
    /// `scratch` or `seeds` (Remez minimax polynomials in Horner form).
    public var start: String
    public var islands: Int
    public var populationPerIsland: Int
    public var generations: Int
    /// Programs dearer than this are discarded.
    public var maxCost: Double
    /// Samples of the kernel's interval for the continuous stage.
    public var samples: Int
    /// Stratified binary32 inputs for the format stage.
    public var formatSamples: Int
    /// Target error for reals (below it cost decides); nil: no gate.
    public var targetError: Double?
    /// Generations between migrations.
    public var migrationInterval: Int
    /// Seconds between checkpoints.
    public var checkpointSeconds: Double
    /// Verify the finalist on every input of the format with the verifier.
    public var verifyExhaustively: Bool
    /// The recipe as written (copied into the spec).
    public var source: JSON
    /// How constants are tuned (`"tuning": {"method": …}`): `lawson`
    /// (Lawson + Gauss–Newton, the default), `cmaes` (CMA-ES on the kernel's
    /// error in the evaluation arithmetic, from the inherited constants) or
    /// `both` (Lawson, then CMA-ES from its solution) or `varpro` (variable
    /// projection: Loeb–Lawson least squares for the constants that enter
    /// the output's N/D affinely, CMA-ES over the rest; `VarPro`).
    public var tuningMethod = "lawson"
    /// CMA-ES objective evaluations per child in the continuous stage.
    public var tuningEvaluations = 200
    /// varpro's inner fit (`"tuning": {"inner": …}`): `lawson` or `exact`.
    public var innerFit = VarPro.InnerFit.lawson
    /// The finalist polish (`"tuning": {"finalists": N, "finalistIterations":
    /// I, "finalistEvaluations": E}`; `SearchEngine.polishFinalists`): N
    /// programs per cost (0: none), each re-tuned with I inner steps
    /// (default 40) and E CMA-ES evaluations (default 2,000).
    public var finalists = 0
    public var finalistIterations = 40
    public var finalistEvaluations = 2000
    /// Lawson iterations per child in the continuous stage
    /// (`"tuning": {"iterations": N}`; nil: the engine's 16).
    public var tuningIterations: Int?
    /// CMA-ES initial step relative to each constant in the continuous stage
    /// (default 0.1 for `cmaes`, 2^-20 for `both`).
    public var tuningSigma: Double?
    /// The polish of nearly correctly rounded candidates: `walk` (interval-
    /// aimed Lawson, then an ulp walk; the default for `lawson`), `cmaes`
    /// (interval-aimed Lawson, then CMA-ES on the format stage's misrounded
    /// count + max ULP; the default for `cmaes` and `both`) or `walk+cmaes`
    /// (the walk, then CMA-ES where it left misrounded inputs).
    public var polishMethod = "walk"
    /// CMA-ES objective evaluations (complete function on the format
    /// stage's inputs) per polished candidate.
    public var polishEvaluations = 300
    /// CMA-ES polishes only candidates with at most this many misrounded
    /// inputs left (more are out of reach of a few ulps; the default keeps
    /// the polish to the candidates it can fix).
    public var polishMaxMisrounded = 4
    /// CMA-ES initial step of the polish, in units of 2^-24 relative to each
    /// constant (about one Float ulp).
    public var polishSigma = 4.0
    /// binary32 kernels evaluated in binary64 (`"evaluation": {"type":
    /// "binary64"}`): the most misrounded inputs a correctly rounded
    /// candidate may leave to the spec's exception list (`"maxExceptions"`).
    public var maxExceptions = 64
    /// Whether the complete function is evaluated in Double (one final
    /// rounding to binary32, misrounded inputs become exceptions).
    public var evaluatesInBinary64: Bool { !kernelOnly && evaluation == .binary64 }
    /// `seedPrograms`: the recipe's own seeds (nil: the family's).
    public var seedPrograms: [Program]?
    /// Extra structure moves of the mutator (`"moves"`; empty: the default
    /// edits only, drawing the same random numbers as before the key existed).
    public var moves: [RecipeFile.Move] = []
    /// Whether the kernel is searched alone, without a format stage: over
    /// the reals, or in a format its family lists in `kernelOnlyFormats`, or
    /// in a tier it lists in `kernelOnlyTiers` (scored by the kernel's error
    /// against `targetError`).
    public var kernelOnly: Bool {
        isReal || family.kernelOnlyFormats.contains(format) || family.kernelOnlyTiers.contains(tier)
    }

    public var format16or32: FloatFormat? { FloatFormat(named: format) }
    public var isReal: Bool { format == "real" }
    /// A custom format (`pPeE`, none of binary16, bfloat16, binary32): exp,
    /// correctly rounded, evaluated in binary64, every input in the format stage.
    public var isCustomFormat: Bool { format16or32.map { !FloatFormat.standard.contains($0) } ?? false }
    /// The recipe's family (`KernelFamilies`).
    public var family: any KernelFamily.Type { KernelFamilies.named(function, format: format)! }

    /// The gate on the search's error objective: below it, cost decides.
    public var gate: Double {
        if kernelOnly { return targetError ?? 0 }
        // binary64 evaluation: the format stage's error is 0.5 + 2^-20 per
        // misrounded input (each one an exception of the spec).
        if tier == "correctlyRounded" { return evaluatesInBinary64 ? 0.5 + Double(maxExceptions) * 0x1p-20 : 0.5 }
        // < 1 ULP: on every input of a 16-bit format the bound itself; on
        // binary32's stratified sample a margin for the inputs it skips.
        return (format16or32?.bitWidth ?? 32) <= 16 ? 0.999 : 0.9
    }

    public static func load(path: String) throws -> Recipe {
        try parse(try SpecReader.contents(of: path), origin: path)
    }

    /// The recipe in `data` (the contents of the file `origin`, named in
    /// errors): decoded strictly (`RecipeFile`), then checked as a whole.
    public static func parse(_ data: Data, origin: String = "recipe") throws -> Recipe {
        let file = try SpecReader.decode(RecipeFile.self, from: data, file: origin)
        return try Recipe(file, source: JSON.from(try JSON.parse(data, what: origin)), origin: origin)
    }

    /// A fingerprint of the recipe, for refusing checkpoints of another one.
    public var fingerprint: String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in source.rendered().utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(h, radix: 16)
    }
}

extension Recipe {
    /// `file` checked as a whole (the function with its format, evaluation
    /// and reduction), missing fields set to their defaults.
    public init(_ file: RecipeFile, source: JSON, origin: String) throws {
        func fail(_ keyPath: String, _ m: String) -> SpecFileError { SpecFileError(file: origin, keyPath: keyPath, m) }
        let function = file.function
        guard KernelFamilies.named(function) != nil else {
            throw fail("function", "'\(function)' is not one of: \(KernelFamilies.names.joined(separator: ", ")) (the functions the engine searches)")
        }
        let format = file.format
        let isReal = format == "real"
        // A custom format (`pPeE`, not one of the standard ones): exp only,
        // its values all Floats, correctly rounded, evaluated in binary64.
        let custom = FloatFormat(named: format).flatMap { FloatFormat.standard.contains($0) ? nil : $0 }
        if let c = custom {
            guard c.name == format else { throw fail("format", "'\(format)' is written \"\(c.name)\"") }
            guard function == "exp" else {
                throw fail("format", "a custom format (\(format)) is searched for exp only, not \(function)")
            }
            guard c.precision <= 24, c.minExponent >= -126, c.maxExponent <= 127 else {
                throw fail("format", "\(format) has values that are not Floats: a custom format needs at most 24 significant bits and at most 8 exponent bits")
            }
            guard file.evaluation?.type == .binary64, (file.tier ?? .correctlyRounded) == .correctlyRounded,
                  file.reduction?.family ?? "exp-table" == "exp-table" else {
                throw fail("evaluation.type", "a custom format (\(format)) is searched correctly rounded, evaluated in binary64 (\"evaluation\": {\"type\": \"binary64\"}), with the exp-table reduction")
            }
            if let m = file.maxExceptions, m != 0 {
                throw fail("maxExceptions", "a custom format (\(format)) has no exception list: expected 0 or no key")
            }
        } else if FloatFormat(named: format).map({ FloatFormat.standard.contains($0) && $0.name != format }) == true,
                  !KernelFamilies.formats(of: function).contains(format) {
            throw fail("format", "'\(format)' is \(FloatFormat(named: format)!.name): write \"\(FloatFormat(named: format)!.name)\"")
        }
        guard let kernelFamily = KernelFamilies.named(function, format: format) else {
            let others = KernelFamilies.all.filter { $0.formats.contains(format) }.map { $0.function }
            throw fail("format", "'\(format)' is not one of: \(KernelFamilies.formats(of: function).joined(separator: ", ")) (the formats of \(function))"
                       + (others.isEmpty ? "" : "; \(format) is searched for \(others.joined(separator: ", "))"))
        }
        let tier = (file.tier ?? (isReal ? .minimax : .correctlyRounded)).rawValue
        let kernelOnly = isReal || kernelFamily.kernelOnlyFormats.contains(format) || kernelFamily.kernelOnlyTiers.contains(tier)
        let evaluation = file.evaluation?.type ?? (kernelOnly ? .real : .binary32)
        if tier == RecipeFile.Tier.screen.rawValue && !kernelFamily.kernelOnlyTiers.contains(tier) {
            throw fail("tier", "\(function) has no screen tier (a screening kernel of a correctly rounded tier; tiers searched alone for \(function): \(kernelFamily.kernelOnlyTiers.isEmpty ? "none" : kernelFamily.kernelOnlyTiers.joined(separator: ", ")))")
        }
        if kernelOnly && !isReal && file.targetError == nil {
            throw fail("targetError", "missing: a kernel searched alone for \(format) needs the error its runtime's written bound assumes (the search fails when its finalist exceeds it)")
        }
        if !kernelOnly && evaluation != .binary32 {
            guard evaluation == .binary64, format == "binary32" || custom != nil, tier == "correctlyRounded" else {
                throw fail("evaluation.type", "complete functions are evaluated in binary32 (Float), or in binary64 for a correctly rounded binary32")
            }
        }
        let family = file.reduction?.family ?? kernelFamily.reductions[0]
        guard kernelFamily.reductions.contains(family) else {
            throw fail("reduction.family", "'\(family)' does not fit \(function) (expected one of: \(kernelFamily.reductions.joined(separator: ", ")))")
        }
        let target = kernelFamily.kernelTarget(reduction: family, tier: tier) ?? "?"
        if let a = file.kernel?.approximates, a != target {
            throw fail("kernel.approximates", "expected '\(target)': the kernel of the \(family) reduction approximates \(target), not \(a)")
        }
        let budget = file.budget
        self.init(
            name: file.name ?? "\(function).\(format).\(tier)", function: function, format: format, tier: tier,
            evaluation: evaluation, fusedMultiplyAdd: file.evaluation?.fusedMultiplyAdd ?? false, reductionFamily: family,
            tableBits: file.reduction?.tableBits ?? [0], domain: file.domain.map { ($0[0].value, $0[1].value) } ?? (0, 1),
            errorKind: (file.kernel?.error ?? .relative).rawValue,
            operations: file.operations ?? [.add, .sub, .mul, .fma, .div, .neg], cost: file.cost ?? CostModel(),
            start: (file.start ?? .scratch).rawValue,
            islands: budget?.islands ?? 2, populationPerIsland: budget?.populationPerIsland ?? 48,
            generations: budget?.generations ?? 100, maxCost: max(1, budget?.maxCost ?? 24),
            samples: budget?.samples ?? 384, formatSamples: budget?.formatSamples ?? 40_000,
            targetError: file.targetError, migrationInterval: budget?.migrationInterval ?? 10,
            checkpointSeconds: budget?.checkpointSeconds ?? 60,
            verifyExhaustively: file.verifyExhaustively ?? false, source: source)
        if let t = file.tuning {
            let method = t.method ?? .lawson
            tuningMethod = method.rawValue
            polishMethod = (t.polish ?? (method == .lawson || method == .varpro ? .walk : .cmaes)).rawValue
            tuningEvaluations = t.evaluations ?? tuningEvaluations
            polishEvaluations = t.polishEvaluations ?? polishEvaluations
            polishMaxMisrounded = t.polishMaxMisrounded ?? polishMaxMisrounded
            tuningSigma = t.sigma
            polishSigma = t.polishSigma ?? polishSigma
            tuningIterations = t.iterations
            innerFit = t.inner ?? .lawson
            finalists = t.finalists ?? 0
            finalistIterations = t.finalistIterations ?? 40
            finalistEvaluations = t.finalistEvaluations ?? 2000
        }
        maxExceptions = custom != nil ? 0 : file.maxExceptions ?? maxExceptions
        seedPrograms = file.seedPrograms
        moves = file.moves ?? []
        try kernelFamily.validate(self, origin: origin)
        // The exceptions are proven only by a verification on every input.
        if evaluatesInBinary64 { verifyExhaustively = true }
    }
}
