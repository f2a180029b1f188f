/// Coefficient optimizers.
///
/// `Tuner.minimax` re-tunes a program's constants to minimise the maximum
/// weighted error `max_i w_i |p(x_i) − f_i|` over a sample set: Lawson's
/// iteratively reweighted least squares, each least-squares step a damped
/// Gauss–Newton step on the program's exact Jacobian (forward mode). Where the
/// program is linear in its constants, a step is the exact weighted
/// least-squares solution and Lawson's iteration converges to the discrete
/// minimax (the LP optimum); elsewhere it is a local minimax refinement.
public enum Tuner {
    public struct Workspace {
        var values: [Double] = []
        var jacobian: [Double] = []
        var scratch: [Double] = []
        var tangents: [Double] = []
        public init() {}
    }

    /// Returns the tuned constants and the weighted max error of the Double
    /// evaluation at them.
    public static func minimax(_ program: Program, x: [Double], target: [Double], weight: [Double],
                               iterations: Int, workspace ws: inout Workspace) -> (constants: [Double], error: Double) {
        let n = x.count
        var c = program.constants
        let m = c.count
        var p = program
        func maxError(_ v: [Double]) -> Double {
            var e = 0.0
            for s in 0..<n {
                let r = abs(v[s] - target[s]) * weight[s]
                if !(r <= e) { e = r.isNaN ? .infinity : max(e, r) }
            }
            return e
        }
        Interpreter.runWithGradient(p, input: x, values: &ws.values, jacobian: &ws.jacobian,
                                    scratch: &ws.scratch, tangents: &ws.tangents)
        var best = (c, maxError(ws.values))
        if m == 0 || iterations == 0 { return best }
        var u = [Double](repeating: 1.0 / Double(n), count: n)
        var damping = 1e-9
        var current = best.1
        for _ in 0..<iterations {
            // Normal equations of min Σ u (w (r + J δ))² + damping·diag.
            var a = [Double](repeating: 0, count: m * m)
            var g = [Double](repeating: 0, count: m)
            ws.jacobian.withUnsafeBufferPointer { J in
                for s in 0..<n {
                    let ws2 = u[s] * weight[s] * weight[s]
                    if ws2 == 0 { continue }
                    let r = ws.values[s] - target[s]
                    for i in 0..<m {
                        let ji = J[i * n + s] * ws2
                        g[i] -= ji * r
                        for j in i..<m { a[i * m + j] += ji * J[j * n + s] }
                    }
                }
            }
            for i in 0..<m { for j in 0..<i { a[i * m + j] = a[j * m + i] } }
            for i in 0..<m { a[i * m + i] = a[i * m + i] * (1 + damping) + 1e-300 }
            guard let delta = solve(a, g, m) else { break }
            var trial = c
            for i in 0..<m { trial[i] += delta[i] }
            p.constants = trial
            Interpreter.runWithGradient(p, input: x, values: &ws.values, jacobian: &ws.jacobian,
                                        scratch: &ws.scratch, tangents: &ws.tangents)
            let e = maxError(ws.values)
            if !e.isFinite || e > current * 4 {
                // A bad step for a nonlinear program: back off.
                damping = max(damping * 16, 1e-6)
                p.constants = c
                Interpreter.runWithGradient(p, input: x, values: &ws.values, jacobian: &ws.jacobian,
                                            scratch: &ws.scratch, tangents: &ws.tangents)
                if damping > 1e6 { break }
                continue
            }
            damping = max(damping / 4, 1e-12)
            c = trial
            current = e
            if e < best.1 { best = (c, e) }
            // Lawson: weight each sample by its share of the error.
            var total = 0.0
            for s in 0..<n {
                u[s] *= abs(ws.values[s] - target[s]) * weight[s]
                total += u[s]
            }
            if !(total > 0) { break }
            for s in 0..<n { u[s] = max(u[s] / total, 1e-30) }
        }
        return best
    }

    /// Solves the symmetric system `a x = b` (Gaussian elimination with
    /// partial pivoting); nil when singular.
    static func solve(_ a0: [Double], _ b0: [Double], _ m: Int) -> [Double]? {
        var a = a0, b = b0
        for col in 0..<m {
            var piv = col
            for r in (col + 1)..<max(col + 1, m) where abs(a[r * m + col]) > abs(a[piv * m + col]) { piv = r }
            if !(abs(a[piv * m + col]) > 0) { return nil }
            if piv != col {
                for k in 0..<m { a.swapAt(col * m + k, piv * m + k) }
                b.swapAt(col, piv)
            }
            let d = a[col * m + col]
            for r in (col + 1)..<max(col + 1, m) {
                let f = a[r * m + col] / d
                if f == 0 { continue }
                for k in col..<m { a[r * m + k] -= f * a[col * m + k] }
                b[r] -= f * b[col]
            }
        }
        var x = [Double](repeating: 0, count: m)
        for r in stride(from: m - 1, through: 0, by: -1) {
            var s = b[r]
            for k in (r + 1)..<max(r + 1, m) { s -= a[r * m + k] * x[k] }
            x[r] = s / a[r * m + r]
        }
        return x.allSatisfy(\.isFinite) ? x : nil
    }
}

/// Minimax polynomials by the Remez exchange algorithm, the engine's own
/// baseline and seeds.
public enum Remez {
    /// The degree-`degree` polynomial minimising `max |p(x) − f(x)|·w(x)` on
    /// `[a, b]` (relative error: `w = 1/|f|`), coefficients lowest first, and
    /// its error on a dense grid.
    public static func minimax(degree: Int, on interval: (Double, Double), relative: Bool,
                               function f: (Double) -> Double, grid: Int = 20_000) -> (coefficients: [Double], error: Double) {
        let (lo, hi) = interval
        let n = degree + 2
        let xs = (0...grid).map { lo + (hi - lo) * Double($0) / Double(grid) }
        let fs = xs.map(f)
        let ws = fs.map { relative ? 1 / abs($0) : 1 }
        // Chebyshev extrema as the first reference.
        var ref = (0..<n).map { i -> Int in
            let t = (1 - cospi(Double(i) / Double(n - 1))) / 2
            return Int((t * Double(grid)).rounded())
        }
        var coefficients = [Double](repeating: 0, count: degree + 1)
        var error = Double.infinity
        // Scale x to [-1, 1] for conditioning: p(x) = q(t), t = (2x − lo − hi)/(hi − lo).
        let mid = (lo + hi) / 2, half = (hi - lo) / 2
        var q = [Double](repeating: 0, count: degree + 1)
        func evalQ(_ x: Double) -> Double {
            let t = (x - mid) / half
            var s = 0.0
            for c in q.reversed() { s = s * t + c }
            return s
        }
        var bestQ = q, bestError = Double.infinity
        for _ in 0..<60 {
            // Solve Σ q_j t_i^j + (−1)^i E / w_i = f_i.
            var a = [Double](repeating: 0, count: n * n)
            var b = [Double](repeating: 0, count: n)
            for (r, gi) in ref.enumerated() {
                let t = (xs[gi] - mid) / half
                var tp = 1.0
                for j in 0...degree { a[r * n + j] = tp; tp *= t }
                a[r * n + degree + 1] = (r % 2 == 0 ? 1 : -1) / ws[gi]
                b[r] = fs[gi]
            }
            guard let sol = gauss(a, b, n) else { break }
            q = Array(sol[0...degree])
            // New reference: the extrema of the error, alternating in sign.
            let e = (0...grid).map { (evalQ(xs[$0]) - fs[$0]) * ws[$0] }
            var extrema: [Int] = []
            var i = 0
            while i <= grid {
                // One extremum per run of equal sign.
                var j = i, best = i
                while j <= grid && (e[j] >= 0) == (e[i] >= 0) {
                    if abs(e[j]) > abs(e[best]) { best = j }
                    j += 1
                }
                extrema.append(best)
                i = j
            }
            while extrema.count > n {
                // Drop the smaller end or merge the weakest neighbours.
                if abs(e[extrema.first!]) < abs(e[extrema.last!]) { extrema.removeFirst() } else { extrema.removeLast() }
            }
            let newError = e.map(abs).max() ?? .infinity
            let levelled = extrema.map { abs(e[$0]) }.min() ?? 0
            // Near double precision the exchange can wander: keep the best.
            if newError < bestError { bestError = newError; bestQ = q }
            if extrema.count < n { break }
            ref = extrema
            if newError - levelled <= newError * 1e-6 { break }
        }
        q = bestQ
        error = bestError
        // Expand q(t) into powers of x.
        var p = [Double](repeating: 0, count: degree + 1)
        // t = α x + β
        let alpha = 1 / half, beta = -mid / half
        var power = [1.0]  // coefficients of t^k in x
        for k in 0...degree {
            for (j, c) in power.enumerated() { p[j] += q[k] * c }
            var next = [Double](repeating: 0, count: power.count + 1)
            for (j, c) in power.enumerated() { next[j] += c * beta; next[j + 1] += c * alpha }
            power = next
        }
        coefficients = p
        return (coefficients, error)
    }

    static func gauss(_ a: [Double], _ b: [Double], _ n: Int) -> [Double]? { Tuner.solve(a, b, n) }

    /// Horner form of a polynomial as a program over one input: one
    /// multiply-add per degree (`fma` when `fused`, else `mul` then `add`).
    public static func horner(_ coefficients: [Double], fused: Bool, input: String = "r") -> Program {
        var ins: [Instruction] = [.input(0)]
        ins.append(.constant(coefficients.last!))
        var acc = 1
        for c in coefficients.dropLast().reversed() {
            ins.append(.constant(c))
            let k = ins.count - 1
            if fused {
                ins.append(Instruction(.fma, acc, 0, k))
            } else {
                ins.append(Instruction(.mul, acc, 0))
                ins.append(Instruction(.add, ins.count - 1, k))
            }
            acc = ins.count - 1
        }
        return Program(inputNames: [input], instructions: ins)
    }
}

#if canImport(Glibc)
import Glibc
#endif
func cospi(_ x: Double) -> Double { cos(Double.pi * x) }
