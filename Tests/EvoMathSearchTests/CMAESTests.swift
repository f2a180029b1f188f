import EvoMathReference
@testable import EvoMathSearch
import Foundation
import Testing

@Suite struct CMAESTests {
    static func rosenbrock(_ x: [Double]) -> Double {
        var s = 0.0
        for i in 0..<(x.count - 1) {
            let a = x[i + 1] - x[i] * x[i], b = 1 - x[i]
            s += 100 * a * a + b * b
        }
        return s
    }

    @Test func jacobiDiagonalizesASymmetricMatrix() {
        let n = 5
        var rng = SplitMix64(seed: 7)
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0...i {
            let v = Double(rng.next() >> 11) * 0x1p-53 - 0.5
            a[i * n + j] = v; a[j * n + i] = v
        } }
        let (values, vectors) = CMAES.jacobiEigen(a, n)
        // A v_k = λ_k v_k and VᵀV = I.
        for k in 0..<n {
            for i in 0..<n {
                var s = 0.0
                for j in 0..<n { s += a[i * n + j] * vectors[j * n + k] }
                #expect(abs(s - values[k] * vectors[i * n + k]) < 1e-12)
            }
            for l in 0..<n {
                var s = 0.0
                for i in 0..<n { s += vectors[i * n + k] * vectors[i * n + l] }
                #expect(abs(s - (k == l ? 1 : 0)) < 1e-12)
            }
        }
    }

    /// The classic test: Rosenbrock's banana in 4 and 8 dimensions, from
    /// the origin, to below 1e-8.
    @Test(arguments: [4, 8]) func minimizesRosenbrock(n: Int) {
        let r = CMAES.minimize(origin: [Double](repeating: 0, count: n),
                               options: CMAES.Options(sigma: 0.5, maxEvaluations: 40_000, target: 1e-10), seed: 1,
                               CMAESTests.rosenbrock)
        #expect(r.value < 1e-8, "\(r.value) after \(r.evaluations) evaluations (\(r.stop))")
        for v in r.x { #expect(abs(v - 1) < 1e-3) }
    }

    /// A non-smooth objective: the max norm of a linear residual A x − b
    /// (a polyhedral valley), whose minimum is 0 at x = A⁻¹b.
    @Test func minimizesAMaxNormResidual() {
        let n = 6
        var rng = SplitMix64(seed: 11)
        let a = (0..<(n * n)).map { i in (i % (n + 1) == 0 ? 2.0 : 0) + Double(rng.next() >> 11) * 0x1p-53 - 0.5 }
        let solution = (0..<n).map { Double($0) - 2.5 }
        let b = (0..<n).map { i in (0..<n).reduce(0.0) { $0 + a[i * n + $1] * solution[$1] } }
        let f: ([Double]) -> Double = { x in
            var m = 0.0
            for i in 0..<n {
                var s = -b[i]
                for j in 0..<n { s += a[i * n + j] * x[j] }
                m = max(m, abs(s))
            }
            return m
        }
        let r = CMAES.minimize(origin: [Double](repeating: 0, count: n),
                               options: CMAES.Options(sigma: 1, maxEvaluations: 20_000, target: 1e-9), seed: 5, f)
        #expect(r.value < 1e-6, "\(r.value) after \(r.evaluations) evaluations (\(r.stop))")
        for i in 0..<n { #expect(abs(r.x[i] - solution[i]) < 1e-5) }
    }

    @Test func sameSeedSameBits() {
        func run(_ seed: UInt64) -> CMAES.Result {
            CMAES.minimize(origin: [0.3, -0.2, 0.1, 0.4, 0.0], scale: [1, 2, 0.5, 1, 1],
                           options: CMAES.Options(sigma: 0.3, maxEvaluations: 1500), seed: seed, CMAESTests.rosenbrock)
        }
        let a = run(42), b = run(42), c = run(43)
        #expect(a.x.map(\.bitPattern) == b.x.map(\.bitPattern))
        #expect(a.value.bitPattern == b.value.bitPattern)
        #expect(a.evaluations == b.evaluations && a.generations == b.generations)
        #expect(a.x.map(\.bitPattern) != c.x.map(\.bitPattern))
    }

    /// A real problem: the degree-3 Horner program for exp on
    /// [−ln2/16, ln2/16], tuned by max relative error on a grid from the
    /// Taylor coefficients in relative coordinates, gets within 2× of the
    /// minimax (Remez) error — and the Lawson tuner's.
    @Test func fitsTheCubicForExpNearTheMinimax() {
        let h = 0x1.62e42fefa39efp-1 / 16
        let xs = (0...256).map { -h + 2 * h * Double($0) / 256 }
        let ys = xs.map { exp($0) }
        let taylor = [1, 1, 0.5, 1.0 / 6]
        let program = Remez.horner(taylor, fused: false)
        func maxRelative(_ c: [Double]) -> Double {
            var p = program
            p.constants = c
            var reg = [Double](repeating: 0, count: p.count * xs.count)
            xs.withUnsafeBufferPointer { ip in
                reg.withUnsafeMutableBufferPointer { rp in
                    Interpreter.run(p, inputs: [ip.baseAddress!], count: xs.count, fused: false, registers: rp.baseAddress!)
                }
            }
            var e = 0.0
            for s in xs.indices { e = max(e, abs(reg[p.output * xs.count + s] - ys[s]) / ys[s]) }
            return e
        }
        let start = program.constants
        let r = CMAES.minimize(origin: start, scale: start.map(abs),
                               options: CMAES.Options(sigma: 1e-4, maxEvaluations: 6000), seed: 3, maxRelative)
        let remez = Remez.minimax(degree: 3, on: (-h, h), relative: true, function: { exp($0) }).error
        var ws = Tuner.Workspace()
        let lawson = Tuner.minimax(program, x: xs, target: ys, weight: ys.map { 1 / $0 }, iterations: 60, workspace: &ws).error
        #expect(maxRelative(start) > 4 * remez)
        #expect(r.value < 2 * remez, "CMA-ES \(r.value), Remez \(remez), Lawson \(lawson), \(r.evaluations) evaluations (\(r.stop))")
        #expect(r.value < 2 * lawson)
    }

    @Test func tuningOptionsParseAndBadOnesAreRefused() throws {
        let base = #"{"function": "exp", "format": "binary16""#
        let plain = try Recipe.parse(Data((base + "}").utf8))
        #expect(plain.tuningMethod == "lawson" && plain.polishMethod == "walk")
        let both = try Recipe.parse(Data((base + #", "tuning": {"method": "both", "polishEvaluations": 50}}"#).utf8))
        #expect(both.tuningMethod == "both" && both.polishMethod == "cmaes" && both.polishEvaluations == 50)
        let walk = try Recipe.parse(Data((base + #", "tuning": {"polish": "walk+cmaes", "polishMaxMisrounded": 2}}"#).utf8))
        #expect(walk.tuningMethod == "lawson" && walk.polishMethod == "walk+cmaes" && walk.polishMaxMisrounded == 2)
        #expect { _ = try Recipe.parse(Data((base + #", "tuning": {"method": "nelder-mead"}}"#).utf8)) } throws: {
            "\($0)".contains("nelder-mead")
        }
        #expect { _ = try Recipe.parse(Data((base + #", "tuning": {"method": "cmaes", "sigmaa": 1}}"#).utf8)) } throws: {
            "\($0)".contains("sigmaa")
        }
    }

    /// A tiny real-number search tuned by CMA-ES alone runs, is
    /// deterministic, and finds a connected program with a finite error.
    @Test func cmaesTunedSearchIsDeterministic() throws {
        let text = tinyRealRecipe.replacingOccurrences(of: #""operations""#,
                                                       with: #""tuning": { "method": "cmaes", "evaluations": 60 }, "operations""#)
        let (dir, path) = try temporaryRecipe(text)
        func run(_ name: String) throws -> String {
            var o = SearchOptions(recipePath: path)
            o.seed = 3; o.output = dir + "/" + name; o.tables = dir; o.checkpointInterval = .infinity
            let outcome = try SearchRunner.run(o)
            #expect(outcome.best.error.isFinite && outcome.best.error < 0.1)
            return try String(contentsOfFile: dir + "/" + name, encoding: .utf8).replacingOccurrences(of: name, with: "x.json")
        }
        #expect(try run("a.json") == run("b.json"))
    }
}
