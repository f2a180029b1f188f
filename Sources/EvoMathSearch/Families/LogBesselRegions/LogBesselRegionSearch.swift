import EvoMathReference
import Foundation

/// What to search for: the region configuration of log I and log K in one format, on issue 9's validation
/// grid, from named seed configurations (the runtime's hand-written table and the paper's transcription).
public struct LogBesselRegionRecipe: Codable, Sendable {
    public var name: String
    public var format: String
    /// The validation grid: `LogBesselPoints.grid(orders:arguments:in:)`.
    public var grid: Grid
    public var budget: Budget
    /// Named starting configurations; each is also measured and reported as a baseline row.
    public var seeds: [Seed]
    /// Free text for readers (where the seeds come from).
    public var notes: [String]?

    public struct Grid: Codable, Sendable { public var orders: Int; public var arguments: Int }
    public struct Budget: Codable, Sendable {
        /// Children generated and scored (one configuration each).
        public var generations: Int
        /// Most non-dominated configurations kept.
        public var archive: Int
        /// Most rules per function.
        public var maxRules: Int
        /// Accuracy gate: a child whose max error (I or K) exceeds this does not enter the archive (the
        /// seeds always do), so the front is spent on accurate configurations.
        public var gate: Double
    }
    public struct Seed: Codable, Sendable {
        public var name: String
        public var description: String
        public var configuration: LogBesselRegionConfiguration
    }

    static let keys: [String: Set<String>] = [
        "": ["name", "format", "grid", "budget", "seeds", "notes"],
        "grid": ["orders", "arguments"],
        "budget": ["generations", "archive", "maxRules", "gate"],
        "seed": ["name", "description", "configuration"],
        "configuration": ["tolerance", "temmeSeriesMaxX", "hankelMaxTerms", "i", "k"],
        "rule": ["method", "vAtLeast", "vBelow", "xAtLeast", "xBelow", "terms", "note"],
    ]

    /// Reads a recipe, refusing unknown keys and invalid configurations, with messages naming the file.
    public static func read(_ path: String) throws -> LogBesselRegionRecipe {
        guard let data = FileManager.default.contents(atPath: path) else { throw SearchError.invalid("\(path): cannot read the file") }
        guard let top = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw SearchError.invalid("\(path): not a JSON object")
        }
        func check(_ object: Any?, _ kind: String, _ at: String) throws {
            guard let dict = object as? [String: Any] else { return }
            if let unknown = Set(dict.keys).subtracting(keys[kind]!).sorted().first {
                throw SearchError.invalid("\(path): unknown key '\(unknown)' in \(at.isEmpty ? "the recipe" : at)")
            }
        }
        try check(top, "", "")
        try check(top["grid"], "grid", "grid")
        try check(top["budget"], "budget", "budget")
        for (n, seed) in ((top["seeds"] as? [Any]) ?? []).enumerated() {
            try check(seed, "seed", "seeds[\(n)]")
            let configuration = (seed as? [String: Any])?["configuration"]
            try check(configuration, "configuration", "seeds[\(n)].configuration")
            for list in ["i", "k"] {
                for (r, rule) in (((configuration as? [String: Any])?[list] as? [Any]) ?? []).enumerated() {
                    try check(rule, "rule", "seeds[\(n)].configuration.\(list)[\(r)]")
                }
            }
        }
        let recipe: LogBesselRegionRecipe
        do { recipe = try JSONDecoder().decode(LogBesselRegionRecipe.self, from: data) } catch {
            throw SearchError.invalid("\(path): \(error)")
        }
        guard ["binary64", "binary32"].contains(recipe.format) else {
            throw SearchError.invalid("\(path): format '\(recipe.format)' is not binary64 or binary32")
        }
        if recipe.seeds.isEmpty { throw SearchError.invalid("\(path): no seeds") }
        for seed in recipe.seeds {
            if let p = seed.configuration.problem() { throw SearchError.invalid("\(path): seed '\(seed.name)': \(p)") }
        }
        if recipe.budget.generations < 0 || recipe.budget.archive < 1 || recipe.budget.maxRules < 2 || !(recipe.budget.gate > 0) {
            throw SearchError.invalid("\(path): budget needs generations >= 0, archive >= 1, maxRules >= 2, gate > 0")
        }
        if recipe.grid.orders < 1 || recipe.grid.arguments < 2 {
            throw SearchError.invalid("\(path): grid needs orders >= 1 and arguments >= 2")
        }
        return recipe
    }

    public var floatFormat: FloatFormat { format == "binary32" ? .binary32 : .binary64 }
}

/// A configuration with its scores on the log I and log K grids.
public struct LogBesselRegionCandidate: Codable, Equatable, Sendable {
    public var name: String
    public var configuration: LogBesselRegionConfiguration
    public var i: LogBesselRegionScore
    public var k: LogBesselRegionScore
    /// The objectives: the larger maximum error of the two functions, the mean counted cost over both grids.
    public var maxError: Double { max(i.maxError, k.maxError) }
    public var meanCost: Double { (i.meanCost * Double(i.points) + k.meanCost * Double(k.points)) / Double(max(1, i.points + k.points)) }

    func dominates(_ other: LogBesselRegionCandidate) -> Bool {
        maxError <= other.maxError && meanCost <= other.meanCost && (maxError < other.maxError || meanCost < other.meanCost)
    }
}

/// The search over region configurations: a deterministic (seeded) mutation search with a Pareto archive
/// over (max error on the grid, mean counted cost). Children mutate one parent drawn from the archive:
/// a boundary scaled (log-normal, rounded to 3 significant digits) or dropped, a term count changed or
/// made adaptive, a rule's method changed, a rule split or deleted, the tolerance or Temme's series bound
/// scaled. Children above the recipe's accuracy gate are scored but not kept.
public struct LogBesselRegionSearch {
    public var recipe: LogBesselRegionRecipe
    public var gridI: LogBesselRegionGrid
    public var gridK: LogBesselRegionGrid
    public var threads: Int

    public init(recipe: LogBesselRegionRecipe, gridI: LogBesselRegionGrid, gridK: LogBesselRegionGrid, threads: Int) {
        self.recipe = recipe
        self.gridI = gridI
        self.gridK = gridK
        self.threads = threads
    }

    public func score(_ name: String, _ configuration: LogBesselRegionConfiguration) -> LogBesselRegionCandidate {
        LogBesselRegionCandidate(name: name, configuration: configuration,
                                 i: gridI.score(configuration, threads: threads), k: gridK.score(configuration, threads: threads))
    }

    public struct Result: Sendable {
        public var seeds: [LogBesselRegionCandidate]
        public var archive: [LogBesselRegionCandidate]
        public var evaluations: Int
    }

    public func run(seed: UInt64, generations: Int, log: (String) -> Void) -> Result {
        var rng = SplitMix64(seed: seed)
        let seeds = recipe.seeds.map { score($0.name, $0.configuration) }
        for s in seeds { log("[regions] seed \(s.name): max error \(short(s.maxError)) (I \(short(s.i.maxError)), K \(short(s.k.maxError))), mean cost \(short(s.meanCost))") }
        var archive: [LogBesselRegionCandidate] = []
        for s in seeds { insert(s, into: &archive) }
        var evaluations = seeds.count
        for g in 0..<generations {
            let parent = archive[Int(rng.next() % UInt64(archive.count))]
            var child = parent.configuration
            let mutations = 1 + Int(rng.next() % 3)
            for _ in 0..<mutations { mutate(&child, &rng) }
            if child == parent.configuration || child.problem() != nil { continue }
            let scored = score("g\(g + 1)", child)
            evaluations += 1
            if scored.maxError <= recipe.budget.gate { insert(scored, into: &archive) }
            if (g + 1) % 25 == 0 {
                let best = archive.min { $0.maxError < $1.maxError }!
                log("[regions] generation \(g + 1): archive \(archive.count), lowest max error \(short(best.maxError)) at mean cost \(short(best.meanCost))")
            }
        }
        archive.sort { ($0.meanCost, $0.maxError) < ($1.meanCost, $1.maxError) }
        return Result(seeds: seeds, archive: archive, evaluations: evaluations)
    }

    /// Adds `c` unless a member dominates it or equals it in both objectives; drops the members it
    /// dominates; keeps at most `budget.archive` (dropping the member whose neighbours in cost are closest).
    func insert(_ c: LogBesselRegionCandidate, into archive: inout [LogBesselRegionCandidate]) {
        if archive.contains(where: { $0.dominates(c) || ($0.maxError == c.maxError && $0.meanCost == c.meanCost) }) { return }
        archive.removeAll { c.dominates($0) }
        archive.append(c)
        archive.sort { ($0.meanCost, $0.maxError) < ($1.meanCost, $1.maxError) }
        while archive.count > recipe.budget.archive {
            // never drop the two ends; drop the interior member with the smallest cost gap around it
            var drop = 1
            var gap = Double.infinity
            for n in 1..<(archive.count - 1) {
                let g = archive[n + 1].meanCost - archive[n - 1].meanCost
                if g < gap { (gap, drop) = (g, n) }
            }
            archive.remove(at: drop)
        }
    }

    func mutate(_ c: inout LogBesselRegionConfiguration, _ rng: inout SplitMix64) {
        let kind: LogBesselKind = rng.next() % 2 == 0 ? .i : .k
        var rules = c.rules(kind)
        let choice = rng.next() % 100
        func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(max(1, n))) }
        switch choice {
        case 0..<35:  // scale or drop a bound of a bounded rule
            guard rules.count > 1 else { return }
            let r = pick(rules.count - 1)
            var bounds: [WritableKeyPath<LogBesselRegionConfiguration.Rule, Double?>] = []
            for key in [\LogBesselRegionConfiguration.Rule.vAtLeast, \.vBelow, \.xAtLeast, \.xBelow] where rules[r][keyPath: key] != nil {
                bounds.append(key)
            }
            guard !bounds.isEmpty else { return }
            let key = bounds[pick(bounds.count)]
            if rng.next() % 10 == 0 && bounds.count > 1 {
                rules[r][keyPath: key] = nil
            } else {
                let value = rules[r][keyPath: key]!
                rules[r][keyPath: key] = Self.round3(value == 0 ? 1e-3 : value * Foundation.exp(0.3 * gaussian(&rng)))
            }
        case 35..<60:  // a term count
            let candidates = rules.indices.filter { [.hankel, .debye].contains(rules[$0].method) }
            guard !candidates.isEmpty else { return }
            let r = candidates[pick(candidates.count)]
            let range = rules[r].method == .debye ? 1...16 : 1...60
            if let t = rules[r].terms {
                if rng.next() % 8 == 0 { rules[r].terms = nil } else {
                    let step = [-2, -1, 1, 2][pick(4)]
                    rules[r].terms = min(range.upperBound, max(range.lowerBound, t + step))
                }
            } else {
                rules[r].terms = rules[r].method == .debye ? 1 + pick(16) : 3 + pick(30)
            }
        case 60..<72:  // a rule's method
            let r = pick(rules.count)
            let methods = LogBesselRegionConfiguration.Method.allowed(for: kind).filter { $0 != rules[r].method }
            rules[r].method = methods[pick(methods.count)]
            if rules[r].method != .hankel && rules[r].method != .debye { rules[r].terms = nil }
            if let t = rules[r].terms, rules[r].method == .debye, t > 16 { rules[r].terms = 16 }
        case 72..<82:  // split a rule: a copy with one more bound, before it
            guard rules.count < recipe.budget.maxRules else { return }
            let r = pick(rules.count)
            var copy = rules[r]
            copy.note = nil
            let value = Self.round3(Foundation.exp(Foundation.log(1e-3) + (Foundation.log(1e4) - Foundation.log(1e-3)) * Double(rng.next() % 1000) / 1000))
            switch rng.next() % 4 {
            case 0: copy.vBelow = min(copy.vBelow ?? .infinity, value)
            case 1: copy.vAtLeast = max(copy.vAtLeast ?? 0, value)
            case 2: copy.xBelow = min(copy.xBelow ?? .infinity, value * 100)
            default: copy.xAtLeast = max(copy.xAtLeast ?? 0, value * 100)
            }
            let methods = LogBesselRegionConfiguration.Method.allowed(for: kind)
            copy.method = methods[pick(methods.count)]
            copy.terms = copy.method == .debye ? 1 + pick(16) : copy.method == .hankel ? 3 + pick(30) : nil
            rules.insert(copy, at: r)
        case 82..<88:  // delete a bounded rule
            guard rules.count > 2 else { return }
            rules.remove(at: pick(rules.count - 1))
        case 88..<95:
            let e = [-4, -2, -1, 1, 2, 4][pick(6)]
            c.tolerance = min(0x1p-20, max(0x1p-60, c.tolerance * Foundation.pow(2, Double(e))))
        default:
            c.temmeSeriesMaxX = min(2, max(0.05, Self.round3(c.temmeSeriesMaxX * Foundation.exp(0.2 * gaussian(&rng)))))
        }
        if kind == .i { c.i = rules } else { c.k = rules }
    }

    func gaussian(_ rng: inout SplitMix64) -> Double {
        let u1 = (Double(rng.next() >> 11) + 0.5) * 0x1p-53
        let u2 = Double(rng.next() >> 11) * 0x1p-53
        return (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    /// `value` to 3 significant decimal digits (boundaries a reader can quote).
    static func round3(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return value }
        let e = Foundation.floor(Foundation.log10(value)) - 2
        let scale = Foundation.pow(10, e)
        return Double(String(format: "%.3g", (value / scale).rounded() * scale)) ?? value
    }

    func short(_ v: Double) -> String { String(format: "%.4g", v) }
}
