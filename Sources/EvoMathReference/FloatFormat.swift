/// A binary floating-point format: precision `p` (significant bits, counting
/// the implicit one), and the normal exponent range `[minExponent,
/// maxExponent]` (values are ±1.f·2^e), with gradual underflow (subnormals),
/// signed zeros, infinities and NaN, laid out like IEEE 754 interchange
/// formats: sign, biased exponent, trailing significand.
///
/// Every value of every format here with `p ≤ 53` and an exponent range inside
/// binary64's is exactly a `Double`, so `Double` is the common currency: the
/// verifier, the reference and the search all pass format values as `Double`.
public struct FloatFormat: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    /// Significant bits, including the implicit leading bit.
    public let precision: Int
    /// Exponent of the smallest normal number (binary32: -126).
    public let minExponent: Int
    /// Exponent of the largest finite numbers (binary32: 127).
    public let maxExponent: Int

    public init(name: String, precision: Int, minExponent: Int, maxExponent: Int) {
        precondition(precision >= 2 && precision <= 53, "precision must be in 2...53")
        precondition(minExponent <= 0 && maxExponent >= 1, "exponent range must contain 0 and 1")
        precondition(minExponent - precision + 1 >= -1074 && maxExponent <= 1023,
                     "format must fit inside binary64")
        self.name = name
        self.precision = precision
        self.minExponent = minExponent
        self.maxExponent = maxExponent
    }

    /// An IEEE-style format with `exponentBits` exponent bits
    /// (`emax = 2^(exponentBits-1) - 1`, `emin = 1 - emax`).
    public init(precision: Int, exponentBits: Int) {
        let emax = (1 << (exponentBits - 1)) - 1
        self.init(name: "p\(precision)e\(exponentBits)", precision: precision,
                  minExponent: 1 - emax, maxExponent: emax)
    }

    public static let binary16 = FloatFormat(name: "binary16", precision: 11, minExponent: -14, maxExponent: 15)
    public static let bfloat16 = FloatFormat(name: "bfloat16", precision: 8, minExponent: -126, maxExponent: 127)
    public static let binary32 = FloatFormat(name: "binary32", precision: 24, minExponent: -126, maxExponent: 127)
    public static let binary64 = FloatFormat(name: "binary64", precision: 53, minExponent: -1022, maxExponent: 1023)

    public static let standard: [FloatFormat] = [.binary16, .bfloat16, .binary32, .binary64]

    /// Parses a format name: `binary16`, `bfloat16`, `binary32`, `binary64`,
    /// the aliases `float16`/`half`, `float`/`single`, `double`, or a custom
    /// IEEE-style format `pPeE` (precision P, E exponent bits, e.g. `p12e5`).
    public init?(named text: String) {
        switch text.lowercased() {
        case "binary16", "float16", "half", "fp16": self = .binary16
        case "bfloat16", "bf16": self = .bfloat16
        case "binary32", "float", "single", "float32", "fp32": self = .binary32
        case "binary64", "double", "float64", "fp64": self = .binary64
        default:
            let t = text.lowercased()
            guard t.hasPrefix("p"), let e = t.firstIndex(of: "e"),
                  let p = Int(t[t.index(after: t.startIndex)..<e]),
                  let eb = Int(t[t.index(after: e)...]),
                  (2...53).contains(p), (2...11).contains(eb) else { return nil }
            let candidate = FloatFormat(precision: p, exponentBits: eb)
            if let known = FloatFormat.standard.first(where: {
                $0.precision == p && $0.minExponent == candidate.minExponent && $0.maxExponent == candidate.maxExponent
            }) { self = known } else { self = candidate }
        }
    }

    public var description: String { name }

    // MARK: Encoding

    /// Number of trailing significand bits.
    public var fractionBits: Int { precision - 1 }
    /// Number of exponent bits in the encoding (enough for the normal range
    /// plus the zero/subnormal and infinity/NaN codes).
    public var exponentBits: Int {
        let codes = maxExponent - minExponent + 3
        var bits = 1
        while (1 << bits) < codes { bits += 1 }
        return bits
    }
    /// Total width of the encoding.
    public var bitWidth: Int { 1 + exponentBits + fractionBits }
    /// Whether every encoding can be enumerated (at most 2^32 of them).
    public var isEnumerable: Bool { bitWidth <= 32 }
    /// Number of encodings, `2^bitWidth`.
    public var encodingCount: UInt64 { 1 << UInt64(bitWidth) }

    /// The bias of the exponent field: a normal value with exponent `e` has
    /// field `e - minExponent + 1`.
    @inlinable public var infinityExponentField: UInt64 { UInt64(maxExponent - minExponent + 2) }

    /// The value encoded by `bits` (the low `bitWidth` bits), as a Double.
    /// Codes past the largest exponent field decode as NaN (this is where NaNs
    /// live in IEEE formats; in a format whose exponent range does not fill
    /// its field, the surplus codes are NaN too).
    @inlinable
    public func decode(_ bits: UInt64) -> Double {
        let f = UInt64(fractionBits)
        let fraction = bits & ((1 << f) - 1)
        let field = (bits >> f) & ((1 << UInt64(exponentBits)) - 1)
        let negative = (bits >> (f + UInt64(exponentBits))) & 1 == 1
        var magnitude: Double
        if field == 0 {
            magnitude = Double(fraction) * Double(sign: .plus, exponent: minExponent - fractionBits, significand: 1)
        } else if field < infinityExponentField {
            let e = Int(field) - 1 + minExponent
            magnitude = Double(sign: .plus, exponent: e - fractionBits, significand: Double((1 << f) | fraction))
        } else if field == infinityExponentField && fraction == 0 {
            magnitude = .infinity
        } else {
            return .nan
        }
        return negative ? -magnitude : magnitude
    }

    /// The encoding of `value`, which must be a value of this format (NaN
    /// encodes as the canonical quiet NaN).
    public func encode(_ value: Double) -> UInt64 {
        let f = UInt64(fractionBits)
        let signBit: UInt64 = value.sign == .minus ? 1 << (f + UInt64(exponentBits)) : 0
        if value.isNaN { return (infinityExponentField << f) | (1 << (f - 1)) }
        if value.isInfinite { return signBit | (infinityExponentField << f) }
        let a = abs(value)
        if a == 0 { return signBit }
        let e = Int(a.exponent)
        if e < minExponent {
            let fraction = UInt64(a * Double(sign: .plus, exponent: fractionBits - minExponent, significand: 1))
            return signBit | fraction
        }
        let significand = UInt64(a * Double(sign: .plus, exponent: fractionBits - e, significand: 1))
        return signBit | (UInt64(e - minExponent + 1) << f) | (significand & ((1 << f) - 1))
    }

    // MARK: Values

    public var greatestFiniteMagnitude: Double {
        Double(sign: .plus, exponent: maxExponent, significand: 2 - Double(sign: .plus, exponent: 1 - precision, significand: 1))
    }
    public var leastNormalMagnitude: Double { Double(sign: .plus, exponent: minExponent, significand: 1) }
    public var leastNonzeroMagnitude: Double { Double(sign: .plus, exponent: minExponent - precision + 1, significand: 1) }
    /// The machine epsilon, 2^(1-p).
    public var epsilon: Double { Double(sign: .plus, exponent: 1 - precision, significand: 1) }

    /// MPFR's exponent range that emulates this format (with subnormalize).
    public var mpfrMinExponent: Int { minExponent - precision + 2 }
    public var mpfrMaxExponent: Int { maxExponent + 1 }

    /// The exponent of ulp(z) for a real of binary exponent `e = floor(log2|z|)`:
    /// `max(e, emin) - p + 1`.
    @inlinable
    public func ulpExponent(forExponent e: Int) -> Int { max(e, minExponent) - precision + 1 }

    /// ulp(z) = 2^(max(e, emin) - p + 1), e = floor(log2 |z|), for a finite
    /// non-zero Double `z` (which need not be a value of this format); for zero,
    /// the subnormal spacing.
    @inlinable
    public func ulp(of z: Double) -> Double {
        if z == 0 || !z.isFinite { return leastNonzeroMagnitude }
        return Double(sign: .plus, exponent: ulpExponent(forExponent: Int(z.exponent)), significand: 1)
    }

    /// Whether `x` is a value of this format.
    public func contains(_ x: Double) -> Bool {
        if !x.isFinite { return true }
        return round(x) == x
    }

    /// `x` rounded to the nearest value of this format, ties to even, with
    /// overflow to infinity and gradual underflow. One rounding from the
    /// Double: exact as a function of `x`.
    @inlinable
    public func round(_ x: Double) -> Double {
        if !x.isFinite || x == 0 { return x }
        let q = ulpExponent(forExponent: Int(x.exponent))
        // Scaling by a power of two is exact; `rounded` then rounds once.
        let scaled = Double(sign: .plus, exponent: -q, significand: x)
        let r = Double(sign: .plus, exponent: q, significand: scaled.rounded(.toNearestOrEven))
        if abs(r) > greatestFiniteMagnitude { return x < 0 ? -.infinity : .infinity }
        return r
    }

    /// The next value of the format above `x` (a value of the format).
    public func nextUp(_ x: Double) -> Double {
        if x.isNaN || x == .infinity { return x }
        if x == -.infinity { return -greatestFiniteMagnitude }
        if x == 0 { return leastNonzeroMagnitude }
        if x > 0 {
            let r = x + ulp(of: x)
            return r > greatestFiniteMagnitude ? .infinity : r
        }
        // Negative: the spacing below |x| may be half as large at a power of two.
        let m = -x
        let step = ulp(of: m.nextDown)
        return -(m - min(step, ulp(of: m)))
    }

    public func nextDown(_ x: Double) -> Double { -nextUp(-x) }
}
