import EvoMathReference
@testable import EvoMathSearch
import Foundation
import Testing

/// Variable projection with Loeb's linearization (`"tuning": {"method": "varpro"}`).
@Suite struct VarProTests {
    /// 2^x ≈ (K + x)/(K − x), K = α + Σ b_i/(x² − r_i); constants in the
    /// order α, b1, r1, b2, r2 … (`PoleMoveTests` builds its programs with it too).
    static func partialFractions(_ c: [Double], poles: Int) -> Program {
        var ins: [Instruction] = [.input(0), Instruction(.mul, 0, 0)]
        var k = -1
        for i in 0..<poles {
            ins.append(.constant(c[1 + 2 * i + 1]))              // r
            ins.append(Instruction(.sub, 1, ins.count - 1))      // y − r
            ins.append(.constant(c[1 + 2 * i]))                  // b
            ins.append(Instruction(.div, ins.count - 1, ins.count - 2))
            if k >= 0 { ins.append(Instruction(.add, k, ins.count - 1)) }
            k = ins.count - 1
        }
        ins.append(.constant(c[0]))
        ins.append(Instruction(.add, k, ins.count - 1))
        let kk = ins.count - 1
        ins.append(Instruction(.add, kk, 0))
        ins.append(Instruction(.sub, kk, 0))
        ins.append(Instruction(.div, ins.count - 2, ins.count - 1))
        return Program(inputNames: ["r"], instructions: ins)
    }

    /// The [2/2] optimum of Tables/exp2-partial-fractions.md (1.9e-15), as α, b1, r1, b2, r2.
    static let optimum = [43.36751685403758, -493.7149307973949, -82.78192128892488, -27403.804278152053,
                          -793.8970305553472]

    /// The DAG analysis: α, b1, b2 enter N and D affinely; r1, r2 sit under
    /// a denominator. Products of two constants, and constants under a
    /// division's denominator, are not (jointly) affine.
    @Test func affineSplit() {
        let p = VarProTests.partialFractions(VarProTests.optimum, poles: 2)
        let s = VarPro.structure(p)
        // constants in program order: r1, b1, r2, b2, α
        #expect(p.constants == [-82.78192128892488, -493.7149307973949, -793.8970305553472, -27403.804278152053,
                                43.36751685403758])
        #expect(s.denominator != nil)
        #expect(s.affine == [1, 3, 4])
        #expect(s.nonlinear == [0, 2])
        // (c0·c1)·x + c2: c0 is taken first, then c1 cannot join it; c2 can.
        let q = Program(inputNames: ["r"], instructions: [.input(0), .constant(2), .constant(3), Instruction(.mul, 1, 2),
                                                          Instruction(.mul, 3, 0), .constant(1), Instruction(.add, 4, 5)])
        let t = VarPro.structure(q)
        #expect(t.denominator == nil)
        #expect(t.affine == [0, 2])
        #expect(t.nonlinear == [1])
        // −(x + c0)/(c1 − x): both affine (Loeb); the sign is recorded.
        let r = Program(inputNames: ["r"], instructions: [.input(0), .constant(2), Instruction(.add, 0, 1), .constant(3),
                                                          Instruction(.sub, 3, 0), Instruction(.div, 2, 4), Instruction(.neg, 5)])
        let u = VarPro.structure(r)
        #expect(u.sign == -1 && u.affine == [0, 1] && u.nonlinear.isEmpty)
    }

    /// QR least squares against a known solution.
    @Test func leastSquaresExact() {
        let n = 50
        let xs = (0..<n).map { Double($0) / Double(n - 1) }
        // columns 1, x·1e6, x²·1e-6 (badly scaled): b = 3 + 2x + x²
        var a: [Double] = xs.map { _ in 1 } + xs.map { $0 * 1e6 } + xs.map { $0 * $0 * 1e-6 }
        let b = xs.map { 3 + 2 * $0 + $0 * $0 }
        let x = VarPro.leastSquares(a, b, rows: n, columns: 3)!
        #expect(abs(x[0] - 3) < 1e-12 && abs(x[1] - 2e-6) < 1e-17 && abs(x[2] - 1e6) < 1e-6)
        a = Array(a[0..<(2 * n)]) + a[0..<n]  // rank-deficient
        #expect(VarPro.leastSquares(a, b, rows: n, columns: 3) == nil)
    }

    /// Milestone 1 (issue #11): the 10-operation partial-fraction form from
    /// poor constants — the [2/2] optimum with each constant × (1 ± 0.05)
    /// (the signs of Tables/exp2-pole-fitting.md's row, where Lawson +
    /// Gauss–Newton ends at 0.5 and Levenberg–Marquardt at 411) reaches
    /// ≤ 1e-14 with the varpro tuner at 40 inner Loeb–Lawson iterations (all
    /// run: patience 0) and 2,000 CMA-ES evaluations over (r1, r2); with the
    /// inner fit's early stop (patience 4, the search's) it stops at 6.6e-14.
    /// Measured and printed, checked only never to get worse: the
    /// 1 % start and the `pole` move's homotopy start (the fitted 7-op parent
    /// plus b2 = 0, r2 = −64, where Lawson + Gauss–Newton stays at 1.19e-8).
    @Test func partialFractionsFromPoorConstants() throws {
        let recipe = try Recipe.parse(Data(#"{"function": "exp2", "format": "real", "domain": [0, 1], "budget": {"samples": 256}}"#.utf8))
        let problem = Problem(recipe: recipe)
        let samples = problem.kernelSamples[0]!
        var scratch = EvaluationScratch()
        let o = VarProTests.optimum
        let starts: [(String, [Double])] = [
            ("optimum × (1 ± 0.05)", zip(o, [-1.0, 1, 1, -1, -1]).map { $0 * (1 + 0.05 * $1) }),
            ("optimum × (1 ± 0.01)", zip(o, [-1.0, 1, 1, 1, -1]).map { $0 * (1 + 0.01 * $1) }),
            ("parent + b2 = 0, r2 = −64", [17.39904170521553, -1823.431971085813, -125.63564717569488, 0, -64]),
        ]
        var lines: [String] = []
        for (label, c) in starts {
            let p0 = VarProTests.partialFractions(c, poles: 2)
            let e0 = problem.kernelError(p0, samples: samples, scratch: &scratch)
            var errors: [Double] = []
            // The long runs (40 / 2,000, and exact 8 / 600) took 8 of this test's 9 minutes in a debug build (CI's
            // `swift test`): by default only the 5 % start, whose ≤ 1e-14 is asserted below, gets Loeb–Lawson 40 / 2,000.
            // Tables/exp2-varpro-fitting.md was produced with every run: set EVOMATH_VARPRO_FULL=1.
            let full = ProcessInfo.processInfo.environment["EVOMATH_VARPRO_FULL"] == "1"
            var runs: [(Int, Int, Int, VarPro.InnerFit)] = [(16, 600, 4, .lawson), (8, 40, 0, .exact)]
            if full || label.hasPrefix("optimum × (1 ± 0.05)") { runs.insert((40, 2000, 0, .lawson), at: 1) }
            if full { runs += [(8, 600, 0, .exact), (40, 2000, 0, .exact)] }
            for (inner, outer, patience, fit) in runs {
                let t0 = Date()
                let tuned = VarPro.tune(p0, samples: samples, innerIterations: inner, outerEvaluations: outer, sigma: 0.05,
                                        seed: 1, round: { $0 }, patience: patience, inner: fit, ws: &scratch.varpro)
                var p = p0
                p.constants = tuned.constants
                let e = problem.kernelError(p, samples: samples, scratch: &scratch)
                errors.append(e)
                lines.append("\(label), \(fit.rawValue) inner \(inner), outer \(outer), patience \(patience): \(e0) → \(e) (\(String(format: "%.2f", Date().timeIntervalSince(t0))) s) \(p.constants)")
            }
            // The tuner never returns worse than its start.
            #expect(errors.allSatisfy { $0 <= e0 }, "\(label): \(errors)")
            if label.hasPrefix("optimum × (1 ± 0.05)") { #expect(errors.min()! <= 1e-14, "\(label): \(errors)") }
        }
        print(lines.joined(separator: "\n"))
    }
}
