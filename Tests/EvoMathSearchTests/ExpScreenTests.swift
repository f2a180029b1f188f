@testable import EvoMath
import EvoMathEmitter
import EvoMathReference
import EvoMathSearch
import EvoMathSpec
import Foundation
import Testing

/// The two-stage binary32 exp (`ExpSupport.screened`): the screen kernel of
/// Generators/exp.binary32.screen.json and its rounding test, then the
/// one-kernel function for the inputs the test does not decide.
@Suite struct ExpScreenTests {
    static let spec = GeneratedSourcesTests.root.path + "/Generators/exp.binary32.screen.json"

    /// The first stage alone (the second replaced by a marker): every result
    /// it decides is MPFR's correctly rounded one, on the shipped tier's
    /// samples and on inputs within 2^-16 ULP of a rounding midpoint (which
    /// a too-narrow window would pass through); the midpoints' neighbours
    /// mostly reach the second stage, and on uniform samples of the first stage's
    /// range the share that does is below twice the header's estimate 2W/2^29.
    @Test func firstStageDecisionsAreCorrectlyRounded() throws {
        let marker = Float(bitPattern: 0x7FC0_DEAD)
        func first(_ x: Float) -> Float { ExpSupport.screened(x, ExpBinary32Kernel.self) { _ in marker } }
        let hard = Binary32HardCases.near({ (x: Double) -> Double in Foundation.exp(x) }, lower: -87.33, upper: 87.33, stride: 128)
        let inputs = try ExpBinary32CorrectlyRoundedRuntimeTests.inputs() + hard
        let decided = inputs.filter { first($0).bitPattern != marker.bitPattern }
        let r = Binary32HardCases.misrounded(decided, runtime: first, reference: CorrectlyRoundedReference(ExpFunction()))
        #expect(r.count == 0, "\(r.count) of \(decided.count) first-stage results misrounded; first: \(r.first)")
        // Within 2^-16 ULP of a midpoint, z lies in the window (2^-13.7 ULP
        // wide either side) unless its error points away from the midpoint:
        // most of these inputs take the second stage.
        let hardPassed = hard.filter { first($0).bitPattern != marker.bitPattern }.count
        #expect(hard.count > 100 && 4 * hardPassed < hard.count, "\(hardPassed) of \(hard.count) near-midpoint inputs decided by the first stage")

        var rng = SplitMix64(seed: 32)
        let n = 1 << 20
        var fallbacks = 0
        for _ in 0..<n where first(Float(Double(rng.next() >> 11) * 0x1p-53 * 174.6 - 87.3)).bitPattern == marker.bitPattern {
            fallbacks += 1
        }
        let estimate = 2 * Double(ExpBinary32Screen.roundingTestWindow) * 0x1p-29
        #expect(Double(fallbacks) / Double(n) < 2 * estimate, "\(fallbacks) of \(n) take the second stage (estimate \(estimate))")
    }

    /// The complete function: the second stage is the one-kernel function,
    /// so the two stages give its results bit for bit (both are correctly
    /// rounded) on the samples, the special cases and the hard cases.
    @Test func twoStagesGiveTheOneKernelResults() throws {
        let hard = Binary32HardCases.near({ (x: Double) -> Double in Foundation.exp(x) }, lower: -103.98, upper: 88.73, stride: 256)
        let inputs = try ExpBinary32CorrectlyRoundedRuntimeTests.inputs() + hard
        let differ = inputs.filter { !FusedKernelTests.same(Evolved.exp($0), Evolved.exp($0, kernel: ExpBinary32Kernel.self)) }
        #expect(differ.isEmpty, "\(differ.count) of \(inputs.count) differ; first x = \(differ.first.map { HexFloat.format(Double($0)) } ?? "")")
    }

    /// The generated window is ⌈S·2^53⌉ of the budget recomputed from the
    /// spec, the spec's interval covers the runtime's |h| ≤ 2^-(T+1) for the
    /// table in use, and the budget's Estrin bound holds for the compiled
    /// kernel: its result against the same polynomial evaluated exactly
    /// (in Float80) on random h. For the screen and its fused twin (the
    /// EVOMATH_FMA build's, exp.binary32.screen.fma.json).
    @Test(arguments: [false, true]) func windowAndEvaluationBound(fused: Bool) throws {
        let spec = try SpecFile.read(at: fused ? Self.spec.replacingOccurrences(of: ".json", with: ".fma.json") : Self.spec)
        #expect(spec.evaluation.fusedMultiplyAdd == fused)
        guard case .none(let interval) = spec.reduction, let q = spec.program.monomialCoefficients,
              let error = spec.verification.maxError?.value else {
            Issue.record("the screen spec has no interval, polynomial or maxError"); return
        }
        let budget = ScreenBudget(spec, coefficients: q, approximation: error)
        let window = fused ? ExpBinary32ScreenPolynomialFma.roundingTestWindow : ExpBinary32ScreenPolynomial.roundingTestWindow
        func evaluate(_ v: Double) -> Double {
            fused ? ExpBinary32ScreenPolynomialFma.evaluate(v, squared: v * v) : ExpBinary32ScreenPolynomial.evaluate(v, squared: v * v)
        }
        #expect(window == budget.window)
        #expect(Double(budget.window) >= budget.total * 0x1p53)
        let h = 0x1p-1 / Double(1 << ExpBinary32Kernel.tableBits)
        #expect(interval.interval[0].value <= -h && interval.interval[1].value >= h)
        #expect(error <= spec.recipe.targetError!)

        let bound = budget.terms.first { $0.name.hasPrefix("p's Estrin") }!.bound
        var rng = SplitMix64(seed: 5)
        var worst = 0.0
        for _ in 0..<200_000 {
            let v = (Double(rng.next() >> 11) * 0x1p-53 * 2 - 1) * h
            // Horner in Float80 (64-bit significands: its own error is below 2^-62).
            var exact = Float80(q.last!)
            for c in q.dropLast().reversed() { exact = exact * Float80(v) + Float80(c) }
            let got = evaluate(v)
            worst = max(worst, Double(abs(Float80(got) - exact) / exact))
        }
        #expect(worst > 0 && worst <= bound, "measured \(worst), bound \(bound)")
    }

    /// The screen tier is exp's in binary32, searched alone on an interval.
    @Test func screenRecipesAreChecked() throws {
        let ok = #"{"function": "exp", "format": "binary32", "tier": "screen", "domain": ["-0x1p-7", "0x1p-7"], "evaluation": {"type": "real"}, "reduction": {"family": "none"}, "kernel": {"approximates": "2^x", "error": "relative"}, "operations": ["add", "sub", "mul"], "targetError": 1e-11}"#
        let recipe = try Recipe.parse(Data(ok.utf8))
        #expect(recipe.kernelOnly && recipe.gate == 1e-11 && !recipe.evaluatesInBinary64)
        for bad in [ok.replacingOccurrences(of: "binary32", with: "binary16"),
                    ok.replacingOccurrences(of: "\"none\"", with: "\"exp-table\""),
                    ok.replacingOccurrences(of: "\"exp\"", with: "\"log\""),
                    ok.replacingOccurrences(of: "\"real\"", with: "\"binary64\""),
                    ok.replacingOccurrences(of: "0x1p-7", with: "0x1p-3"),
                    ok.replacingOccurrences(of: "\"mul\"]", with: "\"mul\", \"div\"]"),
                    ok.replacingOccurrences(of: ", \"targetError\": 1e-11", with: "")] {
            #expect(throws: (any Error).self, "\(bad)") { _ = try Recipe.parse(Data(bad.utf8)) }
        }
        let correctlyRoundedWithNone = #"{"function": "exp", "format": "binary32", "reduction": {"family": "none"}}"#
        #expect(throws: (any Error).self) { _ = try Recipe.parse(Data(correctlyRoundedWithNone.utf8)) }
    }
}
