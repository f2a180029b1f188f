import EvoMathReference
import Foundation

/// The Pareto front as Markdown and SVG, for `Tables/`.
public struct ParetoTable {
    public var markdown: String
    public var svg: String

    static func make(engine: SearchEngine, best: Individual, options: SearchOptions, output: String, wallSeconds: Double,
                     evaluationsPerSecond: Double) -> ParetoTable {
        let recipe = engine.recipe
        let front = engine.front
        var md = "# Search: \(recipe.name)\n\n"
        md += "Produced by `\(options.commandLine.isEmpty ? "evomath search --recipe \(options.recipePath) --seed \(engine.seed)" : options.commandLine)`"
        md += " (spec: `\(output)`).\n\n"
        md += "- seed \(engine.seed), \(engine.generation) generations, \(engine.evaluations) evaluations, "
        md += String(format: "%.1f s wall, %.0f evaluations/s, ", wallSeconds, evaluationsPerSecond)
        md += "\(recipe.islands) islands × \(recipe.populationPerIsland), \(ProcessInfo.processInfo.activeProcessorCount) cores\n"
        md += "- error: \(recipe.kernelOnly ? "max \(recipe.errorKind) error of the kernel on \(recipe.samples) sample points (\(recipe.evaluation.rawValue) arithmetic)" : recipe.isCustomFormat ? "the complete function in \(recipe.format), evaluated in binary64, rounded once to \(recipe.format) (format stage: every input of the format with a finite non-zero result): max ULP while correctly rounded, else 0.5 + 2^-20 per misrounded input (no exceptions); kernels with relative error ≥ 2^\(1 - (recipe.format16or32?.precision ?? 24)): 1 + error/2^\(1 - (recipe.format16or32?.precision ?? 24))" : recipe.evaluatesInBinary64 ? "the complete function in \(recipe.format), evaluated in binary64 (format stage, every input near a rounding boundary): max ULP while correctly rounded, else 0.5 + 2^-20 per misrounded input (each an exception of the spec; at most \(recipe.maxExceptions)); kernels with relative error ≥ 2^-46: 1 + error/2^-23" : "max ULP of the complete function in \(recipe.format) (format stage)")\n"
        md += "- best: cost \(best.cost), error \(String(format: "%.3e", best.error)), `\(best.program.description)`\n\n"
        if recipe.isReal { md += comparison(engine: engine) }
        md += Baseline.markdown(engine: engine)
        md += "## Pareto front (best error at each cost)\n\n"
        md += "| cost | error | misrounded | table bits | program |\n|---:|---:|---:|---:|---|\n"
        for ind in front {
            md += "| \(fmt(ind.cost)) | \(String(format: "%.6g", ind.error)) | \(ind.misrounded < 0 ? "–" : String(ind.misrounded)) | \(ind.tableBits) | `\(ind.program.description)` |\n"
        }
        // SVG: log10(error) against cost.
        let w = 480.0, h = 320.0, m = 48.0
        let pts = front.filter { $0.error > 0 && $0.error.isFinite }
        let costs = pts.map(\.cost), logs = pts.map { log10($0.error) }
        let c0 = (costs.min() ?? 0) - 1, c1 = (costs.max() ?? 1) + 1
        let l0 = floor(logs.min() ?? -1), l1 = ceil(logs.max() ?? 0) + (logs.isEmpty ? 0 : 0.001)
        func sx(_ c: Double) -> Double { m + (c - c0) / max(c1 - c0, 1e-9) * (w - 2 * m) }
        func sy(_ l: Double) -> Double { h - m - (l - l0) / max(l1 - l0, 1e-9) * (h - 2 * m) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(w))\" height=\"\(Int(h))\" font-family=\"sans-serif\" font-size=\"11\">\n"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        svg += "<text x=\"\(Int(w / 2))\" y=\"16\" text-anchor=\"middle\">Pareto front: \(recipe.name)</text>\n"
        svg += "<line x1=\"\(m)\" y1=\"\(h - m)\" x2=\"\(w - m)\" y2=\"\(h - m)\" stroke=\"black\"/>\n"
        svg += "<line x1=\"\(m)\" y1=\"\(m)\" x2=\"\(m)\" y2=\"\(h - m)\" stroke=\"black\"/>\n"
        svg += "<text x=\"\(Int(w / 2))\" y=\"\(Int(h - 10))\" text-anchor=\"middle\">cost</text>\n"
        svg += "<text x=\"12\" y=\"\(Int(h / 2))\" transform=\"rotate(-90 12 \(Int(h / 2)))\" text-anchor=\"middle\">log10 error</text>\n"
        var l = l0
        while l <= l1 {
            svg += "<text x=\"\(m - 4)\" y=\"\(fmt(sy(l) + 4))\" text-anchor=\"end\">\(Int(l))</text>\n"
            l += max(1, ((l1 - l0) / 8).rounded(.up))
        }
        for c in stride(from: c0 + 1, through: c1 - 1, by: max(1, ((c1 - c0) / 10).rounded(.up))) {
            svg += "<text x=\"\(fmt(sx(c)))\" y=\"\(Int(h - m + 14))\" text-anchor=\"middle\">\(fmt(c))</text>\n"
        }
        let path = pts.map { "\(fmt(sx($0.cost))),\(fmt(sy(log10($0.error))))" }.joined(separator: " ")
        svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"steelblue\"/>\n"
        for p in pts {
            svg += "<circle cx=\"\(fmt(sx(p.cost)))\" cy=\"\(fmt(sy(log10(p.error))))\" r=\"3\" fill=\"steelblue\"/>\n"
        }
        svg += "</svg>\n"
        return ParetoTable(markdown: md, svg: svg)
    }

    /// For real recipes: per operation budget, the search's best (error on
    /// the dense grid, double-double) against the minimax polynomial of that
    /// budget (degree budget/2 in Horner form, Remez's levelled error).
    static func comparison(engine: SearchEngine) -> String {
        let recipe = engine.recipe
        var scratch = EvaluationScratch()
        let dense = engine.problem.denseSamples!
        let front = engine.front
        var md = "## Search against the minimax polynomial of the same budget\n\n"
        md += "Search error: max \(recipe.errorKind) error on \(dense.x.count) points of [\(recipe.domain.0), \(recipe.domain.1)] in double-double; "
        md += "polynomial: Remez minimax of degree budget/2 (Horner: one mul and one add per degree), levelled error over the reals.\n\n"
        md += "| budget (ops) | search: best error | polynomial error | ratio | search's program |\n|---:|---:|---:|---:|---|\n"
        let f = recipe.family.kernelFunction(recipe)
        for b in stride(from: 2, through: Int(recipe.maxCost), by: 2) {
            guard let ind = front.filter({ $0.cost <= Double(b) }).last else { continue }
            let e = engine.problem.kernelError(ind.program, samples: dense, scratch: &scratch)
            let poly = Remez.minimax(degree: b / 2, on: recipe.domain, relative: recipe.errorKind == "relative", function: f).error
            md += "| \(b) | \(String(format: "%.3g", e)) | \(String(format: "%.3g", poly)) | \(String(format: "%.0f×", poly / e)) | `\(ind.program.description)` |\n"
        }
        return md + "\n"
    }

    static func fmt(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v) }
}
