import EvoMathReference
import Foundation

/// A candidate: a canonical program, its reduction choice and its fitness.
public struct Individual: Sendable {
    public var program: Program
    public var tableBits: Int
    /// The error objective: max relative (or absolute) kernel error for real
    /// recipes; max ULP of the complete function in the format otherwise.
    public var error: Double
    public var cost: Double
    /// Misrounded inputs in the format stage (−1: not evaluated).
    public var misrounded: Int

    /// The objectives NSGA-II sees: below the gate, errors tie and cost decides.
    func objectives(gate: Double) -> (Double, Double) { (max(error, gate), cost) }
}

/// The evolutionary search: islands of NSGA-II populations over (error,
/// cost), exchanging migrants in a ring; deterministic for a seed, island count
/// and generation budget.
public final class SearchEngine: @unchecked Sendable {
    public let recipe: Recipe
    public let problem: Problem
    public let mutator: Mutator
    public let seed: UInt64

    public struct Island: Sendable {
        public var rng: SplitMix64
        public var population: [Individual]
    }
    public var islands: [Island] = []
    public var generation = 0
    public var evaluations = 0
    /// The best individual of each cost seen so far (bounded by maxCost).
    public var archive: [Double: Individual] = [:]
    /// Seconds spent before the last resume (for time budgets).
    public var previousSeconds = 0.0

    /// Whether `polishFinalists` has run.
    public var polished = false

    /// Child tuning iterations (Lawson steps).
    public var tuningIterations = 16

    public init(recipe: Recipe, problem: Problem, seed: UInt64) {
        self.recipe = recipe
        self.problem = problem
        self.mutator = Mutator(recipe: recipe)
        self.seed = seed
        if let n = recipe.tuningIterations { tuningIterations = n }
    }

    // MARK: Evaluation

    /// Tunes the constants of `program` and measures it (continuous stage,
    /// then the format stage when the kernel is accurate enough).
    public func evaluate(_ program0: Program, tableBits t: Int, scratch: inout EvaluationScratch,
                         iterations: Int? = nil) -> Individual {
        var program = program0
        var ind = Individual(program: program, tableBits: t, error: .infinity, cost: totalCost(program, t), misrounded: -1)
        guard program.isConnected, ind.cost <= recipe.maxCost else { return ind }
        let samples = problem.kernelSamples[t]!
        if !program.constants.isEmpty {
            if recipe.tuningMethod == "varpro" {
                let tuned = VarPro.tune(program, samples: samples, innerIterations: iterations ?? tuningIterations,
                                        outerEvaluations: recipe.tuningEvaluations, sigma: recipe.tuningSigma ?? 0.05,
                                        seed: cmaesSeed(program, tableBits: t, salt: 3),
                                        round: { self.recipe.evaluation.round($0) },
                                        inner: recipe.innerFit, ws: &scratch.varpro)
                program.constants = tuned.constants
            } else if recipe.tuningMethod == "cmaes" {
                program.constants = cmaesTune(program, tableBits: t, samples: samples, sigma: recipe.tuningSigma ?? 0.1,
                                              scratch: &scratch)
            } else {
                let tuned = Tuner.minimax(program, x: samples.x, target: samples.target, weight: samples.weight,
                                          iterations: iterations ?? tuningIterations, workspace: &scratch.tuner)
                program.constants = tuned.constants.map { recipe.evaluation.round($0) }
                if recipe.tuningMethod == "both" {
                    program.constants = cmaesTune(program, tableBits: t, samples: samples,
                                                  sigma: recipe.tuningSigma ?? 0x1p-20, scratch: &scratch)
                }
            }
        }
        ind.program = program
        let e = problem.kernelError(program, samples: samples, scratch: &scratch)
        guard let stage = problem.stage else {
            ind.error = e
            return ind
        }
        // A kernel worse than 2^-(p-1) relative cannot give < 1 ULP: skip the
        // format stage and rank it by its kernel error in ulps instead.
        // binary64 evaluation: the format stage's misrounded count is exact
        // (ExpFormatStage.hardInputs) only for kernels far below its window.
        let eps = stage.format.epsilon
        // A custom format's stage has every input: its count is exact for any kernel.
        if !(e < (recipe.evaluatesInBinary64 && !recipe.isCustomFormat ? 0x1p-46 : eps)) {
            ind.error = e.isFinite ? 1 + e / eps : .infinity
            return ind
        }
        let r = stage.evaluate(program, tableBits: t, fused: recipe.fusedMultiplyAdd, scratch: &scratch)
        ind.error = recipe.evaluatesInBinary64 && r.misrounded > 0 ? 0.5 + Double(r.misrounded) * 0x1p-20 : r.maxULP
        ind.misrounded = r.misrounded
        if recipe.tier == "correctlyRounded" && !recipe.evaluatesInBinary64 && r.misrounded > 0 && r.maxULP < 0.52 {
            ind = polish(ind, scratch: &scratch, steps: 2)
        }
        return ind
    }

    public func totalCost(_ p: Program, _ t: Int) -> Double {
        p.cost(recipe.cost) + recipe.cost.tableLoadCost(tableBits: t)
    }

    /// Rounding-aware polish for correct rounding: re-tune the constants
    /// towards the middle of each input's rounding interval (weighted by
    /// 1/half-width, as RLIBM aims at intervals rather than the real value),
    /// then walk each constant by a few units in the last place while the
    /// misrounded count falls (`walk`, the default); or CMA-ES instead of the
    /// walk (`cmaes`) or after it (`walk+cmaes`), for candidates with at most
    /// `polishMaxMisrounded` misrounded inputs left.
    public func polish(_ ind0: Individual, scratch: inout EvaluationScratch, steps: Int) -> Individual {
        polish(ind0, scratch: &scratch, steps: steps, method: recipe.polishMethod, sigma: recipe.polishSigma)
    }

    func polish(_ ind0: Individual, scratch: inout EvaluationScratch, steps: Int, method: String,
                sigma: Double) -> Individual {
        guard let stage = problem.stage, !ind0.program.constants.isEmpty else { return ind0 }
        var best = ind0
        let fused = recipe.fusedMultiplyAdd
        func measure(_ p: Program) -> Individual {
            let r = stage.evaluate(p, tableBits: best.tableBits, fused: fused, scratch: &scratch)
            return Individual(program: p, tableBits: best.tableBits, error: r.maxULP, cost: best.cost, misrounded: r.misrounded)
        }
        func better(_ a: Individual, _ b: Individual) -> Bool {
            (a.misrounded, a.error) < (b.misrounded, b.error)
        }
        // Interval-aimed minimax on the inputs closest to failing.
        let (r, mid, hw) = stage.kernelIntervals(tableBits: best.tableBits)
        var idx = Array(r.indices)
        let ratio = r.indices.map { hw[$0] / abs(mid[$0]) }
        idx.sort { ratio[$0] < ratio[$1] }
        let chosen = Array(idx.prefix(2048)).sorted()
        let tuned = Tuner.minimax(best.program, x: chosen.map { r[$0] }, target: chosen.map { mid[$0] },
                                  weight: chosen.map { 1 / hw[$0] }, iterations: 12, workspace: &scratch.tuner)
        var p = best.program
        p.constants = tuned.constants.map { recipe.evaluation.round($0) }
        let aimed = measure(p)
        if better(aimed, best) { best = aimed }
        if method == "cmaes" {
            return best.misrounded > 0 && best.misrounded <= recipe.polishMaxMisrounded
                ? cmaesPolish(best, stage: stage, sigma: sigma, scratch: &scratch) : best
        }
        // Unit-in-the-last-place walk.
        for _ in 0..<steps where best.misrounded > 0 {
            var improved = false
            for k in 0..<best.program.constants.count {
                for delta in [1, -1, 2, -2, 4, -4] {
                    var q = best.program
                    var cs = q.constants
                    var v = Float(cs[k])
                    for _ in 0..<abs(delta) { v = delta > 0 ? v.nextUp : v.nextDown }
                    cs[k] = recipe.evaluation == .binary32 ? Double(v) : cs[k] * (1 + Double(delta) * 0x1p-52)
                    q.constants = cs
                    let m = measure(q)
                    if better(m, best) { best = m; improved = true; break }
                }
            }
            if !improved { break }
        }
        if method == "walk+cmaes" && best.misrounded > 0 && best.misrounded <= recipe.polishMaxMisrounded {
            best = cmaesPolish(best, stage: stage, sigma: sigma, scratch: &scratch)
        }
        return best
    }

    // MARK: CMA-ES

    /// A seed for a CMA-ES run that depends only on the engine's seed, the
    /// program and the purpose, so parallel islands stay deterministic.
    func cmaesSeed(_ p: Program, tableBits t: Int, salt: UInt64) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ salt
        func mix(_ v: UInt64) { h = (h ^ v) &* 0x100_0000_01b3 }
        mix(UInt64(t))
        for ins in p.instructions {
            mix(UInt64(EvoMathSpec.Operation.allCases.firstIndex(of: ins.op)!))
            mix(UInt64(bitPattern: Int64(ins.a))); mix(UInt64(bitPattern: Int64(ins.b)))
            mix(UInt64(bitPattern: Int64(ins.c))); mix(ins.value.bitPattern)
        }
        return h ^ (seed &* 0x9E37_79B9_7F4A_7C15)
    }

    /// Scales for CMA-ES's relative coordinates: |c|, or `floor` for zeros.
    static func relativeScale(_ c: [Double], floor: Double) -> [Double] {
        c.map { $0 != 0 && $0.isFinite ? abs($0) : floor }
    }

    /// Continuous-stage tuning by CMA-ES: the max weighted kernel error
    /// evaluated in the recipe's arithmetic with the constants rounded to the
    /// evaluation type (the value the search ranks), from `program`'s
    /// constants with a step of `sigma` relative to each.
    func cmaesTune(_ program: Program, tableBits t: Int, samples: KernelSamples, sigma: Double,
                   scratch: inout EvaluationScratch) -> [Double] {
        guard recipe.tuningEvaluations > 1 else { return program.constants }
        var p = program
        let origin = program.constants
        let options = CMAES.Options(sigma: sigma, maxEvaluations: recipe.tuningEvaluations, target: 0,
                                    functionTolerance: 0, stepTolerance: 0x1p-60)
        let result = CMAES.minimize(origin: origin, scale: SearchEngine.relativeScale(origin, floor: 1), options: options,
                                    seed: cmaesSeed(program, tableBits: t, salt: 1)) { x in
            p.constants = x.map { recipe.evaluation.round($0) }
            return problem.kernelError(p, samples: samples, scratch: &scratch)
        }
        return result.x.map { recipe.evaluation.round($0) }
    }

    /// Format-stage polish by CMA-ES: minimises misrounded + max ULP of the
    /// complete function on the format stage's inputs (a step function of the
    /// rounded constants, out of reach of derivatives), starting from the
    /// interval-aimed Lawson solution with a step of a few Float ulps of each
    /// constant. Stops at the first correctly rounded set.
    func cmaesPolish(_ start: Individual, stage: any FormatStage, sigma: Double,
                     scratch: inout EvaluationScratch) -> Individual {
        guard recipe.polishEvaluations > 1 else { return start }
        var p = start.program
        let origin = start.program.constants
        let fused = recipe.fusedMultiplyAdd
        let options = CMAES.Options(sigma: sigma * 0x1p-24, maxEvaluations: recipe.polishEvaluations,
                                    target: 0.5, functionTolerance: 0, stepTolerance: 0x1p-40)
        let result = CMAES.minimize(origin: origin, scale: SearchEngine.relativeScale(origin, floor: 0x1p-24),
                                    options: options, seed: cmaesSeed(start.program, tableBits: start.tableBits, salt: 2)) { x in
            p.constants = x.map { recipe.evaluation.round($0) }
            let r = stage.evaluate(p, tableBits: start.tableBits, fused: fused, scratch: &scratch)
            return Double(r.misrounded) + r.maxULP
        }
        p.constants = result.x.map { recipe.evaluation.round($0) }
        let r = stage.evaluate(p, tableBits: start.tableBits, fused: fused, scratch: &scratch)
        let polished = Individual(program: p, tableBits: start.tableBits, error: r.maxULP, cost: start.cost,
                                  misrounded: r.misrounded)
        return (polished.misrounded, polished.error) < (start.misrounded, start.error) ? polished : start
    }

    // MARK: Generations

    /// Initial populations: random small programs (scratch) or Remez seeds.
    public func initialize() {
        var scratch = EvaluationScratch()
        islands = []
        for i in 0..<recipe.islands {
            islands.append(initialIsland(i, scratch: &scratch))
            evaluations += islands[i].population.count
        }
        updateArchive()
    }

    /// Island `i`'s initial population and random-number state: its own
    /// stream, so any island can be started alone (`IslandSearch`).
    public func initialIsland(_ i: Int, scratch: inout EvaluationScratch) -> Island {
        var rng = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(i + 1))
        var pop: [Individual] = []
        if recipe.start == "seeds" {
            // A recipe's own seeds also enter as given (constants not
            // re-tuned), so the search starts from exactly them.
            for p in recipe.seedPrograms ?? [] where pop.count < recipe.populationPerIsland / 2 {
                pop.append(evaluate(p, tableBits: recipe.tableBits[0], scratch: &scratch, iterations: 0))
            }
            for p in seedPrograms() where pop.count < recipe.populationPerIsland / 2 {
                let t = recipe.tableBits[Int.random(in: 0..<recipe.tableBits.count, using: &rng)]
                pop.append(evaluate(p, tableBits: t, scratch: &scratch, iterations: 40))
            }
        }
        while pop.count < recipe.populationPerIsland {
            let p = mutator.randomProgram(inputs: ["r"], rng: &rng)
            let t = recipe.tableBits[Int.random(in: 0..<recipe.tableBits.count, using: &rng)]
            pop.append(evaluate(p, tableBits: t, scratch: &scratch, iterations: 40))
        }
        return Island(rng: rng, population: pop)
    }

    /// The recipe's seeds, else the family's (Remez minimax polynomials of
    /// degree 1…8).
    func seedPrograms() -> [Program] {
        recipe.seedPrograms ?? recipe.family.seedPrograms(recipe, samples: problem.kernelSamples[recipe.tableBits[0]]!)
    }

    /// One generation on every island (in parallel), then migration.
    public func step() {
        let results = LockedResults(count: islands.count)
        let snapshot = islands
        DispatchQueue.concurrentPerform(iterations: snapshot.count) { i in
            results.set(i, evolve(snapshot[i]))
        }
        islands = results.values
        evaluations += islands.reduce(0) { $0 + $1.population.count }
        generation += 1
        if islands.count > 1 && generation % recipe.migrationInterval == 0 { migrate() }
        updateArchive()
    }

    /// One generation of one island: tournament parents, mutated children,
    /// NSGA-II selection; reads nothing but the island and the recipe.
    public func evolve(_ island0: Island) -> Island {
        var island = island0
        var scratch = EvaluationScratch()
        let n = island.population.count
        let ranked = SearchEngine.rankAndCrowd(island.population, gate: recipe.gate)
        var children: [Individual] = []
        for _ in 0..<n {
            let a = Int.random(in: 0..<n, using: &island.rng), b = Int.random(in: 0..<n, using: &island.rng)
            let pa = ranked[a], pb = ranked[b]
            let parent = (pa.rank, -pa.crowding) <= (pb.rank, -pb.crowding) ? a : b
            let (child, t) = mutator.mutate(island.population[parent].program,
                                            tableBits: island.population[parent].tableBits, rng: &island.rng)
            children.append(evaluate(child, tableBits: t, scratch: &scratch))
        }
        island.population = SearchEngine.select(island.population + children, count: n, gate: recipe.gate)
        return island
    }

    /// How many individuals migrate from each island at each migration.
    public var migrantCount: Int { max(1, recipe.populationPerIsland / 8) }

    /// An island's emigrants: its best `migrantCount`.
    public func emigrants(of population: [Individual]) -> [Individual] {
        Array(SearchEngine.select(population, count: migrantCount, gate: recipe.gate))
    }

    /// The population after migration: the immigrants replace the worst.
    public func receive(_ incoming: [Individual], into population: [Individual]) -> [Individual] {
        SearchEngine.select(population, count: population.count - incoming.count, gate: recipe.gate) + incoming
    }

    /// Ring migration: each island's best few replace the next island's worst.
    func migrate() {
        let emigrants = islands.map { self.emigrants(of: $0.population) }
        for i in islands.indices {
            islands[i].population = receive(emigrants[(i + islands.count - 1) % islands.count], into: islands[i].population)
        }
    }

    /// The finalist polish (`"tuning": {"finalists": N, …}`, varpro recipes
    /// over the reals): the best `N` structurally distinct programs at each
    /// cost (archive and populations; lowest error first, ties by program
    /// text) are re-tuned with the recipe's expensive settings
    /// (`finalistIterations` inner steps, `finalistEvaluations` CMA-ES
    /// evaluations, no early stop), in parallel; the archive keeps the better
    /// at each cost. Deterministic: each tuning depends only on its program
    /// and the engine's seed. Runs once (`polished`).
    public func polishFinalists() {
        guard recipe.finalists > 0, recipe.tuningMethod == "varpro", problem.stage == nil, !polished else { return }
        polished = true
        var byCost: [Double: [Individual]] = [:]
        let pool = archive.keys.sorted().map { archive[$0]! } + islands.flatMap(\.population)
        for ind in pool where ind.error.isFinite && !ind.program.constants.isEmpty {
            byCost[ind.cost, default: []].append(ind)
        }
        var candidates: [Individual] = []
        for c in byCost.keys.sorted() {
            let sorted = byCost[c]!.sorted { ($0.error, $0.program.description) < ($1.error, $1.program.description) }
            var seen = Set<String>()
            for ind in sorted where seen.count < recipe.finalists {
                var shape = ind.program
                shape.constants = shape.constants.map { _ in 0 }
                if seen.insert(shape.description).inserted { candidates.append(ind) }
            }
        }
        let results = LockedResults(count: candidates.count)
        DispatchQueue.concurrentPerform(iterations: candidates.count) { i in
            var scratch = EvaluationScratch()
            var ind = candidates[i]
            let samples = problem.kernelSamples[ind.tableBits]!
            let tuned = VarPro.tune(ind.program, samples: samples, innerIterations: recipe.finalistIterations,
                                    outerEvaluations: recipe.finalistEvaluations, sigma: recipe.tuningSigma ?? 0.05,
                                    seed: cmaesSeed(ind.program, tableBits: ind.tableBits, salt: 5),
                                    round: { self.recipe.evaluation.round($0) }, patience: 0, inner: recipe.innerFit,
                                    ws: &scratch.varpro)
            var p = ind.program
            p.constants = tuned.constants
            let e = problem.kernelError(p, samples: samples, scratch: &scratch)
            if e < ind.error { ind.program = p; ind.error = e }
            results.set(i, Island(rng: SplitMix64(seed: 0), population: [ind]))
        }
        for r in results.values {
            let ind = r.population[0]
            if SearchEngine.archiveTakes(ind, over: archive[ind.cost]) { archive[ind.cost] = ind }
        }
    }

    func updateArchive() {
        for island in islands {
            for ind in island.population where SearchEngine.archiveTakes(ind, over: archive[ind.cost]) {
                archive[ind.cost] = ind
            }
        }
    }

    /// Whether the archive's entry at `candidate`'s cost becomes `candidate`:
    /// a finite error, lower than the entry's (the first of equal errors
    /// stays). Shared with the per-island archives of `IslandSearch`, whose
    /// merge relies on the same rule.
    static func archiveTakes(_ candidate: Individual, over entry: Individual?) -> Bool {
        guard candidate.error.isFinite else { return false }
        guard let entry else { return true }
        return candidate.error < entry.error
    }

    /// The final answer: for a gated recipe the cheapest individual below the
    /// gate (then the lowest error); otherwise the lowest error.
    public var best: Individual {
        let all = islands.flatMap(\.population) + archive.keys.sorted().map { archive[$0]! }
        let gate = recipe.gate
        let passing = all.filter { $0.error <= gate && gate > 0 }
        if !passing.isEmpty {
            return passing.min { ($0.cost, $0.error, $0.misrounded) < ($1.cost, $1.error, $1.misrounded) }!
        }
        return all.min { ($0.error, $0.cost) < ($1.error, $1.cost) }!
    }

    /// The Pareto front over (error, cost) from the archive.
    public var front: [Individual] {
        var out: [Individual] = []
        var bestError = Double.infinity
        for c in archive.keys.sorted() {
            let ind = archive[c]!
            if ind.error < bestError { out.append(ind); bestError = ind.error }
        }
        return out
    }

    // MARK: NSGA-II

    struct Rank { var rank: Int; var crowding: Double }

    /// Non-dominated rank and crowding distance of each individual.
    static func rankAndCrowd(_ pop: [Individual], gate: Double) -> [Rank] {
        let n = pop.count
        let obj = pop.map { $0.objectives(gate: gate) }
        var ranks = [Rank](repeating: Rank(rank: 0, crowding: 0), count: n)
        var remaining = Array(0..<n)
        var level = 0
        // Exact duplicates of objectives go to later fronts, so copies do not
        // crowd out diversity.
        var seen = Set<String>()
        var duplicates: [Int] = []
        remaining = remaining.filter { i in
            let key = "\(obj[i].0.bitPattern),\(obj[i].1)"
            if seen.contains(key) { duplicates.append(i); return false }
            seen.insert(key); return true
        }
        while !remaining.isEmpty {
            var front: [Int] = []
            for i in remaining {
                let dominated = remaining.contains { j in
                    j != i && obj[j].0 <= obj[i].0 && obj[j].1 <= obj[i].1 && (obj[j].0 < obj[i].0 || obj[j].1 < obj[i].1)
                }
                if !dominated { front.append(i) }
            }
            for i in front { ranks[i].rank = level }
            // Crowding in both objectives.
            for m in 0..<2 {
                let sorted = front.sorted { (m == 0 ? obj[$0].0 : obj[$0].1, $0) < (m == 0 ? obj[$1].0 : obj[$1].1, $1) }
                guard let first = sorted.first, let last = sorted.last else { continue }
                ranks[first].crowding = .infinity
                ranks[last].crowding = .infinity
                let lo = m == 0 ? log2(max(obj[first].0, 1e-300)) : obj[first].1
                let hi = m == 0 ? log2(max(obj[last].0, 1e-300)) : obj[last].1
                let span = hi - lo
                if sorted.count > 2 && span > 0 && span.isFinite {
                    for k in 1..<(sorted.count - 1) {
                        let a = sorted[k - 1], b = sorted[k + 1]
                        let va = m == 0 ? log2(max(obj[a].0, 1e-300)) : obj[a].1
                        let vb = m == 0 ? log2(max(obj[b].0, 1e-300)) : obj[b].1
                        ranks[sorted[k]].crowding += (vb - va) / span
                    }
                }
            }
            let f = Set(front)
            remaining.removeAll { f.contains($0) }
            level += 1
        }
        for i in duplicates { ranks[i] = Rank(rank: level + 1, crowding: 0) }
        return ranks
    }

    /// Environmental selection: the best `count` by (rank, −crowding), stable.
    static func select(_ pop: [Individual], count: Int, gate: Double) -> [Individual] {
        let r = rankAndCrowd(pop, gate: gate)
        let order = pop.indices.sorted { (r[$0].rank, -r[$0].crowding, $0) < (r[$1].rank, -r[$1].crowding, $1) }
        return order.prefix(count).map { pop[$0] }
    }
}

final class LockedResults: @unchecked Sendable {
    private var storage: [SearchEngine.Island?]
    private let lock = NSLock()
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: SearchEngine.Island) { lock.lock(); storage[i] = v; lock.unlock() }
    var values: [SearchEngine.Island] { lock.lock(); defer { lock.unlock() }; return storage.map { $0! } }
}
