import EvoMathSpec
#if canImport(Glibc)
import Glibc
#endif

/// Variable projection with Loeb's linearization (`"tuning": {"method": "varpro"}`).
///
/// Every program is a DAG of + − × ÷ over the input and constants. Write its
/// output as `s·N/D` (a top-level division, possibly under negations; else
/// `D = 1`). The residual `s·N − f·D` is linear in every constant that enters
/// `N` and `D` affinely — jointly: a node is affine in a set `S` of constants
/// when every path from it to a constant of `S` passes only through `+`, `−`,
/// negation, and `×`/`fma` by subexpressions that do not depend on `S`; a
/// constant under a division's denominator (or a square root) is not affine.
/// The constants are split greedily (in program order) into the affine set
/// `S` and the nonlinear rest `L`.
///
/// - For fixed `L`, the constants of `S` are fitted by Loeb's iteration with
///   Lawson's weights: each step minimises `Σ u_i (w_i (s·N_i − f_i D_i) / |D_i^prev|)²`
///   (a linear weighted least-squares problem, solved by Householder QR on
///   column-scaled matrices, as a correction to the current constants with the
///   residual evaluated in double-double), then re-weights `u_i` by each
///   sample's share of the true error `w_i |N_i/D_i − f_i|`; the best iterate
///   (by the true max error in double-double) is kept.
/// - The constants of `L` (typically a few pole locations) are tuned by CMA-ES
///   over the projected objective `φ(L) = ` the max error after the inner fit
///   from the same starting constants — which removes the affine/nonlinear
///   coupling that makes the joint Jacobian ill-conditioned (cond ~1e15 for the
///   partial-fraction form of 2^x).
///
/// Engine-generic: nothing here knows the target function.
public enum VarPro {
    /// The split of a program's constants.
    public struct Structure: Equatable, Sendable {
        /// Sign of the output relative to `N/D` (negations above the division).
        public var sign: Double
        /// Nodes of the numerator and denominator (`denominator` nil: `D = 1`).
        public var numerator: Int
        public var denominator: Int?
        /// Positions in `program.constants` of the affine and nonlinear constants.
        public var affine: [Int]
        public var nonlinear: [Int]
    }

    /// The output's `N/D` decomposition and the greedy joint-affine split.
    public static func structure(_ p: Program) -> Structure {
        var o = p.output
        var sign = 1.0
        while p.instructions[o].op == .neg { sign = -sign; o = p.instructions[o].a }
        var numerator = o
        var denominator: Int? = nil
        if p.instructions[o].op == .div { numerator = p.instructions[o].a; denominator = p.instructions[o].b }
        let slots = p.constantIndexes
        guard slots.count <= 64 else {
            return Structure(sign: sign, numerator: numerator, denominator: denominator, affine: [],
                             nonlinear: Array(slots.indices))
        }
        var slotOf = [Int: Int]()
        for (k, i) in slots.enumerated() { slotOf[i] = k }
        // Dependencies: bit k set when the node depends on constant k.
        var deps = [UInt64](repeating: 0, count: p.count)
        for (i, x) in p.instructions.enumerated() {
            switch x.op {
            case .constant: deps[i] = 1 << UInt64(slotOf[i]!)
            case .input: deps[i] = 0
            default:
                var d: UInt64 = 0
                for a in operands(x) { d |= deps[a] }
                deps[i] = d
            }
        }
        func affine(_ root: Int, _ s: UInt64) -> Bool {
            var memo = [Int: Bool]()
            func go(_ v: Int) -> Bool {
                if deps[v] & s == 0 { return true }
                if let m = memo[v] { return m }
                let x = p.instructions[v]
                let r: Bool
                switch x.op {
                case .constant, .input: r = true
                case .add, .sub: r = go(x.a) && go(x.b)
                case .neg: r = go(x.a)
                case .mul: r = (deps[x.a] & s == 0 || deps[x.b] & s == 0) && go(x.a) && go(x.b)
                case .fma: r = (deps[x.a] & s == 0 || deps[x.b] & s == 0) && go(x.a) && go(x.b) && go(x.c)
                case .div: r = deps[x.b] & s == 0 && go(x.a)
                case .sqrt: r = false
                }
                memo[v] = r
                return r
            }
            return go(root)
        }
        var s: UInt64 = 0
        var affineSet: [Int] = [], nonlinear: [Int] = []
        for k in slots.indices {
            let t = s | (1 << UInt64(k))
            let used = (deps[numerator] | (denominator.map { deps[$0] } ?? 0)) & (1 << UInt64(k)) != 0
            if used && affine(numerator, t) && (denominator.map { affine($0, t) } ?? true) {
                s = t
                affineSet.append(k)
            } else {
                nonlinear.append(k)
            }
        }
        return Structure(sign: sign, numerator: numerator, denominator: denominator, affine: affineSet,
                         nonlinear: nonlinear)
    }

    static func operands(_ x: Instruction) -> [Int] {
        switch x.op {
        case .constant, .input: return []
        case .neg, .sqrt: return [x.a]
        case .fma: return [x.a, x.b, x.c]
        default: return [x.a, x.b]
        }
    }

    /// Workspace for the inner fit.
    public struct Workspace {
        var dd: [DoubleDouble] = []
        var d: [Double] = []
        var input: [DoubleDouble] = []
        public init() {}
    }

    /// Max weighted error of `p` in double-double; also leaves `N`, `D` (as
    /// Double) and the residual `s·N − f·D` (double-double, rounded) per sample.
    static func evaluate(_ p: Program, _ st: Structure, samples: KernelSamples, ws: inout Workspace,
                         numerator: inout [Double], denominator: inout [Double], residual: inout [Double]) -> Double {
        let n = samples.x.count
        if ws.input.count != n { ws.input = samples.x.map { DoubleDouble($0) } }
        if ws.dd.count < p.count * n { ws.dd = [DoubleDouble](repeating: DoubleDouble(0), count: p.count * n) }
        if numerator.count != n { numerator = [Double](repeating: 0, count: n) }
        if denominator.count != n { denominator = [Double](repeating: 1, count: n) }
        if residual.count != n { residual = [Double](repeating: 0, count: n) }
        var e = 0.0
        ws.input.withUnsafeBufferPointer { ip in
            ws.dd.withUnsafeMutableBufferPointer { reg in
                Interpreter.runReal(p, inputs: [ip.baseAddress!], count: n, registers: reg.baseAddress!)
                let out = reg.baseAddress! + p.output * n
                let num = reg.baseAddress! + st.numerator * n
                let den = st.denominator.map { reg.baseAddress! + $0 * n }
                for i in 0..<n {
                    let f = DoubleDouble(samples.target[i], samples.targetLow[i])
                    let dv = den.map { $0[i] } ?? DoubleDouble(1)
                    let nv = st.sign < 0 ? -num[i] : num[i]
                    numerator[i] = nv.value
                    denominator[i] = dv.value
                    residual[i] = (nv - f * dv).value
                    let r = abs((out[i] - f).value) * samples.weight[i]
                    if !(r <= e) { e = r.isNaN ? .infinity : r }
                }
            }
        }
        return e
    }

    /// Loeb–Lawson fit of the affine constants of `p` (others fixed), from
    /// `p`'s constants; returns the best constants seen and their error.
    /// `patience` > 0 stops after that many iterations in a row without a new
    /// best (the search's setting, 4: cheaper, but it makes the projected
    /// objective rougher); 0 runs all `iterations`.
    public static func fitAffine(_ p0: Program, _ st: Structure, samples: KernelSamples, iterations: Int,
                                 patience: Int = 4,
                                 ws: inout Workspace) -> (constants: [Double], error: Double) {
        var p = p0
        var num: [Double] = [], den: [Double] = [], res: [Double] = []
        let e0 = evaluate(p, st, samples: samples, ws: &ws, numerator: &num, denominator: &den, residual: &res)
        var best = (p.constants, e0)
        let k = st.affine.count
        if k == 0 || iterations == 0 { return best }
        let n = samples.x.count
        let slots = p.constantIndexes
        var u = [Double](repeating: 1, count: n)
        var a = [Double](repeating: 0, count: n * k)  // column-major
        var b = [Double](repeating: 0, count: n)
        var reg = [Double](repeating: 0, count: p.count * n)
        var current = e0
        var worse = 0
        for _ in 0..<iterations {
            // Columns: exact differences of the affine residual (s·N − f·D).
            let c = p.constants
            func residualDouble(_ q: Program, into out: UnsafeMutablePointer<Double>) {
                samples.x.withUnsafeBufferPointer { ip in
                    reg.withUnsafeMutableBufferPointer { rb in
                        Interpreter.run(q, inputs: [ip.baseAddress!], count: n, fused: false, registers: rb.baseAddress!)
                        let nb = rb.baseAddress! + st.numerator * n
                        for i in 0..<n {
                            let dv = st.denominator.map { rb[$0 * n + i] } ?? 1
                            out[i] = st.sign * nb[i] - samples.target[i] * dv
                        }
                    }
                }
            }
            var base = [Double](repeating: 0, count: n)
            base.withUnsafeMutableBufferPointer { residualDouble(p, into: $0.baseAddress!) }
            var q = p
            for (j, kk) in st.affine.enumerated() {
                let h = max(1, abs(c[kk]))
                q.instructions[slots[kk]].value = c[kk] + h
                a.withUnsafeMutableBufferPointer { ab in
                    let col = ab.baseAddress! + j * n
                    residualDouble(q, into: col)
                    for i in 0..<n { col[i] = (col[i] - base[i]) / h }
                }
                q.instructions[slots[kk]].value = c[kk]
            }
            // Row weights: Lawson × relative weight / |D_prev|.
            for i in 0..<n {
                let d = abs(den[i])
                let w = (d > 0 && d.isFinite ? samples.weight[i] / d : samples.weight[i]) * u[i].squareRoot()
                for j in 0..<k { a[j * n + i] *= w }
                b[i] = -res[i] * w
            }
            guard let delta = leastSquares(a, b, rows: n, columns: k) else { break }
            var trial = c
            for (j, kk) in st.affine.enumerated() { trial[kk] += delta[j] }
            p.constants = trial
            let e = evaluate(p, st, samples: samples, ws: &ws, numerator: &num, denominator: &den, residual: &res)
            if !e.isFinite { break }
            if e < best.1 { best = (trial, e); worse = 0 } else { worse += 1; if patience > 0 && worse >= patience { break } }
            if e > current * 1e3 && e > best.1 * 1e3 { break }
            current = e
            // Lawson: each sample's share of the true error.
            var total = 0.0
            for i in 0..<n {
                let r = den[i] != 0 ? abs(res[i] / den[i]) * samples.weight[i] : .infinity
                u[i] *= r.isFinite ? r : 1
                total += u[i]
            }
            if !(total > 0) || !total.isFinite { break }
            for i in 0..<n { u[i] = max(u[i] / total, 1e-30) }
        }
        return best
    }

    /// The complete tuner: CMA-ES over the nonlinear constants, each trial
    /// projected by the affine fit (`inner`: Loeb–Lawson, `fitAffine`, or the
    /// differential correction, `fitExact`, with `innerIterations` steps);
    /// then a final, longer affine fit.
    public static func tune(_ program: Program, samples: KernelSamples, innerIterations: Int, outerEvaluations: Int,
                            sigma: Double, seed: UInt64, round: (Double) -> Double, patience: Int = 4,
                            inner: InnerFit = .lawson,
                            ws: inout Workspace) -> (constants: [Double], error: Double) {
        let st = structure(program)
        var p = program
        func fitAffine(_ p: Program, _ st: Structure, samples: KernelSamples, iterations: Int, patience: Int,
                       ws: inout Workspace) -> (constants: [Double], error: Double) {
            inner == .exact ? fitExact(p, st, samples: samples, steps: iterations, ws: &ws)
                : VarPro.fitAffine(p, st, samples: samples, iterations: iterations, patience: patience, ws: &ws)
        }
        if st.nonlinear.isEmpty || outerEvaluations <= 1 {
            let r = fitAffine(p, st, samples: samples, iterations: innerIterations * 2, patience: patience, ws: &ws)
            return (r.constants.map(round), r.error)
        }
        let start = program.constants
        let origin = st.nonlinear.map { start[$0] }
        var best = fitAffine(p, st, samples: samples, iterations: innerIterations, patience: patience, ws: &ws)
        let options = CMAES.Options(sigma: sigma, maxEvaluations: outerEvaluations, target: 0,
                                    functionTolerance: 0, stepTolerance: 0x1p-50)
        let scale = origin.map { $0 != 0 && $0.isFinite ? abs($0) : 1 }
        _ = CMAES.minimize(origin: origin, scale: scale, options: options, seed: seed) { x in
            var c = start
            for (j, kk) in st.nonlinear.enumerated() { c[kk] = round(x[j]) }
            p.constants = c
            let r = fitAffine(p, st, samples: samples, iterations: innerIterations, patience: patience, ws: &ws)
            if r.error < best.error { best = r }
            return r.error
        }
        p.constants = best.constants
        let r = fitAffine(p, st, samples: samples, iterations: innerIterations * 2, patience: patience, ws: &ws)
        if r.error < best.error { best = r }
        return (best.constants.map(round), best.error)
    }

    /// Householder QR least squares `min ‖A x − b‖` (A column-major, rows ×
    /// columns), each column scaled to unit norm first; columns of zero norm
    /// get 0. Nil when the system is numerically rank-deficient.
    public static func leastSquares(_ a0: [Double], _ b0: [Double], rows n: Int, columns k: Int) -> [Double]? {
        var a = a0, b = b0
        var scale = [Double](repeating: 1, count: k)
        var active = [Bool](repeating: true, count: k)
        for j in 0..<k {
            var s = 0.0
            for i in 0..<n { s += a[j * n + i] * a[j * n + i] }
            s = s.squareRoot()
            if !(s > 0) || !s.isFinite { active[j] = false; scale[j] = 0; continue }
            scale[j] = 1 / s
            for i in 0..<n { a[j * n + i] /= s }
        }
        let cols = (0..<k).filter { active[$0] }
        guard cols.count <= n else { return nil }
        var rdiag = [Double](repeating: 0, count: k)
        for (step, j) in cols.enumerated() {
            // Householder vector for column j, rows step..<n.
            var norm = 0.0
            for i in step..<n { norm += a[j * n + i] * a[j * n + i] }
            norm = norm.squareRoot()
            if !(norm > 1e-14) { return nil }
            let alpha = a[j * n + step] > 0 ? -norm : norm
            a[j * n + step] -= alpha
            var vnorm2 = 0.0
            for i in step..<n { vnorm2 += a[j * n + i] * a[j * n + i] }
            rdiag[j] = alpha
            if vnorm2 == 0 { continue }
            // Apply to the remaining columns and b.
            for j2 in cols[(step + 1)...] {
                var dot = 0.0
                for i in step..<n { dot += a[j * n + i] * a[j2 * n + i] }
                let f = 2 * dot / vnorm2
                for i in step..<n { a[j2 * n + i] -= f * a[j * n + i] }
            }
            var dot = 0.0
            for i in step..<n { dot += a[j * n + i] * b[i] }
            let f = 2 * dot / vnorm2
            for i in step..<n { b[i] -= f * a[j * n + i] }
        }
        // Back substitution: R x = Qᵀb (R's diagonal in rdiag, above it in a).
        var x = [Double](repeating: 0, count: k)
        for (step, j) in cols.enumerated().reversed() {
            var s = b[step]
            for j2 in cols[(step + 1)...] { s -= a[j2 * n + step] * x[j2] }
            x[j] = s / rdiag[j]
        }
        for j in 0..<k { x[j] *= scale[j] }
        return x.allSatisfy(\.isFinite) ? x : nil
    }
}

// MARK: The exact inner fit (differential correction)

extension VarPro {
    /// The inner fit of `tune`: Loeb–Lawson least squares (`lawson`, the
    /// default) or the differential-correction algorithm (`exact`, `fitExact`);
    /// the recipe's `"tuning": {"inner": …}` type.
    public typealias InnerFit = RecipeFile.InnerFit

    /// The minimax fit of the affine constants of `p` (others fixed) by the
    /// differential-correction algorithm (Cheney–Loeb; Barrodale, Powell and
    /// Roberts 1972): `N` and `D` are affine in those constants, so with the
    /// current error `δ` each step solves exactly the linear program
    ///
    ///     min t  s.t.  ±w_i (s·N_i(c) − f_i D_i(c)) − δ σ_i D_i(c) ≤ t |D_i(c_k)|   (every sample i)
    ///
    /// (`σ_i` the sign of `D_i(c_k)`; `t ≤ 0` at the optimum, which keeps
    /// `σ_i D_i > 0` at every sample), by a dense two-phase simplex on its dual
    /// (`chebyshevLP`), with a trust box of 10⁶·δ on each constant's change
    /// of the residual. The discrete minimax on the samples is its fixed point;
    /// each accepted step lowers the max error measured in double-double.
    /// Stops after `steps` steps or when a step gains less than 0.1 %.
    /// A start whose error is not finite (a pole on a sample) is first fitted
    /// by `fitAffine`.
    public static func fitExact(_ p0: Program, _ st: Structure, samples: KernelSamples, steps: Int,
                                ws: inout Workspace) -> (constants: [Double], error: Double) {
        var p = p0
        var num: [Double] = [], den: [Double] = [], res: [Double] = []
        var e = evaluate(p, st, samples: samples, ws: &ws, numerator: &num, denominator: &den, residual: &res)
        let k = st.affine.count
        if k == 0 || steps == 0 { return (p.constants, e) }
        if !e.isFinite {
            let r = fitAffine(p, st, samples: samples, iterations: 8, patience: 4, ws: &ws)
            if !r.error.isFinite { return r }
            p.constants = r.constants
            e = evaluate(p, st, samples: samples, ws: &ws, numerator: &num, denominator: &den, residual: &res)
        }
        var best = (p.constants, e)
        let n = samples.x.count
        let slots = p.constantIndexes
        var reg = [Double](repeating: 0, count: p.count * n)
        // Residual s·N − f·D and D of `q` in Double (for the exact differences).
        func residualAndDenominator(_ q: Program, _ r: inout [Double], _ d: inout [Double]) {
            samples.x.withUnsafeBufferPointer { ip in
                reg.withUnsafeMutableBufferPointer { rb in
                    Interpreter.run(q, inputs: [ip.baseAddress!], count: n, fused: false, registers: rb.baseAddress!)
                    for i in 0..<n {
                        let dv = st.denominator.map { rb[$0 * n + i] } ?? 1
                        r[i] = st.sign * rb[st.numerator * n + i] - samples.target[i] * dv
                        d[i] = dv
                    }
                }
            }
        }
        var r0 = [Double](repeating: 0, count: n), d0 = r0, r1 = r0, d1 = r0
        var gr = [Double](repeating: 0, count: n * k), gd = gr
        let m = k + 1, columns = 2 * n + 2 * k
        var lpE = [Double](repeating: 0, count: m * columns)
        var lpR = [Double](repeating: 0, count: columns)
        var rhs = [Double](repeating: 0, count: m)
        rhs[k] = 1
        for _ in 0..<steps {
            let c = p.constants
            let delta = e
            residualAndDenominator(p, &r0, &d0)
            var q = p
            for (j, kk) in st.affine.enumerated() {
                let h = max(1, abs(c[kk]))
                q.instructions[slots[kk]].value = c[kk] + h
                residualAndDenominator(q, &r1, &d1)
                for i in 0..<n {
                    gr[j * n + i] = (r1[i] - r0[i]) / h
                    gd[j * n + i] = (d1[i] - d0[i]) / h
                }
                q.instructions[slots[kk]].value = c[kk]
            }
            // Rows (divided by |D_i| and δ): P·z − t ≤ r̂, z_j = Δc_j·scale_j/δ.
            var scale = [Double](repeating: 0, count: k)
            for i in 0..<n {
                let ad = abs(den[i])
                guard ad > 0, ad.isFinite else { return best }
                let w = samples.weight[i] / ad
                let sigma: Double = den[i] > 0 ? 1 : -1
                for j in 0..<k {
                    let a = w * gr[j * n + i], b = delta * sigma * gd[j * n + i] / ad
                    lpE[j * columns + 2 * i] = a - b
                    lpE[j * columns + 2 * i + 1] = -a - b
                    scale[j] = max(scale[j], abs(a) + abs(b))
                }
                lpE[k * columns + 2 * i] = 1
                lpE[k * columns + 2 * i + 1] = 1
                lpR[2 * i] = -w * res[i] / delta + 1
                lpR[2 * i + 1] = w * res[i] / delta + 1
            }
            for j in 0..<k {
                let s = scale[j] > 0 && scale[j].isFinite ? 1 / scale[j] : 0
                scale[j] = s
                for i in 0..<(2 * n) { lpE[j * columns + i] *= s }
                // Trust box ±z_j ≤ 10⁶.
                for jj in 0..<k {
                    lpE[jj * columns + 2 * n + 2 * j] = jj == j ? 1 : 0
                    lpE[jj * columns + 2 * n + 2 * j + 1] = jj == j ? -1 : 0
                }
                lpE[k * columns + 2 * n + 2 * j] = 0
                lpE[k * columns + 2 * n + 2 * j + 1] = 0
                lpR[2 * n + 2 * j] = 1e6
                lpR[2 * n + 2 * j + 1] = 1e6
            }
            guard let y = chebyshevLP(lpE, lpR, rhs, rows: m, columns: columns) else { break }
            var trial = c
            for (j, kk) in st.affine.enumerated() { trial[kk] += y[j] * delta * scale[j] }
            p.constants = trial
            let e1 = evaluate(p, st, samples: samples, ws: &ws, numerator: &num, denominator: &den, residual: &res)
            guard e1 < e else { break }
            best = (trial, e1)
            let gain = (e - e1) / e
            e = e1
            if gain < 1e-3 { break }
        }
        return best
    }

    /// A dense two-phase simplex for `min rᵀλ s.t. Eλ = b, λ ≥ 0` (E row-major,
    /// rows × columns, b ≥ 0); returns the optimal dual `y` (`Eᵀy ≤ r`,
    /// maximising `bᵀy`), read from the reduced costs of the artificial
    /// columns. Dantzig's rule, Bland's after runs of degenerate pivots. Nil
    /// when infeasible, unbounded or out of iterations.
    public static func chebyshevLP(_ e: [Double], _ r: [Double], _ b: [Double], rows m: Int, columns nc: Int) -> [Double]? {
        let w = nc + m  // tableau width (artificials last)
        var t = [Double](repeating: 0, count: m * w)
        var rhs = b
        for i in 0..<m {
            for j in 0..<nc { t[i * w + j] = e[i * nc + j] }
            t[i * w + nc + i] = 1
        }
        var basis = Array(nc..<(nc + m))
        var d = [Double](repeating: 0, count: w)
        var obj = 0.0
        let tol = 1e-11
        func pivot(_ row: Int, _ col: Int) {
            let pv = t[row * w + col]
            for j in 0..<w { t[row * w + j] /= pv }
            rhs[row] /= pv
            for i in 0..<m where i != row {
                let f = t[i * w + col]
                if f == 0 { continue }
                for j in 0..<w { t[i * w + j] -= f * t[row * w + j] }
                rhs[i] -= f * rhs[row]
            }
            let f = d[col]
            if f != 0 {
                for j in 0..<w { d[j] -= f * t[row * w + j] }
                obj -= f * rhs[row]
            }
            basis[row] = col
        }
        // Returns false when unbounded or out of iterations.
        func run(allowed: Int) -> Bool {
            var degenerate = 0
            for _ in 0..<(50 * m + 1000) {
                var col = -1
                if degenerate < 20 {
                    var most = -tol
                    for j in 0..<allowed where d[j] < most { most = d[j]; col = j }
                } else {
                    for j in 0..<allowed where d[j] < -tol { col = j; break }
                }
                if col < 0 { return true }
                var row = -1
                var ratio = Double.infinity
                for i in 0..<m {
                    let a = t[i * w + col]
                    if a > tol {
                        let q = rhs[i] / a
                        if q < ratio || (q == ratio && basis[i] < basis[row]) { ratio = q; row = i }
                    }
                }
                if row < 0 { return false }
                degenerate = ratio <= 1e-14 ? degenerate + 1 : 0
                pivot(row, col)
            }
            return false
        }
        // Phase 1: minimise the sum of the artificials.
        for j in 0..<nc {
            var s = 0.0
            for i in 0..<m { s += t[i * w + j] }
            d[j] = -s
        }
        obj = -rhs.reduce(0, +)
        guard run(allowed: nc), -obj <= 1e-9 else { return nil }
        // Artificials left in the basis at level zero leave it where they can.
        for i in 0..<m where basis[i] >= nc {
            var best = -1
            var big = 1e-9
            for j in 0..<nc where abs(t[i * w + j]) > big { big = abs(t[i * w + j]); best = j }
            if best >= 0 { pivot(i, best) }
        }
        // Phase 2: the true costs.
        for j in 0..<w {
            var s = j < nc ? r[j] : 0
            for i in 0..<m where basis[i] < nc { s -= r[basis[i]] * t[i * w + j] }
            d[j] = s
        }
        obj = 0
        guard run(allowed: nc) else { return nil }
        let y = (0..<m).map { -d[nc + $0] }
        return y.allSatisfy(\.isFinite) ? y : nil
    }
}
