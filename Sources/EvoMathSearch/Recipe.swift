import EvoMathReference
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
    public var operations: [Operation]
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
    /// `both` (Lawson, then CMA-ES from its solution).
    public var tuningMethod = "lawson"
    /// CMA-ES objective evaluations per child in the continuous stage.
    public var tuningEvaluations = 200
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
    public var isBinary64Exp: Bool { !isReal && evaluation == .binary64 }

    public var format16or32: FloatFormat? { FloatFormat(named: format) }
    public var isReal: Bool { format == "real" }
    /// Whether the kernel approximates exp(r) − 1 (split reconstruction).
    public var isSplit: Bool { reductionFamily == "exp-table-split" }
    /// Whether the complete function is log (`log-split`: the kernel
    /// approximates log1p(r)).
    public var isLog: Bool { function == "log" }

    /// The gate on the search's error objective: below it, cost decides.
    public var gate: Double {
        if isReal { return targetError ?? 0 }
        // binary64 evaluation: the format stage's error is 0.5 + 2^-20 per
        // misrounded input (each one an exception of the spec).
        if tier == "correctlyRounded" { return isBinary64Exp ? 0.5 + Double(maxExceptions) * 0x1p-20 : 0.5 }
        // < 1 ULP: on every input of a 16-bit format the bound itself; on
        // binary32's stratified sample a margin for the inputs it skips.
        return (format16or32?.bitWidth ?? 32) <= 16 ? 0.999 : 0.9
    }

    public static func load(path: String) throws -> Recipe {
        guard FileManager.default.fileExists(atPath: path) else {
            throw SearchError.invalid("recipe \(path): no such file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SearchError.invalid("recipe \(path): cannot read")
        }
        return try parse(data, origin: path)
    }

    public static func parse(_ data: Data, origin: String = "recipe") throws -> Recipe {
        let any = try JSON.parse(data, what: origin)
        guard let o = any as? [String: Any] else { throw SearchError.invalid("\(origin): expected a JSON object") }
        func fail(_ m: String) -> SearchError { .invalid("\(origin): \(m)") }
        guard let function = o["function"] as? String else { throw fail("missing \"function\" (exp, log or exp2)") }
        guard ["exp", "exp2", "log"].contains(function) else { throw fail("unknown function '\(function)' (the engine searches exp, exp2 and log)") }
        guard let format = o["format"] as? String else { throw fail("missing \"format\"") }
        let isReal = format == "real"
        if !isReal {
            guard let f = FloatFormat(named: format), [.binary16, .binary32, .bfloat16].contains(f) else {
                throw fail("unsupported format '\(format)' (binary16, bfloat16, binary32 or real)")
            }
            guard function == "exp" || function == "log" else { throw fail("a complete function in a format is available for exp and log only") }
            if function == "log" {
                guard [.binary16, .bfloat16, .binary32].contains(FloatFormat(named: format)!) else {
                    throw fail("log is available for binary16, bfloat16 and binary32 only")
                }
            }
        } else if function != "exp2" {
            throw fail("the real-number mode searches exp2 on an interval")
        }
        let tier = (o["tier"] as? String) ?? (isReal ? "minimax" : "correctlyRounded")
        guard ["correctlyRounded", "fast", "minimax"].contains(tier) else {
            throw fail("unknown tier '\(tier)' (correctlyRounded, fast, minimax)")
        }
        let ev = o["evaluation"] as? [String: Any] ?? [:]
        let typeName = ev["type"] as? String ?? (isReal ? "real" : "binary32")
        guard let evaluation = EvaluationType(named: typeName) else { throw fail("unknown evaluation type '\(typeName)'") }
        if !isReal && evaluation != .binary32 {
            guard evaluation == .binary64, format == "binary32", tier == "correctlyRounded" else {
                throw fail("complete functions are evaluated in binary32 (Float), or in binary64 for a correctly rounded binary32")
            }
        }
        let fused = ev["fusedMultiplyAdd"] as? Bool ?? false
        let red = o["reduction"] as? [String: Any] ?? [:]
        let family = red["family"] as? String ?? (isReal ? "none" : function == "log" ? "log-split" : "exp-table")
        guard (isReal && family == "none") || (!isReal && function == "exp" && ["exp-table", "exp-table-split"].contains(family))
                || (!isReal && function == "log" && family == "log-split") else {
            throw fail("reduction family '\(family)' does not fit (exp: exp-table or exp-table-split; log: log-split; reals: none)")
        }
        let tableBits = red["tableBits"] as? [Int] ?? [0]
        guard !tableBits.isEmpty, tableBits.allSatisfy({ (0...8).contains($0) }) else { throw fail("tableBits must be in 0...8") }
        var domain = (0.0, 1.0)
        if let d = o["domain"] as? [Any] {
            guard d.count == 2, let lo = (d[0] as? String).flatMap({ HexFloat.parse(Substring($0)) }) ?? (d[0] as? Double),
                  let hi = (d[1] as? String).flatMap({ HexFloat.parse(Substring($0)) }) ?? (d[1] as? Double), lo < hi else {
                throw fail("domain must be [low, high] with low < high")
            }
            domain = (lo, hi)
        }
        let kernel = o["kernel"] as? [String: Any] ?? [:]
        let errorKind = kernel["error"] as? String ?? "relative"
        guard ["relative", "absolute"].contains(errorKind) else { throw fail("kernel error must be relative or absolute") }
        var operations: [Operation] = [.add, .sub, .mul, .fma, .div, .neg]
        if let ops = o["operations"] as? [String] {
            operations = try ops.map { s in
                guard let op = Operation(rawValue: s), op.isArithmetic else { throw fail("unknown operation '\(s)'") }
                return op
            }
        }
        var cost = CostModel()
        if let c = o["cost"] {
            do {
                cost = try JSONDecoder().decode(CostModel.self, from: JSONSerialization.data(withJSONObject: c))
            } catch { throw fail("cost: expected numbers per operation") }
        }
        let start = o["start"] as? String ?? "scratch"
        guard ["scratch", "seeds"].contains(start) else { throw fail("start must be scratch or seeds") }
        let b = o["budget"] as? [String: Any] ?? [:]
        func int(_ k: String, _ d: Int, _ r: ClosedRange<Int>) throws -> Int {
            let v = b[k] as? Int ?? d
            guard r.contains(v) else { throw fail("budget.\(k) must be in \(r.lowerBound)...\(r.upperBound)") }
            return v
        }
        var recipe = Recipe(
            name: o["name"] as? String ?? "\(function).\(format).\(tier)", function: function, format: format, tier: tier,
            evaluation: evaluation, fusedMultiplyAdd: fused, reductionFamily: family, tableBits: tableBits, domain: domain,
            errorKind: errorKind, operations: operations, cost: cost, start: start,
            islands: try int("islands", 2, 1...64), populationPerIsland: try int("populationPerIsland", 48, 4...4096),
            generations: try int("generations", 100, 0...10_000_000), maxCost: b["maxCost"] as? Double ?? 24,
            samples: try int("samples", 384, 8...100_000), formatSamples: try int("formatSamples", 40_000, 100...10_000_000),
            targetError: o["targetError"] as? Double, migrationInterval: try int("migrationInterval", 10, 1...1_000_000),
            checkpointSeconds: b["checkpointSeconds"] as? Double ?? 60,
            verifyExhaustively: o["verifyExhaustively"] as? Bool ?? false, source: JSON.from(any))
        if let tuning = o["tuning"] {
            guard let t = tuning as? [String: Any] else { throw fail("tuning must be an object") }
            let known: Set<String> = ["method", "evaluations", "sigma", "polish", "polishEvaluations", "polishSigma",
                                       "polishMaxMisrounded"]
            if let k = t.keys.sorted().first(where: { !known.contains($0) }) {
                throw fail("tuning: unknown key '\(k)' (\(known.sorted().joined(separator: ", ")))")
            }
            let method = t["method"] as? String ?? "lawson"
            guard ["lawson", "cmaes", "both"].contains(method) else {
                throw fail("tuning method '\(method)' (lawson, cmaes or both)")
            }
            recipe.tuningMethod = method
            let polish = t["polish"] as? String ?? (method == "lawson" ? "walk" : "cmaes")
            guard ["walk", "cmaes", "walk+cmaes"].contains(polish) else {
                throw fail("tuning polish '\(polish)' (walk, cmaes or walk+cmaes)")
            }
            recipe.polishMethod = polish
            func count(_ k: String, _ d: Int) throws -> Int {
                let v = t[k] as? Int ?? d
                guard (0...1_000_000).contains(v) else { throw fail("tuning.\(k) must be in 0...1000000") }
                return v
            }
            recipe.tuningEvaluations = try count("evaluations", recipe.tuningEvaluations)
            recipe.polishEvaluations = try count("polishEvaluations", recipe.polishEvaluations)
            recipe.polishMaxMisrounded = try count("polishMaxMisrounded", recipe.polishMaxMisrounded)
            if let v = t["sigma"] {
                guard let d = v as? Double, d > 0, d.isFinite else { throw fail("tuning.sigma must be a positive number") }
                recipe.tuningSigma = d
            }
            if let v = t["polishSigma"] {
                guard let d = v as? Double, d > 0, d.isFinite else { throw fail("tuning.polishSigma must be a positive number") }
                recipe.polishSigma = d
            }
        }
        if let m = o["maxExceptions"] {
            guard let v = m as? Int, (0...4096).contains(v) else { throw fail("maxExceptions must be in 0...4096") }
            recipe.maxExceptions = v
        }
        if function == "log" && format == "binary32" && evaluation != .binary64 {
            throw fail("log in binary32 is evaluated in binary64 (m·invc and the reconstruction exact enough)")
        }
        if recipe.isBinary64Exp && !["exp-table", "log-split"].contains(family) {
            throw fail("a binary64 evaluation uses the exp-table reduction (Double table entries)")
        }
        // The exceptions are proven only by a verification on every input.
        if recipe.isBinary64Exp { recipe.verifyExhaustively = true }
        if recipe.name.contains("/") { throw fail("name must not contain '/'") }
        recipe.maxCost = max(1, recipe.maxCost)
        return recipe
    }

    /// A fingerprint of the recipe, for refusing checkpoints of another one.
    public var fingerprint: String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in source.rendered().utf8 { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(h, radix: 16)
    }
}
