import CMPFR

/// A binary64 evaluation of a function at binary32 inputs with a *proven*
/// relative error bound: it trusts no libm, only IEEE 754 binary64 arithmetic
/// (round to nearest, the default environment) and constants that MPFR
/// rounds correctly once, when the estimator is built.
///
/// The verifier uses it as the filter of an exhaustive binary32 run (`evomath
/// verify --filter proven`, the default): where the bracket
/// `[d(1 − b), d(1 + b)]` around the estimate `d` (b = `relativeErrorBound`)
/// rounds to one binary32, that is the correctly rounded result; elsewhere
/// MPFR's Ziv loop decides. `correctlyRounded(_:)` packages that test for
/// other users (the search's exception scans can adopt it).
public protocol ProvenBinary32Estimate: Sendable {
    /// The function's name (`exp`, `log`).
    var name: String { get }
    /// |estimate(x) − f(x)| ≤ relativeErrorBound · |f(x)| for every binary32
    /// x for which `estimate` returns a finite non-zero value. Special
    /// results are exact (NaN, ±infinity, log 1 = +0), or stand for a value
    /// beyond binary32's range: +infinity for exp(x) > 2^184, +0 for
    /// exp(x) < 2^-184.
    var relativeErrorBound: Double { get }
    /// f(x) in binary64 within the bound, or nil when a guard of the proof
    /// does not hold (never, for binary32 inputs; the guards are checked, not
    /// assumed).
    func estimate(_ x: Float) -> Double?
}

extension ProvenBinary32Estimate {
    /// The correctly rounded binary32 value of f(x) when the estimate decides
    /// it (its error bracket does not straddle a rounding boundary), nil
    /// when only a high-precision evaluation can.
    @inlinable
    public func correctlyRounded(_ x: Float) -> Float? {
        guard let d = estimate(x) else { return nil }
        if !d.isFinite || d == 0 { return Float(d) }
        // The bound plus the rounding of the two products (see the verifier).
        let b = relativeErrorBound + 0x1p-52
        let low = Float(d * (1 - b)), high = Float(d * (1 + b))
        return low.bitPattern == high.bitPattern ? low : nil
    }

    /// One-line description for reports.
    public var filterDescription: String {
        "proven: EvoMath's own binary64 \(name) (relative error ≤ 2^\(Int(relativeErrorBound.exponent)), "
            + "derivation in Sources/EvoMathReference/ProvenEstimate.swift; no libm)"
    }
}

/// The proven estimators, by function name.
public enum ProvenEstimates {
    public static let exp = ProvenExpBinary32()
    public static let log = ProvenLogBinary32()
    public static func named(_ name: String) -> (any ProvenBinary32Estimate)? {
        switch name {
        case "exp": return exp
        case "log": return log
        default: return nil
        }
    }
}

/// Constants rounded correctly by MPFR.
enum ProvenConstants {
    /// `value` (computed by `body` at 256 bits) rounded to nearest with
    /// `precision` significant bits.
    static func rounded(precision: Int, _ body: (MPFRFloat) -> Void) -> Double {
        let exact = MPFRFloat(precision: 256)
        body(exact)
        let r = MPFRFloat(precision: precision)
        _ = r.set(exact)
        return r.doubleValue  // ≤ 53 bits: exact
    }

    /// (hi, lo): hi = RN53(v), lo = RN53(v − hi) for v computed by `body` at 256 bits.
    static func doubleDouble(_ body: (MPFRFloat) -> Void) -> (Double, Double) {
        let exact = MPFRFloat(precision: 256)
        body(exact)
        let hi = exact.doubleValue
        let rest = MPFRFloat(precision: 256)
        _ = rest.set(exact)
        mpfr_sub_d(rest.pointer, rest.pointer, hi, MPFR_RNDN)  // exact: 256 bits hold it
        return (hi, rest.doubleValue)
    }
}

/// e^x at binary32 x, relative error ≤ 2^-48 (proven; the analysis gives
/// 3.1·2^-53 ≈ 2^-51.4, so the bound has an 8× margin).
///
/// ```
/// x = k·ln2/64 + r,  e^x = 2^(k >> 6) · 2^((k mod 64)/64) · e^r,  |r| ≤ 0.0055
/// ```
///
/// Derivation (u = 2^-53; every operation is one binary64 rounding, relative
/// error ≤ u, no underflow or overflow: all values lie in [2^-200, 2^200]):
/// 1. Outside |x| ≤ 128 the result is +infinity (e^x > 2^184) or +0
///    (e^x < 2^-184): the correctly rounded binary32 values.
/// 2. `k` is any integer with |k| < 2^14 (checked); how it was computed does
///    not matter. `stepHigh` = ln2/64 rounded to 39 bits lies in
///    [2^-7, 2^-6), so it is a multiple of 2^-45, and k·stepHigh (≤ 53 bits)
///    is exact. If k ≠ 0 then |x| ≥ 2^-8 (checked), so the binary32 x is a
///    multiple of 2^-31; x − k·stepHigh is then a multiple of 2^-45 and,
///    once the final guard |r| ≤ 0.0055 holds, smaller than 2^8 in magnitude:
///    representable, so the subtraction is exact (k = 0: r1 = x, exact).
/// 3. r = r1 − k·stepLow: with stepLow = RN(ln2/64 − stepHigh),
///    |stepLow| ≤ 2^-46, the error of r against x − k·ln2/64 is at most
///    u|r| + u·|k·stepLow| + |k|·u·|stepLow| ≤ u(0.0055 + 2^-31) < 0.0056u,
///    which changes e^r by a relative 0.0057u at most.
/// 4. p = Σ_{j≤6} c_j r^j by Horner, c_j = RN(1/j!) (c_0, c_1, c_2 exact).
///    Higham (Accuracy and Stability, 2nd ed., eq. 5.3): the computed p is
///    Σ c_j r^j (1 + θ_{2j+1}), |θ_m| ≤ γ_m = mu/(1 − mu); so its error is at
///    most Σ γ_{2j+1} ρ^j/j! ≤ 1.017u (ρ = 0.0055); the rounded coefficients
///    add ≤ u·ρ³/6 < 10^-7·u and the Taylor remainder ρ^7/7!·e^ρ < 0.001u;
///    with p ≥ e^-ρ ≥ 0.9945 that is ≤ 1.024u relative.
/// 5. table[i] = RN(2^(i/64)) from MPFR: ≤ u relative; the product rounds
///    once (u); the scaling by 2^(k >> 6) is exact.
/// Total: (1 + 1.024u)(1 + 0.0057u)(1 + u)² − 1 ≤ 3.1u < 2^-51.
public struct ProvenExpBinary32: ProvenBinary32Estimate {
    public var name: String { "exp" }
    public var relativeErrorBound: Double { 0x1p-48 }
    /// The largest |r| the derivation allows (ln2/128 ≈ 0.005415, plus slack).
    static let rho = 0.0055

    let table: [Double]
    let stepHigh: Double
    let stepLow: Double
    let inverseStep = 64 / 0.6931471805599453  // any approximation: only picks k
    // c_j = RN(1/j!): IEEE division rounds correctly.
    let c3 = 1.0 / 6, c4 = 1.0 / 24, c5 = 1.0 / 120, c6 = 1.0 / 720

    public init() {
        table = (0..<64).map { i in
            ProvenConstants.rounded(precision: 53) { v in
                mpfr_set_si(v.pointer, i, MPFR_RNDN)
                mpfr_div_2ui(v.pointer, v.pointer, 6, MPFR_RNDN)  // exact
                mpfr_exp2(v.pointer, v.pointer, MPFR_RNDN)
            }
        }
        let step: (MPFRFloat) -> Void = { v in
            mpfr_const_log2(v.pointer, MPFR_RNDN)
            mpfr_div_2ui(v.pointer, v.pointer, 6, MPFR_RNDN)
        }
        stepHigh = ProvenConstants.rounded(precision: 39, step)
        let high = stepHigh
        stepLow = ProvenConstants.rounded(precision: 53) { v in
            step(v)
            mpfr_sub_d(v.pointer, v.pointer, high, MPFR_RNDN)
        }
    }

    public func estimate(_ x: Float) -> Double? {
        if x.isNaN { return .nan }
        let xd = Double(x)
        if xd > 128 { return .infinity }
        if xd < -128 { return 0 }
        let kd = (xd * inverseStep).rounded()
        guard abs(kd) < 0x1p14, kd == 0 || abs(xd) >= 0x1p-8 else { return nil }
        let r1 = xd - kd * stepHigh
        let r = r1 - kd * stepLow
        guard abs(r) <= Self.rho else { return nil }
        var p = c6
        p = p * r + c5
        p = p * r + c4
        p = p * r + c3
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        let k = Int(kd)
        let scale = Double(sign: .plus, exponent: k >> 6, significand: 1)
        return (table[k & 63] * p) * scale
    }
}

/// log x at binary32 x, relative error ≤ 2^-48 (proven; the analysis gives
/// 4.2·2^-53 < 2^-50.9).
///
/// ```
/// x = 2^e·m, m in [1, 2);  m = c_i·(1 + r) with 1/c_i ≈ invc_i, i = ⌊64(m − 1)⌋
/// log x = e'·ln2 + logc'_i + log1p(r)
///   (e' = e, logc'_i = −log invc_i for i < 26; e' = e + 1, logc'_i = −log invc_i − ln2 for i ≥ 26)
/// x in [1 − 2^-6, 1 + 2^-6]:  log x = log1p(x − 1)
/// ```
///
/// Derivation (u = 2^-53, as for exp):
/// 1. Special inputs give exact results: NaN, x < 0 → NaN; ±0 → −infinity;
///    +infinity → +infinity; 1 → +0.
/// 2. Near one (x in [1 − 2^-6, 1 + 2^-6]): t = x − 1 is exact (Sterbenz).
///    q(t) = Σ_{j≤9} (−1)^j t^j/(j + 1) by Horner: Σ γ_{2j+1}|c_j|ρ^j ≤ 1.024u
///    (ρ = 2^-6), the rounded coefficients ≤ 10^-4·u, the remainder
///    ρ^10/11/(1 − ρ) < 0.001u; q ≥ 1 − ρ/2 ≥ 0.992, so q is within 1.035u
///    relative, and t·q rounds once more: ≤ 2.04u relative.
/// 3. Elsewhere: m − 1 and 64(m − 1) are exact, i in [0, 63]. invc_i =
///    1/(1 + (i + 1/2)/64) rounded to 20 bits by MPFR; m·invc_i has at most
///    24 + 20 bits (exact) and lies in [1/2, 2], so r = m·invc_i − 1 is exact
///    (Sterbenz) and |r| ≤ 2^-7(1 + 2^-19) < 0.0079 (checked).
///    P = r·q(r), q(r) = Σ_{j≤7} (−1)^j r^j/(j + 1): Horner ≤ 1.012u, the
///    rest < 0.02u, the product u: |P − log1p r| ≤ 2.06u·|log1p r| ≤ 0.0165u.
///    logc'_i = hi_i + lo_i (MPFR, |error| < 2^-100); ln2 = ln2High + ln2Low
///    with ln2High of 45 bits, so a = e'·ln2High is exact (|e'| ≤ 150 < 2^8),
///    and b = e'·ln2Low, lo_i and their sum w are below 2^-38 (errors
///    < 2^-90). s1 = a + hi_i rounds by ≤ u|s1|, t = w + P by ≤ u|t| with
///    |t| < 0.0081, s = s1 + t by ≤ u|s|. With y = log x and |s1| ≤ |y| + 0.0082:
///    |s − y| ≤ u(2|y| + 0.034). Outside [1 − 2^-6, 1 + 2^-6],
///    |y| > log(1 + 2^-6) > 0.0155, so the relative error is ≤ 2u + 2.2u.
public struct ProvenLogBinary32: ProvenBinary32Estimate {
    public var name: String { "log" }
    public var relativeErrorBound: Double { 0x1p-48 }
    static let rho = 0.0079

    let inverseCenter: [Double]
    let logCenterHigh: [Double]
    let logCenterLow: [Double]
    let ln2High: Double
    let ln2Low: Double

    public init() {
        let inverses = (0..<64).map { i in
            ProvenConstants.rounded(precision: 20) { v in
                // 1/c_i = 128/(128 + 2i + 1)
                mpfr_set_si(v.pointer, 128, MPFR_RNDN)
                mpfr_div_si(v.pointer, v.pointer, 129 + 2 * i, MPFR_RNDN)
            }
        }
        inverseCenter = inverses
        let logs = (0..<64).map { i in
            ProvenConstants.doubleDouble { v in
                // −log(invc_i), minus ln2 for i ≥ 26 (m ≥ 1.40625 counts as m/2 · 2).
                mpfr_set_d(v.pointer, inverses[i], MPFR_RNDN)  // exact
                mpfr_log(v.pointer, v.pointer, MPFR_RNDN)
                mpfr_neg(v.pointer, v.pointer, MPFR_RNDN)
                if i >= 26 {
                    let ln2 = MPFRFloat(precision: 256)
                    mpfr_const_log2(ln2.pointer, MPFR_RNDN)
                    mpfr_sub(v.pointer, v.pointer, ln2.pointer, MPFR_RNDN)
                }
            }
        }
        logCenterHigh = logs.map(\.0)
        logCenterLow = logs.map(\.1)
        let ln2: (MPFRFloat) -> Void = { v in mpfr_const_log2(v.pointer, MPFR_RNDN) }
        ln2High = ProvenConstants.rounded(precision: 45, ln2)
        let high = ln2High
        ln2Low = ProvenConstants.rounded(precision: 53) { v in
            ln2(v)
            mpfr_sub_d(v.pointer, v.pointer, high, MPFR_RNDN)
        }
    }

    public func estimate(_ x: Float) -> Double? {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x == .infinity { return .infinity }
        let xd = Double(x)
        if xd >= 1 - 0x1p-6 && xd <= 1 + 0x1p-6 {
            let t = xd - 1
            var q = -1.0 / 10
            q = q * t + 1.0 / 9
            q = q * t - 1.0 / 8
            q = q * t + 1.0 / 7
            q = q * t - 1.0 / 6
            q = q * t + 1.0 / 5
            q = q * t - 1.0 / 4
            q = q * t + 1.0 / 3
            q = q * t - 0.5
            q = q * t + 1
            return t * q
        }
        let e = Int(xd.exponent)
        let m = xd.significand
        let i = Int((m - 1) * 64)
        let r = m * inverseCenter[i] - 1
        guard abs(r) <= Self.rho else { return nil }
        var q = -1.0 / 8
        q = q * r + 1.0 / 7
        q = q * r - 1.0 / 6
        q = q * r + 1.0 / 5
        q = q * r - 1.0 / 4
        q = q * r + 1.0 / 3
        q = q * r - 0.5
        q = q * r + 1
        let p = r * q
        let ePrime = Double(i >= 26 ? e + 1 : e)
        let a = ePrime * ln2High
        let b = ePrime * ln2Low
        let s1 = a + logCenterHigh[i]
        let t = (b + logCenterLow[i]) + p
        return s1 + t
    }
}
