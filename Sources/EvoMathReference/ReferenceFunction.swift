import CMPFR
#if canImport(Glibc)
import Glibc
#endif

/// A real function the reference can evaluate to any precision.
///
/// A function plugs into the correctly rounded reference by giving an MPFR
/// evaluation with an error bound; the Ziv loop in
/// `CorrectlyRoundedReference` raises the precision until the rounding is
/// decided. Functions whose MPFR evaluation is itself correctly rounded (exp,
/// log) report a bound of 1/2 ulp of the working precision; functions built
/// from several MPFR operations (the log-Bessel functions) report their own.
public protocol ReferenceFunction: Sendable {
    /// The name used on the command line and in reports (`exp`, `log`, …).
    var name: String { get }
    /// Sets `result` (whose precision is the working precision) to an
    /// approximation of f(x) and returns a bound on its error in ulps of the
    /// working precision, or 0 when the result is exact (MPFR's ternary value
    /// was 0, or the input is special). NaN, infinities and exact cases must
    /// come back exact.
    func evaluate(_ x: Double, into result: MPFRFloat) -> Double
    /// A fast binary64 estimate of f(x) and a bound on its relative error, used
    /// by the verifier's filter for binary32 (only when the estimate is far
    /// from a rounding boundary does it decide the rounding); nil if none.
    func doubleEstimate(_ x: Double) -> Double?
    /// Relative error bound of `doubleEstimate`.
    var doubleEstimateRelativeError: Double { get }
    /// Binary exponent ranges of inputs worth sampling for binary64, as
    /// (sign, lowest exponent, highest exponent).
    var samplingBinades: [(sign: FloatingPointSign, low: Int, high: Int)] { get }
}

extension ReferenceFunction {
    public func doubleEstimate(_ x: Double) -> Double? { nil }
    public var doubleEstimateRelativeError: Double { 0 }

    /// `evaluate` for a function MPFR rounds correctly (`mpfr_exp`,
    /// `mpfr_log`, …): within 1/2 ulp of the working precision, and exact
    /// when MPFR's ternary value is 0 (special inputs, exp 0, log 1).
    public func evaluateCorrectlyRounded(_ f: (mpfr_ptr?, mpfr_srcptr?, mpfr_rnd_t) -> Int32,
                                         _ x: Double, into result: MPFRFloat) -> Double {
        let input = MPFRFloat(x)
        return f(result.pointer, input.pointer, MPFR_RNDN) == 0 ? 0 : 0.5
    }
}

/// The exponential, e^x.
public struct ExpFunction: ReferenceFunction {
    public init() {}
    public var name: String { "exp" }
    public func evaluate(_ x: Double, into result: MPFRFloat) -> Double {
        evaluateCorrectlyRounded(mpfr_exp, x, into: result)
    }
    public func doubleEstimate(_ x: Double) -> Double? { Glibc.exp(x) }
    /// glibc's exp (since 2.28, the ARM optimized-routines algorithm) is
    /// documented at 0.511 ULP; the filter allows 2^-48 (16 ULPs), and its own
    /// tests compare it with MPFR.
    public var doubleEstimateRelativeError: Double { 0x1p-48 }
    public var samplingBinades: [(sign: FloatingPointSign, low: Int, high: Int)] {
        // Below 2^-54 exp rounds to 1 in binary64; above 2^9.5 it overflows or
        // underflows. Both tails are sampled too, more thinly, by the verifier.
        [(.plus, -60, 9), (.minus, -60, 9)]
    }
}

/// The natural logarithm, log x.
public struct LogFunction: ReferenceFunction {
    public init() {}
    public var name: String { "log" }
    public func evaluate(_ x: Double, into result: MPFRFloat) -> Double {
        evaluateCorrectlyRounded(mpfr_log, x, into: result)
    }
    public func doubleEstimate(_ x: Double) -> Double? { Glibc.log(x) }
    /// glibc's log (since 2.28) is documented at 0.519 ULP; the filter allows
    /// 2^-48 relative.
    public var doubleEstimateRelativeError: Double { 0x1p-48 }
    public var samplingBinades: [(sign: FloatingPointSign, low: Int, high: Int)] {
        [(.plus, -1074, 1023)]
    }
}

/// The functions the reference knows, by name.
public enum ReferenceFunctions {
    public static let all: [any ReferenceFunction] = [ExpFunction(), LogFunction()]
    public static var names: [String] { all.map(\.name) }
    public static func named(_ name: String) -> (any ReferenceFunction)? {
        all.first { $0.name == name.lowercased() }
    }
}
