/// A recipe as written in `Generators/recipes/*.json`: what to search for.
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
///
/// Decoding checks each field on its own (types, names, ranges; unknown keys
/// are refused); whether the fields fit together (a function with its format
/// and reduction) is the search's `Recipe` to check. A missing optional field
/// takes the default the search documents.
public struct RecipeFile: Codable, Equatable, Sendable {
    public enum Tier: String, Codable, CaseIterable, Sendable {
        /// Every result correctly rounded.
        case correctlyRounded
        /// Every result within 1 ULP.
        case fast
        /// Over the reals: the least error for the cost (no gate).
        case minimax
        /// A correctly rounded tier's screening kernel, searched alone (a
        /// family's `kernelOnlyTiers`): the cheapest kernel whose error stays
        /// under the recipe's `targetError`, which the runtime's rounding
        /// test assumes.
        case screen
    }

    /// Where the first population comes from.
    public enum Start: String, Codable, CaseIterable, Sendable {
        case scratch
        /// Remez minimax polynomials in Horner form.
        case seeds
    }

    public enum ErrorKind: String, Codable, CaseIterable, Sendable { case relative, absolute }

    public enum TuningMethod: String, Codable, CaseIterable, Sendable {
        case lawson, cmaes, both
        /// Variable projection: the constants entering the output's N/D
        /// affinely are fitted by Loeb–Lawson least squares (QR), the others
        /// by CMA-ES over that projection (`VarPro`).
        case varpro
    }

    /// Structure moves a recipe may add to the default edits (`"moves"`;
    /// none by default, so recipes without the key search as before).
    public enum Move: String, Codable, CaseIterable, Sendable {
        /// `u → (u + v)/(u − v)` on an edge, `v` a new constant or an earlier
        /// node: the two sums share `u` and `v` (a Cayley/Möbius pair; e.g.
        /// the even/odd split of exp's symmetric rational, or log's
        /// (x − 1)/(x + 1)).
        case pair
        /// `u → u·u` on an edge (one to three times: repeated squaring).
        case square
        /// `s → s + b/(y − r)` on an edge, `b = 0` at insertion (the value
        /// is unchanged), `y` an earlier square or node: partial fractions,
        /// and continued fractions when applied to a pole's denominator.
        case pole
        /// Polynomial extension: the deepest constant `c` (the farthest from
        /// the output: a Horner chain's leading coefficient) becomes
        /// `c + a·x` with `a = 0`, so the child computes its parent's function
        /// and the tuner fits `a` with the other constants, starting from the
        /// parent's (one degree more for a Horner polynomial).
        case extend
    }
    public enum InnerFit: String, Codable, CaseIterable, Sendable { case lawson, exact }
    public enum PolishMethod: String, Codable, CaseIterable, Sendable {
        case walk, cmaes
        case walkThenCMAES = "walk+cmaes"
    }

    public struct Evaluation: Codable, Equatable, Sendable {
        public var type: EvaluationType?
        public var fusedMultiplyAdd: Bool?
        enum CodingKeys: String, CodingKey, CaseIterable { case type, fusedMultiplyAdd }
        public init(type: EvaluationType? = nil, fusedMultiplyAdd: Bool? = nil) {
            self.type = type; self.fusedMultiplyAdd = fusedMultiplyAdd
        }
        public init(from decoder: Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            type = try c.decodeEvaluationTypeIfPresent(forKey: .type)
            fusedMultiplyAdd = try c.decodeIfPresent(Bool.self, forKey: .fusedMultiplyAdd)
        }
    }

    public struct Reduction: Codable, Equatable, Sendable {
        /// The reduction family's name (`exp-table`, `log-split`, …).
        public var family: String?
        /// The table sizes (T: 2^T entries) the search may choose from.
        public var tableBits: [Int]?
        enum CodingKeys: String, CodingKey, CaseIterable { case family, tableBits }
        public init(from decoder: Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            family = try c.decodeIfPresent(String.self, forKey: .family)
            tableBits = try c.decodeIfPresent([Int].self, forKey: .tableBits)
            if let t = tableBits {
                guard !t.isEmpty, t.allSatisfy({ (0...RecipeFile.maxTableBits).contains($0) }), Set(t).count == t.count else {
                    throw c.invalid(.tableBits, "expected a non-empty list of distinct table sizes in 0...\(RecipeFile.maxTableBits)")
                }
            }
        }
    }

    public struct Kernel: Codable, Equatable, Sendable {
        /// What the kernel approximates, as the reduction defines it
        /// (`exp(r)`, `expm1(r)`, `log1p(r)`, `2^x`); checked against the
        /// reduction family.
        public var approximates: String?
        public var error: ErrorKind?
        enum CodingKeys: String, CodingKey, CaseIterable { case approximates, error }
        public init(from decoder: Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            approximates = try c.decodeIfPresent(String.self, forKey: .approximates)
            error = try c.decodeChoiceIfPresent(ErrorKind.self, forKey: .error)
        }
    }

    /// How constants are tuned and polished (see `Recipe` for the defaults).
    public struct Tuning: Codable, Equatable, Sendable {
        public var method: TuningMethod?
        public var evaluations: Int?
        public var sigma: Double?
        public var polish: PolishMethod?
        public var polishEvaluations: Int?
        public var polishSigma: Double?
        public var polishMaxMisrounded: Int?
        /// Lawson iterations per child in the continuous stage (nil: 16).
        public var iterations: Int?
        /// varpro's inner fit of the affine constants: `lawson` (Loeb–Lawson
        /// least squares, the default) or `exact` (differential correction:
        /// the discrete minimax, one linear program per step).
        public var inner: InnerFit?
        /// The finalist polish (real recipes, varpro): after the last
        /// generation, the best `finalists` structurally distinct programs
        /// at each cost are re-tuned with `finalistIterations` inner steps and
        /// `finalistEvaluations` CMA-ES evaluations; the better result stays
        /// (nil or 0: no polish).
        public var finalists: Int?
        public var finalistIterations: Int?
        public var finalistEvaluations: Int?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case method, evaluations, sigma, polish, polishEvaluations, polishSigma, polishMaxMisrounded, iterations
            case inner, finalists, finalistIterations, finalistEvaluations
        }
        public init(from decoder: Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            method = try c.decodeChoiceIfPresent(TuningMethod.self, forKey: .method)
            evaluations = try c.decodeIfPresent(Int.self, forKey: .evaluations, in: 0...1_000_000)
            sigma = try c.decodePositiveIfPresent(forKey: .sigma)
            polish = try c.decodeChoiceIfPresent(PolishMethod.self, forKey: .polish)
            polishEvaluations = try c.decodeIfPresent(Int.self, forKey: .polishEvaluations, in: 0...1_000_000)
            polishSigma = try c.decodePositiveIfPresent(forKey: .polishSigma)
            polishMaxMisrounded = try c.decodeIfPresent(Int.self, forKey: .polishMaxMisrounded, in: 0...1_000_000)
            iterations = try c.decodeIfPresent(Int.self, forKey: .iterations, in: 0...10_000)
            inner = try c.decodeChoiceIfPresent(InnerFit.self, forKey: .inner)
            finalists = try c.decodeIfPresent(Int.self, forKey: .finalists, in: 0...1_000)
            finalistIterations = try c.decodeIfPresent(Int.self, forKey: .finalistIterations, in: 0...10_000)
            finalistEvaluations = try c.decodeIfPresent(Int.self, forKey: .finalistEvaluations, in: 0...1_000_000)
        }
    }

    public struct Budget: Codable, Equatable, Sendable {
        public var islands: Int?
        public var populationPerIsland: Int?
        public var generations: Int?
        /// Programs dearer than this are discarded.
        public var maxCost: Double?
        /// Samples of the kernel's interval for the continuous stage.
        public var samples: Int?
        /// Stratified inputs for the format stage.
        public var formatSamples: Int?
        /// Generations between migrations.
        public var migrationInterval: Int?
        /// Seconds between checkpoints.
        public var checkpointSeconds: Double?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case islands, populationPerIsland, generations, maxCost, samples, formatSamples, migrationInterval,
                 checkpointSeconds
        }
        public init(from decoder: Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            islands = try c.decodeIfPresent(Int.self, forKey: .islands, in: 1...64)
            populationPerIsland = try c.decodeIfPresent(Int.self, forKey: .populationPerIsland, in: 4...4096)
            generations = try c.decodeIfPresent(Int.self, forKey: .generations, in: 0...10_000_000)
            maxCost = try c.decodePositiveIfPresent(forKey: .maxCost)
            samples = try c.decodeIfPresent(Int.self, forKey: .samples, in: 8...100_000)
            formatSamples = try c.decodeIfPresent(Int.self, forKey: .formatSamples, in: 100...10_000_000)
            migrationInterval = try c.decodeIfPresent(Int.self, forKey: .migrationInterval, in: 1...1_000_000)
            checkpointSeconds = try c.decodeIfPresent(Double.self, forKey: .checkpointSeconds)
            if let s = checkpointSeconds, !(s >= 0) { throw c.invalid(.checkpointSeconds, "expected a number ≥ 0") }
        }
    }

    /// The spec's base name, `<fn>.<format>.<tier>` unless given.
    public var name: String?
    public var function: String
    /// A format name, or `real` for a kernel over the reals.
    public var format: String
    public var tier: Tier?
    /// The kernel's interval over the reals (`[low, high]`).
    public var domain: [HexNumber]?
    public var evaluation: Evaluation?
    public var reduction: Reduction?
    public var kernel: Kernel?
    /// The operations programs may use (arithmetic only).
    public var operations: [Operation]?
    public var cost: CostModel?
    public var start: Start?
    public var tuning: Tuning?
    public var budget: Budget?
    /// Reals: the error below which cost decides.
    public var targetError: Double?
    /// Verify the finalist on every input of the format.
    public var verifyExhaustively: Bool?
    /// Kernels evaluated in binary64: the most misrounded inputs the spec may
    /// list as exceptions.
    public var maxExceptions: Int?
    /// `start: seeds`: the first population's seeds, given as programs of
    /// the reduced argument (for example a published polynomial); without
    /// it, the family's own seeds (Remez minimax polynomials).
    public var seedPrograms: [Program]?
    /// Extra structure moves (`Move`); nil: the default edits only.
    public var moves: [Move]?

    /// What the kernel of a reduction family approximates; a recipe's
    /// `kernel.approximates` must say the same.
    public static func kernelTarget(family: String) -> String? {
        kernelTarget(family: family, function: nil)
    }

    /// `kernelTarget(family:)` for a recipe's function: over the reals
    /// (reduction `none`) the kernel is the function itself (2^x for exp2,
    /// log2(x) for log2).
    public static func kernelTarget(family: String, function: String?) -> String? {
        if family == "none", function == "log2" { return "log2(x)" }
        switch family {
        case "exp-table": return "exp(r)"
        case "exp-table-split": return "expm1(r)"
        case "log-split": return "log1p(r)"
        // Over the reals `none` is exp2's 2^x; a kernel searched alone for
        // a format (`none` too) approximates what its family says.
        case "none": return function == nil || function == "exp2" ? "2^x" : nil
        default: return nil
        }
    }

    /// The largest table a recipe may ask for (2^8 entries).
    public static let maxTableBits = 8

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, function, format, tier, domain, evaluation, reduction, kernel, operations, cost, start, tuning,
             budget, targetError, verifyExhaustively, maxExceptions, seedPrograms, moves
    }

    public init(from decoder: Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        if let n = name, n.isEmpty || n.contains("/") { throw c.invalid(.name, "expected a file name (not empty, no '/')") }
        function = try c.decode(String.self, forKey: .function)
        format = try c.decode(String.self, forKey: .format)
        tier = try c.decodeChoiceIfPresent(Tier.self, forKey: .tier)
        domain = try c.decodeIfPresent([HexNumber].self, forKey: .domain)
        if let d = domain, d.count != 2 || !(d[0].value < d[1].value) || !d[0].value.isFinite || !d[1].value.isFinite {
            throw c.invalid(.domain, "expected [low, high] with low < high, both finite")
        }
        evaluation = try c.decodeIfPresent(Evaluation.self, forKey: .evaluation)
        reduction = try c.decodeIfPresent(Reduction.self, forKey: .reduction)
        kernel = try c.decodeIfPresent(Kernel.self, forKey: .kernel)
        if c.contains(.operations) {
            let names = try c.decode([String].self, forKey: .operations)
            let arithmetic = Operation.allCases.filter(\.isArithmetic)
            operations = try names.map { s in
                guard let op = Operation(rawValue: s), op.isArithmetic else {
                    throw c.invalid(.operations, "'\(s)' is not one of: \(arithmetic.map(\.rawValue).joined(separator: ", "))")
                }
                return op
            }
            if operations!.isEmpty { throw c.invalid(.operations, "expected at least one operation") }
        }
        cost = try c.decodeIfPresent(CostModel.self, forKey: .cost)
        start = try c.decodeChoiceIfPresent(Start.self, forKey: .start)
        tuning = try c.decodeIfPresent(Tuning.self, forKey: .tuning)
        budget = try c.decodeIfPresent(Budget.self, forKey: .budget)
        targetError = try c.decodePositiveIfPresent(forKey: .targetError)
        verifyExhaustively = try c.decodeIfPresent(Bool.self, forKey: .verifyExhaustively)
        maxExceptions = try c.decodeIfPresent(Int.self, forKey: .maxExceptions, in: 0...4096)
        seedPrograms = try c.decodeIfPresent([Program].self, forKey: .seedPrograms)
        if c.contains(.moves) {
            let names = try c.decode([String].self, forKey: .moves)
            moves = try names.map { s in
                guard let m = Move(rawValue: s) else {
                    throw c.invalid(.moves, "'\(s)' is not one of: \(Move.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return m
            }
            if Set(moves!).count != moves!.count { throw c.invalid(.moves, "expected distinct moves") }
        }
        if let seeds = seedPrograms {
            guard !seeds.isEmpty else { throw c.invalid(.seedPrograms, "expected at least one program") }
            guard start == .seeds else { throw c.invalid(.seedPrograms, "expected \"start\": \"seeds\" (the programs seed the first population)") }
            guard seeds.allSatisfy({ $0.inputNames.count == 1 }) else {
                throw c.invalid(.seedPrograms, "expected programs of one input (the reduced argument)")
            }
        }
    }
}

extension KeyedDecodingContainer {
    /// An evaluation type by name or alias (`binary32`/`float`, …).
    func decodeEvaluationTypeIfPresent(forKey key: Key) throws -> EvaluationType? {
        guard contains(key) else { return nil }
        let text = try decode(String.self, forKey: key)
        guard let t = EvaluationType(named: text) else {
            throw invalid(key, "'\(text)' is not one of: binary32, binary64, real")
        }
        return t
    }
}
