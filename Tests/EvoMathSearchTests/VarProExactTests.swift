import EvoMathReference
@testable import EvoMathSearch
import Foundation
import Testing

/// The exact inner fit of the varpro tuner (`VarPro.fitExact`, differential
/// correction with a dense simplex per step; `"inner": "exact"`).
@Suite struct VarProExactTests {
    static func exp2Problem() throws -> (Problem, KernelSamples) {
        let recipe = try Recipe.parse(Data(#"{"function": "exp2", "format": "real", "domain": [0, 1], "budget": {"samples": 256}}"#.utf8))
        let problem = Problem(recipe: recipe)
        return (problem, problem.kernelSamples[0]!)
    }

    /// A linear Chebyshev problem with a known answer: the best line to x² on
    /// {0, 0.1, …, 1} is x − 1/8 with error 1/8 (equioscillation at 0, 1/2, 1).
    @Test func simplexOnALine() {
        let xs = (0...10).map { Double($0) / 10 }
        // min t s.t. ±(c0 + c1 x − x²) ≤ t: columns (+, −) per point.
        var e = [Double](repeating: 0, count: 3 * 22)
        var r = [Double](repeating: 0, count: 22)
        for (i, x) in xs.enumerated() {
            e[0 * 22 + 2 * i] = 1; e[0 * 22 + 2 * i + 1] = -1
            e[1 * 22 + 2 * i] = x; e[1 * 22 + 2 * i + 1] = -x
            e[2 * 22 + 2 * i] = 1; e[2 * 22 + 2 * i + 1] = 1
            r[2 * i] = x * x; r[2 * i + 1] = -x * x
        }
        let y = VarPro.chebyshevLP(e, r, [0, 0, 1], rows: 3, columns: 22)!
        #expect(abs(y[0] + 0.125) < 1e-12 && abs(y[1] - 1) < 1e-12 && abs(-y[2] - 0.125) < 1e-12, "\(y)")
    }

    /// The [2/2] partial-fraction form at the optimum poles (r1, r2 of
    /// `VarProTests.optimum`), α, b1, b2 each 5 % off: the exact inner fit
    /// reaches the minimax, ≤ 2e-15 (the Loeb–Lawson fit of the search's
    /// settings, 16 iterations with patience 4, is printed beside it).
    @Test func partialFractionsAtOptimumPoles() throws {
        let (problem, samples) = try VarProExactTests.exp2Problem()
        var scratch = EvaluationScratch()
        var c = VarProTests.optimum
        c[0] *= 1.05; c[1] *= 0.95; c[3] *= 1.05
        let p0 = VarProTests.partialFractions(c, poles: 2)
        let st = VarPro.structure(p0)
        let t0 = Date()
        let exact = VarPro.fitExact(p0, st, samples: samples, steps: 30, ws: &scratch.varpro)
        let dt = Date().timeIntervalSince(t0)
        let lawson = VarPro.fitAffine(p0, st, samples: samples, iterations: 16, patience: 4, ws: &scratch.varpro)
        var p = p0
        p.constants = exact.constants
        let e = problem.kernelError(p, samples: samples, scratch: &scratch)
        print("[2/2] at the optimum poles: exact \(exact.error) (\(String(format: "%.1f", dt * 1000)) ms), Loeb–Lawson 16/4 \(lawson.error)")
        #expect(e <= 2e-15, "\(e)")
        #expect(abs(e - exact.error) <= 1e-17)
    }

    /// All constants affine (a Horner polynomial of degree 5, from zeros):
    /// one step is the discrete linear minimax; it matches the engine's Remez
    /// (the minimax baseline) to 1 %.
    @Test func polynomialMatchesRemez() throws {
        let (problem, samples) = try VarProExactTests.exp2Problem()
        var scratch = EvaluationScratch()
        for degree in [3, 5, 7] {
            let remez = Remez.minimax(degree: degree, on: (0, 1), relative: true, function: { exp2($0) })
            var p = Remez.horner([Double](repeating: 0, count: degree + 1), fused: false)
            p.constants = p.constants.map { _ in 0.5 }
            let st = VarPro.structure(p)
            #expect(st.nonlinear.isEmpty)
            let fit = VarPro.fitExact(p, st, samples: samples, steps: 10, ws: &scratch.varpro)
            p.constants = fit.constants
            let e = problem.kernelError(p, samples: samples, scratch: &scratch)
            print("degree \(degree): exact \(e), Remez \(remez.error)")
            #expect(abs(e - remez.error) <= 0.01 * remez.error, "degree \(degree): \(e) vs Remez \(remez.error)")
        }
    }
}
