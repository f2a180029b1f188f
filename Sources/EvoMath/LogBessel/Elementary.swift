// Elementary functions the log-Bessel runtime needs, built here because the
// EvoMath module depends on nothing (no Foundation, no Glibc): log (EvoMath's own
// `Evolved.Fast.log`, table-driven and without a division), log1p and exp in
// binary64, and a small double-double toolkit (two-sum, two-product, sqrt, log to
// about 2^-100 relative).
//
// exp is table-driven (2^(j/64), from Constants.generated.swift) without a
// division; it is an internal stand-in for `Evolved.exp`. Each is checked against
// mpmath in Tests/EvoMathTests/LogBesselElementaryTests.swift.

extension LogBessel {
    // MARK: - binary64 log, log1p, exp

    /// Natural logarithm for finite x > 0 (subnormals included): `Evolved.Fast.log` (table-driven,
    /// no division; documented < 1 ULP, at most 0.500000 ULP on the samples of Scripts/accuracy-checks).
    @inline(__always)
    static func log(_ x: Double) -> Double {
        LogBinary64Runtime.fastLog(x)
    }

    /// log(1 + x) for x > -1 (to about 1 ulp): log(u) corrected by (x - (u - 1)) / u, u = 1 + x.
    @inline(__always)
    static func log1p(_ x: Double) -> Double {
        if abs(x) < 0x1p-16 {
            // x - x^2/2 + x^3/3 - x^4/4 (the next term is below 2^-64 relative)
            return x + x * x * (-0.5 + x * (1.0 / 3 - 0.25 * x))
        }
        let u = 1.0 + x
        return log(u) + (x - (u - 1.0)) / u
    }

    /// e^x for |x| <= 745 (callers keep x in range; results may be subnormal), without a division:
    /// x = (64 m + j) ln2/64 + r, |r| <= ln2/128, e^x = 2^m 2^(j/64) e^r with 2^(j/64) from `expTable`
    /// (double-double) and e^r - 1 by its Taylor series through r^6 (truncation below 2^-64); error
    /// about 0.5 ulp (checked against mpmath in the elementary tests).
    @inline(__always)
    static func exp(_ xIn: Double) -> Double {
        if xIn > 709.782712893384 { return .infinity }
        if xIn < -745.2 { return 0 }
        // round x 64/ln2 to the nearest integer without a call to rint: |x 64/ln2| < 2^17
        let kf = (xIn * sixtyFourOverLn2 + 0x1.8p52) - 0x1.8p52
        let r = (xIn - kf * ln2Over64Hi) - kf * ln2Over64Lo  // kf ln2Over64Hi is exact
        let r2 = r * r
        let p = r + r2 * ((0.5 + r * (1.0 / 6)) + r2 * ((1.0 / 24 + r * (1.0 / 120)) + r2 * (1.0 / 720)))
        let k = Int(kf)
        let j = k & 63
        let m = k >> 6
        let (tHi, tLo) = expTable.withUnsafeBufferPointer { t in (t[2 * j], t[2 * j + 1]) }
        let y = tHi + (tHi * p + tLo * (1 + p))
        if m >= -1021 && m <= 1023 {
            return y * Double(bitPattern: UInt64(1023 + m) << 52)
        }
        if m > 1023 { return y * 2.0 * 0x1p1023 }
        return (y * 0x1p-1000) * Double(bitPattern: UInt64(1023 + m + 1000) << 52)
    }

    // ln 2 split as in FDLIBM's e_log.c (the high part ends in 21 zero bits: k * ln2HiF is exact for |k| < 2^21).
    static var ln2HiF: Double { Double(bitPattern: 0x3FE6_2E42_FEE0_0000) }
    static var ln2LoF: Double { Double(bitPattern: 0x3DEA_39EF_3579_3C76) }

    // MARK: - double-double

    /// An unevaluated sum hi + lo with |lo| <= ulp(hi)/2.
    struct DD {
        var hi: Double
        var lo: Double
        @inline(__always) init(_ hi: Double, _ lo: Double) { self.hi = hi; self.lo = lo }
        @inline(__always) var value: Double { hi + lo }
    }

    @inline(__always)
    static func twoSum(_ a: Double, _ b: Double) -> DD {
        let s = a + b
        let bb = s - a
        return DD(s, (a - (s - bb)) + (b - bb))
    }

    @inline(__always)
    static func fastTwoSum(_ a: Double, _ b: Double) -> DD {
        let s = a + b
        return DD(s, b - (s - a))
    }

    /// a * b exactly as hi + lo, by Dekker's splitting (no fused multiply-add: on baseline x86-64
    /// `addingProduct` is a call into libm). Requires |a|, |b| < 2^996 and no underflow of the low part.
    @inline(__always)
    static func twoProd(_ a: Double, _ b: Double) -> DD {
        let p = a * b
        let ca = 134217729.0 * a  // 2^27 + 1
        let ah = ca - (ca - a)
        let al = a - ah
        let cb = 134217729.0 * b
        let bh = cb - (cb - b)
        let bl = b - bh
        return DD(p, ((ah * bh - p) + ah * bl + al * bh) + al * bl)
    }

    @inline(__always)
    static func add(_ a: DD, _ b: DD) -> DD {
        let s = twoSum(a.hi, b.hi)
        let t = twoSum(a.lo, b.lo)
        let u = fastTwoSum(s.hi, s.lo + t.hi)
        return fastTwoSum(u.hi, u.lo + t.lo)
    }

    @inline(__always)
    static func add(_ a: DD, _ b: Double) -> DD {
        let s = twoSum(a.hi, b)
        return fastTwoSum(s.hi, s.lo + a.lo)
    }

    @inline(__always)
    static func mul(_ a: DD, _ b: DD) -> DD {
        let p = twoProd(a.hi, b.hi)
        return fastTwoSum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi))
    }

    @inline(__always)
    static func mul(_ a: DD, _ b: Double) -> DD {
        let p = twoProd(a.hi, b)
        return fastTwoSum(p.hi, p.lo + a.lo * b)
    }

    @inline(__always)
    static func div(_ a: DD, _ b: DD) -> DD {
        let q1 = a.hi / b.hi
        let r = add(a, mul(b, -q1))
        let q2 = r.hi / b.hi
        let r2 = add(r, mul(b, -q2))
        let q3 = r2.hi / b.hi
        return add(fastTwoSum(q1, q2), q3)
    }

    /// sqrt(a) for a.hi > 0, one Newton step on the binary64 square root.
    @inline(__always)
    static func sqrt(_ a: DD) -> DD {
        let s = a.hi.squareRoot()
        let e = add(a, twoProd(-s, s))  // a - s^2, exact leading part
        return fastTwoSum(s, e.hi / (2 * s))
    }

    /// a itself, or a·2^54 when a.hi is subnormal (a.hi > 0), with the exponent to add back (0 or -54).
    @inline(__always)
    static func scaledToNormal(_ a: DD) -> (hi: Double, lo: Double, eAdjust: Int) {
        a.hi < 0x1p-1022 ? (a.hi * 0x1p54, a.lo * 0x1p54, -54) : (a.hi, a.lo, 0)
    }

    /// log(a) for finite a.hi > 0 as a double-double, error below 2^-95 absolute and about 2^-100 relative
    /// (the old `log(_: DD)` is about 2^-100 relative but takes about three times as long): EvoMath's binary64
    /// log reduction (`LogBinary64Runtime.reduce`) on a.hi = 2^e z gives u = z invc - 1 exactly, |u| < 2^-8, and
    /// -log(invc) = nh + nl to 2^-97 (nh = nl = 0 for invc = 1, the entries beside z = 1); then
    /// log(a) = e ln2 + (nh + nl) + log1p(u) + log1p(rho), rho = a.lo / a.hi, log1p(rho) = rho - rho^2/2 to 2^-159,
    /// log1p(u) = u Q(u), Q = 1 - u/2 + u^2/3 - ... - u^12/13 (truncation below 2^-99 relative), by Horner:
    /// its terms from u^6/7 on (below 2^-48 of Q) in binary64, the first six in double-double.
    /// Measured against mpmath (300 bits) on 20,000 double-double inputs (hi = e^y, y uniform in [-1, 1],
    /// [-0.01, 0.01], [-700, 700], [0, 4] and [-1e-6, 1e-6], lo random below ulp(hi)/2): largest absolute error
    /// 2^-95.96, relative 2^-69.9 (only where |log a| ~ 1e-12, from rounding a.lo / a.hi); the old `log(_: DD)`
    /// 2^-96.6 and 2^-98.6; 148 ns against 498 ns per call (stand-alone swiftc -O build, loaded machine).
    static func logDD(_ a: DD) -> DD {
        let (hi, lo, eAdjust) = scaledToNormal(a)
        let (e, _, nh, nl, u) = LogBinary64Runtime.reduce(hi.bitPattern, eAdjust)
        let r = 1.0 / 7 + u * (-1.0 / 8 + u * (1.0 / 9 + u * (-1.0 / 10 + u * (1.0 / 11 + u * (-1.0 / 12 + u * (1.0 / 13))))))
        var q = add(DD(-inverse6hi, -inverse6lo), u * r)
        q = add(DD(inverse5hi, inverse5lo), mul(q, u))
        q = add(DD(-0.25, 0), mul(q, u))
        q = add(DD(inverse3hi, inverse3lo), mul(q, u))
        q = add(DD(-0.5, 0), mul(q, u))
        q = add(DD(1, 0), mul(q, u))
        let log1pU = mul(q, u)
        let ed = Double(e)
        let kln2 = add(twoProd(ed, ln2hi), ed * ln2lo)
        let rho = lo / hi
        return add(add(add(add(kln2, DD(nh, nl)), log1pU), rho), -0.5 * rho * rho)
    }

    /// log(a) for finite a.hi > 0, relative error about 2^-100:
    /// a = 2^k m with m in [sqrt(1/2), sqrt(2)), log m = 2 atanh(s), s = (m - 1)/(m + 1),
    /// the series in s^2 in double-double through s^15 and in binary64 from s^17 to s^39.
    static func log(_ a: DD) -> DD {
        let (hi, lo, eAdjust) = scaledToNormal(a)
        var k = eAdjust + Int((hi.bitPattern >> 52) & 0x7ff) - 1023
        var m = Double(bitPattern: (hi.bitPattern & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000)
        if m > 1.4142135623730951 { m *= 0.5; k += 1 }
        let scale = m / hi  // exact power of two
        let mlo = lo * scale
        let num = twoSum(m - 1.0, mlo)  // m - 1 exact (Sterbenz)
        let den = add(twoSum(m, 1.0), mlo)
        let s = div(num, den)
        let s2 = mul(s, s)
        let x = s2.hi
        var p = 2.0 / 39.0
        p = p * x + 2.0 / 37.0
        p = p * x + 2.0 / 35.0
        p = p * x + 2.0 / 33.0
        p = p * x + 2.0 / 31.0
        p = p * x + 2.0 / 29.0
        p = p * x + 2.0 / 27.0
        p = p * x + 2.0 / 25.0
        p = p * x + 2.0 / 23.0
        p = p * x + 2.0 / 21.0
        p = p * x + 2.0 / 19.0
        p = p * x + 2.0 / 17.0
        var q = mul(s2, p)
        q = add(q, DD(atanhC7hi, atanhC7lo)); q = mul(q, s2)
        q = add(q, DD(atanhC6hi, atanhC6lo)); q = mul(q, s2)
        q = add(q, DD(atanhC5hi, atanhC5lo)); q = mul(q, s2)
        q = add(q, DD(atanhC4hi, atanhC4lo)); q = mul(q, s2)
        q = add(q, DD(atanhC3hi, atanhC3lo)); q = mul(q, s2)
        q = add(q, DD(atanhC2hi, atanhC2lo)); q = mul(q, s2)
        q = add(q, DD(atanhC1hi, atanhC1lo)); q = mul(q, s2)
        q = add(q, 2.0)
        let logm = mul(q, s)
        let dk = Double(k)
        let kln2 = add(twoProd(dk, ln2hi), dk * ln2lo)
        return add(kln2, logm)
    }
}
