/// What a generated exp kernel provides (see `Generated/`): the constants of
/// the reduction `x = k·ln2/2^T + r` it was searched for, and `kernel(r) ≈
/// exp(r)` on `|r| ≤ ln2/2^(T+1)`, all in Float.
@usableFromInline
protocol ExpKernel {
    static var tableBits: Int { get }
    static var inverseStep: Float { get }
    static var stepHigh: Float { get }
    static var stepLow: Float { get }
    static var overflowThreshold: Float { get }
    static var underflowThreshold: Float { get }
    static func table(_ i: Int) -> Float
    static func kernel(_ r: Float) -> Float
}

/// The shared reduction and reconstruction of exp in Float: the search's
/// format stage computes exactly these operations (`ExpFormatStage`,
/// `CompleteExp`), so a kernel's verification carries over.
@usableFromInline
enum ExpSupport {
    /// exp(x) for `underflowThreshold ≤ x ≤ overflowThreshold`, rounded once
    /// more only when the result is subnormal in Float.
    @inlinable @inline(__always)
    static func inRange<K: ExpKernel>(_ x: Float, _: K.Type) -> Float {
        // k = round(x·2^T/ln2): x = k·ln2/2^T + r with |r| ≤ ln2/2^(T+1) (+ rounding).
        let kf = (x * K.inverseStep).rounded(.toNearestOrEven)
        // r = x − k·ln2/2^T in two steps (Cody–Waite): k·stepHigh and the
        // first subtraction are exact, only k·stepLow rounds.
        let r = (x - kf * K.stepHigh) - kf * K.stepLow
        // exp(r) by the generated kernel.
        let p = K.kernel(r)
        // exp(x) = 2^(k >> T) · 2^((k mod 2^T)/2^T) · exp(r).
        let k = Int(kf)
        let t = K.tableBits
        let y = t == 0 ? p : p * K.table(k & ((1 << t) - 1))
        return scale(y, k >> t)
    }

    /// 2^e · y with one rounding and no spurious overflow, e in [-152, 128].
    @inlinable @inline(__always)
    static func scale(_ y: Float, _ e: Int) -> Float {
        if e > 127 { return (y * Float(bitPattern: UInt32(e - 1 + 127) << 23)) * 2 }
        if e < -126 { return (y * Float(bitPattern: UInt32(e + 64 + 127) << 23)) * 0x1p-64 }
        return y * Float(bitPattern: UInt32(e + 127) << 23)
    }
}

/// A kernel for the split reconstruction: `kernel(r) ≈ exp(r) − 1`, and each
/// table entry 2^(i/2^T) as `table(i) + tableLow(i)`, so that
/// `exp(x) = 2^e · (t + (t·q + t_low))` loses only the final addition's
/// rounding (≈ 0.5 ULP) plus small terms: what a Float-only < 1 ULP exp needs.
@usableFromInline
protocol ExpSplitKernel: ExpKernel {
    static func tableLow(_ i: Int) -> Float
}

extension ExpSupport {
    /// exp(x) for `underflowThreshold ≤ x ≤ overflowThreshold` with the split
    /// reconstruction.
    @inlinable @inline(__always)
    static func inRangeSplit<K: ExpSplitKernel>(_ x: Float, _: K.Type) -> Float {
        // k = round(x·2^T/ln2): x = k·ln2/2^T + r with |r| ≤ ln2/2^(T+1) (+ rounding).
        let kf = (x * K.inverseStep).rounded(.toNearestOrEven)
        // r = x − k·ln2/2^T (Cody–Waite: only k·stepLow and the last subtraction round).
        let r = (x - kf * K.stepHigh) - kf * K.stepLow
        // q ≈ exp(r) − 1 by the generated kernel.
        let q = K.kernel(r)
        // exp(x) = 2^(k >> T) · (t + (t·q + t_low)), t + t_low = 2^((k mod 2^T)/2^T).
        let k = Int(kf)
        let i = k & ((1 << K.tableBits) - 1)
        let t = K.table(i)
        let y = t + (t * q + K.tableLow(i))
        return scale(y, k >> K.tableBits)
    }
}
