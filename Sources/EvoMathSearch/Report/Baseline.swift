import EvoMathReference
import Foundation

/// The engine's own baseline: Remez minimax polynomials in Horner form (mul
/// then add per degree) for each reduction the recipe allows, rounded to the
/// evaluation type, measured by the same fitness as the search.
public enum Baseline {
    public struct Entry { public var tableBits: Int; public var degree: Int; public var cost: Double; public var error: Double }

    /// For a format recipe: per table size, the cheapest degree that meets
    /// the gate (or the best tried). For reals: every degree up to maxCost/2.
    public static func entries(engine: SearchEngine) -> [Entry] {
        let recipe = engine.recipe
        var out: [Entry] = []
        var scratch = EvaluationScratch()
        for t in recipe.tableBits {
            let samples = engine.problem.kernelSamples[t]!
            for d in 1...max(1, Int(recipe.maxCost) / 2) {
                let f = recipe.family.kernelFunction(recipe)
                let (c, remezError) = Remez.minimax(degree: d, on: samples.interval, relative: recipe.errorKind == "relative", function: f)
                let p = recipe.family.baselineProgram(recipe, coefficients: c.map { recipe.evaluation.round($0) }, degree: d)
                var ind = engine.evaluate(p, tableBits: t, scratch: &scratch, iterations: 0)
                if recipe.isReal { ind.error = remezError }
                out.append(Entry(tableBits: t, degree: d, cost: engine.totalCost(p, t), error: ind.error))
                if !recipe.isReal && ind.error <= recipe.gate { break }
                // Past double precision Remez's exchange is noise: stop.
                if remezError < 0x1p-52 { break }
            }
        }
        return out
    }

    static func markdown(engine: SearchEngine) -> String {
        let recipe = engine.recipe
        var md = "## Baseline: minimax polynomials (the engine's Remez, Horner form, no FMA)\n\n"
        md += recipe.isReal ? "Error: Remez's levelled error over the reals.\n\n"
            : recipe.kernelOnly ? "Error: the same kernel error as the search (gate \(recipe.gate)).\n\n"
            : "Error: the same format stage as the search (gate \(recipe.gate) ULP).\n\n"
        md += "| table bits | degree | cost | error |\n|---:|---:|---:|---:|\n"
        for e in entries(engine: engine) {
            md += "| \(e.tableBits) | \(e.degree) | \(ParetoTable.fmt(e.cost)) | \(String(format: "%.6g", e.error)) |\n"
        }
        return md + "\n"
    }
}
