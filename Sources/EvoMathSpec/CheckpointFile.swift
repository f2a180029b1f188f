import Foundation

/// A search checkpoint (`<spec>.checkpoint`), read strictly like recipes and
/// specs: unknown keys refused, every number's type and range checked, every
/// program well formed (no empty program, no forward reference), errors as
/// `SpecFileError`s naming the file, the key path and what was expected.
/// Whether the checkpoint belongs to the recipe, seed and engine at hand is
/// checked by the search (`Checkpoint.restore`), which knows them.
public struct CheckpointFile: Decodable, Sendable {
    public static let kind = "evomath-search-checkpoint"
    public static let version = 1

    /// One individual of a population or of the archive.
    public struct Individual: Decodable, Sendable {
        public var tableBits: Int
        /// The error objective: a number ≥ 0, or +inf for a failed candidate.
        public var error: Double
        public var cost: Double
        /// Misrounded inputs in the format stage (−1: not evaluated).
        public var misrounded: Int
        public var program: Program
        enum CodingKeys: String, CodingKey, CaseIterable { case tableBits, error, cost, misrounded, program }
        public init(from decoder: Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            tableBits = try c.decode(Int.self, forKey: .tableBits, in: 0...RecipeFile.maxTableBits)
            error = try c.decode(HexNumber.self, forKey: .error).value
            guard error >= 0 else { throw c.invalid(.error, "expected a hex float ≥ 0 (or inf)") }
            cost = try c.decode(HexNumber.self, forKey: .cost).value
            guard cost >= 0, cost.isFinite else { throw c.invalid(.cost, "expected a finite hex float ≥ 0") }
            misrounded = try c.decode(Int.self, forKey: .misrounded, in: -1...Int(Int32.max))
            program = try c.decode(Program.self, forKey: .program)
            guard program.inputNames.count == 1 else {
                throw c.invalid(.program, "expected a program of one input (the reduced argument)")
            }
        }
    }

    public struct Island: Decodable, Sendable {
        /// The island's random-number state (SplitMix64).
        public var rng: UInt64
        public var population: [Individual]
        enum CodingKeys: String, CodingKey, CaseIterable { case rng, population }
        public init(from decoder: Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            let text = try c.decode(String.self, forKey: .rng)
            guard let state = UInt64(text, radix: 16) else { throw c.invalid(.rng, "expected a 64-bit state in hex, found '\(text)'") }
            rng = state
            population = try c.decode([Individual].self, forKey: .population)
            guard !population.isEmpty else { throw c.invalid(.population, "expected at least one individual") }
        }
    }

    public var engine: String
    /// The fingerprint of the recipe the search ran.
    public var recipe: String
    public var seed: UInt64
    public var generation: Int
    public var evaluations: Int
    public var elapsedSeconds: Double
    public var islands: [Island]
    public var archive: [Individual]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, version, engine, recipe, seed, generation, evaluations, elapsedSeconds, islands, archive
    }

    public init(from decoder: Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard try c.decode(String.self, forKey: .kind) == Self.kind else {
            throw c.invalid(.kind, "expected \"\(Self.kind)\" (this is not an evomath search checkpoint)")
        }
        let v = try c.decode(Int.self, forKey: .version)
        guard v == Self.version else { throw c.invalid(.version, "expected \(Self.version) (checkpoint format version), found \(v)") }
        engine = try c.decode(String.self, forKey: .engine)
        recipe = try c.decode(String.self, forKey: .recipe)
        let s = try c.decode(String.self, forKey: .seed)
        guard let seed = UInt64(s) else { throw c.invalid(.seed, "expected a seed (an unsigned 64-bit integer in decimal), found '\(s)'") }
        self.seed = seed
        generation = try c.decode(Int.self, forKey: .generation, in: 0...Int(Int32.max))
        evaluations = try c.decode(Int.self, forKey: .evaluations, in: 0...Int.max)
        elapsedSeconds = try c.decode(Double.self, forKey: .elapsedSeconds)
        guard elapsedSeconds >= 0, elapsedSeconds.isFinite else { throw c.invalid(.elapsedSeconds, "expected a finite number ≥ 0") }
        islands = try c.decode([Island].self, forKey: .islands)
        guard !islands.isEmpty else { throw c.invalid(.islands, "expected at least one island") }
        archive = try c.decode([Individual].self, forKey: .archive)
    }

    /// Parses a checkpoint's bytes (`file` is named in errors): the entry
    /// point of the search's `--resume` and of the fuzz harness.
    public static func parse(data: Data, file: String) throws -> CheckpointFile {
        try SpecReader.decode(CheckpointFile.self, from: data, file: file)
    }

    public static func read(at path: String) throws -> CheckpointFile {
        try parse(data: try SpecReader.contents(of: path), file: path)
    }
}
