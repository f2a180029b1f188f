import EvoMathReference
#if canImport(Glibc)
import Glibc
#endif

/// Standard normal deviates from the engine's SplitMix64 (Box–Muller, the
/// second deviate of each pair kept for the next call): deterministic for a
/// seed.
public struct NormalGenerator: Sendable {
    public var rng: SplitMix64
    var spare: Double?

    public init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    public mutating func next() -> Double {
        if let s = spare { spare = nil; return s }
        let u1 = (Double(rng.next() >> 11) + 1) * 0x1p-53  // (0, 1]
        let u2 = Double(rng.next() >> 11) * 0x1p-53        // [0, 1)
        let r = (-2 * log(u1)).squareRoot()
        let t = 2 * Double.pi * u2
        spare = r * sin(t)
        return r * cos(t)
    }
}

/// The covariance matrix adaptation evolution strategy, Hansen's standard
/// (μ/μ_w, λ)-CMA-ES: weighted recombination of the best half, cumulative
/// step-size adaptation (path length control), rank-one and rank-μ updates of
/// the covariance, an eigendecomposition (cyclic Jacobi) every generation.
/// It needs only the objective's values, so it tunes constants where the
/// Gauss–Newton step of `Tuner` does not apply: objectives evaluated in
/// rounded arithmetic, counts of misrounded results, maxima of non-smooth
/// residuals.
///
/// Search happens in scaled coordinates: `x = origin + scale ⊙ u`, `u`
/// starting at 0 with step size `sigma` (with `scale = |origin|`, `u` is a
/// relative perturbation of each constant). Deterministic for a seed.
public enum CMAES {
    public struct Options: Sendable {
        /// Initial step size in scaled coordinates.
        public var sigma: Double
        /// λ, the offspring per generation (default 4 + ⌊3 ln n⌋).
        public var populationSize: Int?
        /// Objective evaluations allowed (the start point counts as one).
        public var maxEvaluations: Int
        /// Stop as soon as a value ≤ this is found.
        public var target: Double
        /// Stop when the best values of recent generations and the current
        /// generation's values span less than this.
        public var functionTolerance: Double
        /// Stop when σ·max √C_ii (scaled coordinates) falls below this.
        public var stepTolerance: Double

        public init(sigma: Double, populationSize: Int? = nil, maxEvaluations: Int = 10_000,
                    target: Double = -.infinity, functionTolerance: Double = 1e-13, stepTolerance: Double = 1e-13) {
            self.sigma = sigma
            self.populationSize = populationSize
            self.maxEvaluations = maxEvaluations
            self.target = target
            self.functionTolerance = functionTolerance
            self.stepTolerance = stepTolerance
        }
    }

    public struct Result: Sendable {
        /// The best point found (original coordinates) and its value.
        public var x: [Double]
        public var value: Double
        public var evaluations: Int
        public var generations: Int
        /// Why it stopped: target, evaluations, tolFun, tolX, condition.
        public var stop: String
    }

    /// Minimises `f` starting from `origin`. NaN values count as +∞.
    public static func minimize(origin: [Double], scale scale0: [Double]? = nil, options: Options, seed: UInt64,
                                _ f: ([Double]) -> Double) -> Result {
        let n = origin.count
        func value(_ x: [Double]) -> Double { let v = f(x); return v.isNaN ? .infinity : v }
        var best = (x: origin, f: value(origin))
        var evaluations = 1
        if n == 0 || best.f <= options.target || options.maxEvaluations <= 1 {
            return Result(x: best.x, value: best.f, evaluations: evaluations, generations: 0,
                          stop: n == 0 ? "dimension" : best.f <= options.target ? "target" : "evaluations")
        }
        let scale = scale0 ?? [Double](repeating: 1, count: n)
        let nd = Double(n)
        // Strategy parameters (Hansen, "The CMA Evolution Strategy: A Tutorial", table 1).
        let lambda = max(2, options.populationSize ?? (4 + Int(3 * log(nd))))
        let mu = lambda / 2
        var weights = (0..<mu).map { log(Double(lambda + 1) / 2) - log(Double($0 + 1)) }
        let wsum = weights.reduce(0, +)
        weights = weights.map { $0 / wsum }
        let mueff = 1 / weights.reduce(0) { $0 + $1 * $1 }
        let cc = (4 + mueff / nd) / (nd + 4 + 2 * mueff / nd)
        let cs = (mueff + 2) / (nd + mueff + 5)
        let c1 = 2 / ((nd + 1.3) * (nd + 1.3) + mueff)
        let cmu = min(1 - c1, 2 * (mueff - 2 + 1 / mueff) / ((nd + 2) * (nd + 2) + mueff))
        let damps = 1 + 2 * max(0, ((mueff - 1) / (nd + 1)).squareRoot() - 1) + cs
        let chiN = nd.squareRoot() * (1 - 1 / (4 * nd) + 1 / (21 * nd * nd))

        var normal = NormalGenerator(seed: seed)
        var mean = [Double](repeating: 0, count: n)
        var sigma = options.sigma
        var pc = [Double](repeating: 0, count: n), ps = [Double](repeating: 0, count: n)
        var C = identity(n), B = identity(n), invSqrtC = identity(n)
        var D = [Double](repeating: 1, count: n)
        var history: [Double] = []
        let historyLength = 10 + Int((30 * nd / Double(lambda)).rounded(.up))
        var generation = 0
        var u = [[Double]](repeating: [Double](repeating: 0, count: n), count: lambda)
        var fx = [Double](repeating: 0, count: lambda)
        var x = [Double](repeating: 0, count: n)
        var stop = "evaluations"

        search: while true {
            generation += 1
            // Sample λ points u_k = m + σ B D z_k.
            for k in 0..<lambda {
                if evaluations >= options.maxEvaluations { break search }
                var z = [Double](repeating: 0, count: n)
                for i in 0..<n { z[i] = D[i] * normal.next() }
                for i in 0..<n {
                    var s = 0.0
                    for j in 0..<n { s += B[i * n + j] * z[j] }
                    u[k][i] = mean[i] + sigma * s
                    x[i] = origin[i] + scale[i] * u[k][i]
                }
                fx[k] = value(x)
                evaluations += 1
                if fx[k] < best.f { best = (x, fx[k]) }
                if best.f <= options.target { stop = "target"; break search }
            }
            let order = (0..<lambda).sorted { (fx[$0], $0) < (fx[$1], $1) }
            // Recombination.
            let old = mean
            mean = [Double](repeating: 0, count: n)
            for (r, k) in order.prefix(mu).enumerated() {
                for i in 0..<n { mean[i] += weights[r] * u[k][i] }
            }
            let yw = (0..<n).map { (mean[$0] - old[$0]) / sigma }
            // Step-size path (in the isotropic coordinates C^-1/2 y).
            let a = (cs * (2 - cs) * mueff).squareRoot()
            for i in 0..<n {
                var s = 0.0
                for j in 0..<n { s += invSqrtC[i * n + j] * yw[j] }
                ps[i] = (1 - cs) * ps[i] + a * s
            }
            let psNorm = ps.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let hsig = psNorm / (1 - pow(1 - cs, 2 * Double(generation))).squareRoot() / chiN < 1.4 + 2 / (nd + 1)
            let b = (cc * (2 - cc) * mueff).squareRoot()
            for i in 0..<n { pc[i] = (1 - cc) * pc[i] + (hsig ? b * yw[i] : 0) }
            // Covariance: rank-one (pc pcᵀ) and rank-μ (selected steps) updates.
            let keep = 1 - c1 - cmu + (hsig ? 0 : c1 * cc * (2 - cc))
            for i in 0..<n {
                for j in 0...i {
                    var rankMu = 0.0
                    for (r, k) in order.prefix(mu).enumerated() {
                        rankMu += weights[r] * (u[k][i] - old[i]) * (u[k][j] - old[j])
                    }
                    let v = keep * C[i * n + j] + c1 * pc[i] * pc[j] + cmu * rankMu / (sigma * sigma)
                    C[i * n + j] = v
                    C[j * n + i] = v
                }
            }
            sigma *= exp(min(1, (cs / damps) * (psNorm / chiN - 1)))
            // A flat generation: widen the search (Hansen's escape from plateaus).
            let flatIndex = min(lambda - 1, Int(0.1 + Double(lambda) / 4))
            if fx[order[0]] == fx[order[flatIndex]] { sigma *= exp(0.2 + cs / damps) }
            // Eigendecomposition C = B D² Bᵀ.
            let (values, vectors) = jacobiEigen(C, n)
            B = vectors
            let maxValue = values.max() ?? 1
            D = values.map { max($0, maxValue * 1e-28, 1e-300).squareRoot() }
            for i in 0..<n {
                for j in 0..<n {
                    var s = 0.0
                    for k in 0..<n { s += B[i * n + k] * B[j * n + k] / D[k] }
                    invSqrtC[i * n + j] = s
                }
            }
            // Termination.
            history.append(fx[order[0]])
            if history.count > historyLength { history.removeFirst() }
            if history.count == historyLength {
                let range = max(history.max()!, fx[order[lambda - 1]]) - min(history.min()!, fx[order[0]])
                if range.isFinite && range <= options.functionTolerance { stop = "tolFun"; break }
            }
            var spread = 0.0
            for i in 0..<n { spread = max(spread, C[i * n + i].squareRoot()) }
            if sigma * spread < options.stepTolerance { stop = "tolX"; break }
            if maxValue > 1e14 * max(values.min() ?? 0, 1e-300) { stop = "condition"; break }
            if !sigma.isFinite || sigma == 0 { stop = "tolX"; break }
        }
        return Result(x: best.x, value: best.f, evaluations: evaluations, generations: generation, stop: stop)
    }

    static func identity(_ n: Int) -> [Double] {
        var m = [Double](repeating: 0, count: n * n)
        for i in 0..<n { m[i * n + i] = 1 }
        return m
    }

    /// Eigenvalues and eigenvectors (the columns of `vectors`, row-major
    /// n×n) of a symmetric matrix by cyclic Jacobi rotations.
    public static func jacobiEigen(_ a0: [Double], _ n: Int) -> (values: [Double], vectors: [Double]) {
        var a = a0
        var v = identity(n)
        for _ in 0..<64 {
            var off = 0.0, diag = 0.0
            for p in 0..<n {
                diag += a[p * n + p] * a[p * n + p]
                for q in (p + 1)..<max(p + 1, n) { off += a[p * n + q] * a[p * n + q] }
            }
            if !(off > 1e-30 * diag) { break }
            for p in 0..<n {
                for q in (p + 1)..<max(p + 1, n) {
                    let apq = a[p * n + q]
                    if apq == 0 { continue }
                    let theta = (a[q * n + q] - a[p * n + p]) / (2 * apq)
                    let t = theta.isFinite && abs(theta) < 1e150
                        ? (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
                        : 1 / (2 * theta)
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {
                        let akp = a[k * n + p], akq = a[k * n + q]
                        a[k * n + p] = c * akp - s * akq
                        a[k * n + q] = s * akp + c * akq
                    }
                    for k in 0..<n {
                        let apk = a[p * n + k], aqk = a[q * n + k]
                        a[p * n + k] = c * apk - s * aqk
                        a[q * n + k] = s * apk + c * aqk
                    }
                    for k in 0..<n {
                        let vkp = v[k * n + p], vkq = v[k * n + q]
                        v[k * n + p] = c * vkp - s * vkq
                        v[k * n + q] = s * vkp + c * vkq
                    }
                }
            }
        }
        return ((0..<n).map { a[$0 * n + $0] }, v)
    }
}
