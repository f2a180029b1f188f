import EvoMathReference
import Foundation

/// The spec file `Generators/<fn>.<format>.<tier>.json`.
public enum Spec {
    static func make(engine: SearchEngine, best: Individual, options: SearchOptions, wallSeconds: Double,
                     verification: VerificationSummary) -> JSON {
        let recipe = engine.recipe
        var search: [(String, JSON)] = [
            ("seed", .integer(Int(engine.seed))), ("generations", .integer(engine.generation)),
            ("evaluations", .integer(engine.evaluations)), ("origin", .string(recipe.start)),
            ("islands", .integer(recipe.islands)), ("populationPerIsland", .integer(recipe.populationPerIsland)),
        ]
        if options.time != nil {
            search.append(("budget", .string("time")))
            search.append(("wallSeconds", .number((wallSeconds * 10).rounded() / 10)))
        } else {
            search.append(("budget", .string("generations")))
            search.append(("wallSeconds", .string("see Tables/search-\(recipe.name).md (not part of the reproducible spec)")))
        }
        search.append(("command", .string("evomath search --recipe \(options.recipePath) --seed \(engine.seed) --generations \(engine.generation)")))
        var pairs: [(String, JSON)] = [
            ("schema", .integer(SpecFile.schemaVersion)), ("name", .string(recipe.name)), ("function", .string(recipe.function)), ("format", .string(recipe.format)),
            ("tier", .string(recipe.tier)),
            ("recipe", recipe.source), ("engine", .string(EvoMathSearch.engineVersion)), ("search", .object(search)),
        ]
        pairs.append(("reduction", recipe.family.reductionJSON(recipe, stage: engine.problem.stage, tableBits: best.tableBits)))
        pairs.append(("evaluation", .object([("type", .string(recipe.evaluation.rawValue)),
                                             ("fusedMultiplyAdd", .bool(recipe.fusedMultiplyAdd))])))
        pairs.append(("program", best.program.json))
        pairs.append(("expression", .string(best.program.description)))
        pairs.append(("cost", .number(best.cost)))
        var scratch = EvaluationScratch()
        let kernelError = engine.problem.kernelError(best.program, samples: engine.problem.kernelSamples[best.tableBits]!, scratch: &scratch)
        pairs.append(("kernelError", .string(String(format: "%.3e", kernelError))))
        pairs.append(("verification", verification.json))
        if let ex = verification.exceptions {
            pairs.append(("exceptions", .object([
                ("count", .integer(ex.count)),
                ("note", .string("inputs that Float(z) of the binary64 result z misrounds, found exhaustively (all inputs within \(RarePath.scanWidthText) of a rounding boundary); the runtime returns these results when z is within \(RarePath.windowText) of a boundary")),
                ("inputs", .array(ex.map { .object([("x", .string(HexFloat.format(Double($0.x)))), ("y", .string(HexFloat.format(Double($0.y))))]) })),
            ])))
        }
        pairs.append(("pareto", .array(engine.front.map { ind in
            .object([("cost", .number(ind.cost)), ("error", .string(String(format: "%.6g", ind.error))),
                     ("tableBits", .integer(ind.tableBits)), ("expression", .string(ind.program.description))])
        })))
        return .object(pairs)
    }
}
