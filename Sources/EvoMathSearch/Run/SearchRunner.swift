import EvoMathReference
import Foundation

/// How `evomath search` was asked to run.
public struct SearchOptions: Sendable {
    public var recipePath: String
    public var seed: UInt64 = 1
    /// Generation budget (deterministic); nil: the recipe's, unless `time`.
    public var generations: Int?
    /// Wall-time budget in seconds (not deterministic).
    public var time: Double?
    public var resume = false
    /// Spec path (default `Generators/<name>.json`).
    public var output: String?
    /// Checkpoint path (default `<output>.checkpoint`).
    public var checkpoint: String?
    /// Seconds between checkpoints (default: the recipe's).
    public var checkpointInterval: Double?
    /// Folder for the Pareto table and plot (default `Tables`, or the
    /// output's folder when `output` is given).
    public var tables: String?
    /// Progress on stderr (the CLI sets it when stderr is a terminal).
    public var progress = false
    /// Stop after this many generations of this process without finishing
    /// (for interruption tests: leaves the checkpoint).
    public var stopAfter: Int?
    /// The command line recorded in tables.
    public var commandLine = ""
    /// Where to write the search's final state when its generations end
    /// (checkpoint format, with the Pareto archive; before the finalist's
    /// verification) for `evomath measure-cost`; nil: nowhere. It does not
    /// change the spec or the tables.
    public var front: String?
    public init(recipePath: String) { self.recipePath = recipePath }

    /// The spec path for `recipe`: `output`, else `Generators/<name>.json`.
    func outputPath(_ recipe: Recipe) -> String { output ?? "Generators/\(recipe.name).json" }
    /// The checkpoint path: `checkpoint`, else `<spec path>.checkpoint`.
    func checkpointPath(_ recipe: Recipe) -> String { checkpoint ?? outputPath(recipe) + ".checkpoint" }
    /// Seconds between checkpoints: `checkpointInterval`, else the recipe's.
    func checkpointSeconds(_ recipe: Recipe) -> Double { checkpointInterval ?? recipe.checkpointSeconds }
    /// The Pareto table's folder: `tables`, else `Tables`, or the spec's folder when `output` is given.
    func tablesDirectory(_ recipe: Recipe) -> String {
        tables ?? (output == nil ? "Tables" : URL(fileURLWithPath: outputPath(recipe)).deletingLastPathComponent().path)
    }
}

public struct SearchOutcome: Sendable {
    public var specPath: String
    public var tablePath: String
    public var best: Individual
    public var generations: Int
    public var evaluations: Int
    public var wallSeconds: Double
    public var finished: Bool
}

/// Parses `90`, `90s`, `30m`, `1h`, `1h30m` into seconds.
public func parseDuration(_ text: String) -> Double? {
    if let v = Double(text), v > 0 { return v }
    var total = 0.0, number = ""
    for ch in text {
        if ch.isNumber || ch == "." { number.append(ch); continue }
        guard let v = Double(number) else { return nil }
        switch ch {
        case "s": total += v
        case "m": total += v * 60
        case "h": total += v * 3600
        default: return nil
        }
        number = ""
    }
    if !number.isEmpty { return nil }
    return total > 0 ? total : nil
}

public enum SearchRunner {
    public static func run(_ options: SearchOptions) throws -> SearchOutcome {
        let recipe = try Recipe.load(path: options.recipePath)
        let output = options.outputPath(recipe)
        let checkpointPath = options.checkpointPath(recipe)
        if let g = options.generations, g < 0 { throw SearchError.invalid("--generations must be ≥ 0") }
        let budgetGenerations = options.time == nil ? (options.generations ?? recipe.generations) : Int.max
        let interval = options.checkpointSeconds(recipe)

        let start = Date()
        let problem = Problem(recipe: recipe)
        let engine = SearchEngine(recipe: recipe, problem: problem, seed: options.seed)
        if options.resume {
            guard FileManager.default.fileExists(atPath: checkpointPath) else {
                throw SearchError.checkpoint("--resume: no checkpoint at \(checkpointPath)")
            }
            try Checkpoint.restore(engine, from: checkpointPath, budgetGenerations: options.time == nil ? budgetGenerations : nil)
        } else {
            engine.initialize()
            if interval.isFinite { try Checkpoint.save(engine, to: checkpointPath, elapsed: 0) }
        }
        var lastCheckpoint = Date()
        var processGenerations = 0
        let initialEvaluations = engine.evaluations
        func elapsed() -> Double { engine.previousSeconds + Date().timeIntervalSince(start) }
        while engine.generation < budgetGenerations {
            if let t = options.time, elapsed() >= t { break }
            if let s = options.stopAfter, processGenerations >= s {
                try Checkpoint.save(engine, to: checkpointPath, elapsed: elapsed())
                let b = engine.best
                return SearchOutcome(specPath: output, tablePath: "", best: b, generations: engine.generation,
                                     evaluations: engine.evaluations, wallSeconds: elapsed(), finished: false)
            }
            engine.step()
            processGenerations += 1
            if Date().timeIntervalSince(lastCheckpoint) >= interval {
                try Checkpoint.save(engine, to: checkpointPath, elapsed: elapsed())
                lastCheckpoint = Date()
            }
            if options.progress {
                let b = engine.best
                let rate = Double(engine.evaluations - initialEvaluations) / max(1e-9, Date().timeIntervalSince(start))
                var left = ""
                if let t = options.time { left = String(format: ", %.0f s left", max(0, t - elapsed())) }
                else { left = String(format: ", ~%.0f s left", Double(budgetGenerations - engine.generation) * Date().timeIntervalSince(start) / Double(processGenerations)) }
                let line = String(format: "\rgeneration %d: best error %.3g at cost %g, %.0f evaluations/s%@   ",
                                  engine.generation, b.error, b.cost, rate, left)
                FileHandle.standardError.write(Data(line.utf8))
            }
        }
        if options.progress { FileHandle.standardError.write(Data("\n".utf8)) }
        // The rate counts this run's search only, not the finalist's verification below.
        return try complete(engine, options: options, wallSeconds: elapsed(), searchSeconds: Date().timeIntervalSince(start),
                            searchedEvaluations: engine.evaluations - initialEvaluations)
    }

    /// Everything after the last generation: the finalist's verification,
    /// the spec, the Pareto table (the single-process search and the
    /// finishing step of a distributed one, `IslandSearch.finish`, share it).
    static func complete(_ engine: SearchEngine, options: SearchOptions, wallSeconds wall: Double, searchSeconds: Double,
                         searchedEvaluations: Int) throws -> SearchOutcome {
        let recipe = engine.recipe
        let output = options.outputPath(recipe)
        let checkpointPath = options.checkpointPath(recipe)
        let tablesDir = options.tablesDirectory(recipe)
        let interval = options.checkpointSeconds(recipe)
        engine.polishFinalists()
        let best = engine.best
        // The front is the state the generations ended in: written before the
        // finalist's verification, whatever its outcome.
        if let f = options.front { try Checkpoint.save(engine, to: f, elapsed: wall) }
        let verification = try Finalist.verify(best, engine: engine)
        let spec = Spec.make(engine: engine, best: best, options: options, wallSeconds: wall, verification: verification)
        guard verification.passed else {
            // Nothing false ships: the spec and the tables stay as they were;
            // the result goes beside the spec for inspection, and the final
            // state to the checkpoint so that `--resume` with a larger budget
            // continues from here.
            let failedPath = failedSpecPath(output)
            try writeAtomically(spec.rendered() + "\n", to: failedPath)
            if interval.isFinite { try Checkpoint.save(engine, to: checkpointPath, elapsed: wall) }
            throw SearchError.failed("""
                search failed: the result does not meet recipe '\(options.recipePath)': \
                \(verification.shortfall(tier: recipe.tier, gate: recipe.gate)). \
                '\(output)' and the tables were not changed; the result is in '\(failedPath)'\
                \(interval.isFinite ? " and the state in '\(checkpointPath)' (continue with --resume and a larger --generations)" : "").
                """)
        }
        try writeAtomically(spec.rendered() + "\n", to: output)
        let table = ParetoTable.make(engine: engine, best: best, options: options, output: output, wallSeconds: wall,
                                     evaluationsPerSecond: Double(searchedEvaluations) / max(1e-9, searchSeconds))
        let tablePath = tablesDir + "/search-\(recipe.name).md"
        try writeAtomically(table.markdown, to: tablePath)
        try writeAtomically(table.svg, to: tablesDir + "/search-\(recipe.name).svg")
        try? FileManager.default.removeItem(atPath: checkpointPath)
        // A failed attempt's result is stale once the search has passed.
        try? FileManager.default.removeItem(atPath: failedSpecPath(output))
        return SearchOutcome(specPath: output, tablePath: tablePath, best: best, generations: engine.generation,
                             evaluations: engine.evaluations, wallSeconds: wall, finished: true)
    }
}

/// Where a search whose result fails its recipe writes it: beside the spec,
/// `<name>.failed.json` (`Generators/exp.binary16.correctlyRounded.failed.json`).
public func failedSpecPath(_ specPath: String) -> String {
    (specPath.hasSuffix(".json") ? String(specPath.dropLast(5)) : specPath) + ".failed.json"
}

// MARK: Checkpoints
