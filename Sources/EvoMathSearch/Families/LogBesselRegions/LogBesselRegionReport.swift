import EvoMathReference
import Foundation

/// The spec (Generators/logBessel/logBesselRegions.<format>.json; a subfolder: Generators/*.json are kernel specs) and the Pareto table
/// (Tables/logBesselRegions.<format>.md) of a region search.
public struct LogBesselRegionSpec: Codable, Sendable {
    public var recipe: LogBesselRegionRecipe
    public var search: Search
    public var grid: String
    public var costModel: String
    public var errorMetric: String
    /// The configuration chosen from the front: the lowest maximum error among those whose mean cost is
    /// at most the baseline's (`baseline`); nil when no member qualifies.
    public var found: LogBesselRegionCandidate?
    public var baseline: String
    public var seeds: [LogBesselRegionCandidate]
    public var front: [LogBesselRegionCandidate]

    public struct Search: Codable, Sendable {
        public var seed: UInt64
        public var generations: Int
        public var evaluations: Int
        public var wallSeconds: Int
        public var command: String
    }

    public init(recipe: LogBesselRegionRecipe, result: LogBesselRegionSearch.Result, seed: UInt64, generations: Int,
                wallSeconds: Int, command: String, grid: String, baseline: String) {
        self.recipe = recipe
        self.search = Search(seed: seed, generations: generations, evaluations: result.evaluations, wallSeconds: wallSeconds, command: command)
        self.grid = grid
        self.costModel = "counted operations per evaluation, mean over the grid (LogBesselCostModel: add/sub/mul/fma 1, div/sqrt 4, "
            + "log/log1p/exp 20, double-double op 10; each method's fixed and per-term counts from its source, times the terms it ran)"
        self.errorMetric = "|y - L| / (eps * max(1, |L|)), eps = 2^-52 (binary64) or 2^-23 (binary32), L = MPFR ground truth as a double-double"
        self.baseline = baseline
        self.seeds = result.seeds
        self.front = result.archive
        let limit = result.seeds.first { $0.name == baseline }?.meanCost ?? .infinity
        self.found = result.archive.filter { $0.meanCost <= limit }.min { ($0.maxError, $0.meanCost) < ($1.maxError, $1.meanCost) }
    }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(10)
        return data
    }

    /// The Pareto table, for people.
    public func markdown() -> String {
        func f(_ v: Double) -> String { v.isFinite ? String(format: "%.3f", v) : "\(v)" }
        func c(_ v: Double) -> String { String(format: "%.1f", v) }
        func g(_ v: Double) -> String { String(format: "%.4g", v) }
        func row(_ label: String, _ m: LogBesselRegionCandidate) -> String {
            "| \(label) | \(f(m.maxError)) | \(c(m.meanCost)) | \(f(m.i.maxError)) at (\(g(m.i.worstOrder)), \(g(m.i.worstArgument))) | "
                + "\(c(m.i.meanCost)) / \(c(m.i.maxCost)) | \(m.i.failures) | \(f(m.k.maxError)) at (\(g(m.k.worstOrder)), \(g(m.k.worstArgument))) | "
                + "\(c(m.k.meanCost)) / \(c(m.k.maxCost)) | \(m.k.failures) | \(m.configuration.i.count) + \(m.configuration.k.count) |"
        }
        var lines = [
            "# Region configuration of log I and log K, \(recipe.format): Pareto front (max error × cost)",
            "",
            "Written by `\(search.command)` (seed \(search.seed), \(search.generations) generations, \(search.evaluations) configurations "
                + "scored, \(search.wallSeconds) s wall). Spec: `Generators/logBessel/\(recipe.name).json`; recipe: `Generators/logBessel/\(recipe.name).recipe.json`.",
            "",
            "Grid: \(grid), the same points for every row. Error: \(errorMetric). Cost: \(costModel).",
            "Every row is evaluated by the runtime's own method implementations (`LogBessel.*Counted`), so rows differ only in the configuration.",
            "",
            "| configuration | max error (I and K) | mean cost (I and K) | log I max error at (v, x) | log I cost mean / max | I non-finite | log K max error at (v, x) | log K cost mean / max | K non-finite | rules (I + K) |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for s in seeds { lines.append(row("seed: \(s.name)", s)) }
        for m in front { lines.append(row(m.name == found?.name ? "**\(m.name) (found)**" : m.name, m)) }
        lines.append("")
        if let found, let base = seeds.first(where: { $0.name == baseline }) {
            lines.append("Found: `\(found.name)`, max error \(f(found.maxError)) at mean cost \(c(found.meanCost)) against the baseline `\(baseline)`'s "
                + "\(f(base.maxError)) at \(c(base.meanCost)).")
        } else {
            lines.append("No configuration on the front has a mean cost at or below the baseline `\(baseline)`'s.")
        }
        lines.append("")
        lines.append("Seeds:")
        for s in recipe.seeds { lines.append("- `\(s.name)`: \(s.description)") }
        for n in recipe.notes ?? [] { lines.append("- \(n)") }
        lines.append("")
        return lines.joined(separator: "\n")
    }
}
