/// The public, versioned contract between EvoMath and the kernels that
/// `evomath emit --package` writes into other packages.
///
/// A kernel found by `evomath search` for a user's own recipe is emitted as a
/// Swift enum in the user's target that conforms to ``EvoMathExpKernel`` (or
/// ``EvoMathExpSplitKernel``, ``EvoMathLogKernel``) and imports nothing but
/// `EvoMath`. The complete function — special cases, range reduction, the
/// kernel, reconstruction, the final rounding — is EvoMath's own, generic over
/// the kernel: `Evolved.exp(_:kernel:)` and its siblings run the
/// same code the shipped functions run (they are the shipped functions'
/// implementation, and the search scores candidates with it), so a kernel's
/// verification by `evomath verify --spec` carries over to the compiled code.
///
/// Versions: each emitted kernel names the version it was written against,
/// as a type of this namespace (`EvoMathKernelProtocol.Version1.number`).
/// A later EvoMath that changes the protocol adds `Version2`; one that stops
/// supporting version 1 marks `Version1` unavailable with a message that says
/// how to re-emit, so an out-of-date kernel fails at compile time, never at run
/// time. A kernel written against a version this EvoMath does not know fails
/// the same way (no such member).
///
/// Version 1: the requirements of ``EvoMathExpKernel``,
/// ``EvoMathExpSplitKernel``, ``EvoMathLogKernel`` (kernels evaluated in
/// binary32, for the binary16, bfloat16 and binary32 formats) and
/// ``EvoMathExpKernel64``, ``EvoMathLogKernel64`` (binary32 kernels evaluated
/// in binary64 with an exception list: the correctly rounded tier) as
/// declared here. Not part of version 1: the vector (batch) kernels.
///
/// The spec's own schema version (what `evomath emit` and `evomath verify`
/// read) is separate: it versions the JSON file, this versions the Swift
/// that `emit` writes from it.
public enum EvoMathKernelProtocol {
    /// The newest version this EvoMath implements.
    public static let version = 1

    /// Every version this EvoMath still compiles kernels for.
    public static let supportedVersions: ClosedRange<Int> = 1...1

    /// Version 1 of the kernel protocol (EvoMath 0.2).
    public enum Version1 {
        /// 1.
        public static let number = 1
    }
}

/// What every kernel declares: the version of ``EvoMathKernelProtocol`` it
/// was written against.
public protocol EvoMathKernel {
    /// The protocol version the kernel was written against (emitted as
    /// `EvoMathKernelProtocol.Version1.number`, which stops compiling under an
    /// EvoMath that no longer supports version 1).
    static var kernelProtocolVersion: Int { get }
}

/// An exp kernel evaluated in binary32, for the reduction `x = k·ln2/2^T + r`:
/// the reduction's constants, the table 2^(i/2^T) and `kernel(r) ≈ exp(r)` on
/// `|r| ≤ ln2/2^(T+1)`, all in Float. Used by `Evolved.exp(_:kernel:)`.
public protocol EvoMathExpKernel: EvoMathKernel {
    /// T: the table has 2^T entries (0: no table).
    static var tableBits: Int { get }
    /// 2^T / ln 2.
    static var inverseStep: Float { get }
    /// ln 2 / 2^T = stepHigh + stepLow, with k·stepHigh exact for the k that occur.
    static var stepHigh: Float { get }
    static var stepLow: Float { get }
    /// The largest input with a finite result, the smallest with a non-zero one, in the target format.
    static var overflowThreshold: Float { get }
    static var underflowThreshold: Float { get }
    /// 2^(i/2^T) rounded to Float, for i in 0..<2^T.
    static func table(_ i: Int) -> Float
    /// exp(r) for |r| ≤ ln2/2^(T+1) (exp(r) − 1 for an ``EvoMathExpSplitKernel``).
    static func kernel(_ r: Float) -> Float
}

/// An exp kernel for the split reconstruction (`exp-table-split`):
/// `kernel(r) ≈ exp(r) − 1` and each entry 2^(i/2^T) as high + low, so that
/// `exp(x) = 2^e · (t + (t·q + t_low))` rounds essentially once.
public protocol EvoMathExpSplitKernel: EvoMathExpKernel {
    /// The entry 2^(i/2^T) as two Floats (high correctly rounded, low the rest).
    static func splitTable(_ i: Int) -> (high: Float, low: Float)
}

/// A log kernel evaluated in binary32, for the `log-split` reduction
/// `x = 2^e · m`, `m·invc = 1 + r`: ln 2 split, the table (invc, −log(invc) as
/// high + low) and `kernel(r) ≈ log1p(r)`, all in Float. Used by
/// `Evolved.log(_:kernel:)`.
public protocol EvoMathLogKernel: EvoMathKernel {
    /// T: the table index is the top T significand bits of bits(x) − bits(√½).
    static var tableBits: Int { get }
    /// ln 2 = ln2High + ln2Low, ln2High with 16 significand bits.
    static var ln2High: Float { get }
    static var ln2Low: Float { get }
    /// Entry i: invc ≈ 1/c_i (12 significand bits), logcHigh = −log(invc) on a
    /// 2^-16 grid, logcLow the rest.
    static func table(_ i: Int) -> (invc: Float, logcHigh: Float, logcLow: Float)
    /// log1p(r) on the reduced interval.
    static func kernel(_ r: Float) -> Float
}

/// A binary32 exp kernel evaluated in binary64 (the correctly rounded tier):
/// the reduction's constants, the table 2^(i/2^T) and `kernel(r) ≈ exp(r)` in
/// Double, and the exceptions: the correctly rounded result of the few inputs
/// whose Double result rounds to the wrong Float. Used by
/// `Evolved.exp(_:kernel:)` for Float.
public protocol EvoMathExpKernel64: EvoMathKernel {
    /// T: the table has 2^T entries (0: no table).
    static var tableBits: Int { get }
    /// 2^T / ln 2.
    static var inverseStep: Double { get }
    /// ln 2 / 2^T = stepHigh + stepLow, with k·stepHigh exact.
    static var stepHigh: Double { get }
    static var stepLow: Double { get }
    /// The largest input with a finite result, the smallest with a non-zero one.
    static var overflowThreshold: Float { get }
    static var underflowThreshold: Float { get }
    /// 2^(i/2^T) rounded to Double, for i in 0..<2^T.
    static func table(_ i: Int) -> Double
    /// exp(r) in Double on the reduced interval.
    static func kernel(_ r: Double) -> Double
    /// The correctly rounded result for an input (by bit pattern) whose Double
    /// result misrounds, nil for the others; consulted only on the rare path
    /// (the Double result within 2^-43 of a rounding boundary, or subnormal).
    static func exception(_ bits: UInt32) -> Float?
}

/// A binary32 log kernel evaluated in binary64 (the correctly rounded tier):
/// ln 2 split, the table (invc, log c) and `kernel(r) ≈ log1p(r)` in Double,
/// and the exceptions. Used by `Evolved.log(_:kernel:)` for Float.
public protocol EvoMathLogKernel64: EvoMathKernel {
    /// T: the table index is the top T significand bits of bits(x) − bits(√½).
    static var tableBits: Int { get }
    /// ln 2 = ln2High + ln2Low, e·ln2High exact.
    static var ln2High: Double { get }
    static var ln2Low: Double { get }
    /// Entry i: invc ≈ 1/c_i and log c_i in Double.
    static func table(_ i: Int) -> (invc: Double, logc: Double)
    /// log1p(r) in Double on the reduced interval.
    static func kernel(_ r: Double) -> Double
    /// The correctly rounded result for an input (by bit pattern, before any
    /// scaling) whose Double result misrounds, nil for the others; consulted
    /// only within 2^-43 of a rounding boundary.
    static func exception(_ bits: UInt32) -> Float?
}

// The complete functions, generic over a kernel: the shipped functions are
// these with EvoMath's own kernels (specialized at compile time: no protocol
// witness is called at run time).
extension Evolved {
    /// e^x in binary16 by `kernel`: special cases (NaN, overflow, underflow),
    /// then reduction, kernel and reconstruction in Float and one rounding to
    /// binary16 (both conversions in integer arithmetic: `ScalarConversion`).
    @inlinable @inline(__always)
    public static func exp<K: EvoMathExpKernel>(_ x: Float16, kernel: K.Type) -> Float16 {
        ScalarConversion.binary16(x) { ExpSupport.complete($0, K.self) { ExpSupport.inRange($0, K.self) } }
    }

    /// e^x in bfloat16 by `kernel` (see `exp(_:kernel:)` for Float16).
    @inlinable @inline(__always)
    public static func exp<K: EvoMathExpKernel>(_ x: BFloat16, kernel: K.Type) -> BFloat16 {
        BFloat16(ExpSupport.complete(Float(x), K.self) { ExpSupport.inRange($0, K.self) })
    }

    /// e^x in binary32 by `kernel`: the reconstruction's scaling rounds once
    /// more only for subnormal results.
    @inlinable @inline(__always)
    public static func exp<K: EvoMathExpKernel>(_ x: Float, kernel: K.Type) -> Float {
        ExpSupport.complete(x, K.self) { ExpSupport.inRange($0, K.self) }
    }

    /// e^x in binary16 by a split `kernel` (`exp-table-split`).
    @inlinable @inline(__always)
    public static func exp<K: EvoMathExpSplitKernel>(_ x: Float16, kernel: K.Type) -> Float16 {
        ScalarConversion.binary16(x) { ExpSupport.complete($0, K.self) { ExpSupport.inRangeSplit($0, K.self) } }
    }

    /// e^x in bfloat16 by a split `kernel` (`exp-table-split`).
    @inlinable @inline(__always)
    public static func exp<K: EvoMathExpSplitKernel>(_ x: BFloat16, kernel: K.Type) -> BFloat16 {
        BFloat16(ExpSupport.complete(Float(x), K.self) { ExpSupport.inRangeSplit($0, K.self) })
    }

    /// e^x in binary32 by a split `kernel` (`exp-table-split`): what
    /// `Evolved.Fast.exp(_: Float)` runs.
    @inlinable @inline(__always)
    public static func exp<K: EvoMathExpSplitKernel>(_ x: Float, kernel: K.Type) -> Float {
        ExpSupport.complete(x, K.self) { ExpSupport.inRangeSplit($0, K.self) }
    }

    /// e^x in binary32 by a `kernel` evaluated in binary64: reduction, kernel
    /// and reconstruction in Double, one rounding to Float, the kernel's
    /// exceptions on the rare path. What `Evolved.exp(_: Float)` runs.
    @inlinable @inline(__always)
    public static func exp<K: EvoMathExpKernel64>(_ x: Float, kernel: K.Type) -> Float {
        ExpSupport.complete(x, overflowThreshold: K.overflowThreshold, underflowThreshold: K.underflowThreshold) {
            ExpSupport.inRangeCorrectlyRounded($0, K.self)
        }
    }

    /// e^x in a custom binary format whose values are all Floats (`precision`
    /// ≤ 24 significant bits, normal exponents `minExponent...maxExponent`
    /// inside binary32's, gradual underflow; e.g. p12e8: 12, -126, 127) by a
    /// `kernel` evaluated in binary64: `x` is a value of the format carried in
    /// a Float, the result is exp(x) rounded once from the Double result to
    /// the nearest value of the format (ties to even), carried in a Float.
    /// The kernel's `exception` is not consulted (the search of a custom
    /// format leaves none). What `evomath emit --package` writes for a custom
    /// format's spec (`evomath verify --type pPeE --spec` checks the same).
    @inlinable @inline(__always)
    public static func exp<K: EvoMathExpKernel64>(_ x: Float, kernel: K.Type, precision: Int, minExponent: Int,
                                                  maxExponent: Int) -> Float {
        ExpSupport.complete(x, overflowThreshold: K.overflowThreshold, underflowThreshold: K.underflowThreshold) {
            let (r, k) = ExpSupport.reduce64($0, inverseStep: K.inverseStep, stepHigh: K.stepHigh, stepLow: K.stepLow)
            let t = K.tableBits
            let z = ExpSupport.reconstruct64(K.kernel(r), k, tableBits: t, entry: t == 0 ? 1 : K.table(k & ((1 << t) - 1)))
            return ExpSupport.round(z, precision: precision, minExponent: minExponent, maxExponent: maxExponent)
        }
    }

    /// The natural logarithm in binary16 by `kernel`: NaN, x ≤ 0, +∞ and 1 in
    /// one unlikely branch, then reduction, kernel and reconstruction in Float
    /// and one rounding to binary16.
    @inlinable @inline(__always)
    public static func log<K: EvoMathLogKernel>(_ x: Float16, kernel: K.Type) -> Float16 {
        ScalarConversion.binary16(x) { LogSupport.complete($0, K.self) }
    }

    /// The natural logarithm in bfloat16 by `kernel` (subnormal inputs scaled
    /// by 2^23 into the normal range).
    @inlinable @inline(__always)
    public static func log<K: EvoMathLogKernel>(_ x: BFloat16, kernel: K.Type) -> BFloat16 {
        BFloat16(LogSupport.complete(Float(x), K.self))
    }

    /// The natural logarithm in binary32 by `kernel` (subnormal inputs scaled
    /// by 2^23 into the normal range).
    @inlinable @inline(__always)
    public static func log<K: EvoMathLogKernel>(_ x: Float, kernel: K.Type) -> Float {
        LogSupport.complete(x, K.self)
    }

    /// The natural logarithm in binary32 by a `kernel` evaluated in binary64
    /// (subnormal inputs scaled by 2^23, the exceptions keyed by the input's
    /// bits). What `Evolved.log(_: Float)` runs.
    @inlinable @inline(__always)
    public static func log<K: EvoMathLogKernel64>(_ x: Float, kernel: K.Type) -> Float {
        LogSupport.complete(x, special: { LogSupport.special64($0, K.self) }) {
            LogSupport.inRangeCorrectlyRounded($0, bias: 0, key: $0.bitPattern, K.self)
        }
    }
}

extension ExpSupport {
    /// exp(x) for every Float x, in Float: NaN (quieted), overflow and
    /// underflow in one unlikely branch, `inRange` (the reduction, kernel and
    /// reconstruction) for the others.
    @inlinable @inline(__always)
    static func complete<K: EvoMathExpKernel>(_ x: Float, _: K.Type, _ inRange: (Float) -> Float) -> Float {
        complete(x, overflowThreshold: K.overflowThreshold, underflowThreshold: K.underflowThreshold, inRange)
    }

    /// The same for explicit thresholds (kernels of any evaluation type).
    @inlinable @inline(__always)
    static func complete(_ x: Float, overflowThreshold: Float, underflowThreshold: Float,
                         _ inRange: (Float) -> Float) -> Float {
        if _slowPath(!(x <= overflowThreshold && x >= underflowThreshold)) {
            if x.isNaN { return x + x }  // quiets a signalling NaN
            return x > 0 ? .infinity : 0
        }
        return inRange(x)
    }
}

extension ExpSupport {
    /// A positive finite Double rounded once to the nearest value (ties to
    /// even) of the format with `precision` significant bits and normal
    /// exponents `minExponent...maxExponent` (gradual underflow, overflow to
    /// +∞), as a Float: `FloatFormat.round` of EvoMathReference, which the
    /// search and the verifier use.
    @inlinable @inline(__always)
    static func round(_ z: Double, precision: Int, minExponent: Int, maxExponent: Int) -> Float {
        if z == 0 || !z.isFinite { return Float(z) }
        let q = max(Int(z.exponent), minExponent) - precision + 1
        let scaled = Double(sign: .plus, exponent: -q, significand: z)
        let r = Double(sign: .plus, exponent: q, significand: scaled.rounded(.toNearestOrEven))
        return r >= Double(sign: .plus, exponent: maxExponent + 1, significand: 1) ? .infinity : Float(r)
    }
}

extension LogSupport {
    /// log(x) for every Float x, in Float: NaN (quieted), x ≤ 0, +∞, 1 and
    /// subnormals in one unlikely branch (`special`), the reduction, kernel and
    /// reconstruction for the others.
    @inlinable @inline(__always)
    static func complete<K: EvoMathLogKernel>(_ x: Float, _: K.Type) -> Float {
        complete(x, special: { special($0, K.self) }) { inRange($0, bias: 0, K.self) }
    }

    /// The same with the special and in-range paths given (kernels of any
    /// evaluation type).
    @inlinable @inline(__always)
    static func complete(_ x: Float, special: (Float) -> Float, _ inRange: (Float) -> Float) -> Float {
        // x == 1 on the bits: one integer comparison beside the others.
        if _slowPath(!(x >= 0x1p-126 && x < .infinity) || x.bitPattern == 0x3F80_0000) {
            if x.isNaN { return x + x }  // quiets a signalling NaN
            return special(x)
        }
        return inRange(x)
    }
}

/// The rounding test of a binary32 result z computed in binary64: true when z
/// lies within `w` Double ulps of a binary32 rounding boundary (z's 29
/// significand bits below binary32's precision within `w` of the midpoint
/// pattern 0x10000000), where Float(z) may not be the correctly rounded value.
/// Shared by the one-kernel functions' rare path (w = 2^9, i.e. 2^-43
/// relative: `ExpSupport`/`LogSupport.isRarePath`) and the two-stage
/// functions' first stage (w from the screen kernel's generated header).
@inlinable @inline(__always)
package func isNearBinary32Midpoint(_ z: Double, window w: UInt64) -> Bool {
    (z.bitPattern &- (0x1000_0000 &- w)) & 0x1FFF_FFFF < 2 &* w
}
