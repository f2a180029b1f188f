/// What a generated log kernel of EvoMath's own provides (see `Generated/`):
/// the requirements of the public ``EvoMathLogKernel`` (the constants of the
/// `log-split` reduction and `kernel(r) ≈ log1p(r)` on the reduced interval,
/// all in Float).
@usableFromInline
protocol LogKernel: EvoMathLogKernel {}

extension LogKernel {
    /// The shipped kernels are compiled with the protocol they implement.
    @inlinable static var kernelProtocolVersion: Int { EvoMathKernelProtocol.version }
}

/// The shared reduction and reconstruction of log: the search scores and
/// verifies candidates with these same functions (`package` access:
/// `LogReduction`, `CompleteLog`, `LogExceptions` in EvoMathSearch), so a
/// kernel's verification carries over.
@usableFromInline
package enum LogSupport {
    /// bits(√½) rounded to Float: m = x·2^-e lies in [√½, √2).
    @inlinable static var offset: UInt32 { 0x3F35_04F3 }

    /// x = 2^e · m, m in [√½, √2), for a positive normal binary32 x: e from
    /// the bits of x relative to √½, the table index i the top T significand
    /// bits of that difference (the subinterval of m), and m = x · 2^-e
    /// exactly (only the exponent field changes).
    @inlinable @inline(__always)
    package static func split(_ x: Float, tableBits t: Int) -> (e: Int32, i: Int, m: Float) {
        let bits = x.bitPattern
        let tmp = bits &- offset
        let e = Int32(bitPattern: tmp) >> 23
        let i = Int(truncatingIfNeeded: tmp >> UInt32(truncatingIfNeeded: 23 - t)) & ((1 << t) - 1)
        let m = Float(bitPattern: bits &- (UInt32(bitPattern: e) << 23))
        return (e, i, m)
    }

    /// The rare path of a binary32 log evaluated in binary64: z within 2^9
    /// Double ulps of a binary32 midpoint (|z − midpoint| < 2^-43·|z|). Every
    /// log of a binary32 other than 1 is a normal binary32 in magnitude, so
    /// there is no subnormal clause.
    @inlinable @inline(__always)
    package static func isRarePath(_ z: Double) -> Bool {
        isNearBinary32Midpoint(z, window: 0x200)
    }

    /// log(x) for a positive normal binary32 x other than 1, in Float
    /// (`bias` is added to the exponent: −23 for inputs scaled by 2^23).
    @inlinable @inline(__always)
    static func inRange<K: EvoMathLogKernel>(_ x: Float, bias: Int32, _: K.Type) -> Float {
        let (e, i, m) = split(x, tableBits: K.tableBits)
        // r = m·invc − 1: the product is exact (≤ 12 + 12 significand bits),
        // the subtraction too (Sterbenz: m·invc is close to 1).
        let (invc, logcHigh, logcLow) = K.table(i)
        let r = m * invc - 1
        // log1p(r) by the generated kernel.
        let p = K.kernel(r)
        // log x = (e·ln2High + logcHigh) + ((e·ln2Low + logcLow) + log1p(r)):
        // the high part is exact (multiples of 2^-16 below 2^8), only the low
        // part and the final addition round.
        let ef = Float(e &+ bias)
        let high = ef * K.ln2High + logcHigh
        let low = (ef * K.ln2Low + logcLow) + p
        return high + low
    }

    /// log(x) for every binary32 x that is not positive, normal and ≠ 1:
    /// NaN → NaN, x < 0 → NaN, ±0 → −∞, +∞ → +∞, 1 → +0, and subnormals
    /// scaled by 2^23 into the normal range.
    @inlinable
    static func special<K: EvoMathLogKernel>(_ x: Float, _: K.Type) -> Float {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x == 1 { return 0 }
        if x == .infinity { return .infinity }
        return inRange(x * 0x1p23, bias: -23, K.self)
    }
}

/// A binary32 log kernel evaluated in binary64 (the correctly rounded tier):
/// the split ln 2, table entries (invc, logc) and `kernel(r) ≈ log1p(r)` in
/// Double, and `exception(bits)`: the correctly rounded result of the few
/// inputs whose Double result rounds to the wrong Float (nil for the others).
@usableFromInline
protocol LogKernel64: EvoMathLogKernel64 {}

extension LogKernel64 {
    /// The shipped kernels are compiled with the protocol they implement.
    @inlinable static var kernelProtocolVersion: Int { EvoMathKernelProtocol.version }
}

extension LogSupport {
    /// log(x) for a positive normal binary32 x other than 1, correctly
    /// rounded: reduction, kernel and reconstruction in Double (the search's
    /// `CompleteLog` with `binary64`), one rounding to Float, and the
    /// exception list on the rare path where the Double result is within
    /// 2^-43 of a rounding boundary. `key`: the bit pattern of the input
    /// before any scaling (the exceptions are listed by it).
    @inlinable @inline(__always)
    static func inRangeCorrectlyRounded<K: EvoMathLogKernel64>(_ x: Float, bias: Int32, key: UInt32, _: K.Type) -> Float {
        let (e, i, m) = split(x, tableBits: K.tableBits)
        // r = m·invc − 1, exact in Double (24 + 12 significand bits; Sterbenz).
        let (invc, logc) = K.table(i)
        // Double(m) from the bits (m is positive and normal): the exponent
        // rebiased, the significand moved up; exact, as the conversion is.
        let md = Double(bitPattern: UInt64(m.bitPattern) << 29 &+ (UInt64(1023 - 127) << 52))
        let r = md * invc - 1
        // log1p(r) by the generated kernel.
        let p = K.kernel(r)
        // log x = (e·ln2High + logc) + (e·ln2Low + log1p(r)); e·ln2High is exact.
        let ed = Double(e &+ bias)
        let z = (ed * K.ln2High + logc) + (ed * K.ln2Low + p)
        if _slowPath(isRarePath(z)) {
            if let v = K.exception(key) { return v }
        }
        return Float(z)
    }
}

extension LogSupport {
    /// log(x) for every binary32 x that is not positive, normal and ≠ 1,
    /// for a kernel evaluated in binary64: NaN → NaN, x < 0 → NaN, ±0 → −∞,
    /// +∞ → +∞, 1 → +0, subnormals scaled by 2^23 into the normal range.
    @inlinable
    static func special64<K: EvoMathLogKernel64>(_ x: Float, _: K.Type) -> Float {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x == 1 { return 0 }
        if x == .infinity { return .infinity }
        return inRangeCorrectlyRounded(x * 0x1p23, bias: -23, key: x.bitPattern, K.self)
    }
}

extension LogSupport {
    /// log(x) correctly rounded to binary32 in two stages. First stage, for
    /// positive normal finite x (one unsigned comparison on the bits):
    /// x = 2^e·m, r = m·invc − 1 exact in Double as in
    /// `inRangeCorrectlyRounded` (`K`'s table), p = r·q(r) with q ≈ log1p(r)/r
    /// the screen kernel (`LogBinary32Screen`: Generated/
    /// `LogBinary32ScreenPolynomial` or, under EVOMATH_FMA, its fused twin, whose
    /// header bounds the error S of z = (e·ln2 + log c) + p case by case and
    /// derives the window W ≥ S·2^53), and Float(z) when z's low 29 bits are
    /// farther than W from the binary32 midpoint pattern 0x10000000 (a
    /// midpoint between z and log x lies within S·|z| < W ulps of z). x = 1
    /// gives r = 0, p = +0, z = +0 exactly (the entry with c = 1 has
    /// log c = 0), outside the window. Second stage, for every other input
    /// (about 2W/2^29 of them, and NaN, x ≤ 0, +∞, subnormals):
    /// `secondStage`, the complete one-kernel function, unchanged.
    @inlinable @inline(__always)
    package static func screened<K: EvoMathLogKernel64>(_ x: Float, _: K.Type, secondStage: (Float) -> Float) -> Float {
        // 2^-126 ≤ x < +∞ on the bits (negative x, ±0, subnormals, +∞ and NaN wrap or compare above).
        if _slowPath(x.bitPattern &- 0x0080_0000 >= 0x7F80_0000 - 0x0080_0000) { return secondStage(x) }
        let (e, i, m) = split(x, tableBits: K.tableBits)
        let (invc, logc) = K.table(i)
        let md = Double(bitPattern: UInt64(m.bitPattern) << 29 &+ (UInt64(1023 - 127) << 52))
        #if EVOMATH_FMA
        // The fused twin (`LogBinary32Screen`, BuildConfiguration.swift: the
        // same coefficients, its Estrin steps fused, its own window), and the
        // sums below each one fused multiply-add: r as before (m·invc is
        // exact), e·ln2 + log c and (…) + r·q each rounded once instead of
        // twice, so every rounding the header bounds is still bounded.
        let r = (-1.0).addingProduct(md, invc)
        let high = logc.addingProduct(Double(e), K.ln2High + K.ln2Low)
        let z = high.addingProduct(r, LogBinary32Screen.evaluate(r, squared: r * r))
        #else
        let r = md * invc - 1
        let p = r * LogBinary32Screen.evaluate(r, squared: r * r)
        // ln2 as one Double (the constant sum folds): its error, 2^-54, is in the budget.
        let z = (Double(e) * (K.ln2High + K.ln2Low) + logc) + p
        #endif
        if _slowPath(isNearBinary32Midpoint(z, window: LogBinary32Screen.roundingTestWindow)) { return secondStage(x) }
        return Float(z)
    }
}
