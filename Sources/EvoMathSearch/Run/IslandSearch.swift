import EvoMathReference
import Foundation

/// The search with one island per process (a Slurm array task, or any
/// process that shares a directory with the others): island `I` of `N`
/// evolves exactly as island `I` of the single-process search does, and at
/// each migration epoch exchanges migrants through files in the exchange
/// directory instead of memory. A finishing step gathers the final islands
/// and runs what the single-process search runs after its last generation,
/// so both write the same spec, byte for byte.
///
/// Why it is the same computation: an island's generation reads only its own
/// population and random-number stream (`SearchEngine.evolve`), and a
/// migration only its own population and its ring predecessor's emigrants
/// (`emigrants(of:)`, `receive(_:into:)`). The archive (the best individual
/// of each cost) is kept per island with the generation and position where
/// each entry was first seen; merging keeps, per cost, the lowest error and
/// among equal errors the earliest (generation, island, position), which is
/// the entry the single-process archive keeps.
///
/// Files in the exchange directory (all written atomically, temp + rename):
/// - `island-I.json`: island I's state after its last migration epoch (and
///   after generation 0 and the last generation); a killed or requeued task
///   resumes from it. Rerunning an epoch rewrites identical bytes.
/// - `emigrants-I.generation-G.json`: island I's emigrants at generation G.
/// - `island-I.seconds`: the island's search time so far (for the Pareto
///   table's rate only; kept apart so the two files above are reproducible).
public enum IslandSearch {
    public static let islandKind = "evomath-island-checkpoint"
    public static let emigrantsKind = "evomath-island-emigrants"
    public static let fileVersion = 1

    public struct Options: Sendable {
        public var search: SearchOptions
        public var island: Int
        public var islandCount: Int
        public var exchange: String
        /// Seconds to wait for the predecessor's emigrants of one epoch.
        public var timeout: Double = 3600
        /// Stop (as if killed) after this many generations of this process
        /// (for resume tests).
        public var stopAfter: Int?
        public init(search: SearchOptions, island: Int, islandCount: Int, exchange: String) {
            self.search = search
            self.island = island
            self.islandCount = islandCount
            self.exchange = exchange
        }
    }

    public struct IslandOutcome: Sendable {
        public var generation: Int
        public var finished: Bool
        public var resumedFrom: Int?
        public var epochs: Int
        public var emigrantBytes: Int
        public var seconds: Double
    }

    public static func islandPath(_ dir: String, _ i: Int) -> String { dir + "/island-\(i).json" }
    public static func secondsPath(_ dir: String, _ i: Int) -> String { dir + "/island-\(i).seconds" }
    public static func emigrantsPath(_ dir: String, _ i: Int, generation: Int) -> String {
        dir + "/emigrants-\(i).generation-\(generation).json"
    }

    /// An archive entry with where it was first seen.
    struct Stamped {
        var individual: Individual
        var generation: Int
        var position: Int
    }

    /// One island's state.
    struct State {
        var island: SearchEngine.Island
        var generation: Int
        var evaluations: Int
        var archive: [Double: Stamped]

        /// The single-process `updateArchive`, for this island's population.
        mutating func updateArchive() {
            for (k, ind) in island.population.enumerated()
            where SearchEngine.archiveTakes(ind, over: archive[ind.cost]?.individual) {
                archive[ind.cost] = Stamped(individual: ind, generation: generation, position: k)
            }
        }
    }

    static func loadRecipe(_ options: SearchOptions, islandCount: Int) throws -> (Recipe, Int) {
        let recipe = try Recipe.load(path: options.recipePath)
        guard options.time == nil else {
            throw SearchError.invalid("a search with --island or --finish needs a generation budget, not --time (a wall-time budget is not deterministic)")
        }
        guard islandCount == recipe.islands else {
            throw SearchError.invalid("--of \(islandCount): recipe '\(options.recipePath)' has \(recipe.islands) islands; give --of \(recipe.islands) (one task per island) or a recipe with \(islandCount) islands")
        }
        let budget = options.generations ?? recipe.generations
        guard budget >= 0 else { throw SearchError.invalid("--generations must be ≥ 0") }
        return (recipe, budget)
    }

    // MARK: One island

    /// Runs island `options.island` to the generation budget, resuming from
    /// its state file in the exchange directory when there is one.
    public static func runIsland(_ options: Options) throws -> IslandOutcome {
        let (recipe, budget) = try loadRecipe(options.search, islandCount: options.islandCount)
        let i = options.island, n = options.islandCount, dir = options.exchange
        guard (0..<n).contains(i) else { throw SearchError.invalid("--island \(i): expected 0…\(n - 1) (--of \(n))") }
        try makeDirectory(dir)
        let start = Date()
        let engine = SearchEngine(recipe: recipe, problem: Problem(recipe: recipe), seed: options.search.seed)
        let header = Header(engine: engine, islandCount: n)
        let statePath = islandPath(dir, i)
        var state: State
        var resumedFrom: Int?
        if FileManager.default.fileExists(atPath: statePath) {
            state = try readState(statePath, header: header, island: i, recipe: recipe)
            guard state.generation <= budget else {
                throw SearchError.checkpoint("\(statePath) is island \(i) at generation \(state.generation), past the budget of \(budget); use a fresh exchange directory")
            }
            resumedFrom = state.generation
        } else {
            var scratch = EvaluationScratch()
            let island = engine.initialIsland(i, scratch: &scratch)
            state = State(island: island, generation: 0, evaluations: island.population.count, archive: [:])
            state.updateArchive()
            try writeState(state, header: header, island: i, to: statePath)
        }
        let previous = resumedFrom == nil ? 0 : readSeconds(secondsPath(dir, i))
        func elapsed() -> Double { previous + Date().timeIntervalSince(start) }
        var epochs = 0, bytes = 0, processGenerations = 0
        while state.generation < budget {
            if let s = options.stopAfter, processGenerations >= s {
                return IslandOutcome(generation: state.generation, finished: false, resumedFrom: resumedFrom, epochs: epochs,
                                     emigrantBytes: bytes, seconds: Date().timeIntervalSince(start))
            }
            state.island = engine.evolve(state.island)
            state.evaluations += state.island.population.count
            state.generation += 1
            processGenerations += 1
            let epoch = n > 1 && state.generation % recipe.migrationInterval == 0
            if epoch {
                let out = engine.emigrants(of: state.island.population)
                bytes += try writeEmigrants(out, header: header, from: i, generation: state.generation,
                                            to: emigrantsPath(dir, i, generation: state.generation))
                let from = (i + n - 1) % n
                let incoming = try awaitEmigrants(header: header, from: from, generation: state.generation, dir: dir,
                                                  count: engine.migrantCount, recipe: recipe, timeout: options.timeout)
                state.island.population = engine.receive(incoming, into: state.island.population)
                epochs += 1
            }
            state.updateArchive()
            if epoch || state.generation == budget {
                try writeState(state, header: header, island: i, to: statePath)
                try writeAtomically(String(elapsed()) + "\n", to: secondsPath(dir, i))
            }
        }
        return IslandOutcome(generation: state.generation, finished: true, resumedFrom: resumedFrom, epochs: epochs,
                             emigrantBytes: bytes, seconds: Date().timeIntervalSince(start))
    }

    // MARK: Finishing

    /// Gathers the final state of every island and runs the rest of the
    /// search (finalist verification, spec, Pareto table) as the
    /// single-process search does after its last generation.
    public static func finish(_ options: SearchOptions, islandCount n: Int, exchange dir: String) throws -> SearchOutcome {
        let (recipe, budget) = try loadRecipe(options, islandCount: n)
        let start = Date()
        let engine = SearchEngine(recipe: recipe, problem: Problem(recipe: recipe), seed: options.seed)
        let header = Header(engine: engine, islandCount: n)
        var states: [State] = []
        for i in 0..<n {
            let path = islandPath(dir, i)
            guard FileManager.default.fileExists(atPath: path) else {
                throw SearchError.checkpoint("--finish: no state for island \(i) at \(path) (has its task run?)")
            }
            let s = try readState(path, header: header, island: i, recipe: recipe)
            guard s.generation == budget else {
                throw SearchError.checkpoint("--finish: \(path) is island \(i) at generation \(s.generation), not at the budget of \(budget) (its task has not finished; run it again, it resumes)")
            }
            states.append(s)
        }
        engine.islands = states.map(\.island)
        engine.generation = budget
        engine.evaluations = states.reduce(0) { $0 + $1.evaluations }
        engine.archive = mergeArchives(states.map(\.archive))
        let islandSeconds = (0..<n).map { readSeconds(secondsPath(dir, $0)) }.max() ?? 0
        return try SearchRunner.complete(engine, options: options, wallSeconds: islandSeconds + Date().timeIntervalSince(start),
                                         searchSeconds: islandSeconds, searchedEvaluations: engine.evaluations)
    }

    /// The single-process archive from the islands' stamped archives.
    static func mergeArchives(_ archives: [[Double: Stamped]]) -> [Double: Individual] {
        var merged: [Double: (Stamped, Int)] = [:]
        for (i, archive) in archives.enumerated() {
            for (cost, entry) in archive {
                if let (old, oldIsland) = merged[cost] {
                    let earlier = (entry.generation, i, entry.position) < (old.generation, oldIsland, old.position)
                    guard entry.individual.error < old.individual.error
                          || (entry.individual.error == old.individual.error && earlier) else { continue }
                }
                merged[cost] = (entry, i)
            }
        }
        return merged.mapValues { $0.0.individual }
    }

    // MARK: Files

    /// What every file of one distributed search shares; a file with another
    /// header belongs to another search.
    struct Header {
        var engine: String
        var recipe: String
        var seed: UInt64
        var islands: Int
        init(engine: SearchEngine, islandCount: Int) {
            self.engine = EvoMathSearch.engineVersion
            recipe = engine.recipe.fingerprint
            seed = engine.seed
            islands = islandCount
        }
        var pairs: [(String, JSON)] {
            [("engine", .string(engine)), ("recipe", .string(recipe)), ("seed", .string(String(seed))), ("islands", .integer(islands))]
        }
        /// What differs between this search and a file's header, if anything.
        func mismatch(_ f: ExchangeFileHeader) -> String? {
            if f.engine != engine { return "from engine version \(f.engine), not \(engine)" }
            if f.recipe != recipe { return "for a different recipe" }
            if f.seed != seed { return "for seed \(f.seed), not \(seed)" }
            if f.islands != islands { return "for \(f.islands) islands, not \(islands)" }
            return nil
        }
    }

    static func writeState(_ s: State, header: Header, island: Int, to path: String) throws {
        let archive = s.archive.keys.sorted().map { cost -> JSON in
            let e = s.archive[cost]!
            return .object([("generation", .integer(e.generation)), ("position", .integer(e.position)),
                            ("individual", Checkpoint.individual(e.individual))])
        }
        let json = JSON.object([("kind", .string(islandKind)), ("version", .integer(fileVersion))] + header.pairs + [
            ("island", .integer(island)), ("generation", .integer(s.generation)), ("evaluations", .integer(s.evaluations)),
            ("rng", .string(String(s.island.rng.state, radix: 16))),
            ("population", .array(s.island.population.map(Checkpoint.individual))), ("archive", .array(archive)),
        ])
        try writeAtomically(json.rendered() + "\n", to: path)
    }

    static func readState(_ path: String, header: Header, island: Int, recipe: Recipe) throws -> State {
        let file: IslandStateFile
        do { file = try SpecReader.decode(IslandStateFile.self, from: try SpecReader.contents(of: path), file: path) }
        catch let e as SpecFileError {
            throw SearchError.checkpoint("corrupt island state: \(e.description); delete it to restart this island from generation 0")
        }
        func bad(_ m: String) -> SearchError { .checkpoint("island state \(path) is \(m); use a fresh exchange directory") }
        if let m = header.mismatch(file.header) { throw bad(m) }
        guard file.island == island else { throw bad("island \(file.island)'s, not island \(island)'s") }
        guard file.population.count == recipe.populationPerIsland else {
            throw bad("a population of \(file.population.count), not the recipe's \(recipe.populationPerIsland)")
        }
        let population = try file.population.enumerated().map { j, ind in
            try Checkpoint.individual(ind, recipe: recipe, keyPath: "population[\(j)]", file: path)
        }
        var archive: [Double: Stamped] = [:]
        for (j, e) in file.archive.enumerated() {
            let ind = try Checkpoint.individual(e.individual, recipe: recipe, keyPath: "archive[\(j)].individual", file: path)
            archive[ind.cost] = Stamped(individual: ind, generation: e.generation, position: e.position)
        }
        return State(island: SearchEngine.Island(rng: SplitMix64(seed: file.rng), population: population),
                     generation: file.generation, evaluations: file.evaluations, archive: archive)
    }

    /// Writes the emigrants file; returns its size in bytes.
    static func writeEmigrants(_ individuals: [Individual], header: Header, from island: Int, generation: Int,
                               to path: String) throws -> Int {
        let json = JSON.object([("kind", .string(emigrantsKind)), ("version", .integer(fileVersion))] + header.pairs + [
            ("island", .integer(island)), ("generation", .integer(generation)),
            ("individuals", .array(individuals.map(Checkpoint.individual))),
        ])
        let text = json.rendered() + "\n"
        try writeAtomically(text, to: path)
        return text.utf8.count
    }

    /// Waits for (polls) and reads island `from`'s emigrants of `generation`.
    static func awaitEmigrants(header: Header, from: Int, generation: Int, dir: String, count: Int, recipe: Recipe,
                               timeout: Double) throws -> [Individual] {
        let path = emigrantsPath(dir, from, generation: generation)
        let start = Date()
        var pause = 0.01
        while !FileManager.default.fileExists(atPath: path) {
            guard Date().timeIntervalSince(start) < timeout else {
                throw SearchError.checkpoint("waited \(String(format: "%g", timeout)) s for \(path) (island \(from)'s emigrants at generation \(generation)) and it did not appear: is island \(from)'s task running? (every island's task must run at the same time; --exchange-timeout sets the wait)")
            }
            Thread.sleep(forTimeInterval: pause)
            pause = min(1, pause * 2)
        }
        let file: EmigrantsFile
        do { file = try SpecReader.decode(EmigrantsFile.self, from: try SpecReader.contents(of: path), file: path) }
        catch let e as SpecFileError { throw SearchError.checkpoint("corrupt emigrants file: \(e.description)") }
        func bad(_ m: String) -> SearchError { .checkpoint("emigrants file \(path) is \(m)") }
        if let m = header.mismatch(file.header) { throw bad(m) }
        guard file.island == from, file.generation == generation else {
            throw bad("island \(file.island)'s at generation \(file.generation), not island \(from)'s at generation \(generation)")
        }
        guard file.individuals.count == count else { throw bad("\(file.individuals.count) individuals, not \(count)") }
        return try file.individuals.enumerated().map { j, ind in
            try Checkpoint.individual(ind, recipe: recipe, keyPath: "individuals[\(j)]", file: path)
        }
    }

    /// An island's search seconds (0 when the file is missing or unreadable:
    /// it only feeds the Pareto table's rate, never the search).
    static func readSeconds(_ path: String) -> Double {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let v = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), v >= 0, v.isFinite else { return 0 }
        return v
    }

    static func makeDirectory(_ dir: String) throws {
        do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        catch { throw SearchError.invalid("cannot create the exchange directory '\(dir)': \(error.localizedDescription)") }
    }
}

/// The header fields every exchange file carries.
struct ExchangeFileHeader {
    var engine: String
    var recipe: String
    var seed: UInt64
    var islands: Int
}

/// Decodes kind, version and the header; refuses another kind or version.
private func decodeHeader<K: CodingKey>(_ c: KeyedDecodingContainer<K>, kind: K, version: K, engine: K, recipe: K, seed: K,
                                        islands: K, expectedKind: String) throws -> ExchangeFileHeader {
    guard try c.decode(String.self, forKey: kind) == expectedKind else {
        throw c.invalid(kind, "expected \"\(expectedKind)\"")
    }
    let v = try c.decode(Int.self, forKey: version)
    guard v == IslandSearch.fileVersion else { throw c.invalid(version, "expected \(IslandSearch.fileVersion), found \(v)") }
    let s = try c.decode(String.self, forKey: seed)
    guard let seedValue = UInt64(s) else { throw c.invalid(seed, "expected a seed (an unsigned 64-bit integer in decimal), found '\(s)'") }
    return ExchangeFileHeader(engine: try c.decode(String.self, forKey: engine), recipe: try c.decode(String.self, forKey: recipe),
                              seed: seedValue, islands: try c.decode(Int.self, forKey: islands, in: 1...1_000_000))
}

/// `island-I.json`, read strictly (unknown keys refused, numbers checked).
struct IslandStateFile: Decodable {
    struct Entry: Decodable {
        var generation: Int
        var position: Int
        var individual: CheckpointFile.Individual
        enum CodingKeys: String, CodingKey, CaseIterable { case generation, position, individual }
        init(from decoder: Decoder) throws {
            try decoder.refuseUnknownKeys(CodingKeys.self)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            generation = try c.decode(Int.self, forKey: .generation, in: 0...Int(Int32.max))
            position = try c.decode(Int.self, forKey: .position, in: 0...Int(Int32.max))
            individual = try c.decode(CheckpointFile.Individual.self, forKey: .individual)
        }
    }
    var header: ExchangeFileHeader
    var island: Int
    var generation: Int
    var evaluations: Int
    var rng: UInt64
    var population: [CheckpointFile.Individual]
    var archive: [Entry]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, version, engine, recipe, seed, islands, island, generation, evaluations, rng, population, archive
    }
    init(from decoder: Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        header = try decodeHeader(c, kind: .kind, version: .version, engine: .engine, recipe: .recipe, seed: .seed,
                                  islands: .islands, expectedKind: IslandSearch.islandKind)
        island = try c.decode(Int.self, forKey: .island, in: 0...(header.islands - 1))
        generation = try c.decode(Int.self, forKey: .generation, in: 0...Int(Int32.max))
        evaluations = try c.decode(Int.self, forKey: .evaluations, in: 0...Int.max)
        let text = try c.decode(String.self, forKey: .rng)
        guard let state = UInt64(text, radix: 16) else { throw c.invalid(.rng, "expected a 64-bit state in hex, found '\(text)'") }
        rng = state
        population = try c.decode([CheckpointFile.Individual].self, forKey: .population)
        archive = try c.decode([Entry].self, forKey: .archive)
    }
}

/// `emigrants-I.generation-G.json`, read strictly.
struct EmigrantsFile: Decodable {
    var header: ExchangeFileHeader
    var island: Int
    var generation: Int
    var individuals: [CheckpointFile.Individual]
    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, version, engine, recipe, seed, islands, island, generation, individuals
    }
    init(from decoder: Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        header = try decodeHeader(c, kind: .kind, version: .version, engine: .engine, recipe: .recipe, seed: .seed,
                                  islands: .islands, expectedKind: IslandSearch.emigrantsKind)
        island = try c.decode(Int.self, forKey: .island, in: 0...(header.islands - 1))
        generation = try c.decode(Int.self, forKey: .generation, in: 1...Int(Int32.max))
        individuals = try c.decode([CheckpointFile.Individual].self, forKey: .individuals)
    }
}
