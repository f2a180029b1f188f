import CMPFR

/// Correctly rounded values of a `ReferenceFunction` in any `FloatFormat`, and
/// the exact error of a candidate result in ulps.
///
/// Ziv's strategy: evaluate at a working precision `w` with an error bound of
/// `k` ulps, round both ends of the interval `[y - k ulp, y + k ulp]` into the
/// format; if they agree, that is the correctly rounded value, otherwise
/// double `w` and try again. Overflow, underflow and subnormal results come
/// out right because the rounding into the format uses MPFR's exponent range
/// with `mpfr_check_range` and `mpfr_subnormalize`.
///
/// An instance holds MPFR scratch space: use one per thread.
public final class CorrectlyRoundedReference {
    public let function: any ReferenceFunction
    /// Working precision to start the Ziv loop with.
    public var initialPrecision = 128
    /// Give up (and trap) past this precision: no binary64 input of exp or log
    /// needs more than ~160 bits (Lefèvre's worst cases).
    public var maximumPrecision = 1 << 16

    private let approximation = MPFRFloat(precision: 128)
    private let endpoint = MPFRFloat(precision: 128)
    private let rounded = MPFRFloat(precision: 53)
    private let difference = MPFRFloat(precision: 64)

    public init(_ function: any ReferenceFunction) {
        self.function = function
    }

    /// The correctly rounded value of f(x) in `format` (round to nearest, ties
    /// to even). `x` may be any Double.
    public func value(at x: Double, in format: FloatFormat) -> Double {
        var w = initialPrecision
        while true {
            approximation.setPrecision(w)
            let bound = function.evaluate(x, into: approximation)
            // Exact, or outside even MPFR's exponent range (an overflow or an
            // underflow that MPFR rounded to ±inf or ±0 with the exact
            // value's sign): either way the format rounds it the same.
            if bound == 0 || !approximation.isFinite || approximation.isZero {
                return round(approximation, into: format)
            }
            let steps = Int(bound.rounded(.up))
            endpoint.setPrecision(w)
            _ = endpoint.set(approximation)
            for _ in 0..<steps { mpfr_nextbelow(endpoint.pointer) }
            let low = round(endpoint, into: format)
            _ = endpoint.set(approximation)
            for _ in 0..<steps { mpfr_nextabove(endpoint.pointer) }
            let high = round(endpoint, into: format)
            if low.bitPattern == high.bitPattern || (low.isNaN && high.isNaN) {
                return low
            }
            w *= 2
            precondition(w <= maximumPrecision, "\(function.name)(\(x)): rounding undecided at \(w) bits")
        }
    }

    /// f(x) to `precision` bits (not a format rounding: the exponent is
    /// unbounded), for measuring errors. Returns the MPFR scratch value, valid
    /// until the next call on this instance.
    public func highPrecisionValue(at x: Double, precision: Int = 128) -> MPFRFloat {
        approximation.setPrecision(precision)
        _ = function.evaluate(x, into: approximation)
        return approximation
    }

    /// The error of `y` as an approximation of f(x), in ulps of the exact
    /// value in `format`: |y − f(x)| / ulp(f(x)), ulp(z) = 2^(max(e, emin) −
    /// p + 1). Exact to better than 2^-60 relative. Special cases: 0 when `y`
    /// and f(x) are the same NaN/infinity/zero, infinity when one is NaN or
    /// infinite and the other not.
    public func ulpError(of y: Double, at x: Double, in format: FloatFormat) -> Double {
        let exact = highPrecisionValue(at: x, precision: 128)
        return ulpError(of: y, exact: exact, in: format)
    }

    /// The error of `y` against an already computed exact value.
    public func ulpError(of y: Double, exact: MPFRFloat, in format: FloatFormat) -> Double {
        if exact.isNaN || y.isNaN { return exact.isNaN && y.isNaN ? 0 : .infinity }
        if exact.isInfinite || y.isInfinite {
            if exact.isInfinite && y.isInfinite && (exact.signIsMinus == (y.sign == .minus)) { return 0 }
            // A finite exact value that rounds to infinity: an infinite `y` is
            // right when it is the correctly rounded value.
            if y.isInfinite && exact.isFinite && round(exact, into: format) == y { return 0 }
            return .infinity
        }
        let e = exact.isZero ? format.minExponent : exact.exponent - 1
        let ulpExponent = format.ulpExponent(forExponent: e)
        mpfr_set_d(difference.pointer, y, MPFR_RNDN)  // y has ≤ 53 bits: exact
        mpfr_sub(difference.pointer, difference.pointer, exact.pointer, MPFR_RNDN)
        mpfr_mul_2si(difference.pointer, difference.pointer, -ulpExponent, MPFR_RNDN)
        return abs(difference.doubleValue)
    }

    /// Rounds an MPFR value into `format`, as the format's arithmetic would.
    public func round(_ value: MPFRFloat, into format: FloatFormat) -> Double {
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
