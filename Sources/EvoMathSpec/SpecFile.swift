/// A spec as the search writes it (`Generators/<fn>.<format>.<tier>.json`):
/// what was found, how, and how it was proven. The emitter, the verifier's
/// `--spec` and the tests read specs through this type only.
public struct SpecFile: Codable, Sendable {
    /// How the search ran (`search` in the file).
    public struct Search: Codable, Equatable, Sendable {
        public enum Budget: String, Codable, CaseIterable, Sendable { case generations, time }
        /// Wall time: seconds for a time budget; for a generation budget a
        /// note (wall time is not part of a reproducible spec).
        public enum WallSeconds: Codable, Equatable, Sendable {
            case seconds(Double)
            case note(String)
            public init(from decoder: Decoder) throws {
                let c = try decoder.singleValueContainer()
                if let d = try? c.decode(Double.self) { self = .seconds(d) } else { self = .note(try c.decode(String.self)) }
            }
            public func encode(to encoder: Encoder) throws {
                var c = encoder.singleValueContainer()
                switch self {
                case .seconds(let d): try c.encode(d)
                case .note(let s): try c.encode(s)
                }
            }
        }
        public var seed: UInt64
        public var generations: Int
        public var evaluations: Int
        public var origin: RecipeFile.Start
        public var islands: Int
        public var populationPerIsland: Int
        public var budget: Budget
        public var wallSeconds: WallSeconds
        /// The command that reproduces the search.
        public var command: String
        enum CodingKeys: String, CodingKey, CaseIterable {
            case seed, generations, evaluations, origin, islands, populationPerIsland, budget, wallSeconds, command
        }
        public init(from decoder: Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            seed = try c.decode(UInt64.self, forKey: .seed)
            generations = try c.decode(Int.self, forKey: .generations, in: 0...Int.max)
            evaluations = try c.decode(Int.self, forKey: .evaluations, in: 0...Int.max)
            origin = try c.decodeChoice(RecipeFile.Start.self, forKey: .origin)
            islands = try c.decode(Int.self, forKey: .islands, in: 1...Int.max)
            populationPerIsland = try c.decode(Int.self, forKey: .populationPerIsland, in: 1...Int.max)
            budget = try c.decodeChoice(Budget.self, forKey: .budget)
            wallSeconds = try c.decode(WallSeconds.self, forKey: .wallSeconds)
            command = try c.decode(String.self, forKey: .command)
        }
    }

    public struct Evaluation: Codable, Equatable, Sendable {
        public var type: EvaluationType
        public var fusedMultiplyAdd: Bool
        enum CodingKeys: String, CodingKey, CaseIterable { case type, fusedMultiplyAdd }
        public init(from decoder: Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            guard let t = try c.decodeEvaluationTypeIfPresent(forKey: .type) else {
                throw DecodingError.keyNotFound(CodingKeys.type, .init(codingPath: c.codingPath, debugDescription: ""))
            }
            type = t
            fusedMultiplyAdd = try c.decode(Bool.self, forKey: .fusedMultiplyAdd)
        }
    }

    /// The input where the error is largest, with the result and the
    /// correctly rounded one (hex floats as the verifier prints them).
    public struct Worst: Codable, Equatable, Sendable {
        public var x: String
        public var got: String
        public var want: String
        enum CodingKeys: String, CodingKey, CaseIterable { case x, got, want }
        public init(from decoder: Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            x = try c.decode(String.self, forKey: .x)
            got = try c.decode(String.self, forKey: .got)
            want = try c.decode(String.self, forKey: .want)
        }
    }

    /// How the finalist was verified: ULP figures for a format, or the max
    /// error on a dense grid for a kernel over the reals.
    public struct Verification: Codable, Equatable, Sendable {
        public var method: String
        public var inputs: UInt64
        public var maxULP: Double?
        public var worst: Worst?
        public var misrounded: UInt64?
        /// Reals: the max error (hex) and the same in decimal.
        public var maxError: HexNumber?
        public var maxErrorDecimal: String?
        public var passed: Bool
        enum CodingKeys: String, CodingKey, CaseIterable {
            case method, inputs, maxULP, worst, misrounded, maxError, maxErrorDecimal, passed
        }
        public init(from decoder: Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            method = try c.decode(String.self, forKey: .method)
            inputs = try c.decode(UInt64.self, forKey: .inputs)
            maxULP = try c.decodeIfPresent(Double.self, forKey: .maxULP)
            worst = try c.decodeIfPresent(Worst.self, forKey: .worst)
            misrounded = try c.decodeIfPresent(UInt64.self, forKey: .misrounded)
            maxError = try c.decodeIfPresent(HexNumber.self, forKey: .maxError)
            maxErrorDecimal = try c.decodeIfPresent(String.self, forKey: .maxErrorDecimal)
            passed = try c.decode(Bool.self, forKey: .passed)
            guard (maxULP != nil && misrounded != nil) || maxError != nil else {
                throw c.invalid(.method, "expected maxULP and misrounded (a format) or maxError (the reals)")
            }
        }
    }

    /// One input of the format whose result the kernel alone misrounds, and
    /// its correctly rounded result.
    public struct Exception: Codable, Equatable, Sendable {
        public var x: HexNumber
        public var y: HexNumber
        enum CodingKeys: String, CodingKey, CaseIterable { case x, y }
        public init(from decoder: Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            x = try c.decode(HexNumber.self, forKey: .x)
            y = try c.decode(HexNumber.self, forKey: .y)
        }
    }

    public struct Exceptions: Codable, Equatable, Sendable {
        public var count: Int
        public var note: String
        public var inputs: [Exception]
        enum CodingKeys: String, CodingKey, CaseIterable { case count, note, inputs }
        public init(from decoder: Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            count = try c.decode(Int.self, forKey: .count)
            note = try c.decode(String.self, forKey: .note)
            inputs = try c.decode([Exception].self, forKey: .inputs)
            guard count == inputs.count else { throw c.invalid(.count, "expected \(inputs.count), the length of inputs") }
        }
    }

    /// A point of the Pareto front.
    public struct ParetoPoint: Codable, Equatable, Sendable {
        public var cost: Double
        public var error: String
        public var tableBits: Int
        public var expression: String
        enum CodingKeys: String, CodingKey, CaseIterable { case cost, error, tableBits, expression }
        public init(from decoder: Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            cost = try c.decode(Double.self, forKey: .cost)
            error = try c.decode(String.self, forKey: .error)
            tableBits = try c.decode(Int.self, forKey: .tableBits)
            expression = try c.decode(String.self, forKey: .expression)
        }
    }

    /// The version of the spec format this build writes (`schema` in the
    /// file). It changes when a key is added, removed or changes meaning, so
    /// that a spec and the tool reading it agree on what every key says.
    public static let schemaVersion = 1
    /// The versions this build reads: `emit`, `verify --spec` and the tests
    /// refuse any other.
    public static let supportedSchemaVersions: [Int] = [1]
    /// Engine 0.1.0 wrote specs before `schema` existed, in schema 1's
    /// format without the key: such a spec is read as schema 1. Any other
    /// spec without `schema` is refused.
    static let unversionedEngine = (engine: "0.1.0", schema: 1)

    /// The spec format's version (`SpecFile.schemaVersion` when written).
    public var schema: Int
    /// The spec's base name, `<fn>.<format>.<tier>`.
    public var name: String
    public var function: String
    public var format: String
    public var tier: RecipeFile.Tier
    /// The recipe the search ran, verbatim.
    public var recipe: RecipeFile
    /// The engine version that wrote the spec.
    public var engine: String
    public var search: Search
    /// The reduction's constants, as its family stores them.
    public var reduction: SpecReduction
    public var evaluation: Evaluation
    public var program: Program
    /// The program in one line (`Program.description`).
    public var expression: String
    public var cost: Double
    /// The kernel's max error on the reduced interval, as written (`%.3e`).
    public var kernelError: String
    public var verification: Verification
    public var exceptions: Exceptions?
    public var pareto: [ParetoPoint]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case schema, name, function, format, tier, recipe, engine, search, reduction, evaluation, program, expression, cost,
             kernelError, verification, exceptions, pareto
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // The version first: a spec of another version may have other keys.
        let supported = Self.supportedSchemaVersions.map(String.init).joined(separator: ", ")
        if c.contains(.schema) {
            schema = try c.decode(Int.self, forKey: .schema)
        } else if (try? c.decode(String.self, forKey: .engine)) == Self.unversionedEngine.engine {
            schema = Self.unversionedEngine.schema
        } else {
            throw c.invalid(.schema, "missing: the spec has no schema version (only engine \(Self.unversionedEngine.engine) "
                + "wrote specs without one); this evomath reads schema \(supported)")
        }
        guard Self.supportedSchemaVersions.contains(schema) else {
            throw c.invalid(.schema, "schema version \(schema) is not supported; this evomath reads schema \(supported)")
        }
        try decoder.refuseUnknownKeys(CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        if name.isEmpty || name.contains("/") { throw c.invalid(.name, "expected a file name (not empty, no '/')") }
        function = try c.decode(String.self, forKey: .function)
        format = try c.decode(String.self, forKey: .format)
        tier = try c.decodeChoice(RecipeFile.Tier.self, forKey: .tier)
        recipe = try c.decode(RecipeFile.self, forKey: .recipe)
        engine = try c.decode(String.self, forKey: .engine)
        search = try c.decode(Search.self, forKey: .search)
        reduction = try c.decode(SpecReduction.self, forKey: .reduction)
        evaluation = try c.decode(Evaluation.self, forKey: .evaluation)
        program = try c.decode(Program.self, forKey: .program)
        guard program.inputNames.count == 1 else { throw c.invalid(.program, "expected a kernel of one input (the reduced argument)") }
        expression = try c.decode(String.self, forKey: .expression)
        cost = try c.decode(Double.self, forKey: .cost)
        kernelError = try c.decode(String.self, forKey: .kernelError)
        guard let e = Double(kernelError), e >= 0 else { throw c.invalid(.kernelError, "expected a number such as 2.5e-15") }
        verification = try c.decode(Verification.self, forKey: .verification)
        exceptions = try c.decodeIfPresent(Exceptions.self, forKey: .exceptions)
        pareto = try c.decode([ParetoPoint].self, forKey: .pareto)
        guard recipe.function == function, recipe.format == format else {
            throw c.invalid(.recipe, "expected the recipe of \(function) in \(format)")
        }
        guard (recipe.reduction?.family).map({ $0 == reduction.family }) ?? true else {
            throw c.invalid(.reduction, "expected the recipe's reduction family '\(recipe.reduction!.family!)'")
        }
        if let a = recipe.kernel?.approximates, let target = RecipeFile.kernelTarget(family: reduction.family, function: function), a != target {
            throw c.invalid(.recipe, "kernel.approximates: expected '\(target)' (the kernel of the \(reduction.family) reduction), found '\(a)'")
        }
        guard recipe.reduction?.tableBits.map({ $0.contains(reduction.tableBits) }) ?? true else {
            throw c.invalid(.reduction, "expected one of the recipe's tableBits, found \(reduction.tableBits)")
        }
    }

    /// The kernel's max error on the reduced interval.
    public var kernelErrorValue: Double { Double(kernelError)! }

    /// The exceptions as (input, correctly rounded result), empty if none.
    public var exceptionList: [(x: Double, y: Double)] { (exceptions?.inputs ?? []).map { ($0.x.value, $0.y.value) } }

    /// Reads the spec at `path`.
    public static func read(at path: String) throws -> SpecFile { try SpecReader.read(SpecFile.self, at: path) }
}

/// A spec's reduction constants, one case per reduction family: the file's
/// `reduction.family` decides which keys are expected (and no others).
public enum SpecReduction: Codable, Sendable {
    case expTable(ExpTableConstants)
    case logSplit(LogSplitConstants)
    /// A kernel over the reals on an interval (no reduction).
    case none(IntervalConstants)

    enum FamilyKey: String, CodingKey { case family }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: FamilyKey.self)
        let family = try c.decode(String.self, forKey: .family)
        switch family {
        case ExpTableConstants.family, ExpTableConstants.splitFamily: self = .expTable(try ExpTableConstants(from: decoder))
        case LogSplitConstants.family: self = .logSplit(try LogSplitConstants(from: decoder))
        case IntervalConstants.family: self = .none(try IntervalConstants(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .family, in: c,
                debugDescription: "'\(family)' is not one of: exp-table, exp-table-split, log-split, none")
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .expTable(let r): try r.encode(to: encoder)
        case .logSplit(let r): try r.encode(to: encoder)
        case .none(let r): try r.encode(to: encoder)
        }
    }

    public var family: String {
        switch self {
        case .expTable(let r): return r.family
        case .logSplit: return LogSplitConstants.family
        case .none: return IntervalConstants.family
        }
    }

    /// T: the table has 2^T entries (0 for no table).
    public var tableBits: Int {
        switch self {
        case .expTable(let r): return r.tableBits
        case .logSplit(let r): return r.tableBits
        case .none: return 0
        }
    }
}

/// The largest table a spec may hold (2^16 entries).
let maxSpecTableBits = 16

/// `exp-table` (x = k·ln2/2^T + r, exp(x) = 2^(k>>T)·table[k mod 2^T]·p(r))
/// and `exp-table-split` (the table entry split as table + tableLow).
public struct ExpTableConstants: Codable, Equatable, Sendable {
    public static let family = "exp-table"
    public static let splitFamily = "exp-table-split"
    public var family: String
    public var tableBits: Int
    /// 2^T / ln 2.
    public var inverseStep: HexNumber
    /// ln2 / 2^T = stepHigh + stepLow, k·stepHigh exact.
    public var stepHigh: HexNumber
    public var stepLow: HexNumber
    /// 2^(i/2^T), i < 2^T.
    public var table: [HexNumber]
    /// `exp-table-split`: the rest of each entry.
    public var tableLow: [HexNumber]?
    /// The largest input with a finite result, the smallest with a non-zero one.
    public var overflowThreshold: HexNumber
    public var underflowThreshold: HexNumber

    public var isSplit: Bool { family == Self.splitFamily }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case family, tableBits, inverseStep, stepHigh, stepLow, table, tableLow, overflowThreshold, underflowThreshold
    }

    public init(from decoder: Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        family = try c.decode(String.self, forKey: .family)
        tableBits = try c.decode(Int.self, forKey: .tableBits, in: 0...maxSpecTableBits)
        inverseStep = try c.decode(HexNumber.self, forKey: .inverseStep)
        stepHigh = try c.decode(HexNumber.self, forKey: .stepHigh)
        stepLow = try c.decode(HexNumber.self, forKey: .stepLow)
        table = try c.decode([HexNumber].self, forKey: .table)
        tableLow = try c.decodeIfPresent([HexNumber].self, forKey: .tableLow)
        overflowThreshold = try c.decode(HexNumber.self, forKey: .overflowThreshold)
        underflowThreshold = try c.decode(HexNumber.self, forKey: .underflowThreshold)
        guard table.count == 1 << tableBits else { throw c.invalid(.table, "expected 2^\(tableBits) entries, found \(table.count)") }
        for (key, values) in [(CodingKeys.inverseStep, [inverseStep]), (.stepHigh, [stepHigh]), (.stepLow, [stepLow]), (.table, table),
                              (.tableLow, tableLow ?? []), (.overflowThreshold, [overflowThreshold]), (.underflowThreshold, [underflowThreshold])] {
            try c.requireFinite(values, forKey: key)
        }
        if family == Self.splitFamily {
            guard let low = tableLow else {
                throw DecodingError.keyNotFound(CodingKeys.tableLow, .init(codingPath: c.codingPath, debugDescription: ""))
            }
            guard low.count == 1 << tableBits else { throw c.invalid(.tableLow, "expected 2^\(tableBits) entries, found \(low.count)") }
        } else if tableLow != nil {
            throw c.invalid(.tableLow, "only the exp-table-split family has a tableLow")
        }
    }
}

/// `log-split`: x = 2^e·c·(1 + r), log x = e·ln2 + log c + log1p(r), with
/// the table of invc ≈ 1/c and −log(invc) (split in two Floats for kernels
/// in binary32, one Double for kernels in binary64).
public struct LogSplitConstants: Codable, Equatable, Sendable {
    public static let family = "log-split"
    public var tableBits: Int
    /// The bit pattern the index is taken relative to (`0x3F3504F3`, √½).
    public var offset: String
    public var ln2High: HexNumber
    public var ln2Low: HexNumber
    public var invc: [HexNumber]
    public var ln2High64: HexNumber?
    public var ln2Low64: HexNumber?
    public var logc64: [HexNumber]?
    public var logcHigh: [HexNumber]?
    public var logcLow: [HexNumber]?
    /// The reduced argument's interval [rMin, rMax].
    public var interval: [HexNumber]

    /// Whether the constants are those of a kernel evaluated in binary64.
    public var isBinary64: Bool { logc64 != nil }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case family, tableBits, offset, ln2High, ln2Low, invc, ln2High64, ln2Low64, logc64, logcHigh, logcLow, interval
    }

    public init(from decoder: Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        tableBits = try c.decode(Int.self, forKey: .tableBits, in: 0...maxSpecTableBits)
        offset = try c.decode(String.self, forKey: .offset)
        guard offset.hasPrefix("0x"), UInt32(offset.dropFirst(2), radix: 16) != nil else {
            throw c.invalid(.offset, "expected a 32-bit pattern such as 0x3F3504F3")
        }
        ln2High = try c.decode(HexNumber.self, forKey: .ln2High)
        ln2Low = try c.decode(HexNumber.self, forKey: .ln2Low)
        invc = try c.decode([HexNumber].self, forKey: .invc)
        ln2High64 = try c.decodeIfPresent(HexNumber.self, forKey: .ln2High64)
        ln2Low64 = try c.decodeIfPresent(HexNumber.self, forKey: .ln2Low64)
        logc64 = try c.decodeIfPresent([HexNumber].self, forKey: .logc64)
        logcHigh = try c.decodeIfPresent([HexNumber].self, forKey: .logcHigh)
        logcLow = try c.decodeIfPresent([HexNumber].self, forKey: .logcLow)
        interval = try c.decode([HexNumber].self, forKey: .interval)
        for (key, values) in [(CodingKeys.ln2High, [ln2High]), (.ln2Low, [ln2Low]), (.invc, invc), (.ln2High64, ln2High64.map { [$0] } ?? []),
                              (.ln2Low64, ln2Low64.map { [$0] } ?? []), (.logc64, logc64 ?? []), (.logcHigh, logcHigh ?? []),
                              (.logcLow, logcLow ?? []), (.interval, interval)] {
            try c.requireFinite(values, forKey: key)
        }
        let n = 1 << tableBits
        guard invc.count == n else { throw c.invalid(.invc, "expected 2^\(tableBits) entries, found \(invc.count)") }
        guard interval.count == 2, interval[0].value < interval[1].value else {
            throw c.invalid(.interval, "expected [rMin, rMax] with rMin < rMax")
        }
        // Either the binary64 constants or the binary32 ones, complete.
        if logc64 != nil || ln2High64 != nil || ln2Low64 != nil {
            for (key, value) in [(CodingKeys.ln2High64, ln2High64 as Any?), (.ln2Low64, ln2Low64), (.logc64, logc64)] where value == nil {
                throw DecodingError.keyNotFound(key, .init(codingPath: c.codingPath, debugDescription: ""))
            }
            guard logc64!.count == n else { throw c.invalid(.logc64, "expected 2^\(tableBits) entries, found \(logc64!.count)") }
            if logcHigh != nil { throw c.invalid(.logcHigh, "a binary64 table (logc64) has no logcHigh") }
            if logcLow != nil { throw c.invalid(.logcLow, "a binary64 table (logc64) has no logcLow") }
        } else {
            guard let high = logcHigh else {
                throw DecodingError.keyNotFound(CodingKeys.logcHigh, .init(codingPath: c.codingPath, debugDescription: ""))
            }
            guard let low = logcLow else {
                throw DecodingError.keyNotFound(CodingKeys.logcLow, .init(codingPath: c.codingPath, debugDescription: ""))
            }
            guard high.count == n else { throw c.invalid(.logcHigh, "expected 2^\(tableBits) entries, found \(high.count)") }
            guard low.count == n else { throw c.invalid(.logcLow, "expected 2^\(tableBits) entries, found \(low.count)") }
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.family, forKey: .family)
        try c.encode(tableBits, forKey: .tableBits)
        try c.encode(offset, forKey: .offset)
        try c.encode(ln2High, forKey: .ln2High)
        try c.encode(ln2Low, forKey: .ln2Low)
        try c.encode(invc, forKey: .invc)
        try c.encodeIfPresent(ln2High64, forKey: .ln2High64)
        try c.encodeIfPresent(ln2Low64, forKey: .ln2Low64)
        try c.encodeIfPresent(logc64, forKey: .logc64)
        try c.encodeIfPresent(logcHigh, forKey: .logcHigh)
        try c.encodeIfPresent(logcLow, forKey: .logcLow)
        try c.encode(interval, forKey: .interval)
    }
}

/// `none`: a kernel over the reals on an interval.
public struct IntervalConstants: Codable, Equatable, Sendable {
    public static let family = "none"
    public var interval: [HexNumber]
    enum CodingKeys: String, CodingKey, CaseIterable { case family, interval }
    public init(from decoder: Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        interval = try c.decode([HexNumber].self, forKey: .interval)
        try c.requireFinite(interval, forKey: .interval)
        guard interval.count == 2, interval[0].value < interval[1].value else {
            throw c.invalid(.interval, "expected [low, high] with low < high")
        }
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.family, forKey: .family)
        try c.encode(interval, forKey: .interval)
    }
}
