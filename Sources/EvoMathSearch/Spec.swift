import EvoMathReference
import Foundation

/// The verification of the search's answer.
public struct VerificationSummary: Sendable {
    public var method: String
    public var inputs: UInt64
    public var maxULP: Double
    public var worst: (x: String, got: String, want: String)?
    public var misrounded: UInt64
    public var passed: Bool
    /// Real-number recipes: error on a dense grid.
    public var denseError: Double?
    /// binary32 evaluated in binary64: the misrounded inputs of the function
    /// without exceptions (x, correctly rounded result), which the spec lists
    /// as exceptions; the verification above includes them.
    public var exceptions: [(x: Float, y: Float)]?

    var json: JSON {
        var pairs: [(String, JSON)] = [("method", .string(method)), ("inputs", .integer(Int(inputs)))]
        if let d = denseError {
            pairs.append(("maxError", .string(HexFloat.format(d))))
            pairs.append(("maxErrorDecimal", .string(String(format: "%.3e", d))))
        } else {
            pairs.append(("maxULP", .number((maxULP * 1e6).rounded() / 1e6)))
            if let w = worst { pairs.append(("worst", .object([("x", .string(w.x)), ("got", .string(w.got)), ("want", .string(w.want))]))) }
            pairs.append(("misrounded", .integer(Int(misrounded))))
        }
        pairs.append(("passed", .bool(passed)))
        return .object(pairs)
    }
}

/// The finalist's verification: the complete function on every input of a
/// 16-bit format (or of binary32 when the recipe asks) with the verifier;
/// otherwise the stratified format stage; for reals a dense grid in
/// double-double.
public enum Finalist {
    public static func verify(_ best: Individual, engine: SearchEngine) throws -> VerificationSummary {
        let recipe = engine.recipe
        if recipe.isReal {
            var scratch = EvaluationScratch()
            let e = engine.problem.kernelError(best.program, samples: engine.problem.denseSamples!, scratch: &scratch)
            return VerificationSummary(method: "dense grid of \(engine.problem.denseSamples!.x.count) points, double-double",
                                       inputs: UInt64(engine.problem.denseSamples!.x.count), maxULP: 0, worst: nil,
                                       misrounded: 0, passed: e <= recipe.gate || recipe.gate == 0, denseError: e)
        }
        if let stage = engine.problem.logStage {
            // binary64 evaluation: the format stage's misrounded inputs (every
            // input near a rounding boundary) become exceptions.
            var exceptions: [(x: Float, y: Float)]? = nil
            if recipe.isBinary64Exp {
                var scratch = EvaluationScratch()
                var got = [Double](repeating: 0, count: stage.inputs.count)
                _ = got.withUnsafeMutableBufferPointer { g in
                    stage.evaluate(best.program, tableBits: best.tableBits, fused: recipe.fusedMultiplyAdd, scratch: &scratch,
                                   results: g.baseAddress!)
                }
                exceptions = stage.inputs.indices.filter { got[$0] != stage.correct[$0] }
                    .map { (stage.inputs[$0], Float(stage.correct[$0])) }
            }
            let complete = CompleteLog(program: best.program, reduction: stage.reductions[best.tableBits]!,
                                       format: stage.format, fused: recipe.fusedMultiplyAdd, binary64: recipe.isBinary64Exp,
                                       exceptions: exceptions ?? [])
            let verifier = Verifier(function: LogFunction(), format: stage.format,
                                    implementation: Implementation(name: "search") { complete.evaluate($0) })
            var result = summary(try verifier.exhaustive(), tier: recipe.tier)
            result.exceptions = exceptions
            return result
        }
        let stage = engine.problem.formatStage!
        let format = stage.format
        // binary64 evaluation: the misrounded inputs of the format stage
        // (exhaustive near rounding boundaries) become exceptions; the
        // verifier then checks the function with them on every input.
        var exceptions: [(x: Float, y: Float)]? = nil
        if recipe.isBinary64Exp {
            var scratch = EvaluationScratch()
            var got = [Double](repeating: 0, count: stage.inputs.count)
            _ = got.withUnsafeMutableBufferPointer { g in
                stage.evaluate(best.program, tableBits: best.tableBits, fused: recipe.fusedMultiplyAdd, scratch: &scratch,
                               results: g.baseAddress!)
            }
            exceptions = stage.inputs.indices.filter { got[$0] != stage.correct[$0] }
                .map { (stage.inputs[$0], Float(stage.correct[$0])) }
        }
        let complete = CompleteExp(program: best.program, reduction: stage.reductions[best.tableBits]!, format: format,
                                   fused: recipe.fusedMultiplyAdd, split: recipe.isSplit, overflowThreshold: Float(stage.overflowThreshold),
                                   underflowThreshold: Float(stage.underflowThreshold), binary64: recipe.isBinary64Exp,
                                   exceptions: exceptions ?? [])
        if format.bitWidth <= 16 || recipe.verifyExhaustively {
            let verifier = Verifier(function: ExpFunction(), format: format,
                                    implementation: Implementation(name: "search") { complete.evaluate($0) })
            let report = try verifier.exhaustive()
            var result = summary(report, tier: recipe.tier)
            result.exceptions = exceptions
            return result
        }
        var scratch = EvaluationScratch()
        let r = stage.evaluate(best.program, tableBits: best.tableBits, fused: recipe.fusedMultiplyAdd, scratch: &scratch)
        return VerificationSummary(method: "stratified sample (format stage)", inputs: UInt64(r.inputs), maxULP: r.maxULP,
                                   worst: (HexFloat.format(r.worst.x), HexFloat.format(r.worst.got), HexFloat.format(r.worst.want)),
                                   misrounded: UInt64(r.misrounded),
                                   passed: recipe.tier == "correctlyRounded" ? r.misrounded == 0 : r.maxULP < 1)
    }

    static func summary(_ report: ULPReport, tier: String) -> VerificationSummary {
        VerificationSummary(method: report.method, inputs: report.inputsChecked, maxULP: report.maxULP,
                            worst: report.worst.map { ($0.x, $0.got, $0.want) }, misrounded: report.misrounded,
                            passed: tier == "correctlyRounded" ? report.misrounded == 0 : report.maxULP < 1)
    }
}

/// The complete exp of a spec on one input, exactly as the emitted runtime
/// computes it (special cases, reduction, kernel, reconstruction).
public struct CompleteExp: Sendable {
    public let program: Program
    public let reduction: ExpReduction
    public let format: FloatFormat
    public let fused: Bool
    public let split: Bool
    public let overflowThreshold: Float
    public let underflowThreshold: Float
    /// Reduction, kernel and reconstruction in Double (binary32 only), one
    /// final rounding; `exceptions` (binary32 bit pattern → result) are
    /// consulted on the runtime's rare path only (`ExpExceptions.isRarePath`).
    public let binary64: Bool
    public let exceptions: [UInt32: Float]

    public init(program: Program, reduction: ExpReduction, format: FloatFormat, fused: Bool, split: Bool,
                overflowThreshold: Float, underflowThreshold: Float, binary64: Bool = false,
                exceptions: [(x: Float, y: Float)] = []) {
        self.program = program; self.reduction = reduction; self.format = format; self.fused = fused
        self.split = split; self.overflowThreshold = overflowThreshold; self.underflowThreshold = underflowThreshold
        self.binary64 = binary64
        self.exceptions = Dictionary(exceptions.map { ($0.x.bitPattern, $0.y) }, uniquingKeysWith: { a, _ in a })
    }

    public func evaluate(_ xd: Double) -> Double {
        let x = Float(xd)
        if !(x <= overflowThreshold && x >= underflowThreshold) {
            if x.isNaN { return .nan }
            return x > 0 ? .infinity : 0
        }
        if binary64 {
            let (r, k) = reduction.reduce64(x)
            let z = reduction.reconstruct64(kernel64(r), k)
            if ExpExceptions.isRarePath(z), let e = exceptions[x.bitPattern] { return Double(e) }
            return Double(Float(z))
        }
        let z = x * reduction.inverseStep
        let kf = z.rounded(.toNearestOrEven)
        let r = (x - kf * reduction.stepHigh) - kf * reduction.stepLow
        let p = kernel(r)
        let k = Int(kf)
        let t = reduction.tableBits
        let y = reduction.combine(p, k & ((1 << t) - 1), split: split)
        let v = ExpReduction.scale(y, k >> t)
        switch format {
        case .binary16: return Double(Float16(v))
        case .bfloat16: return Double(BFloatRounding.round(v))
        default: return Double(v)
        }
    }

    /// The scalar interpreter in Double (registers on the stack).
    public func kernel64(_ r: Double) -> Double { program.evaluate(r, fused: fused) }

    /// The scalar interpreter in Float (registers on the stack).
    public func kernel(_ r: Float) -> Float { program.evaluate(r, fused: fused) }

}

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
            ("name", .string(recipe.name)), ("function", .string(recipe.function)), ("format", .string(recipe.format)),
            ("tier", .string(recipe.tier)),
            ("recipe", recipe.source), ("engine", .string(EvoMathSearch.engineVersion)), ("search", .object(search)),
        ]
        if let stage = engine.problem.logStage {
            let red = stage.reductions[best.tableBits]!
            pairs.append(("reduction", .object([
                ("family", .string(recipe.reductionFamily)), ("tableBits", .integer(best.tableBits)),
                ("offset", .string("0x" + String(LogReduction.offset, radix: 16, uppercase: true))),
                ("ln2High", .string(HexFloat.format(Double(red.ln2High)))),
                ("ln2Low", .string(HexFloat.format(Double(red.ln2Low)))),
                ("invc", .array(red.invc.map { .string(HexFloat.format(Double($0))) })),
            ] + (recipe.isBinary64Exp ? [
                ("ln2High64", .string(HexFloat.format(red.ln2High64))),
                ("ln2Low64", .string(HexFloat.format(red.ln2Low64))),
                ("logc64", .array(red.logc64.map { .string(HexFloat.format($0)) })),
            ] : [
                ("logcHigh", .array(red.logcHigh.map { .string(HexFloat.format(Double($0))) })),
                ("logcLow", .array(red.logcLow.map { .string(HexFloat.format(Double($0))) })),
            ]) + [
                ("interval", .array([.string(HexFloat.format(red.rMin)), .string(HexFloat.format(red.rMax))])),
            ])))
        } else if let stage = engine.problem.formatStage, recipe.isBinary64Exp {
            let red = stage.reductions[best.tableBits]!
            pairs.append(("reduction", .object([
                ("family", .string(recipe.reductionFamily)), ("tableBits", .integer(best.tableBits)),
                ("inverseStep", .string(HexFloat.format(red.inverseStep64))),
                ("stepHigh", .string(HexFloat.format(red.stepHigh64))),
                ("stepLow", .string(HexFloat.format(red.stepLow64))),
                ("table", .array(red.table64.map { .string(HexFloat.format($0)) })),
                ("overflowThreshold", .string(HexFloat.format(stage.overflowThreshold))),
                ("underflowThreshold", .string(HexFloat.format(stage.underflowThreshold))),
            ])))
        } else if let stage = engine.problem.formatStage {
            let red = stage.reductions[best.tableBits]!
            pairs.append(("reduction", .object([
                ("family", .string(recipe.reductionFamily)), ("tableBits", .integer(best.tableBits)),
                ("inverseStep", .string(HexFloat.format(Double(red.inverseStep)))),
                ("stepHigh", .string(HexFloat.format(Double(red.stepHigh)))),
                ("stepLow", .string(HexFloat.format(Double(red.stepLow)))),
                ("table", .array(red.table.map { .string(HexFloat.format(Double($0))) })),
            ] + (recipe.isSplit ? [("tableLow", JSON.array(red.tableLow.map { .string(HexFloat.format(Double($0))) }))] : []) + [
                ("overflowThreshold", .string(HexFloat.format(stage.overflowThreshold))),
                ("underflowThreshold", .string(HexFloat.format(stage.underflowThreshold))),
            ])))
        } else {
            pairs.append(("reduction", .object([("family", .string("none")),
                                                ("interval", .array([.string(HexFloat.format(recipe.domain.0)), .string(HexFloat.format(recipe.domain.1))]))])))
        }
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
                ("note", .string("inputs that Float(z) of the binary64 result z misrounds, found exhaustively (all inputs within 2^-39 of a rounding boundary); the runtime returns these results when z is within 2^-43 of a boundary")),
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
        md += "- error: \(recipe.isReal ? "max \(recipe.errorKind) error of the kernel on \(recipe.samples) sample points (\(recipe.evaluation.rawValue) arithmetic)" : recipe.isBinary64Exp ? "the complete function in \(recipe.format), evaluated in binary64 (format stage, every input near a rounding boundary): max ULP while correctly rounded, else 0.5 + 2^-20 per misrounded input (each an exception of the spec; at most \(recipe.maxExceptions)); kernels with relative error ≥ 2^-46: 1 + error/2^-23" : "max ULP of the complete function in \(recipe.format) (format stage)")\n"
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
        let f: (Double) -> Double = { exp2($0) }
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
                let f: (Double) -> Double = recipe.isReal ? { exp2($0) } : recipe.isLog ? { log1p($0) } : recipe.isSplit ? { expm1($0) } : { exp($0) }
                let (c, remezError) = Remez.minimax(degree: d, on: samples.interval, relative: recipe.errorKind == "relative", function: f)
                var p = Remez.horner(c.map { recipe.evaluation.round($0) }, fused: false)
                if recipe.isSplit || recipe.isLog {
                    // expm1 and log1p has no constant term: r·(c1 + r·(c2 + …)).
                    p = d == 1 ? Program(instructions: [.input(0), .constant(recipe.evaluation.round(c[1])), Instruction(.mul, 0, 1)])
                        : Remez.horner(Array(c.dropFirst()).map { recipe.evaluation.round($0) }, fused: false)
                    if d > 1 { p.instructions.append(Instruction(.mul, p.output, 0)) }
                }
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
        md += recipe.isReal ? "Error: Remez's levelled error over the reals.\n\n" : "Error: the same format stage as the search (gate \(recipe.gate) ULP).\n\n"
        md += "| table bits | degree | cost | error |\n|---:|---:|---:|---:|\n"
        for e in entries(engine: engine) {
            md += "| \(e.tableBits) | \(e.degree) | \(ParetoTable.fmt(e.cost)) | \(String(format: "%.6g", e.error)) |\n"
        }
        return md + "\n"
    }
}

extension CompleteExp {
    /// The complete function a spec file describes (`Generators/<fn>.<format>.<tier>.json`),
    /// so that a search result can be verified before it is emitted and compiled.
    public init(specAt path: String) throws {
        try self.init(spec: SpecFile.read(at: path), path: path)
    }

    /// The complete function of `spec` (read from `path`, named in errors).
    public init(spec: SpecFile, path: String) throws {
        guard spec.function == "exp", case .expTable(let red) = spec.reduction else {
            throw SpecFileError(file: path, keyPath: "function", "not an exp spec (function \(spec.function), reduction \(spec.reduction.family)): only exp specs can be evaluated here")
        }
        guard let format = FloatFormat(named: spec.format), [.binary16, .bfloat16, .binary32].contains(format) else {
            throw SpecFileError(file: path, keyPath: "format", "expected binary16, bfloat16 or binary32")
        }
        self.init(program: spec.program, reduction: ExpReduction(tableBits: red.tableBits), format: format,
                  fused: spec.evaluation.fusedMultiplyAdd, split: red.isSplit,
                  overflowThreshold: Float(red.overflowThreshold.value), underflowThreshold: Float(red.underflowThreshold.value),
                  binary64: spec.evaluation.type == .binary64,
                  exceptions: spec.exceptionList.map { (Float($0.x), Float($0.y)) })
    }
}
