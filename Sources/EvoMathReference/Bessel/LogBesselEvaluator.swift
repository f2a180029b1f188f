import CMPFR
#if canImport(Glibc)
import Glibc
#endif

/// The method a log-Bessel evaluation used (reported for tests and tables).
public enum LogBesselMethod: String, Sendable {
    /// x = 0, infinities, NaN: exact.
    case special
    /// I: the power series, summed outward from its largest term.
    case series
    /// I: Hankel's large-x expansion with Olver's remainder bound.
    case hankel
    /// K: the trapezoid rule on K_v(x) = ∫₀^∞ e^(−x cosh t) cosh(vt) dt.
    case quadrature
}

/// log I_v(x) and log K_v(x) from MPFR arithmetic, each with a bound on its
/// absolute error. Everything is in log space or scaled by a term of the
/// largest magnitude, so nothing overflows MPFR's default exponent range
/// (±2^30 bits) for any finite v ≥ 0, x > 0 that a Double holds; the one
/// deliberate underflow (e^{−vt−shift} in the quadrature, for v·t ≳ 7e8) is
/// accounted for where it happens.
///
/// Error accounting: the computation runs at a precision `p`; `u = 2^−p`
/// bounds the relative error of each correctly rounded MPFR operation. Each
/// method sums its first-order bounds in Double (terms of order (n·u)² are
/// covered by a factor 1.01, valid while n·u < 2^−10, which the guard bits
/// ensure) and returns the absolute error of the logarithm it computed.
///
/// Not thread-safe: the scratch values are reused between calls.
final class LogBesselEvaluator {
    private let a = MPFRFloat(precision: 64), b = MPFRFloat(precision: 64)
    private let c = MPFRFloat(precision: 64), d = MPFRFloat(precision: 64)
    private let q = MPFRFloat(precision: 64), term = MPFRFloat(precision: 64)
    private let sumUp = MPFRFloat(precision: 64), sumDown = MPFRFloat(precision: 64)
    private let node = MPFRFloat(precision: 64), sum = MPFRFloat(precision: 64)
    private let eUp = MPFRFloat(precision: 64), eDown = MPFRFloat(precision: 64)
    private let stepE = MPFRFloat(precision: 64), stepEInverse = MPFRFloat(precision: 64)
    private let pUp = MPFRFloat(precision: 64), qDown = MPFRFloat(precision: 64)
    private let stepF = MPFRFloat(precision: 64), stepFInverse = MPFRFloat(precision: 64)
    private(set) var lastMethod = LogBesselMethod.special
    /// Number of series terms or quadrature nodes of the last evaluation.
    private(set) var lastTermCount = 0

    private func setPrecision(_ p: Int) {
        for f in [a, b, c, d, q, term, sumUp, sumDown, node, sum] { f.setPrecision(p) }
    }

    // MARK: Entry points

    /// Sets `result` (its precision is the working precision) to log I_v(x)
    /// for finite v ≥ 0 and finite x > 0 (both exact, of any precision) and
    /// returns the error bound in ulps of `result`.
    func logI(order v: MPFRFloat, _ x: MPFRFloat, into result: MPFRFloat) -> Double {
        let w = result.precision
        let vD = v.doubleValue, xD = x.doubleValue
        // Cost in terms: the series needs ~2·sqrt(2·p·ln2)·σ terms around its
        // peak (σ the width of the peak in k); Hankel's expansion converges
        // to 2^−p only when x ≫ v² and then needs few terms.
        let seriesCost = seriesTermEstimate(v: vD, x: xD, p: w + 24)
        if let hankelTerms = hankelTermEstimate(v: vD, x: xD, p: w + 24), Double(hankelTerms) < seriesCost {
            lastMethod = .hankel
            let p = w + 16 + bitLength(hankelTerms)
            if let error = hankelI(v: v, x: x, p: p, into: sum) {
                return roundedBound(sum, error, into: result)
            }
        }
        lastMethod = .series
        let p = w + 12 + bitLength(Int(min(seriesCost, 1e15)) * 6)
        let error = seriesI(v: v, x: x, p: p, into: sum)
        return roundedBound(sum, error, into: result)
    }

    /// Sets `result` to log K_v(x) for finite v ≥ 0 and finite x > 0 and
    /// returns the error bound in ulps of `result`.
    func logK(order v: MPFRFloat, _ x: MPFRFloat, into result: MPFRFloat) -> Double {
        lastMethod = .quadrature
        let w = result.precision
        var plan = QuadraturePlan(v: v.doubleValue, x: x.doubleValue, p: w + 24)
        // Guard bits for the summation over the nodes and for the per-node
        // errors (see quadratureK).
        let p = w + 8 + bitLength(plan.nodeCount) + bitLength(Int(min(plan.magnitude, 1e15)))
        plan = QuadraturePlan(v: v.doubleValue, x: x.doubleValue, p: p)
        let error = quadratureK(v: v, x: x, plan: plan, p: p, into: sum)
        return roundedBound(sum, error, into: result)
    }

    /// Rounds `value` into `result` and converts an absolute error bound of
    /// `value` into ulps of `result` (plus the half ulp of that rounding).
    private func roundedBound(_ value: MPFRFloat, _ absoluteError: Double, into result: MPFRFloat) -> Double {
        _ = mpfr_set(result.pointer, value.pointer, MPFR_RNDN)
        if !absoluteError.isFinite { return .infinity }
        if result.isZero { return absoluteError == 0 ? 0 : .infinity }
        // ulp(result) = 2^(e − w) with MPFR's exponent e (1/2 ≤ m < 1).
        let ulpExponent = result.exponent - result.precision
        return 0.5 + 1.01 * Self.twoToThe(-ulpExponent, times: absoluteError)
    }

    /// 2^e · x, for any Int e.
    private static func twoToThe(_ e: Int, times x: Double = 1) -> Double { Double(sign: .plus, exponent: e, significand: x) }

    private func bitLength(_ n: Int) -> Int { n <= 0 ? 0 : Int.bitWidth - n.leadingZeroBitCount }

    // MARK: I — power series around its largest term

    /// The index of the largest term of Σ (x/2)^(v+2k) / (k! Γ(v+k+1)): the
    /// largest k with k(k+v) ≤ x²/4.
    private func peakIndex(v: Double, x: Double) -> Double {
        let h = x / 2
        if !(h * h).isFinite { return .infinity }
        if h * h < 1 { return 0 }  // k(k+v) ≤ x²/4 < 1 only for k = 0
        return (h * h / (v / 2 + (v * v / 4 + h * h).squareRoot())).rounded(.down)
    }

    /// Terms the series needs at precision p (planning estimate only).
    func seriesTermEstimate(v: Double, x: Double, p: Int) -> Double {
        let m = peakIndex(v: v, x: x)
        if !m.isFinite { return .infinity }
        // log t_k is concave in k with curvature ≈ −(1/(k+1) + 1/(k+v+1)).
        let sigma = 1 / (1 / (m + 1) + 1 / (m + v + 1)).squareRoot()
        return 4 + 2.4 * (2 * Double(p) * M_LN2).squareRoot() * sigma
    }

    /// log I_v(x) = (v+2m) log(x/2) − lnΓ(m+1) − lnΓ(m+v+1) + log1p(s),
    /// s = Σ_{k≠m} t_k/t_m, with t_k the k-th term of the power series and m
    /// its largest. All terms are positive; the ratios t_{k+1}/t_k =
    /// (x²/4)/((k+1)(k+v+1)) decrease in k, so summing outward from m and
    /// stopping once the geometric bound T/(1 − r) of the rest (T the next
    /// term, r < 1 the current ratio) is below 2^−p−2·s leaves a tail
    /// ≤ 2^−p−2·s per side. Returns the absolute error.
    private func seriesI(v: MPFRFloat, x: MPFRFloat, p: Int, into out: MPFRFloat) -> Double {
        setPrecision(p)
        out.setPrecision(p)
        let u = Self.twoToThe(-p)
        let vD = v.doubleValue, xD = x.doubleValue
        let mD = peakIndex(v: vD, x: xD)
        precondition(mD < 0x1p52, "log I: series at x = \(xD) is out of reach")
        let m = Int(mD)
        mpfr_sqr(q.pointer, x.pointer, MPFR_RNDN)
        mpfr_mul_2si(q.pointer, q.pointer, -2, MPFR_RNDN)  // q = x²/4, relative error ≤ u
        let qD = q.doubleValue
        var terms = 0, maxDistance = 0
        // Upward: T_{k+1} = T_k · q / ((k+1)(k+1+v)); per step 4 roundings
        // plus q's own error: relative error ≤ 5u per step of distance.
        mpfr_set_ui(term.pointer, 1, MPFR_RNDN)
        mpfr_set_ui(sumUp.pointer, 0, MPFR_RNDN)
        var k = m
        while true {
            mpfr_add_ui(d.pointer, v.pointer, UInt(k + 1), MPFR_RNDN)
            mpfr_mul_ui(d.pointer, d.pointer, UInt(k + 1), MPFR_RNDN)
            mpfr_mul(term.pointer, term.pointer, q.pointer, MPFR_RNDN)
            mpfr_div(term.pointer, term.pointer, d.pointer, MPFR_RNDN)
            let ratio = qD / (Double(k + 1) * (Double(k + 1) + vD))
            if terms > 0 && tailIsNegligible(term, ratio: ratio, sum: sumUp, bits: p + 2) { break }
            if term.isZero { break }
            mpfr_add(sumUp.pointer, sumUp.pointer, term.pointer, MPFR_RNDN)
            terms += 1
            k += 1
            maxDistance = max(maxDistance, k - m)
        }
        // Downward: T_{k−1} = T_k · k(k+v) / q, down to k = 0.
        mpfr_set_ui(term.pointer, 1, MPFR_RNDN)
        mpfr_set_ui(sumDown.pointer, 0, MPFR_RNDN)
        k = m
        while k > 0 {
            mpfr_add_ui(d.pointer, v.pointer, UInt(k), MPFR_RNDN)
            mpfr_mul_ui(d.pointer, d.pointer, UInt(k), MPFR_RNDN)
            mpfr_mul(term.pointer, term.pointer, d.pointer, MPFR_RNDN)
            mpfr_div(term.pointer, term.pointer, q.pointer, MPFR_RNDN)
            let ratio = Double(k) * (Double(k) + vD) / qD
            if tailIsNegligible(term, ratio: ratio, sum: sumUp, bits: p + 2)
                || tailIsNegligible(term, ratio: ratio, sum: sumDown, bits: p + 2) { break }
            mpfr_add(sumDown.pointer, sumDown.pointer, term.pointer, MPFR_RNDN)
            terms += 1
            k -= 1
            maxDistance = max(maxDistance, m - k)
        }
        lastTermCount = terms + 1
        mpfr_add(sum.pointer, sumUp.pointer, sumDown.pointer, MPFR_RNDN)
        // Relative error of s: 5u per step of distance, u per addition, and
        // the two truncated tails (≤ 2^−p·s together).
        let rhoS = 1.01 * (5 * Double(maxDistance) + Double(terms) + 3) * u
        let sD = sum.doubleValue
        mpfr_log1p(out.pointer, sum.pointer, MPFR_RNDN)
        let logS = abs(out.doubleValue)
        var error = rhoS * sD / (1 + sD) + u * logS

        // Prefactor (v+2m) log(x/2) − lnΓ(m+1) − lnΓ(m+v+1).
        let exactC = mpfr_add_ui(c.pointer, v.pointer, UInt(2 * m), MPFR_RNDN) == 0
        mpfr_mul_2si(a.pointer, x.pointer, -1, MPFR_RNDN)
        mpfr_log(a.pointer, a.pointer, MPFR_RNDN)
        let cD = abs(c.doubleValue), logHalfX = abs(a.doubleValue)
        mpfr_mul(a.pointer, a.pointer, c.pointer, MPFR_RNDN)  // (v+2m) log(x/2)
        let cl = abs(a.doubleValue)
        let cError: Double = exactC ? 0 : cD * logHalfX
        error += u * (2 * cl + cError)
        mpfr_set_ui(b.pointer, UInt(m + 1), MPFR_RNDN)
        mpfr_lngamma(b.pointer, b.pointer, MPFR_RNDN)
        let g1 = abs(b.doubleValue)
        error += u * g1
        mpfr_sub(a.pointer, a.pointer, b.pointer, MPFR_RNDN)
        // v + m + 1 held exactly when that takes at most 4096 bits (tiny v:
        // lnΓ(1 + v) ≈ −γv needs the v, not 1 + v rounded to p bits).
        d.setPrecision(max(p, min(4096, exactSumPrecision(v, m + 1))))
        let exactArgument = mpfr_add_ui(d.pointer, v.pointer, UInt(m + 1), MPFR_RNDN) == 0
        let argument = d.doubleValue
        mpfr_lngamma(b.pointer, d.pointer, MPFR_RNDN)
        let g2 = abs(b.doubleValue)
        // A relative error u in the argument a moves lnΓ(a) by ≤ u·a·|ψ(a)|,
        // and a·|ψ(a)| ≤ a·|log a| + 1 for a > 0.
        let argumentError: Double = exactArgument ? 0 : u * (argument * abs(Glibc.log(argument)) + 1)
        error += u * g2 + argumentError
        mpfr_sub(a.pointer, a.pointer, b.pointer, MPFR_RNDN)
        mpfr_add(out.pointer, a.pointer, out.pointer, MPFR_RNDN)
        // The three additions, each within u of its partial result.
        error += 3 * u * (cl + g1 + g2 + logS)
        return error
    }

    /// Bits that hold v + n exactly (v ≥ 0 of any precision, n ≥ 1).
    private func exactSumPrecision(_ v: MPFRFloat, _ n: Int) -> Int {
        if v.isZero { return 64 }
        let top = max(v.exponent, bitLength(n)) + 1
        let bottom = min(v.exponent - v.precision, 0)
        return top - bottom
    }

    /// True when the tail T + rT + r²T + … = T/(1 − r) is below 2^−bits·sum:
    /// the ratios of successive terms only decrease away from the peak, so
    /// the current ratio bounds all later ones. The 1.001 covers the error
    /// of the ratio computed in Double.
    private func tailIsNegligible(_ term: MPFRFloat, ratio: Double, sum: MPFRFloat, bits: Int) -> Bool {
        let r = ratio * 1.001
        guard r < 1 else { return false }
        let extra = Int(Glibc.log2(1 / (1 - r)).rounded(.up))
        return isBelow(term, sum, bits: bits + extra)
    }

    /// True when |small| < 2^−bits·|large| (large > 0), by exponents.
    private func isBelow(_ small: MPFRFloat, _ large: MPFRFloat, bits: Int) -> Bool {
        if small.isZero { return true }
        if large.isZero { return false }
        return small.exponent < large.exponent - bits
    }

    // MARK: I — Hankel's expansion for x ≫ v²

    /// Terms Hankel's expansion needs for 2^−p (nil if it does not get there
    /// before its terms grow), simulated in Double.
    func hankelTermEstimate(v: Double, x: Double, p: Int) -> Int? {
        // Beyond ~2x the terms grow; and the neglected e^−2x part must be tiny.
        if !(2 * x > Double(p + 8) * M_LN2) { return nil }
        let mu = 4 * v * v
        var logTerm = 0.0
        let target = -Double(p + 8) * M_LN2
        for k in 1...4000 {
            let factor = abs(mu - Double(2 * k - 1) * Double(2 * k - 1)) / (8 * Double(k) * x)
            if factor == 0 { return k }
            if factor >= 1 { return nil }
            logTerm += Glibc.log(factor)
            if logTerm < target { return k + 1 }
        }
        return nil
    }

    /// log I_v(x) = x − ½ log(2πx) + log1p(s'), s' = Σ_{1≤k<ℓ} (−1)^k a_k(v)/x^k
    /// + R_ℓ, with a_k(v)/x^k = b_k, b_k = b_{k−1}·(4v² − (2k−1)²)/(8kx).
    /// Remainder: DLMF §10.40(iii) bounds K's remainder by 2|a_ℓ| 𝒱(t^−ℓ)
    /// exp(|v² − 1/4| 𝒱(t^−1)) (10.40.10–11), with 𝒱(t^−ℓ) ≤ χ(ℓ)|z|^−ℓ for
    /// π/2 ≤ |ph z| ≤ π (10.40.12); I's expansion is K's at z = x e^∓πi
    /// (10.40.5), so |R_ℓ| ≤ 2 χ(ℓ) exp(χ(1)|v² − 1/4|/x) |b_ℓ|, χ(1) = π/2,
    /// χ(ℓ) = √π Γ(ℓ/2+1)/Γ(ℓ/2+1/2) ≤ √(π(ℓ/2+1)) (Gautschi's inequality).
    /// This is the one bound quoted rather than derived here. The other
    /// exponential of 10.40.5, of relative size ≤ e^−2x·(1 + 2|b_1|
    /// e^{|v²−1/4|/x}), is added to the bound.
    private func hankelI(v: MPFRFloat, x: MPFRFloat, p: Int, into out: MPFRFloat) -> Double? {
        setPrecision(p)
        out.setPrecision(p)
        let u = Self.twoToThe(-p)
        let vD = v.doubleValue, xD = x.doubleValue
        let nu = abs(vD * vD - 0.25)
        let exactMu = mpfr_sqr(c.pointer, v.pointer, MPFR_RNDN) == 0
        mpfr_mul_2si(c.pointer, c.pointer, 2, MPFR_RNDN)  // 4v²
        let muD = c.doubleValue
        mpfr_set_ui(term.pointer, 1, MPFR_RNDN)
        mpfr_set_ui(sum.pointer, 0, MPFR_RNDN)
        var cumulative = 0.0  // relative error bound of b_k
        var error = 0.0, previous = 1.0, largestPartial = 0.0
        var k = 1
        while true {
            let odd = UInt(2 * k - 1)
            let exactNum = mpfr_sub_ui(d.pointer, c.pointer, odd * odd, MPFR_RNDN) == 0 && exactMu
            let numD = abs(d.doubleValue)
            mpfr_mul(term.pointer, term.pointer, d.pointer, MPFR_RNDN)
            mpfr_div_ui(term.pointer, term.pointer, UInt(8 * k), MPFR_RNDN)
            mpfr_div(term.pointer, term.pointer, x.pointer, MPFR_RNDN)
            if numD == 0 && exactNum {
                // a_ℓ(v) = 0 exactly (half-integer v): the expansion terminates.
                break
            }
            cumulative += 3 * u + (exactNum ? 0 : u * (1 + (exactMu ? 0 : muD) / numD))
            let bD = abs(term.doubleValue)
            let chi = (Double.pi * (Double(k) / 2 + 1)).squareRoot()
            let remainder = 2 * chi * Glibc.exp(Double.pi / 2 * nu / xD) * bD * (1 + cumulative)
            if remainder < Self.twoToThe(-p - 1) {
                error += remainder
                break
            }
            if bD > previous || k > 10_000 { return nil }  // diverging: not this method
            previous = bD
            if k % 2 == 1 { mpfr_sub(sum.pointer, sum.pointer, term.pointer, MPFR_RNDN) }
            else { mpfr_add(sum.pointer, sum.pointer, term.pointer, MPFR_RNDN) }
            error += bD * cumulative
            largestPartial = max(largestPartial, abs(sum.doubleValue))
            error += u * abs(sum.doubleValue)
            k += 1
        }
        lastTermCount = k
        // The e^−x companion of I's expansion, relative to the e^x part.
        let b1 = abs(muD - 1) / (8 * xD)
        error += Glibc.exp(-2 * xD) * (1 + 2 * b1 * Glibc.exp(nu / xD))
        let sD = sum.doubleValue
        guard abs(sD) + error < 0.5 else { return nil }
        mpfr_log1p(out.pointer, sum.pointer, MPFR_RNDN)
        var total = 1.01 * error / (1 - abs(sD) - error) + u * abs(out.doubleValue)
        // x − ½ log(2πx): π, 2πx, log, halving (exact), two additions.
        mpfr_const_pi(a.pointer, MPFR_RNDN)
        mpfr_mul(a.pointer, a.pointer, x.pointer, MPFR_RNDN)
        mpfr_mul_2si(a.pointer, a.pointer, 1, MPFR_RNDN)
        mpfr_log(a.pointer, a.pointer, MPFR_RNDN)
        mpfr_mul_2si(a.pointer, a.pointer, -1, MPFR_RNDN)
        let half = abs(a.doubleValue)
        total += u * (2.02 + half)
        mpfr_sub(a.pointer, x.pointer, a.pointer, MPFR_RNDN)
        mpfr_add(out.pointer, a.pointer, out.pointer, MPFR_RNDN)
        total += 2 * u * xD + 2 * u * abs(out.doubleValue) + 2 * u * (half + 1)
        return total
    }

    // MARK: K — trapezoid rule

    /// The step, truncation and shift of the trapezoid rule for
    /// J = e^x K_v(x) = ∫₀^∞ g(t) dt, g(t) = exp(−2x sinh²(t/2)) cosh(vt),
    /// chosen in Double (the bounds need only a few correct bits).
    struct QuadraturePlan {
        /// Step: a dyadic number with at most 20 significant bits, so the
        /// nodes j·h are exact Doubles.
        var h = 0.0
        var x = 0.0
        var first = 0, last = 0
        /// φ(t) = log g(t) at the largest node: the terms are e^(φ − shift) ≤ 1.
        var shift = 0.0
        /// Relative error bounds of the discretization and the truncation.
        var discretization = 0.0, truncation = 0.0
        var nodeCount: Int { last - first + 1 }
        /// Largest |term| whose rounding enters the per-node bound.
        var magnitude = 0.0

        /// Trapezoid rule for analytic integrands (Trefethen & Weideman,
        /// SIAM Review 2014, Thm 5.1): if g is analytic in |Im t| < a with
        /// ∫|g(t+iy)|dt ≤ M there, |h Σ_{j∈Z} g(jh) − ∫_R g| ≤ 2M/(e^{2πa/h} − 1).
        /// Here |g(t+iy)| ≤ e^x e^{−x cos(y) cosh t} cosh(vt), so M ≤ 2e^x
        /// K_v(x cos a), and (g even) the relative error of J_h is at most
        /// 2R/(e^{2πa/h} − 1), R = K_v(x cos a)/K_v(x). x^s e^x K_v(x) increases
        /// in x for s = max(v, 1−v) (its log-derivative is 1 + (s−v)/x −
        /// K_{1−v}/K_v ≥ 0: K_{1−v} ≤ K_v for v ≥ 1/2, and Segura's (2011)
        /// K_{μ+1}/K_μ < (μ + 1/2 + √((μ+1/2)² + x²))/x ≤ 1 + (2μ+1)/x with
        /// μ = −v ≥ −1/2), so R ≤ cos(a)^−s · e^{x(1−cos a)}.
        init(v: Double, x: Double, p: Int) {
            self.x = x
            let s = max(v, 1 - v)
            let target = Double(p + 5) * M_LN2
            func logR(_ a: Double) -> Double {
                let sinHalf = Glibc.sin(a / 2)
                return -s * Glibc.log1p(-2 * sinHalf * sinHalf) + x * (2 * sinHalf * sinHalf)
            }
            var candidates: [Double] = (1...60).map { Double.pi / 2 * Glibc.exp2(-Double($0) / 4) }
            candidates.append((2 * target / (x + s)).squareRoot())
            var bestA = 0.0, bestH = 0.0
            for a0 in candidates {
                let a = min(a0, Double.pi / 2 * 0.999)
                let h = 2 * Double.pi * a / (target + logR(a))
                if h > bestH { bestH = h; bestA = a }
            }
            // Round h down to 20 significant bits.
            let e = bestH.exponent
            h = LogBesselEvaluator.twoToThe(Int(e) - 19, times: LogBesselEvaluator.twoToThe(19 - Int(e), times: bestH).rounded(.down))
            let y = 2 * Double.pi * bestA / h
            discretization = 2 * Glibc.exp(logR(bestA) - y) / (-Glibc.expm1(-y))

            let logX = Glibc.log(x)
            func phi(_ t: Double) -> Double { -QuadraturePlan.twoXSinhSquared(t, logX) + QuadraturePlan.logCosh(v * t) }
            // Peak of φ on [0, ∞): 0 when v² ≤ x, else the root of
            // v tanh(vt) = x sinh t (unique: the difference is concave).
            var peak = 0.0
            if v * v > x {
                var lo = 0.0, hi = 1.0
                func f(_ t: Double) -> Double { Glibc.log(v * Glibc.tanh(v * t)) - logX - QuadraturePlan.logSinh(t) }
                while f(hi) > 0 { lo = hi; hi *= 2 }
                for _ in 0..<100 {
                    let mid = (lo + hi) / 2
                    if f(mid) > 0 { lo = mid } else { hi = mid }
                }
                peak = lo
            }
            let jPeak = Int((peak / h).rounded(.down))
            shift = max(phi(Double(jPeak) * h), phi(Double(jPeak + 1) * h))
            let logDelta = -Double(p + 4) * M_LN2
            // Left: g increases on [0, t*], so the nodes below j_lo sum to at
            // most j_lo·g(j_lo h). The largest such j_lo (monotone: bisection).
            var lo = 0, hi = jPeak
            func leftOK(_ j: Int) -> Bool { j == 0 || Glibc.log(Double(j)) + phi(Double(j) * h) - shift <= logDelta }
            if leftOK(hi) { lo = hi } else {
                while hi - lo > 1 {
                    let mid = (lo + hi) / 2
                    if leftOK(mid) { lo = mid } else { hi = mid }
                }
            }
            first = lo
            let leftBound = first == 0 ? 0 : Glibc.exp(Glibc.log(Double(first)) + phi(Double(first) * h) - shift)
            // Right: g ≤ e^ψ, ψ(t) = −2x sinh²(t/2) + vt concave, so beyond T
            // with ψ'(T) < 0, Σ_{jh>T} g(jh) ≤ (1/h)∫_T^∞ e^ψ ≤ e^ψ(T)/(|ψ'(T)| h).
            func rightBound(_ j: Int) -> Double {
                let t = Double(j) * h
                let slope = Glibc.exp(logX + QuadraturePlan.logSinh(t)) - v  // −ψ'(t)
                if !(slope > 0) { return .infinity }
                let psi = -QuadraturePlan.twoXSinhSquared(t, logX) + v * t
                return Glibc.exp(psi - shift) / (slope * h)
            }
            var step = 1
            var j = jPeak + 1
            while !(rightBound(j) <= Glibc.exp(logDelta)) { j += step; step *= 2 }
            var low = max(jPeak + 1, j - step / 2), high = j
            while high - low > 1 {
                let mid = (low + high) / 2
                if rightBound(mid) <= Glibc.exp(logDelta) { high = mid } else { low = mid }
            }
            if rightBound(low) <= Glibc.exp(logDelta) { high = low }
            last = high
            truncation = leftBound + rightBound(last)
            // Per-node rounding errors grow with the node count (the
            // recurrences), vt and the shift (see quadratureK).
            let tLast = Double(last) * h
            magnitude = 2 * v * tLast + abs(shift) + 16 * Double(last - first + 1) + 16
        }

        /// The last node where 2x sinh²(t/2) < 2^−p−2 (with a factor 2 to
        /// spare for the Double evaluation): t < 2 asinh(√(2^−p−4/x)).
        func plateauEnd(p: Int) -> Int {
            let limit = 2 * Glibc.asinh((Glibc.exp2(Double(-p - 4)) / x).squareRoot())
            guard limit.isFinite else { return last }
            return Int(min(Double(last), (limit / h).rounded(.down)))
        }

        static func logSinh(_ t: Double) -> Double {
            t < 20 ? Glibc.log(Glibc.sinh(t)) : t - M_LN2 + Glibc.log1p(-Glibc.exp(-2 * t))
        }
        static func logCosh(_ y: Double) -> Double { y - M_LN2 + Glibc.log1p(Glibc.exp(-2 * y)) }
        static func twoXSinhSquared(_ t: Double, _ logX: Double) -> Double {
            t == 0 ? 0 : Glibc.exp(M_LN2 + logX + 2 * logSinh(t / 2))
        }
    }

    /// log K_v(x) = −x + shift + log h + log S, S = Σ_{j=first}^{last} w_j
    /// e^{φ(t_j) − shift} (w_0 = 1/2, else 1), t_j = jh, each term computed as
    /// exp(−A_j)·(P_j + Q_j)/2 with A_j = 2x sinh²(t_j/2), P_j = e^{vt_j − shift},
    /// Q_j = e^{−vt_j − shift}. P, Q and e^{±t_j/2} (for sinh(t_j/2) = (e^{t_j/2}
    /// − e^{−t_j/2})/2 when t_j ≥ 1; mpfr_sinh below 1) advance by one
    /// multiplication per node, and exp(−A_j) is taken only where A_j ≥ 2^−p−1
    /// (on the plateau of small x it is 1 to within u/2): most nodes cost
    /// multiplications only.
    ///
    /// Error of node j, n = j − first steps from the first node, relative:
    /// e^{±t/2} after n steps ≤ (2n+2)u, times coth(t/2) ≤ 2.17 (t ≥ 1) in
    /// the difference, so A ≤ (8.7(n+1) + 5)u relative, which exp(−A) turns
    /// into A·(10(n+1) + 8)u; P and Q: the first exponent vt − shift to
    /// u(2vt + |shift|), e^{±vh} to u(vh + 1) each step: ≤ u(2vt + |shift| + 2n
    /// + 2) together; exp, sum, product and the dropped exp(−A) (≤ u/2): 4u.
    /// The bound is weighted by each term (accumulated in Double) and divided
    /// by S; Q underflowing MPFR's range (v t ≳ 7e8) drops less than 2^−2^29.
    private func quadratureK(v: MPFRFloat, x: MPFRFloat, plan: QuadraturePlan, p: Int, into out: MPFRFloat) -> Double {
        setPrecision(p)
        for f in [eUp, eDown, stepE, stepEInverse, pUp, qDown, stepF, stepFInverse] { f.setPrecision(p) }
        let u = Self.twoToThe(-p)
        let vD = v.doubleValue
        let h = plan.h, shift = plan.shift
        // Starts the recurrences at node j: e^{±t/2}, e^{±h/2}, P = e^{vt − shift},
        // Q = e^{−vt − shift}, e^{±vh}.
        func startRecurrences(at j: Int) {
            let t0 = Double(j) * h
            mpfr_set_d(node.pointer, t0 / 2, MPFR_RNDN)
            mpfr_exp(eUp.pointer, node.pointer, MPFR_RNDN)
            mpfr_neg(node.pointer, node.pointer, MPFR_RNDN)
            mpfr_exp(eDown.pointer, node.pointer, MPFR_RNDN)
            mpfr_set_d(node.pointer, h / 2, MPFR_RNDN)
            mpfr_exp(stepE.pointer, node.pointer, MPFR_RNDN)
            mpfr_neg(node.pointer, node.pointer, MPFR_RNDN)
            mpfr_exp(stepEInverse.pointer, node.pointer, MPFR_RNDN)
            mpfr_mul_d(b.pointer, v.pointer, t0, MPFR_RNDN)
            mpfr_sub_d(c.pointer, b.pointer, shift, MPFR_RNDN)
            mpfr_exp(pUp.pointer, c.pointer, MPFR_RNDN)
            mpfr_neg(b.pointer, b.pointer, MPFR_RNDN)
            mpfr_sub_d(c.pointer, b.pointer, shift, MPFR_RNDN)
            mpfr_exp(qDown.pointer, c.pointer, MPFR_RNDN)
            mpfr_mul_d(b.pointer, v.pointer, h, MPFR_RNDN)
            mpfr_exp(stepF.pointer, b.pointer, MPFR_RNDN)
            mpfr_neg(b.pointer, b.pointer, MPFR_RNDN)
            mpfr_exp(stepFInverse.pointer, b.pointer, MPFR_RNDN)
        }
        mpfr_set_ui(sum.pointer, 0, MPFR_RNDN)
        var weightedError = 0.0
        var segmentStart = plan.first
        startRecurrences(at: plan.first)

        // The plateau of small x: where A_j < 2^−p−2, exp(−A_j) = 1 to within
        // u/4 and the terms (P_j + Q_j)/2 are geometric: Σ_{n<N} P F^n =
        // P·expm1(Nvh)/expm1(vh) (N·P for v = 0), and likewise for Q with −v.
        // Relative error of the block: P, Q as at a first node, u(2vt + |shift|
        // + 1); each expm1 with its rounded argument c, u(c + 2); the quotient
        // and product 2u; the half weight of node 0 subtracted from ≥ 32
        // terms at most doubles it; the dropped exp(−A) u/4.
        let plateauEnd = min(plan.last, plan.plateauEnd(p: p))
        if plateauEnd - plan.first + 1 >= 32 {
            let count = plateauEnd - plan.first + 1
            let t0 = Double(plan.first) * h
            let span = Double(count) * h  // exact: count < 2^32, h has 20 bits
            if vD == 0 {
                mpfr_add(term.pointer, pUp.pointer, qDown.pointer, MPFR_RNDN)
                mpfr_mul_ui(term.pointer, term.pointer, UInt(count), MPFR_RNDN)
            } else {
                for (source, sign) in [(pUp, 1.0), (qDown, -1.0)] {
                    mpfr_mul_d(c.pointer, v.pointer, sign * span, MPFR_RNDN)
                    mpfr_expm1(c.pointer, c.pointer, MPFR_RNDN)
                    mpfr_mul_d(d.pointer, v.pointer, sign * h, MPFR_RNDN)
                    mpfr_expm1(d.pointer, d.pointer, MPFR_RNDN)
                    mpfr_div(c.pointer, c.pointer, d.pointer, MPFR_RNDN)
                    mpfr_mul(c.pointer, c.pointer, source.pointer, MPFR_RNDN)
                    if sign > 0 { mpfr_set(term.pointer, c.pointer, MPFR_RNDN) }
                    else { mpfr_add(term.pointer, term.pointer, c.pointer, MPFR_RNDN) }
                }
            }
            mpfr_mul_2si(term.pointer, term.pointer, -1, MPFR_RNDN)
            if plan.first == 0 {
                mpfr_add(d.pointer, pUp.pointer, qDown.pointer, MPFR_RNDN)
                mpfr_mul_2si(d.pointer, d.pointer, -2, MPFR_RNDN)
                mpfr_sub(term.pointer, term.pointer, d.pointer, MPFR_RNDN)
            }
            let blockError = 2 * (2 * vD * t0 + abs(shift) + 2 * (vD * span + 2) + 2 * (vD * h + 2) + 6) + 1
            weightedError += term.doubleValue * blockError * u
            mpfr_set(sum.pointer, term.pointer, MPFR_RNDN)
            segmentStart = plateauEnd + 1
            if segmentStart <= plan.last { startRecurrences(at: segmentStart) }
        }

        let negligibleA = Self.twoToThe(-p - 1)
        // A below taylorLimits[d−1]: A^{d+1}/(d+1)! ≤ 2^−p−2 (with 1/2 to spare).
        let taylorLimits: [Double] = (1...3).map { degree in
            var factorial = 1.0
            for i in 1...(degree + 1) { factorial *= Double(i) }
            return 0.5 * Glibc.pow(Self.twoToThe(-p - 2) * factorial, 1 / Double(degree + 1))
        }
        for j in segmentStart..<(plan.last + 1) {
            let n = j - segmentStart
            let t = Double(j) * h
            if n > 0 {
                mpfr_mul(eUp.pointer, eUp.pointer, stepE.pointer, MPFR_RNDN)
                mpfr_mul(eDown.pointer, eDown.pointer, stepEInverse.pointer, MPFR_RNDN)
                mpfr_mul(pUp.pointer, pUp.pointer, stepF.pointer, MPFR_RNDN)
                mpfr_mul(qDown.pointer, qDown.pointer, stepFInverse.pointer, MPFR_RNDN)
            }
            if t < 1 {
                mpfr_set_d(node.pointer, t / 2, MPFR_RNDN)
                mpfr_sinh(a.pointer, node.pointer, MPFR_RNDN)
            } else {
                mpfr_sub(a.pointer, eUp.pointer, eDown.pointer, MPFR_RNDN)
                mpfr_mul_2si(a.pointer, a.pointer, -1, MPFR_RNDN)
            }
            mpfr_sqr(a.pointer, a.pointer, MPFR_RNDN)
            mpfr_mul(a.pointer, a.pointer, x.pointer, MPFR_RNDN)
            mpfr_mul_2si(a.pointer, a.pointer, 1, MPFR_RNDN)  // A = 2x sinh²(t/2)
            let aD = a.doubleValue
            mpfr_add(term.pointer, pUp.pointer, qDown.pointer, MPFR_RNDN)
            mpfr_mul_2si(term.pointer, term.pointer, j == 0 ? -2 : -1, MPFR_RNDN)
            var polynomialError = 0.0
            if aD >= negligibleA {
                // Small A: exp(−A) by its Taylor polynomial of degree d ≤ 3
                // (Horner, r ← 1 − A·r/i), truncation A^{d+1}/(d+1)! ≤ 2^−p−2
                // (alternating, decreasing terms), rounding ≤ 3u per step;
                // otherwise mpfr_exp. Most of the transition of small x,
                // where A climbs from 2^−p to O(p), has A < 2^−p/4.
                let degree = aD < taylorLimits[0] ? 1 : aD < taylorLimits[1] ? 2 : aD < taylorLimits[2] ? 3 : 0
                if degree > 0 {
                    mpfr_set_ui(d.pointer, 1, MPFR_RNDN)
                    for i in stride(from: degree, through: 1, by: -1) {
                        mpfr_mul(d.pointer, d.pointer, a.pointer, MPFR_RNDN)
                        mpfr_div_ui(d.pointer, d.pointer, UInt(i), MPFR_RNDN)
                        mpfr_ui_sub(d.pointer, 1, d.pointer, MPFR_RNDN)
                    }
                    mpfr_mul(term.pointer, term.pointer, d.pointer, MPFR_RNDN)
                    polynomialError = 3 * Double(degree) + 1
                } else {
                    mpfr_neg(a.pointer, a.pointer, MPFR_RNDN)
                    mpfr_exp(a.pointer, a.pointer, MPFR_RNDN)
                    mpfr_mul(term.pointer, term.pointer, a.pointer, MPFR_RNDN)
                }
            }
            let steps = Double(n + 1)
            let nodeError = (aD + 1) * (10 * steps + 8) + 2 * vD * t + abs(shift) + 2 * steps + 4 + polynomialError
            // A term below Double's range contributes < 2^−1000 (S ≥ 1/2).
            weightedError += term.doubleValue * nodeError * u + 0x1p-1000
            mpfr_add(sum.pointer, sum.pointer, term.pointer, MPFR_RNDN)
        }
        lastTermCount = plan.nodeCount
        let rhoS = 1.01 * (weightedError / sum.doubleValue + u * Double(plan.nodeCount + 1))
        let relative = rhoS + plan.discretization + plan.truncation
        mpfr_log(out.pointer, sum.pointer, MPFR_RNDN)
        let logS = abs(out.doubleValue)
        mpfr_set_d(a.pointer, plan.h, MPFR_RNDN)
        mpfr_log(a.pointer, a.pointer, MPFR_RNDN)
        let logH = abs(a.doubleValue)
        mpfr_add(out.pointer, out.pointer, a.pointer, MPFR_RNDN)
        mpfr_add_d(out.pointer, out.pointer, plan.shift, MPFR_RNDN)
        mpfr_sub(out.pointer, out.pointer, x.pointer, MPFR_RNDN)
        let xD = x.doubleValue
        return 1.02 * relative / (1 - relative) + u * (logS + logH) + 3 * u * (logS + logH + abs(plan.shift)) + 3 * u * xD
    }
}
