/// What a generated exp kernel of EvoMath's own provides (see `Generated/`):
/// the requirements of the public ``EvoMathExpKernel`` (the constants of the
/// reduction `x = k·ln2/2^T + r` and `kernel(r) ≈ exp(r)` on
/// `|r| ≤ ln2/2^(T+1)`, all in Float). A separate internal name so that the
/// shipped kernels declare no protocol version and the vector kernels can
/// refine it.
@usableFromInline
protocol ExpKernel: EvoMathExpKernel {}

extension ExpKernel {
    /// The shipped kernels are compiled with the protocol they implement.
    @inlinable static var kernelProtocolVersion: Int { EvoMathKernelProtocol.version }
}

/// The shared reduction and reconstruction of exp: the search scores and
/// verifies candidates with these same functions (`package` access:
/// `ExpReduction`, `CompleteExp`, `ExpExceptions` in EvoMathSearch), so a
/// kernel's verification carries over.
@usableFromInline
package enum ExpSupport {
    /// exp(x) for `underflowThreshold ≤ x ≤ overflowThreshold`, rounded once
    /// more only when the result is subnormal in Float.
    @inlinable @inline(__always)
    static func inRange<K: EvoMathExpKernel>(_ x: Float, _: K.Type) -> Float {
        // k = round(x·2^T/ln2): x = k·ln2/2^T + r with |r| ≤ ln2/2^(T+1) (+ rounding).
        let (kf, k) = roundToInteger(x * K.inverseStep)
        // r = x − k·ln2/2^T in two steps (Cody–Waite): k·stepHigh and the
        // first subtraction are exact, only k·stepLow rounds.
        let r = (x - kf * K.stepHigh) - kf * K.stepLow
        // exp(r) by the generated kernel.
        let p = K.kernel(r)
        // exp(x) = 2^(k >> T) · 2^((k mod 2^T)/2^T) · exp(r).
        let t = K.tableBits
        let y = t == 0 ? p : p * K.table(k & ((1 << t) - 1))
        return scaleOnce(y, k >> t)
    }

    /// `v` rounded to the nearest integer, ties to even, as a Float and an
    /// Int, for |v| < 2^22: adding 1.5·2^23 leaves the integer in the low
    /// bits of the significand. The same value as `v.rounded(.toNearestOrEven)`
    /// without the libm call that needs without SSE4.1.
    ///
    /// Under a directed rounding mode (`fesetround`) the shifter's sum rounds
    /// v to ⌊v⌋ or ⌈v⌉ instead, so |v − k| reaches 1 and r = x − k·ln2/2^T
    /// twice the kernel's fitted range (a table-free kernel: 92–125 ULP,
    /// Tables/fast32.md). `correctedToNearest` moves k by one where
    /// |v − k| > 1/2: never in round-to-nearest (|v − k| ≤ 1/2 there), so the
    /// results the search scored are unchanged.
    @inlinable @inline(__always)
    package static func roundToInteger(_ v: Float) -> (Float, Int) {
        let shifter: Float = 0x1.8p23
        let shifted = v + shifter
        #if EVOMATH_FMA
        // SSE4.1 (every FMA target): the correction as a truncation with an
        // explicit rounding direction (`roundss $11`, independent of MXCSR),
        // as the 16-lane `reduce`.
        let kf = correctedToNearest(v, shifted - shifter)
        return (kf, Int(Int32(bitPattern: (kf + shifter).bitPattern &- shifter.bitPattern)))
        #else
        let k = Int32(bitPattern: shifted.bitPattern &- shifter.bitPattern)
        let c = correctedToNearest(v, shifted - shifter, k)
        return (Float(c), Int(c))
        #endif
    }

    /// kf (⌊v⌋ or ⌈v⌉) moved to the integer nearest v where |v − kf| > 1/2,
    /// by c = trunc((v − kf)·(2 − 2^-22)) ∈ {−1, 0, 1}: |v − kf| ≤ 1/2 (always
    /// in round-to-nearest) gives |product| < 1 and c = 0, so kf is unchanged;
    /// under a directed mode, |v − kf| > 1/2 + 2^-23 gives c = ±1. kf + c and
    /// (kf + c) + 1.5·2^23 are exact (integers below 2^22) in every mode.
    @inlinable @inline(__always)
    package static func correctedToNearest(_ v: Float, _ kf: Float) -> Float {
        kf + ((v - kf) * 0x1.fffffcp0).rounded(.towardZero)
    }

    /// k (= kf, ⌊v⌋ or ⌈v⌉) moved to the integer nearest v where
    /// |v − kf| > 1/2, as an Int32 (Float(k) is exact, |k| < 2^24, in every
    /// rounding mode). v − kf is exact when |v| ≥ 1/2 (|v − kf| < 1, a
    /// multiple of v's ulp) or kf = 0; otherwise (|v| < 1/2, kf = ±1) it may
    /// round, which can leave k one off only where v is within 2^-25 of ±1/2:
    /// r then exceeds the fitted range by at most 2^-25·ln2/2^T.
    @inlinable @inline(__always)
    package static func correctedToNearest(_ v: Float, _ kf: Float, _ k: Int32) -> Int32 {
        let d = v - kf
        return k &+ (d > 0.5 ? 1 : 0) &- (d < -0.5 ? 1 : 0)
    }

    /// 2^e · y for 1/2 ≤ |y| < 4 and e in [-152, 128], with one rounding and
    /// no spurious overflow: y·2^⌊e/2⌋ is exact (a normal number), the second
    /// product rounds once. Branch-free, so loops over it vectorize.
    @inlinable @inline(__always)
    package static func scale(_ y: Float, _ e: Int) -> Float {
        let e1 = e >> 1, e2 = e - e1
        return (y * Float(bitPattern: UInt32(truncatingIfNeeded: e1 + 127) << 23))
            * Float(bitPattern: UInt32(truncatingIfNeeded: e2 + 127) << 23)
    }

    /// `scale(y, e)`, with one multiplication when 2^e is a normal Float
    /// (−126 ≤ e ≤ 127, every result of the 16-bit formats and all but the
    /// ends of binary32's range): the same value, since both round the exact
    /// y·2^e once (y·2^⌊e/2⌋ is exact), one multiplication shorter on the
    /// path of the scalar functions. The scalar `inRange` functions use it;
    /// loops that must vectorize use `scale`.
    @inlinable @inline(__always)
    package static func scaleOnce(_ y: Float, _ e: Int) -> Float {
        if _fastPath(UInt(bitPattern: e &+ 126) <= 253) {
            return y * Float(bitPattern: UInt32(truncatingIfNeeded: e &+ 127) << 23)
        }
        return scale(y, e)
    }
}

/// A kernel for the split reconstruction: `kernel(r) ≈ exp(r) − 1`, and each
/// table entry 2^(i/2^T) as `high + low` (`splitTable(i)`), so that
/// `exp(x) = 2^e · (t + (t·q + t_low))` loses only the final addition's
/// rounding (≈ 0.5 ULP) plus small terms: what a Float-only < 1 ULP exp needs.
@usableFromInline
protocol ExpSplitKernel: ExpKernel, EvoMathExpSplitKernel {}

extension ExpSupport {
    /// exp(x) for `underflowThreshold ≤ x ≤ overflowThreshold` with the split
    /// reconstruction.
    @inlinable @inline(__always)
    static func inRangeSplit<K: EvoMathExpSplitKernel>(_ x: Float, _: K.Type) -> Float {
        // k = round(x·2^T/ln2): x = k·ln2/2^T + r with |r| ≤ ln2/2^(T+1) (+ rounding).
        let (kf, k) = roundToInteger(x * K.inverseStep)
        // r = x − k·ln2/2^T (Cody–Waite: only k·stepLow and the last subtraction round).
        let r = (x - kf * K.stepHigh) - kf * K.stepLow
        // q ≈ exp(r) − 1 by the generated kernel.
        let q = K.kernel(r)
        // exp(x) = 2^(k >> T) · (t + (t·q + t_low)), t + t_low = 2^((k mod 2^T)/2^T).
        // Without a table (T = 0: t = 1, t_low = 0) no lookup: 1 + (q + 0),
        // the same value as t + (t·q + t_low) (1·q is exact), as the vector code.
        if K.tableBits == 0 { return scaleOnce(1 + (q + 0), k) }
        let i = k & ((1 << K.tableBits) - 1)
        let (t, tLow) = K.splitTable(i)
        let y = t + (t * q + tLow)
        return scaleOnce(y, k >> K.tableBits)
    }
}

/// A binary32 exp kernel evaluated in binary64 (the correctly rounded tier):
/// the reduction constants, table entries 2^(i/2^T) and `kernel(r) ≈ exp(r)`
/// in Double, and `exception(bits)`: the correctly rounded result of the few
/// inputs whose Double result rounds to the wrong Float (nil for the others).
@usableFromInline
protocol ExpKernel64: EvoMathExpKernel64 {}

extension ExpKernel64 {
    /// The shipped kernels are compiled with the protocol they implement.
    @inlinable static var kernelProtocolVersion: Int { EvoMathKernelProtocol.version }
}

extension ExpSupport {
    /// exp(x) for `underflowThreshold ≤ x ≤ overflowThreshold`, correctly
    /// rounded: reduction, kernel and reconstruction in Double (the search's
    /// `CompleteExp` with `binary64`), one rounding to Float, and the
    /// exception list on the rare path where the Double result is within
    /// 2^-43 of a rounding boundary (or a binary32 subnormal).
    @inlinable @inline(__always)
    static func inRangeCorrectlyRounded<K: EvoMathExpKernel64>(_ x: Float, _: K.Type) -> Float {
        let (r, k) = reduce64(x, inverseStep: K.inverseStep, stepHigh: K.stepHigh, stepLow: K.stepLow)
        let p = K.kernel(r)
        let t = K.tableBits
        // reconstruct64 as p · (entry · 2^(k >> T)): the same value (the
        // scaling is exact in Double for every k here, so either order rounds
        // p·entry·2^(k >> T) once), with the scale off the path from p.
        let entry = t == 0 ? 1 : K.table(k & ((1 << t) - 1))
        let z = p * (entry * Double(bitPattern: UInt64(truncatingIfNeeded: (k >> t) + 1023) << 52))
        if _slowPath(isRarePath(z)) {
            if let e = K.exception(x.bitPattern) { return e }
        }
        return Float(z)
    }

    /// x = k·ln2/2^T + r in Double for a binary32 x: k = round(x·2^T/ln2)
    /// (shifter: ties to even, |k| < 2^51), and r = x − k·ln2/2^T with
    /// k·stepHigh and the first subtraction exact.
    @inlinable @inline(__always)
    package static func reduce64(_ x: Float, inverseStep: Double, stepHigh: Double, stepLow: Double) -> (r: Double, k: Int) {
        let xd = Double(x)
        let shifter: Double = 0x1.8p52
        let shifted = xd * inverseStep + shifter
        let kf = shifted - shifter
        let k = Int(truncatingIfNeeded: Int64(bitPattern: shifted.bitPattern &- shifter.bitPattern))
        return ((xd - kf * stepHigh) - kf * stepLow, k)
    }

    /// 2^(k >> T) · (entry · p), `entry` = 2^((k mod 2^T)/2^T) (unused for
    /// T = 0): one rounding, exact scaling.
    @inlinable @inline(__always)
    package static func reconstruct64(_ p: Double, _ k: Int, tableBits t: Int, entry: Double) -> Double {
        let y = t == 0 ? p : p * entry
        return y * Double(bitPattern: UInt64(truncatingIfNeeded: (k >> t) + 1023) << 52)
    }

    /// The rare path: z within 2^9 Double ulps of a binary32 midpoint (z's 29
    /// significand bits below binary32's precision near the pattern
    /// 0x10000000, |z − midpoint| < 2^-43·z), or a subnormal binary32 result.
    @inlinable @inline(__always)
    package static func isRarePath(_ z: Double) -> Bool {
        isNearBinary32Midpoint(z, window: 0x200) || z < 0x1p-126
    }
}

extension ExpSupport {
    /// Inputs with |x| ≤ 0x1.5d5p+6 (≈ 87.33) take the first stage of
    /// `screened`: their exp is a normal Float (exp(−87.33) > 2^-126) and
    /// finite, and |x/ln2| < 2^7.
    @inlinable static var screenBoundBits: UInt32 { 0x42AE_A800 }

    /// exp(x) correctly rounded to binary32 in two stages. First stage, for
    /// 2^-126 ≤ |x| ≤ 0x1.5d5p+6: x/ln2 = k/2^T + h in Double (a = x·(2^T/ln2)/2^T
    /// rounded once; adding 1.5·2^(52−T) rounds it to k/2^T, ties to even;
    /// h = a − k/2^T exact, |h| ≤ 2^-(T+1)), z = (2^(k >> T)·2^((k mod 2^T)/2^T))·p(h)
    /// with the entry of `K`'s table and k >> T added to its exponent (exact:
    /// a normal Double), p ≈ 2^h the screen kernel (Generated/
    /// `ExpBinary32Screen`: `ExpBinary32ScreenPolynomial`, or its fused twin
    /// under EVOMATH_FMA; each header sums z's error S and
    /// derives the window W ≥ S·2^53). A binary32 midpoint between z and
    /// exp(x) lies within S·z < W ulps of z, so when z's low 29 bits are
    /// farther than W from the midpoint pattern 0x10000000, Float(z) (one
    /// rounding, a normal result) is exp(x) correctly rounded. Second stage,
    /// for every other input (about 2W/2^29 of them, and NaN, ±∞, |x| > 87.33, ±0 and subnormal x):
    /// `secondStage`, the complete one-kernel function of `K`, unchanged.
    @inlinable @inline(__always)
    package static func screened<K: EvoMathExpKernel64>(_ x: Float, _: K.Type, secondStage: (Float) -> Float) -> Float {
        if _slowPath(!inScreenRange(x)) { return secondStage(x) }
        let z = screenValue(x, K.self)
        if _slowPath(isNearBinary32Midpoint(z, window: ExpBinary32Screen.roundingTestWindow)) { return secondStage(x) }
        return Float(z)
    }

    /// 2^-126 ≤ |x| ≤ 0x1.5d5p+6 on the bits: shifting out the sign leaves one
    /// subtraction and one unsigned comparison (NaN and ±∞ compare above,
    /// ±0 and subnormals wrap around).
    @inlinable @inline(__always)
    static func inScreenRange(_ x: Float) -> Bool {
        (x.bitPattern &<< 1) &- 0x0100_0000 <= (screenBoundBits &<< 1) &- 0x0100_0000
    }

    /// The first stage's Double z ≈ exp(x) for x in the screen's range, with
    /// the relative error S of the screen's header (see `screened`).
    @inlinable @inline(__always)
    static func screenValue<K: EvoMathExpKernel64>(_ x: Float, _: K.Type) -> Double {
        let t = K.tableBits
        #if EVOMATH_FMA
        // One vcvtss2sd: with AVX (every FMA target) it merges into its source
        // register, so it waits on nothing but x.
        let xd = Double(x)
        #else
        // Double(x) for a normal x from its bits (sign; exponent rebiased,
        // significand moved up: exact): SSE2's cvtss2sd writes half of another
        // register and waited on the previous call's last use of it
        // (evomath-bench batch-L2, a loop of calls: 7.75 against 4.20 ns).
        let b = UInt64(x.bitPattern)
        let xd = Double(bitPattern: ((b & 0x8000_0000) << 32) | (((b & 0x7FFF_FFFF) << 29) &+ (UInt64(1023 - 127) << 52)))
        #endif
        let c = K.inverseStep / Double(1 << t)
        let shifter = 0x1.8p52 / Double(1 << t)
        #if EVOMATH_FMA
        // Fused (glibc's __expf_fma's reduction): u rounds x·c itself to
        // k/2^T, and h = x·c − k/2^T rounds once (|h| ≤ 2^-(T+1): 2^-61 at
        // most) instead of x·c rounding first (2^-47): within the header's
        // term for h, which keeps bounding it. The polynomial is the fused
        // twin's (`ExpBinary32Screen`, BuildConfiguration.swift; its own window).
        let u = shifter.addingProduct(xd, c)
        let h = (-(u - shifter)).addingProduct(xd, c)
        #else
        let a = xd * c
        let u = a + shifter
        let h = a - (u - shifter)
        #endif
        let k = u.bitPattern
        let entry = K.table(Int(truncatingIfNeeded: k) & ((1 << t) - 1)).bitPattern
        let scaled = Double(bitPattern: entry &+ ((k >> UInt64(t)) &<< 52))
        return scaled * ExpBinary32Screen.evaluate(h, squared: h * h)
    }

    /// exp(x) correctly rounded to bfloat16 in two stages: the binary32
    /// first stage's z (`screenValue`, relative error S; bfloat16 has
    /// binary32's exponent range, so its inputs in the screen's range have
    /// normal, finite results) rounded once to 8 significant bits, unless z
    /// lies within W Double ulps of a bfloat16 rounding boundary (its 45
    /// significand bits below bfloat16's precision within W of the midpoint
    /// pattern 0x1000_0000_0000: the argument of `screened` with 45 bits for
    /// 29). The rounding adds half a bfloat16 ulp to the bits (no tie can
    /// remain outside the window; a carry moves the exponent, as it should)
    /// and rebiases the exponent. Second stage, for every other input:
    /// `secondStage`, the bfloat16 one-kernel function, unchanged.
    @inlinable @inline(__always)
    package static func screenedBFloat16<K: EvoMathExpKernel64>(
        _ x: BFloat16, _: K.Type, secondStage: (BFloat16) -> BFloat16
    ) -> BFloat16 {
        let xf = x.floatValue
        if _slowPath(!inScreenRange(xf)) { return secondStage(x) }
        let (near, bits) = roundScreened(screenValue(xf, K.self), significandBits: 8, exponentBias: 127)
        if _slowPath(near) { return secondStage(x) }
        return BFloat16(bitPattern: bits)
    }

    /// exp(x) correctly rounded to binary16 in two stages, as
    /// `screenedBFloat16` with 11 significant bits, for the inputs whose
    /// results are normal binary16 numbers: x ≠ 0 in [−9.703125, 11.0859375]
    /// (exp(−9.703125) > 2^-14; exp(11.0859375) ≈ 65247 rounds to 65248), one
    /// comparison of the magnitude's bits against the sign's limit (0 wraps
    /// around; NaN and ±∞ compare above). Everything else takes `secondStage`,
    /// the binary16 one-kernel function, unchanged.
    @inlinable @inline(__always)
    package static func screenedBinary16<K: EvoMathExpKernel64>(
        _ x: Float16, _: K.Type, secondStage: (Float16) -> Float16
    ) -> Float16 {
        let b = x.bitPattern
        let limit: UInt16 = b & 0x8000 == 0 ? 0x498B : 0x48DA
        if _slowPath((b & 0x7FFF) &- 1 >= limit) { return secondStage(x) }
        let xf = ScalarConversion.float(binary16: b)
        let (near, bits) = roundScreened(screenValue(xf, K.self), significandBits: 11, exponentBias: 15)
        if _slowPath(near) { return secondStage(x) }
        return Float16(bitPattern: bits)
    }

    /// The first stage's z (positive; its rounding a normal number of the
    /// format) rounded once to `significandBits` bits from its bit pattern,
    /// with the flag `near`: z within W = `ExpBinary32Screen.roundingTestWindow`
    /// Double ulps of the format's rounding boundary (the dropped bits within
    /// W of the midpoint pattern; the argument of `screened`, whose window
    /// bounds the relative error S of z in any binade). Outside the window no
    /// tie remains, so adding half an ulp and shifting rounds to nearest (a
    /// carry moves the exponent); the exponent is rebiased from binary64's.
    @inlinable @inline(__always)
    static func roundScreened(_ z: Double, significandBits p: UInt64, exponentBias: UInt64) -> (near: Bool, bits: UInt16) {
        let dropped = 53 - p
        let half: UInt64 = 1 << (dropped - 1)
        let w = ExpBinary32Screen.roundingTestWindow
        let bits = z.bitPattern
        let near = (bits &- (half &- w)) & ((half << 1) &- 1) < 2 &* w
        let rounded = (bits &+ half) >> dropped
        return (near, UInt16(truncatingIfNeeded: rounded &- ((1023 - exponentBias) << (p - 1))))
    }
}
