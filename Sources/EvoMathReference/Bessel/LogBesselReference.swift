import CMPFR

/// Which modified Bessel function: I_v (first kind) or K_v (second kind).
public enum LogBesselKind: String, Sendable, CaseIterable {
    case i, k
    /// The name used on the command line and in reports.
    public var functionName: String { self == .i ? "logBesselI" : "logBesselK" }
}

/// Ground truth for the logarithms of the modified Bessel functions,
/// log I_v(x) and log K_v(x), built from MPFR arithmetic (MPFR has no
/// modified Bessel functions).
///
/// ```
/// I_v(x) = Σ_k (x/2)^(v+2k) / (k! Γ(v+k+1))      (series, all terms positive)
///        ~ e^x/√(2πx) Σ_k (−1)^k a_k(v)/x^k        (Hankel, x ≫ v²)
/// K_v(x) = ∫₀^∞ e^(−x cosh t) cosh(vt) dt          (trapezoid rule)
/// ```
///
/// Each evaluation returns a rigorous bound on its error (see
/// `LogBesselEvaluator` for the bound of each method); `value(order:_:in:)`
/// raises the working precision until both ends of the error interval round
/// to the same value of the format (Ziv's strategy), so the result is the
/// correctly rounded logarithm. The one bound that is quoted rather than
/// derived here is Olver's remainder bound for Hankel's expansion (DLMF
/// 10.40(iii)); the trapezoid bound uses Segura's (2011) bound on K_{v+1}/K_v.
///
/// Inputs are the exact binary values of the Doubles (or decimal strings read
/// at a precision well above the working one). Edge cases:
/// - x = 0: log I_0(0) = 0, log I_v(0) = −∞ for v > 0, log K_v(0) = +∞.
/// - x = +∞: log I = +∞, log K = −∞ (for finite v).
/// - v < 0: K_{−v} = K_v; I_{−n} = I_n for integer n; for other negative v,
///   NaN (I_{−v} = I_v + (2/π) sin(vπ) K_v may be negative; the tests build it
///   from the two logarithms where they need it).
/// - NaN, x < 0, or an infinite order: NaN.
///
/// Not thread-safe (it holds MPFR scratch space): use one per thread.
public final class LogBesselReference {
    public let kind: LogBesselKind
    /// Extra bits above the format's precision for the first Ziv step.
    public var initialGuardBits = 24
    /// Give up (and trap) past this working precision.
    public var maximumPrecision = 1 << 14

    /// The method and the number of series terms or quadrature nodes of the
    /// last evaluation, and the working precision the last `value` needed.
    public private(set) var lastMethod = LogBesselMethod.special
    public var lastTermCount: Int { lastMethod == .special ? 0 : evaluator.lastTermCount }
    public private(set) var lastPrecision = 0

    private let evaluator = LogBesselEvaluator()
    private let order = MPFRFloat(precision: 53), argument = MPFRFloat(precision: 53)
    private let approximation = MPFRFloat(precision: 128)
    private let endpoint = MPFRFloat(precision: 128), radius = MPFRFloat(precision: 64)
    private let rounded = MPFRFloat(precision: 53)

    public init(_ kind: LogBesselKind) {
        self.kind = kind
    }

    /// The correctly rounded log I_v(x) or log K_v(x) in `format` (round to
    /// nearest, ties to even).
    public static func correctlyRounded(_ kind: LogBesselKind, order v: Double, _ x: Double,
                                        in format: FloatFormat) -> Double {
        LogBesselReference(kind).value(order: v, x, in: format)
    }

    /// The correctly rounded logarithm in `format`.
    public func value(order v: Double, _ x: Double, in format: FloatFormat) -> Double {
        if let s = special(order: v, x) { return s }
        var w = format.precision + initialGuardBits
        while true {
            approximation.setPrecision(w)
            let bound = evaluate(order: order, argument, into: approximation)
            lastPrecision = w
            if bound == 0 { return round(approximation, into: format) }
            if bound.isFinite {
                let low = roundEndpoint(bound, direction: MPFR_RNDD, into: format)
                let high = roundEndpoint(bound, direction: MPFR_RNDU, into: format)
                if low.bitPattern == high.bitPattern { return low }
            }
            // Undecided: add the bits the bound says were missing, and more.
            let missing = bound.isFinite ? max(0, Int(bound.exponent)) : w
            w += max(w / 2, missing + 16)
            precondition(w <= maximumPrecision,
                         "\(kind.functionName)(\(v), \(x)): rounding undecided at \(w) bits")
        }
    }

    /// The logarithm to `precision` bits and its error bound in ulps of that
    /// precision (0 when exact). The returned value is scratch space, valid
    /// until the next call on this instance.
    public func logarithm(order v: Double, _ x: Double, precision: Int) -> (value: MPFRFloat, errorBound: Double) {
        approximation.setPrecision(precision)
        if let s = special(order: v, x) {
            mpfr_set_d(approximation.pointer, s, MPFR_RNDN)
            return (approximation, 0)
        }
        let bound = evaluate(order: order, argument, into: approximation)
        return (approximation, bound)
    }

    /// The logarithm at decimal (or hexadecimal, `0x…p…`) arguments, to
    /// `precision` bits. The strings are read at 2·precision + 64 bits, so the
    /// function is evaluated at the decimals themselves to far better than
    /// the result's precision for the moderate v and x of published tables.
    /// Negative orders follow the Double edge cases (K_{−v} = K_v; I at a
    /// negative non-integer order is NaN).
    public func logarithm(order v: String, _ x: String, precision: Int) -> (value: MPFRFloat, errorBound: Double) {
        approximation.setPrecision(precision)
        lastMethod = .special
        let readPrecision = 2 * precision + 64
        order.setPrecision(readPrecision)
        argument.setPrecision(readPrecision)
        guard order.set(string: v), argument.set(string: x) else {
            mpfr_set_nan(approximation.pointer)
            return (approximation, 0)
        }
        if order.signIsMinus && !order.isZero {
            if kind == .i && mpfr_integer_p(order.pointer) == 0 {
                mpfr_set_nan(approximation.pointer)
                return (approximation, 0)
            }
            mpfr_neg(order.pointer, order.pointer, MPFR_RNDN)
        }
        if !argument.isFinite || argument.isZero || argument.signIsMinus || !order.isFinite {
            let s = special(order: order.doubleValue, argument.doubleValue) ?? .nan
            mpfr_set_d(approximation.pointer, s, MPFR_RNDN)
            return (approximation, 0)
        }
        return (approximation, evaluate(order: order, argument, into: approximation))
    }

    /// The error of `y` as an approximation of L = log f(v, x) in the
    /// log-Bessel metric of the design: |y − L| / (ε · max(1, |L|)), ε the
    /// format's epsilon (2^−52 for binary64) — the relative error of I or K
    /// where |L| ≤ 1, ULP-like where the logarithm is large. L is taken to
    /// 128 bits (its error bound is well below 2^−100 relative). Special
    /// cases: 0 when y and L are the same NaN or infinity, infinity when only
    /// one of them is.
    public func logBesselError(of y: Double, order v: Double, _ x: Double, in format: FloatFormat) -> Double {
        measure(y, order: v, x, in: format).error
    }

    /// The error of `y` in the log-Bessel metric (as `logBesselError`) and
    /// the exact logarithm L as a double-double `high + low` (high = L
    /// rounded to nearest Double, low = the rest rounded; ±inf or NaN in
    /// `high` and 0 in `low` when L is not finite), so that other tools can
    /// measure other results against L to about 2^−106 relative.
    public func measure(_ y: Double, order v: Double, _ x: Double,
                        in format: FloatFormat) -> (error: Double, high: Double, low: Double) {
        let (exact, _) = logarithm(order: v, x, precision: 128)
        let high = exact.doubleValue
        var low = 0.0
        if exact.isFinite {
            endpoint.setPrecision(192)
            mpfr_set_d(endpoint.pointer, high, MPFR_RNDN)
            mpfr_sub(endpoint.pointer, exact.pointer, endpoint.pointer, MPFR_RNDN)
            low = endpoint.doubleValue
        }
        if exact.isNaN || y.isNaN { return (exact.isNaN && y.isNaN ? 0 : .infinity, high, low) }
        if exact.isInfinite || y.isInfinite {
            return (exact.isInfinite && y.isInfinite && exact.signIsMinus == (y < 0) ? 0 : .infinity, high, low)
        }
        endpoint.setPrecision(192)
        mpfr_set_d(endpoint.pointer, y, MPFR_RNDN)
        mpfr_sub(endpoint.pointer, endpoint.pointer, exact.pointer, MPFR_RNDN)
        let scale = max(1, abs(high))
        return (abs(endpoint.doubleValue) / (format.epsilon * scale), high, low)
    }

    // MARK: Internals

    private func evaluate(order v: MPFRFloat, _ x: MPFRFloat, into result: MPFRFloat) -> Double {
        defer { lastMethod = evaluator.lastMethod }
        switch kind {
        case .i: return evaluator.logI(order: v, x, into: result)
        case .k: return evaluator.logK(order: v, x, into: result)
        }
    }

    /// The exact value for special inputs (nil otherwise), and `order` and
    /// `argument` set to |v| and x otherwise.
    private func special(order v: Double, _ x: Double) -> Double? {
        lastMethod = .special
        if v.isNaN || x.isNaN || x < 0 || v.isInfinite { return .nan }
        var v = v
        if v < 0 {
            if kind == .i && v != v.rounded() { return .nan }
            v = -v
        }
        if x == 0 { return kind == .k ? .infinity : (v == 0 ? 0 : -.infinity) }
        if x.isInfinite { return kind == .i ? .infinity : -.infinity }
        order.set(v)
        argument.set(x)
        return nil
    }

    /// approximation ∓ bound ulps, rounded outward, then into the format.
    private func roundEndpoint(_ bound: Double, direction: mpfr_rnd_t, into format: FloatFormat) -> Double {
        let w = approximation.precision
        endpoint.setPrecision(w + 64)
        mpfr_set_d(radius.pointer, bound, MPFR_RNDU)
        mpfr_mul_2si(radius.pointer, radius.pointer, approximation.exponent - w, MPFR_RNDU)
        if direction == MPFR_RNDD {
            mpfr_sub(endpoint.pointer, approximation.pointer, radius.pointer, MPFR_RNDD)
        } else {
            mpfr_add(endpoint.pointer, approximation.pointer, radius.pointer, MPFR_RNDU)
        }
        return round(endpoint, into: format)
    }

    /// Rounds to nearest in `format`, with its overflow and subnormals (as
    /// `CorrectlyRoundedReference.round` does).
    private func round(_ value: MPFRFloat, into format: FloatFormat) -> Double {
        if !value.isFinite || value.isZero { return value.doubleValue }
        rounded.setPrecision(format.precision)
        let t = mpfr_set(rounded.pointer, value.pointer, MPFR_RNDN)
        return MPFR.withExponentRange(emin: format.mpfrMinExponent, emax: format.mpfrMaxExponent) {
            let t2 = mpfr_check_range(rounded.pointer, t, MPFR_RNDN)
            _ = mpfr_subnormalize(rounded.pointer, t2, MPFR_RNDN)
            return rounded.doubleValue
        }
    }
}
