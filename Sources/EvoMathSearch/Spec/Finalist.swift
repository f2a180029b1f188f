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

    /// What the recipe required and by how much this result misses it, for
    /// the message of a failed search: e.g. `correctlyRounded requires 0
    /// misrounded inputs; 4387 of 65536 are misrounded (max 0.73 ULP at …)`.
    public func shortfall(tier: String, gate: Double) -> String {
        if let d = denseError {
            return "\(tier) requires a max error ≤ \(String(format: "%.3e", gate)) on the dense grid; it is \(String(format: "%.3e", d))"
        }
        let at = worst.map { " at x = \($0.x): got \($0.got), want \($0.want)" } ?? ""
        let ulp = String(format: "%.6g", maxULP)
        if tier == "correctlyRounded" {
            return "correctlyRounded requires 0 misrounded inputs; \(misrounded) of \(inputs) are misrounded (\(method)), max \(ulp) ULP\(at)"
        }
        return "\(tier) requires max error < 1 ULP; it is \(ulp) ULP\(at) (\(misrounded) of \(inputs) inputs misrounded, \(method))"
    }
}

/// The finalist's verification: the complete function on every input of a
/// 16-bit format (or of binary32 when the recipe asks) with the verifier;
/// otherwise the stratified format stage; for reals a dense grid in
/// double-double.
public enum Finalist {
    public static func verify(_ best: Individual, engine: SearchEngine) throws -> VerificationSummary {
        let recipe = engine.recipe
        if recipe.kernelOnly {
            var scratch = EvaluationScratch()
            let e = engine.problem.kernelError(best.program, samples: engine.problem.denseSamples!, scratch: &scratch)
            let arithmetic = recipe.evaluation == .real ? "double-double" : recipe.evaluation.rawValue
            return VerificationSummary(method: "dense grid of \(engine.problem.denseSamples!.x.count) points, \(arithmetic)",
                                       inputs: UInt64(engine.problem.denseSamples!.x.count), maxULP: 0, worst: nil,
                                       misrounded: 0, passed: e <= recipe.gate || recipe.gate == 0, denseError: e)
        }
        let stage = engine.problem.stage!
        let format = stage.format
        // binary64 evaluation: the misrounded inputs of the format stage
        // (exhaustive near rounding boundaries) become exceptions; the
        // verifier then checks the function with them on every input.
        var exceptions: [(x: Float, y: Float)]? = nil
        // A custom format has no exception list (its stage has every input).
        if recipe.evaluatesInBinary64 && !recipe.isCustomFormat {
            var scratch = EvaluationScratch()
            var got = [Double](repeating: 0, count: stage.inputs.count)
            _ = got.withUnsafeMutableBufferPointer { g in
                stage.evaluate(best.program, tableBits: best.tableBits, fused: recipe.fusedMultiplyAdd, scratch: &scratch,
                               results: g.baseAddress!)
            }
            exceptions = stage.inputs.indices.filter { got[$0] != stage.correct[$0] }
                .map { (stage.inputs[$0], Float(stage.correct[$0])) }
        }
        let family = recipe.family
        let complete = family.complete(best.program, tableBits: best.tableBits, recipe: recipe, stage: stage,
                                       exceptions: exceptions ?? [])
        if format.bitWidth <= 16 || recipe.verifyExhaustively {
            let verifier = Verifier(function: family.reference!, format: format,
                                    implementation: Implementation(name: "search", evaluate: complete))
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
