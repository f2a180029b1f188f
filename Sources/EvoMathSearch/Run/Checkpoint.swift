import EvoMathReference
import Foundation

public enum Checkpoint {
    static let kind = CheckpointFile.kind
    static let version = CheckpointFile.version

    static func individual(_ i: Individual) -> JSON {
        .object([("tableBits", .integer(i.tableBits)), ("error", .string(HexFloat.format(i.error))),
                 ("cost", .string(HexFloat.format(i.cost))), ("misrounded", .integer(i.misrounded)),
                 ("program", i.program.json)])
    }

    /// A checkpoint's individual, checked against the recipe: a table size
    /// the recipe lists.
    static func individual(_ i: CheckpointFile.Individual, recipe: Recipe, keyPath: String, file: String) throws -> Individual {
        guard recipe.tableBits.contains(i.tableBits) else {
            throw SpecFileError(file: file, keyPath: keyPath + ".tableBits",
                                "expected one of the recipe's table sizes \(recipe.tableBits), found \(i.tableBits)")
        }
        return Individual(program: i.program, tableBits: i.tableBits, error: i.error, cost: i.cost, misrounded: i.misrounded)
    }

    public static func save(_ engine: SearchEngine, to path: String, elapsed: Double) throws {
        let json = JSON.object([
            ("kind", .string(kind)), ("version", .integer(version)), ("engine", .string(EvoMathSearch.engineVersion)),
            ("recipe", .string(engine.recipe.fingerprint)), ("seed", .string(String(engine.seed))),
            ("generation", .integer(engine.generation)), ("evaluations", .integer(engine.evaluations)),
            ("elapsedSeconds", .number(elapsed)),
            ("islands", .array(engine.islands.map { island in
                .object([("rng", .string(String(island.rng.state, radix: 16))),
                         ("population", .array(island.population.map(individual)))])
            })),
            ("archive", .array(engine.archive.keys.sorted().map { individual(engine.archive[$0]!) })),
        ])
        try writeAtomically(json.rendered() + "\n", to: path)
    }

    /// Restores the engine's state; refuses checkpoints of another recipe,
    /// seed or engine, and corrupt files (`CheckpointFile`: the file, the key
    /// path and what was expected), with a message saying which.
    public static func restore(_ engine: SearchEngine, from path: String, budgetGenerations: Int?) throws {
        func bad(_ m: String) -> SearchError { .checkpoint("checkpoint \(path) is \(m); delete it and start again without --resume") }
        let file: CheckpointFile
        do { file = try CheckpointFile.read(at: path) } catch let e as SpecFileError {
            throw SearchError.checkpoint("corrupt checkpoint: \(e.description); delete it and start again without --resume")
        }
        guard file.engine == EvoMathSearch.engineVersion else { throw bad("from another engine version (\(file.engine))") }
        guard file.recipe == engine.recipe.fingerprint else { throw bad("for a different recipe") }
        guard file.seed == engine.seed else { throw bad("for seed \(file.seed), not \(engine.seed)") }
        if let b = budgetGenerations, file.generation > b { throw bad("already at generation \(file.generation), past the budget of \(b)") }
        guard file.islands.count == engine.recipe.islands,
              file.islands.allSatisfy({ $0.population.count == engine.recipe.populationPerIsland }) else {
            throw bad("for another island layout (\(file.islands.count) islands of \(file.islands.map { String($0.population.count) }.joined(separator: ", ")); the recipe has \(engine.recipe.islands) of \(engine.recipe.populationPerIsland))")
        }
        var restored: [SearchEngine.Island] = []
        for (k, island) in file.islands.enumerated() {
            let population = try island.population.enumerated().map { j, i in
                try individual(i, recipe: engine.recipe, keyPath: "islands[\(k)].population[\(j)]", file: path)
            }
            restored.append(SearchEngine.Island(rng: SplitMix64(seed: island.rng), population: population))
        }
        var archive: [Double: Individual] = [:]
        for (j, a) in file.archive.enumerated() {
            let i = try individual(a, recipe: engine.recipe, keyPath: "archive[\(j)]", file: path)
            archive[i.cost] = i
        }
        engine.archive = archive
        engine.islands = restored
        engine.generation = file.generation
        engine.evaluations = file.evaluations
        engine.previousSeconds = file.elapsedSeconds
    }
}
