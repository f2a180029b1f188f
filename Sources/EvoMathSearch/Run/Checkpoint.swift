import EvoMathReference
import Foundation

public enum Checkpoint {
    static let kind = "evomath-search-checkpoint"
    static let version = 1

    static func individual(_ i: Individual) -> JSON {
        .object([("tableBits", .integer(i.tableBits)), ("error", .string(HexFloat.format(i.error))),
                 ("cost", .string(HexFloat.format(i.cost))), ("misrounded", .integer(i.misrounded)),
                 ("program", i.program.json)])
    }

    static func individual(_ any: Any) throws -> Individual {
        guard let o = any as? [String: Any], let t = o["tableBits"] as? Int, let e = o["error"] as? String,
              let c = o["cost"] as? String, let m = o["misrounded"] as? Int, let p = o["program"],
              let error = HexFloat.parse(Substring(e)), let cost = HexFloat.parse(Substring(c)) else {
            throw SearchError.checkpoint("malformed individual")
        }
        let program: Program
        do {
            program = try JSONDecoder().decode(Program.self, from: JSONSerialization.data(withJSONObject: p))
        } catch {
            throw SearchError.checkpoint("malformed program in an individual (\(error))")
        }
        return Individual(program: program, tableBits: t, error: error, cost: cost, misrounded: m)
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
    /// seed or engine, and corrupt files, with a message saying which.
    public static func restore(_ engine: SearchEngine, from path: String, budgetGenerations: Int?) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SearchError.checkpoint("cannot read checkpoint \(path)")
        }
        let any: Any
        do { any = try JSONSerialization.jsonObject(with: data) } catch {
            throw SearchError.checkpoint("checkpoint \(path) is corrupt (not valid JSON); delete it and start again without --resume")
        }
        func bad(_ m: String) -> SearchError { .checkpoint("checkpoint \(path) is \(m); delete it and start again without --resume") }
        guard let o = any as? [String: Any], o["kind"] as? String == kind else { throw bad("not an evomath search checkpoint") }
        guard o["version"] as? Int == version, o["engine"] as? String == EvoMathSearch.engineVersion else {
            throw bad("from another engine version")
        }
        guard o["recipe"] as? String == engine.recipe.fingerprint else { throw bad("for a different recipe") }
        guard o["seed"] as? String == String(engine.seed) else {
            throw bad("for seed \(o["seed"] as? String ?? "?"), not \(engine.seed)")
        }
        guard let g = o["generation"] as? Int, let ev = o["evaluations"] as? Int,
              let islands = o["islands"] as? [Any], let archive = o["archive"] as? [Any] else { throw bad("incomplete") }
        if let b = budgetGenerations, g > b { throw bad("already at generation \(g), past the budget of \(b)") }
        var restored: [SearchEngine.Island] = []
        do {
            for item in islands {
                guard let d = item as? [String: Any], let r = d["rng"] as? String, let state = UInt64(r, radix: 16),
                      let pop = d["population"] as? [Any] else { throw bad("corrupt (island)") }
                restored.append(SearchEngine.Island(rng: SplitMix64(seed: state), population: try pop.map(individual)))
            }
            guard restored.count == engine.recipe.islands,
                  restored.allSatisfy({ $0.population.count == engine.recipe.populationPerIsland }) else {
                throw bad("for another island layout")
            }
            var arch: [Double: Individual] = [:]
            for a in archive { let i = try individual(a); arch[i.cost] = i }
            engine.archive = arch
        } catch let e as SearchError {
            if case .checkpoint(let m) = e, m.hasPrefix("checkpoint") { throw e }
            throw bad("corrupt (\(e))")
        }
        engine.islands = restored
        engine.generation = g
        engine.evaluations = ev
        engine.previousSeconds = o["elapsedSeconds"] as? Double ?? 0
    }
}
