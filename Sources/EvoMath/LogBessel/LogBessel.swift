// log I_v(x) and log K_v(x) in binary64, evaluated in log space so that no
// intermediate overflows (after Plesner, Sørensen, Hauberg, "Accurate
// Computation of the Logarithm of Modified Bessel Functions on GPUs", ICS 2024;
// the region table here is our own, see `LogBessel.Regions`).

/// The log-Bessel runtime's internals. The region table (`Regions`) is the one
/// place where boundaries and term counts live, so that a search can emit it.
package enum LogBessel {}

extension LogBessel {
    /// Where each method is used and with how many terms (binary64).
    /// Orders v >= 0 and arguments x > 0, both finite, after the special cases.
    ///
    /// | region | I | K |
    /// |---|---|---|
    /// | v < `debyeMinOrder`, x >= `hankelMinX(v)` | Hankel (large-x) expansion for v < `hankelSplitOrder` (power series for v >= `hankelSeriesOrderI`, x < `hankelMinXHigh`), uniform (Debye) expansion from it | Hankel expansion |
    /// | v < `debyeMinOrder`, x < `hankelMinX(v)` | power series in log space | x < `temmeSeriesMaxX`: Temme's series, x >= `steedMinX`: Steed's continued fraction, each with the forward recurrence in v on ratios; between: trapezoid rule on the integral |
    /// | v >= `debyeMinOrder` | uniform (Debye) expansion, `debyeTerms(v)` terms | uniform (Debye) expansion |
    package enum Regions {
        /// v at and above which the uniform (Debye) expansion is used, for I and K.
        package static var debyeMinOrder: Double { 20 }
        /// Orders below this use `hankelMinXLow`, the others `hankelMinXHigh`.
        package static var hankelSplitOrder: Double { 13 }
        package static var hankelMinXLow: Double { 25 }
        package static var hankelMinXHigh: Double { 35 }
        /// log I for `hankelSeriesOrderI` <= v < `hankelSplitOrder` and x < `hankelMinXHigh` by the power series:
        /// Hankel's alternating sum lost up to 5.5 eps there (mpmath, v = 12.97, x = 25.5; below 1.61 for
        /// v < 12 and 0.74 for v < 11), the series at most 0.75 (1500 random points, mpmath).
        package static var hankelSeriesOrderI: Double { 11 }
        /// The smallest x at which the Hankel expansion is used, for v < `debyeMinOrder`.
        @inline(__always)
        package static func hankelMinX(_ v: Double) -> Double { v < hankelSplitOrder ? hankelMinXLow : hankelMinXHigh }
        /// Upper bound on Hankel terms (the loop stops when a term is below `tolerance` of the sum).
        package static var hankelMaxTerms: Int { 40 }
        /// The power series of log I forms v log(x/2) + log Q in double-double when
        /// |v log(x/2)| + |log Q| exceeds this multiple of max(1, |log I|).
        package static var seriesCancellation: Double { 1.25 }
        /// Upper bound on power-series terms.
        package static var seriesMaxTerms: Int { 400 }
        /// Temme's series for K_mu below this x (it cancels as x grows: f_0 < 0 for mu ~ 0 from
        /// x = 2 e^-gamma ~ 1.12, and loses up to ~3 eps already at x ~ 0.6-1).
        package static var temmeSeriesMaxX: Double { 0.5 }
        /// K by the trapezoid rule on its integral for x in [`temmeSeriesMaxX`, `steedMinX`)
        /// (Temme's series loses up to ~3 eps from x ~ 0.6; Steed's continued fraction, with
        /// compensated sums, is accurate from x = 1 and fails below).
        package static var steedMinX: Double { 1 }
        /// Step of that trapezoid rule, by order. The rule's error (the sum with exact nodes against
        /// the integral, mpmath at 120 bits, v in {0, 0.5, 1, 2, 3, 5, 8, 12, 16, 19.9} x x in {0.5,
        /// 0.75, 0.999}, /tmp scan quoted in the commit) in eps * max(1, |log K|): h = 0.2 at most
        /// 0.076 up to v = 5 (13 at v = 8); h = 0.16 at most 0.067 up to v = 12 (5 at v = 16);
        /// h = 0.1 at most 0.05 up to v = 19.9.
        @inline(__always)
        package static func quadratureStep(_ v: Double) -> Double { v < 4 ? 0.2 : v < 12 ? 0.16 : 0.1 }
        /// K by that trapezoid rule also for v < `quadratureLowOrderMaxV` and x in [`quadratureLowOrderMinX`,
        /// `temmeSeriesMaxX`): Temme's series loses up to 4.3 eps there (mpmath, v = 0.323, x = 0.131).
        package static var quadratureLowOrderMaxV: Double { 2 }
        package static var quadratureLowOrderMinX: Double { 0.1 }
        /// The sum stops past the peak once a node is below e^-quadratureCut of the peak.
        package static var quadratureCut: Double { 40 }
        /// Relative size of the last term kept in the adaptive series.
        package static var tolerance: Double { 0x1p-56 }
        /// Below this |eta|, v*eta of the Debye expansion is formed in double-double.
        package static var etaDoubleDouble: Double { 2 }
        /// Number of Debye terms u_1 ... u_K for order v >= `debyeMinOrder`
        /// (the first omitted term, max over t in [0, 1] of |u_{K+1}(t)| / v^(K+1), is below 2^-57).
        /// For I with `hankelSplitOrder` <= v < `debyeMinOrder` (only x >= `hankelMinXHigh`, so
        /// t <= 1/2) it gives 16 terms; max over t <= 1/2 of |u_17(t)| / 13^17 = 5.2e-18 < 2^-57 there.
        @inline(__always)
        package static func debyeTerms(_ v: Double) -> Int {
            if v >= 1e4 { return 3 }
            if v >= 3000 { return 4 }
            if v >= 500 { return 5 }
            if v >= 200 { return 6 }
            if v >= 100 { return 8 }
            if v >= 70 { return 9 }
            if v >= 50 { return 10 }
            if v >= 40 { return 11 }
            if v >= 30 { return 12 }
            if v >= 25 { return 13 }
            return 16
        }
        /// Number of Debye terms by s = sqrt(v^2 + x^2): the k-th term is p_k(t^2) w^k with w = 1/s and
        /// |p_k(t^2)| <= |p_k(0)| for t in [0, 1] (the maximum over 2*10^4 samples of t^2 is at 0, for k <= 16);
        /// the first omitted term, |p_{K+1}(0)| / s^(K+1), is below 2^-57 at the thresholds below (each
        /// rounded up). The expansion uses min(debyeTerms(v), debyeTermsByS(s)): with x >> v far fewer terms.
        @inline(__always)
        package static func debyeTermsByS(_ s: Double) -> Int {
            if s >= 220_100 { return 2 }
            if s >= 11_310 { return 3 }
            if s >= 2_020 { return 4 }
            if s >= 665 { return 5 }
            if s >= 310 { return 6 }
            if s >= 176 { return 7 }
            if s >= 116 { return 8 }
            if s >= 84 { return 9 }
            if s >= 65 { return 10 }
            if s >= 53 { return 11 }
            if s >= 45 { return 12 }
            if s >= 39 { return 13 }
            if s >= 35 { return 14 }
            if s >= 32 { return 15 }
            return 16
        }
    }
}

// MARK: - regions

extension LogBessel {
    /// Hankel's expansion (DLMF 10.40.1, 10.40.2): log I_v(x) (isK false) or log K_v(x).
    @inline(__always)
    static func hankel(_ v: Double, _ x: Double, isK: Bool) -> Double {
        hankelCounted(v, x, isK: isK).value
    }

    /// `hankel` with at most `maxTerms` terms, stopping early once a term is below `tolerance` of the
    /// sum (tolerance 0: exactly `maxTerms` terms), and the number of terms it summed
    /// (`LogBesselRegionSearch` varies both and counts the terms).
    @inline(__always)
    package static func hankelCounted(_ v: Double, _ x: Double, isK: Bool, maxTerms: Int = Regions.hankelMaxTerms,
                                      tolerance: Double = Regions.tolerance) -> (value: Double, terms: Int) {
        let mu = 4 * v * v
        if isK {
            // K's terms are positive until (2k-1)^2 > mu, and the sum is about 1 (no cancellation).
            let inv8x = 0.125 / x
            var term = 1.0
            var sum = 1.0
            var k = 1
            while k <= maxTerms {
                let odd = Double(2 * k - 1)
                // the division by k is off the dependent chain of term (and of sum)
                term *= (mu - odd * odd) * inv8x / Double(k)
                sum += term
                if abs(term) <= tolerance * sum { break }
                k += 1
            }
            if x < 0x1p1000 {
                // log(sum c / sqrt(x)) = log(sum^2 c^2 (1/x)) / 2, with 1/x = 8 inv8x (no square root)
                return (-x + 0.5 * log(sum * sum * piOverTwo * (8 * inv8x)), min(k, maxTerms))
            }
            return (-x + log(sum * sqrtPiOverTwo / x.squareRoot()), min(k, maxTerms))
        }
        // I's terms alternate and, for v near `hankelSplitOrder` at x = 25, grow to about 6 before
        // they decay: the sum cancels and its rounding is amplified (up to 5.5 eps for v in [12, 13),
        // x in [25, 30)): I uses the power series for v >= `hankelSeriesOrderI` and x < `hankelMinXHigh`.
        let eightX = 8 * x
        var term = 1.0
        var sum = 1.0
        var k = 1
        while k <= maxTerms {
            let odd = Double(2 * k - 1)
            term *= -(mu - odd * odd) / (Double(k) * eightX)
            sum += term
            if abs(term) <= tolerance * sum { break }
            k += 1
        }
        if x < 0x1p1000 {
            // log(sum / sqrt(2 pi x)) = log(sum^2 / (2 pi x)) / 2: no square root
            return (x + 0.5 * log(sum * sum * invTwoPi / x), min(k, maxTerms))
        }
        return (x + log(sum * invSqrtTwoPi / x.squareRoot()), min(k, maxTerms))
    }

    /// log I_v(x) = v log(x/2) - log Gamma(v+1) + log(sum_k (x^2/4)^k / (k! (v+1)_k)), v < 20.
    /// Gamma(v+1) = Gamma(1+f) * prod_{i<n} (v - i) with n = round(v), f = v - n in [-1/2, 1/2):
    /// the factors v - i are exact, their product is formed in double-double, 1/Gamma(1+f) by its
    /// Taylor series. v log(x/2) is formed in double-double when it cancels against the rest.
    static func seriesI(_ v: Double, _ x: Double, order: SeriesOrder? = nil) -> Double {
        seriesICounted(v, x, order: order ?? SeriesOrder(v)).value
    }

    /// The part of `seriesI` that depends on the order alone: n = round(v), f = v - n, the product
    /// p = prod_(i<n) (v - i) in double-double, 1/Gamma(1+f) and their ratio 1/Gamma(v+1) (to binary64).
    /// The fixed-order batch entries compute it once per call.
    package struct SeriesOrder {
        let f: Double
        let p: DD
        let rgamma: Double
        let ratio: Double

        @inline(__always)
        package init(_ v: Double) {
            let n = floorHalfUp(v)
            f = v - n
            // the product of the n <= 20 factors v - i in double-double, as two interleaved chains (shorter latency)
            var pEven = DD(1, 0)
            var pOdd = DD(1, 0)
            var i = 0.0
            while i + 1 < n {
                pEven = mul(pEven, v - i)
                pOdd = mul(pOdd, v - (i + 1))
                i += 2
            }
            if i < n { pEven = mul(pEven, v - i) }
            p = mul(pEven, pOdd)
            rgamma = rgamma1p(f)
            ratio = rgamma / p.hi * (1 - p.lo / p.hi)
        }
    }

    /// `seriesI` stopping once a term is below `tolerance` of the sum, and the number of terms it summed.
    @inline(__always)
    package static func seriesICounted(_ v: Double, _ x: Double,
                                       tolerance: Double = Regions.tolerance) -> (value: Double, terms: Int) {
        seriesICounted(v, x, tolerance: tolerance, order: SeriesOrder(v))
    }

    /// `seriesICounted` with the order's part (`SeriesOrder(v)`) given.
    package static func seriesICounted(_ v: Double, _ x: Double, tolerance: Double = Regions.tolerance,
                                       order: SeriesOrder) -> (value: Double, terms: Int) {
        let q = 0.25 * (x * x)
        var term = 1.0
        var tail = 0.0
        var k = 1
        while k <= Regions.seriesMaxTerms {
            let dk = Double(k)
            term *= q / (dk * (v + dk))
            tail += term
            if term <= tolerance * tail { break }
            k += 1
        }
        let terms = min(k, Regions.seriesMaxTerms)
        let ratio = order.ratio
        let logQ = tail < 0.25 ? log1p(tail) + log(ratio) : log((1 + tail) * ratio)
        if v == 0 { return (logQ, terms) }
        let logx = log(x)
        let a = v * (logx - ln2hi)
        let l0 = a + logQ
        // binary64 is enough unless the two terms cancel
        if abs(a) + abs(logQ) <= Regions.seriesCancellation * max(1, abs(l0)) { return (l0, terms) }
        // v log(x/2) and log Q cancel: both in double-double.
        let adds = mul(add(logDD(DD(x, 0)), DD(-ln2hi, -ln2lo)), v)
        let qdd = div(mul(twoSum(1, tail), order.rgamma), order.p)
        return (add(adds, logDD(qdd)).hi, terms)
    }

    /// log K_v(x) for v < 20 and x below the Hankel region: K_mu, mu = v - round(v) in [-1/2, 1/2),
    /// with x K_{mu+1} / K_mu, from Temme's series (x < `seriesMaxX`) or Steed's continued fraction CF2
    /// (as in Numerical Recipes' bessik), then the forward recurrence in v on the ratios
    /// q_nu = x K_{nu+1} / K_nu, telescoped: log K_v = log K_mu + log prod q_nu - n log x (for Steed's
    /// CF2 in `steedForward`, compensated).
    static func temmeK(_ v: Double, _ x: Double, seriesMaxX: Double = Regions.temmeSeriesMaxX) -> Double {
        temmeKCounted(v, x, seriesMaxX: seriesMaxX).value
    }

    /// `temmeK` stopping Temme's series or Steed's continued fraction once a term is below `tolerance`
    /// of the sum, and the number of terms plus recurrence steps it took.
    package static func temmeKCounted(_ v: Double, _ x: Double, seriesMaxX: Double = Regions.temmeSeriesMaxX,
                                      tolerance: Double = Regions.tolerance) -> (value: Double, terms: Int) {
        let n = floorHalfUp(v)
        let mu = v - n
        let mu2 = mu * mu
        let kmuScaled: Double
        let qRatio: Double
        let steps: Int
        if x < seriesMaxX {
            let x2 = 0.5 * x
            let pimu = pi * mu
            let fact = abs(pimu) < 0x1p-30 ? 1.0 : pimu / sinSmall(pimu)
            let d = ln2hi - log(x)  // -log(x/2); x/2 would underflow for the smallest subnormal
            let e = mu * d
            let ee = exp(e)
            let eInv = 1 / ee
            let fact2: Double
            if abs(e) < 0.5 {
                let e2 = e * e
                fact2 = 1 + e2 * (1.0 / 6 + e2 * (1.0 / 120 + e2 * (1.0 / 5040 + e2 * (1.0 / 362880
                    + e2 * (1.0 / 39916800 + e2 * (1.0 / 6227020800 + e2 * (1.0 / 1307674368000)))))))
            } else {
                fact2 = 0.5 * (ee - eInv) / e
            }
            let coshE = 0.5 * (ee + eInv)
            let (g1, g2) = temmeGammas(mu)
            // 1/Gamma(1 +- mu) = g2 -+ mu g1 (the even and odd parts of the same series as rgamma1p)
            let gampl = g2 - mu * g1
            let gammi = g2 + mu * g1
            var ff = fact * (g1 * coshE + g2 * fact2 * d)
            var sum = ff
            var p = 0.5 * ee / gampl
            var q = 0.5 * eInv / gammi
            var c = 1.0
            let dd = x2 * x2
            var sum1 = p
            var i = 1.0
            while i < 200 {
                // one division per term: r = 1/(i (i^2 - mu^2)) gives 1/(i^2 - mu^2) = i r, 1/i = (i^2 - mu^2) r,
                // 1/(i - mu) = (i + mu)/(i^2 - mu^2), 1/(i + mu) = (i - mu)/(i^2 - mu^2)
                let den = i * i - mu2
                let r = 1 / (i * den)
                let invDen = i * r
                ff = (i * ff + p + q) * invDen
                c *= dd * (den * r)
                p *= (i + mu) * invDen
                q *= (i - mu) * invDen
                let del = c * ff
                sum += del
                let del1 = c * (p - i * ff)
                sum1 += del1
                if abs(del) < abs(sum) * tolerance && abs(del1) < abs(sum1) * tolerance { break }
                i += 1
            }
            kmuScaled = sum
            qRatio = 2 * sum1 / sum
            steps = Int(i)
        } else {
            var b = 2 * (1 + x)
            var d = 1 / b
            var h = d
            var delh = d
            var q1 = 0.0
            var q2 = 1.0
            let a1 = 0.25 - mu2
            var q = a1
            var c = a1
            var a = -a1
            var s = 1 + q * delh
            // compensated (two-sum) accumulation of q, h and s
            var qc = 0.0, hc = 0.0, sc = 0.0
            var i = 2.0
            while i < 1000 {
                a -= 2 * (i - 1)
                c = -a * c / i
                let qnew = (q1 - b * q2) / a
                q1 = q2
                q2 = qnew
                let qs = twoSum(q, c * qnew)
                q = qs.hi; qc += qs.lo
                b += 2
                d = 1 / (b + a * d)
                delh = (b * d - 1) * delh
                let hs = twoSum(h, delh)
                h = hs.hi; hc += hs.lo
                let dels = (q + qc) * delh
                let ss = twoSum(s, dels)
                s = ss.hi; sc += ss.lo
                if abs(dels) < abs(s) * tolerance { break }
                i += 1
            }
            h = (h + hc) * a1
            s += sc
            return (steedForward(n: n, mu: mu, x: x, s: s, qMu: mu + x + 0.5 - h), Int(i) + Int(n))
        }
        // forward recurrence on the ratios (Temme's series; Steed's CF2 returned above)
        if n == 0 { return (log(kmuScaled), steps) }
        // prod q_nu over the n steps telescopes: with q_nu = N_k / N_(k-1), N_(-1) = 1,
        // N_0 = q_mu, the ratio recurrence is N_(k+1) = x^2 N_(k-1) + 2 (nu + 1) N_k (positive terms,
        // no division; N_(n-1) = prod q_nu <= (x + v)^n <= 40^20 for v < 20, x < 20: no overflow)
        let xx = x * x
        var nu = mu
        var nPrev = 1.0
        var nCur = qRatio
        var j = 1.0
        while j < n {
            nu += 1
            let nNext = xx * nPrev + 2 * nu * nCur
            nPrev = nCur
            nCur = nNext
            j += 1
        }
        return (log(nCur * kmuScaled) - n * log(x), steps + Int(n))
    }

    /// log K_v(x) from Steed's CF2 (x >= 1 in `logK`): K_mu = sqrt(pi/(2x)) e^-x / s and
    /// q_mu = x K_(mu+1) / K_mu, then K_v = K_mu prod_(k<n) q_(mu+k) / x^n. The product telescopes:
    /// N_(-1) = 1, N_0 = q_mu, N_(k+1) = x^2 N_(k-1) + 2 (mu + k + 1) N_k, prod_(k<n) q_(mu+k) = N_(n-1)
    /// (positive terms, no division; N_(n-1) <= (x + v)^n < 55^20 and x^n < 35^20 here: no overflow).
    ///
    /// Why not plain binary64: that version (the ratio recurrence q_(nu+1) = x^2 / q_nu + 2 (nu + 1), a
    /// product of the rounded q_nu / x, K_mu rounded, then log(...) - x) reached 6.73 eps where |log K| is
    /// small (v ~ 19, x ~ 11): each of the n steps adds about 1 eps relative to K, K_mu's four roundings up to
    /// 2 more, and log(K e^x) ~ x + log K of about 13 is rounded to ulp(13)/2 = 4 eps before x cancels.
    /// Measured on the 2,307 Steed-region pairs of 3,000 random pairs v in [3, 25), x in [1, 25) (Python's
    /// random.Random(2), against mpmath at 40 digits, variants side by side): all in binary64 5.25; only the
    /// final cancellation avoided 4.28; that and the ratio recurrence in double-double 2.5; everything in
    /// double-double 0.99; this function 1.5. `evomath verify` (MPFR) on those 3,000 pairs: 5.32 before,
    /// 1.374 now. q_mu and s stay binary64 (together about 0.5 of that 1.5): q_mu enters N_k with a relative
    /// weight of at most 1, s's error (about 1 eps) enters K directly.
    ///
    /// N_k is carried as an unnormalized pair (high, low): the high part is the binary64 recurrence, the low
    /// part collects each step's exact rounding errors (two-product, two-sum) and the first-order terms of
    /// the previous low parts, in binary64. All terms are positive, so the neglected second-order terms stay
    /// near eps^2 relative per step. Same maxima as the double-double recurrence on the three random sets.
    static func steedForward(n: Double, mu: Double, x: Double, s: Double, qMu: Double) -> Double {
        let xx = twoProd(x, x)
        var prevHigh = 1.0, prevLow = 0.0
        var curHigh = qMu, curLow = 0.0
        var xPower = DD(x, 0)
        var nu = mu
        var j = 1.0
        while j < n {
            nu += 1
            let b = 2 * nu  // exact
            let p1 = twoProd(xx.hi, prevHigh)
            let p2 = twoProd(b, curHigh)
            let t = twoSum(p1.hi, p2.hi)
            let low = (p1.lo + p2.lo + t.lo) + (xx.lo * prevHigh + xx.hi * prevLow + b * curLow)
            prevHigh = curHigh
            prevLow = curLow
            curHigh = t.hi
            curLow = low
            xPower = mul(xPower, x)
            j += 1
        }
        var nCur = fastTwoSum(curHigh, curLow)
        if n == 0 {
            nCur = DD(1, 0)
            xPower = DD(1, 0)
        }
        // K_v e^x = sqrt(pi/2) N_(n-1) / (sqrt(x) s x^n) in double-double
        let denominator = mul(mul(sqrt(DD(x, 0)), s), xPower)
        let kScaled = div(mul(nCur, DD(sqrtPiOverTwo, sqrtPiOverTwoLo)), denominator)
        // log K_v = log(K_v e^x 2^-k) + (k ln2 - x), k = round(x / ln2) <= 51: the logarithm is taken of a
        // number near K_v (|log| <= |log K_v| + ln2/2), so its rounding is that of log K_v, not of x + log K_v.
        // k ln2HiF is exact (ln2HiF ends in 21 zero bits) and so is k ln2HiF - x (Sterbenz: |k ln2 - x| <= ln2/2, x >= 1).
        // The double-double log (add(log(kScaled), -x)) gave max 1.0, 1.5, 1.0 against this
        // form's 1.70, 1.5, 1.0 (Steed points of the three random sets, mpmath) and took about twice as long.
        // round to nearest even by adding and subtracting 1.5 * 2^52 (|x / ln2| < 2^51; no call to rint)
        let k = (x * 1.4426950408889634 + 0x1.8p52) - 0x1.8p52
        let r = (k * ln2HiF - x) + k * ln2LoF
        let scale = Double(bitPattern: UInt64(1023 - Int(k)) << 52)  // 2^-k
        let yHigh = kScaled.hi * scale
        return log(yHigh) + (kScaled.lo * scale / yHigh + r)
    }

    /// log K_v(x) = log of the integral over t >= 0 of exp(-x cosh t) cosh(v t) dt, by the trapezoid
    /// rule with step h = `Regions.quadratureStep(v)` (the integrand is entire and even, so the rule
    /// converges exponentially). Each node t = j h is exp(-x cosh t) cosh(vt) e^-s0 =
    /// (e^(vt - x cosh t - s0) + e^(-vt - x cosh t - s0)) / 2, scaled by s0 = v t0 - x cosh t0 at the
    /// peak t0 = asinh(v/x) (no overflow: v < 20, x >= 1/10 here; an error in s0 cancels in the
    /// result), with cosh(j h) tabulated (`quadratureCosh*`, for j h formed in binary64 as here):
    /// two exponentials per node. The sum stops past the peak once a node is below e^-`quadratureCut`.
    static func quadratureK(_ v: Double, _ x: Double) -> Double {
        quadratureKCounted(v, x).value
    }

    /// `quadratureK` and the number of nodes it summed.
    package static func quadratureKCounted(_ v: Double, _ x: Double) -> (value: Double, terms: Int) {
        let h = Regions.quadratureStep(v)
        let t0 = v == 0 ? 0 : asinhPositive(v / x)
        let e0 = exp(t0)
        let s0 = v * t0 - x * (0.5 * (e0 + 1 / e0))
        let table = h == 0.2 ? quadratureCosh02 : h == 0.16 ? quadratureCosh016 : quadratureCosh01
        // The nodes are about 1 near the peak and the sum reaches about 1/h: a plain running sum
        // loses 0.5 ulp(sum) per addition (4.06 eps at v = 0.3712, x = 0.7480 before), so the sum
        // is compensated (two-sum) and its error is that of the nodes themselves.
        var sum = 0.5 * exp(-x - s0)
        var compensation = 0.0
        var nodes = 0
        table.withUnsafeBufferPointer { coshes in
            var j = 0
            defer { nodes = j + 1 }
            while j < coshes.count {
                let t = Double(j + 1) * h
                let a = -x * coshes[j] - s0
                let vt = v * t
                let up = a + vt
                let s = twoSum(sum, 0.5 * (exp(up) + exp(a - vt)))
                sum = s.hi
                compensation += s.lo
                if t > t0 && up < -Regions.quadratureCut { break }
                j += 1
            }
        }
        return (s0 + log(h * (sum + compensation)), nodes)
    }

    /// floor(v + 1/2), without a call to floor (baseline x86-64 has no roundsd): for 0 <= v + 1/2 < 2^52
    /// the conversion to Int truncates, which is floor there; from 2^52 on v + 1/2 is an integer.
    @inline(__always)
    static func floorHalfUp(_ v: Double) -> Double {
        let y = v + 0.5
        if y >= 0 && y < 0x1p52 { return Double(Int(y)) }
        return y.rounded(.down)
    }

    /// asinh(y) for y > 0: log(y + sqrt(1 + y^2)), log1p form for small y.
    @inline(__always)
    static func asinhPositive(_ y: Double) -> Double {
        if y > 0x1p500 { return ln2hi + log(y) }
        let r = (1 + y * y).squareRoot()
        return y < 0.5 ? log1p(y + y * y / (1 + r)) : log(y + r)
    }

    /// sin(y) for |y| <= pi/2 (Taylor series to y^23).
    @inline(__always)
    static func sinSmall(_ y: Double) -> Double {
        let y2 = y * y
        var p = -1.0 / 0x1.5e5c335f8a4cep+74  // 23! rounded to Double (not exactly representable)
        p = p * y2 + 1.0 / 51090942171709440000
        p = p * y2 - 1.0 / 121645100408832000
        p = p * y2 + 1.0 / 355687428096000
        p = p * y2 - 1.0 / 1307674368000
        p = p * y2 + 1.0 / 6227020800
        p = p * y2 - 1.0 / 39916800
        p = p * y2 + 1.0 / 362880
        p = p * y2 - 1.0 / 5040
        p = p * y2 + 1.0 / 120
        p = p * y2 - 1.0 / 6
        return y + y * y2 * p
    }

    /// The uniform (Debye) expansion (DLMF 10.41.3, 10.41.4) with z = x/v, t = 1/sqrt(1+z^2),
    /// eta = sqrt(1+z^2) - asinh(1/z):
    /// log I = v eta + log(sqrt(t / (2 pi v)) sum u_k(t)/v^k),
    /// log K = -v eta + log(sqrt(pi t / (2 v)) sum (-1)^k u_k(t)/v^k).
    /// Near eta = 0 (where v eta cancels) v eta = s - v log((v + s)/x), s = sqrt(v^2 + x^2),
    /// is formed in double-double.
    static func debye(_ v: Double, _ x: Double, isK: Bool) -> Double {
        debyeCounted(v, x, isK: isK).value
    }

    /// `debye` with `terms` terms u_1 ... u_terms (nil: min(`Regions.debyeTerms(v)`,
    /// `Regions.debyeTermsByS(s)`), as the runtime), and the number of terms it used
    /// (negative when v eta was formed in double-double, `debyeDD`).
    package static func debyeCounted(_ v: Double, _ x: Double, isK: Bool, terms fixedTerms: Int? = nil) -> (value: Double, terms: Int) {
        if v < 0x1p500 && x < 0x1p500 && x > 0x1p-500 {
            // the common case, with few divisions: s = sqrt(v^2 + x^2), t = v/s, t/v = 1/s,
            // v eta = s - v asinh(v/x), asinh(v/x) = log((v + s)/x)
            let s = (v * v + x * x).squareRoot()
            let w = 1 / s
            let t = v * w
            // For x >> v, log((v + s)/x) ~ v/x loses relative accuracy, but its absolute error
            // (~1.5 eps) times v stays below eps |log I| ~ eps v |eta| on the binary64 branch (|eta| >= 2).
            let asinhVX = log((v + s) / x)
            let veta = s - v * asinhVX
            let terms = fixedTerms ?? min(Regions.debyeTerms(v), Regions.debyeTermsByS(s))
            let sum = debyeSum(t2: t * t, w: isK ? -w : w, terms: terms)
            // log(sum sqrt(w) c) = log(sum^2 w c^2) / 2: no second square root (w >= 2^-501, no underflow)
            let rest = 0.5 * log(sum * sum * w * (isK ? piOverTwo : invTwoPi))
            if abs(veta) >= Regions.etaDoubleDouble * v {
                return (isK ? rest - veta : veta + rest, terms)
            }
            return (debyeDD(v, x, rest: rest, isK: isK), -terms)
        }
        let z = x / v
        let s1 = z > 0x1p500 ? z : (1 + z * z).squareRoot()
        let t = 1 / s1
        let asinhInv: Double
        if z < 0x1p-500 {
            asinhInv = ln2hi + (log(v) - log(x))
        } else {
            asinhInv = log1p((1 + 1 / (s1 + z)) / z)
        }
        let eta = s1 - asinhInv
        let terms = fixedTerms ?? Regions.debyeTerms(v)
        let w = isK ? -t / v : t / v
        let sum = debyeSum(t2: t * t, w: w, terms: terms)
        let rest: Double
        if v < 0x1p100 && t > 0x1p-100 {
            let f = isK ? sqrtPiOverTwo : invSqrtTwoPi
            rest = log(sum * (t / v).squareRoot() * f)
        } else {
            rest = log(sum) + 0.5 * (log(t) - log(v)) + (isK ? 0.5 * logPiOverTwo : -0.5 * logTwoPi)
        }
        if abs(eta) >= Regions.etaDoubleDouble {
            // v sqrt(1+z^2) = x (to 2^-1000) when z > 2^500; v * eta could overflow there
            let veta = z > 0x1p500 ? x - v * asinhInv : v * eta
            return (isK ? rest - veta : veta + rest, terms)
        }
        return (debyeDD(v, x, rest: rest, isK: isK), -terms)
    }

    /// v eta in double-double, on v and x scaled by the same power of two, plus `rest`.
    static func debyeDD(_ v: Double, _ x: Double, rest: Double, isK: Bool) -> Double {
        let e = Int((v.bitPattern >> 52) & 0x7ff) - 1023
        let c = Double(bitPattern: UInt64(1023 - min(e, 1022)) << 52)  // 2^-e, kept normal for v >= 2^1023
        let vs = v * c
        let xs = x * c
        let s = sqrt(add(twoProd(vs, vs), twoProd(xs, xs)))
        let ratio = div(add(s, vs), DD(xs, 0))
        // logDD's error (below 2^-95 absolute) times v is below 2^-65 for v < 2^30; above, the slower
        // log (about 2^-100 relative)
        let vlog = mul(v < 0x1p30 ? logDD(ratio) : log(ratio), vs)
        var veta = add(s, DD(-vlog.hi, -vlog.lo))
        let cInv = 1 / c
        veta = DD(veta.hi * cInv, veta.lo * cInv)
        if isK { veta = DD(-veta.hi, -veta.lo) }
        return add(veta, rest).hi
    }
}

// MARK: - entry points

extension LogBessel {
    /// log I_v(x); `order`, when given, is `SeriesOrder(|v|)` for this v (the fixed-order batch entries).
    @inline(__always)
    static func logI(_ vIn: Double, _ x: Double, binary32: Bool = false, order: SeriesOrder? = nil) -> Double {
        if x.isNaN || vIn.isNaN || x < 0 { return .nan }
        var v = vIn
        if v < 0 {
            if v == v.rounded(.towardZero) { v = -v } else { return .nan }
        }
        if x == 0 { return v == 0 ? 0 : -.infinity }
        if x == .infinity { return v.isInfinite ? .nan : .infinity }
        if v.isInfinite { return -.infinity }
        // binary32: the searched configuration (Regions.generated.swift, from Generators/logBessel/)
        if binary32 { return regionsI32(v, x) }
        if v >= Regions.debyeMinOrder { return debye(v, x, isK: false) }
        if x >= Regions.hankelMinX(v) {
            // I's Hankel series alternates; for v >= hankelSplitOrder its terms grow to ~30 before
            // they decay (and it is truncated early): the uniform expansion is accurate there (t <= 1/2).
            if v >= Regions.hankelSplitOrder { return debye(v, x, isK: false) }
            if v >= Regions.hankelSeriesOrderI && x < Regions.hankelMinXHigh { return seriesI(v, x, order: order) }
            return hankel(v, x, isK: false)
        }
        return seriesI(v, x, order: order)
    }

    @inline(__always)
    static func logK(_ vIn: Double, _ x: Double, binary32: Bool = false) -> Double {
        if x.isNaN || vIn.isNaN || x < 0 { return .nan }
        let v = abs(vIn)
        if x == 0 { return .infinity }
        if x == .infinity { return v.isInfinite ? .nan : -.infinity }
        if v.isInfinite { return .infinity }
        if binary32 { return regionsK32(v, x) }
        if v >= Regions.debyeMinOrder { return debye(v, x, isK: true) }
        if x >= Regions.hankelMinX(v) { return hankel(v, x, isK: true) }
        if x < Regions.steedMinX
            && (x >= Regions.temmeSeriesMaxX || (v < Regions.quadratureLowOrderMaxV && x >= Regions.quadratureLowOrderMinX)) {
            return quadratureK(v, x)
        }
        return temmeK(v, x)
    }
}

extension Evolved {
    /// The natural logarithm of the modified Bessel function of the first kind, log I_v(x),
    /// computed in log space (never overflows where the logarithm is finite).
    ///
    /// Accuracy target (binary64): |y − L| ≤ 4 ε max(1, |L|), ε = 2^−52, L the exact logarithm.
    ///
    /// Special cases:
    /// - x = 0: 0 for v = 0, −inf for v ≠ 0 (v > 0, or a negative integer).
    /// - x = +inf: +inf (NaN if v is also infinite).
    /// - v < 0: for an integer v, I_{−n} = I_n; for any other negative v the result is NaN
    ///   (I_{−v} = I_v + (2/π) sin(vπ) K_v is not implemented).
    /// - v = +inf or −inf (finite x > 0): −inf for +inf (I_v(x) → 0); NaN for −inf.
    /// - x < 0, or x or v NaN: NaN.
    public static func logBesselI(order v: Double, _ x: Double) -> Double {
        LogBessel.logI(v, x)
    }

    /// The natural logarithm of the modified Bessel function of the second kind, log K_v(x),
    /// computed in log space (never overflows where the logarithm is finite).
    ///
    /// Accuracy target (binary64): |y − L| ≤ 4 ε max(1, |L|), ε = 2^−52, L the exact logarithm.
    ///
    /// Special cases:
    /// - x = 0: +inf. x = +inf: −inf (NaN if v is infinite).
    /// - v < 0: K_{−v} = K_v. v = ±inf (finite x > 0): +inf.
    /// - x < 0, or x or v NaN: NaN.
    public static func logBesselK(order v: Double, _ x: Double) -> Double {
        LogBessel.logK(v, x)
    }

    /// log I_v(x) in binary32: evaluated in binary64 and rounded once, with the region configuration
    /// searched for binary32 (fewer terms; Generators/logBessel/logBesselRegions.binary32.json).
    /// Special cases as for the binary64 function.
    public static func logBesselI(order v: Float, _ x: Float) -> Float {
        Float(LogBessel.logI(Double(v), Double(x), binary32: true))
    }

    /// log K_v(x) in binary32: evaluated in binary64 and rounded once, with the region configuration
    /// searched for binary32 (Generators/logBessel/logBesselRegions.binary32.json).
    /// Special cases as for the binary64 function.
    public static func logBesselK(order v: Float, _ x: Float) -> Float {
        Float(LogBessel.logK(Double(v), Double(x), binary32: true))
    }
}
