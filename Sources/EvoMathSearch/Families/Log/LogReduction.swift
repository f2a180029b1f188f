import EvoMath
import EvoMathReference
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The range reduction of log (`log-split`), every constant a Float exactly
/// as the emitted runtime has it:
///
/// - x = 2^e · m with m in [√½, √2): `tmp = bits(x) − bits(√½)`,
///   `e = tmp >> 23` (arithmetic), `m = bits(x) − e << 23`; binary32
///   subnormals (bfloat16 subnormal inputs) are first scaled by 2^23.
/// - table index i = the top T bits of tmp's significand; each subinterval
///   of m has a centre c_i and `invc_i` ≈ 1/c_i rounded to 12 significant
///   bits (exactly 1 for the subinterval containing 1), so that `m·invc_i`
///   is exact in Float for inputs of at most 12 significand bits (binary16:
///   11, bfloat16: 8) and `r = m·invc_i − 1` is exact too (Sterbenz:
///   m·invc_i is within a few percent of 1). `−log(invc_i)` = logcHigh_i +
///   logcLow_i: logcHigh a multiple of 2^-16, logcLow the rest rounded to
///   Float (both 0 where invc_i = 1).
/// - log x = (e·ln2High + logcHigh_i) + ((e·ln2Low + logcLow_i) + log1p(r)),
///   ln2High with 16 significant bits (a multiple of 2^-16), so e·ln2High is
///   exact for |e| < 2^8 and so is its sum with logcHigh (a multiple of 2^-16
///   below 2^8): only the low part and the final addition round.
///
/// The kernel approximates log1p(r) (relative error) on [rMin, rMax].
public struct LogReduction: Sendable {
    public let tableBits: Int
    public static let offset: UInt32 = 0x3F35_04F3
    public let ln2High: Float
    public let ln2Low: Float
    public let invc: [Float]
    public let logcHigh: [Float]
    public let logcLow: [Float]
    /// The reduced interval (over every subinterval).
    public let rMin: Double
    public let rMax: Double
    /// The binary64 variant (binary32 log, evaluated in Double): ln2 with
    /// its low 11 bits cleared (e·ln2High64 exact for |e| < 2^11), the rest,
    /// and −log(invc_i) rounded to Double (the same invc_i: m·invc_i is exact
    /// in Double for binary32 m, 24 + 12 bits).
    public let ln2High64: Double
    public let ln2Low64: Double
    public let logc64: [Double]

    public init(tableBits t: Int) {
        tableBits = t
        let ln2 = 0x1.62e42fefa39efp-1
        ln2High = Float(bitPattern: Float(ln2).bitPattern & ~UInt32(0xFF))
        ln2Low = Float((ln2 - Double(ln2High)) + 0x1.abc9e3b39803fp-56)
        let ref = CorrectlyRoundedReference(LogFunction())
        var inv: [Float] = [], lch: [Float] = [], lcl: [Float] = []
        var lo = Double.infinity, hi = -Double.infinity
        let n = 1 << t
        let width = UInt32(1) << UInt32(23 - t)
        for i in 0..<n {
            let a = Double(Float(bitPattern: LogReduction.offset &+ UInt32(i) &* width))
            let b = Double(Float(bitPattern: LogReduction.offset &+ UInt32(i + 1) &* width &- 1))
            var v: Float
            if a <= 1 && 1 <= b {
                v = 1
            } else {
                let c = (a * b).squareRoot()
                // 1/c rounded to 12 significant bits.
                let y = 1 / c
                let ex = Int(floor(log2(y)))
                let scale = Double(sign: .plus, exponent: 11 - ex, significand: 1)
                v = Float((y * scale).rounded() / scale)
            }
            inv.append(v)
            let logc = v == 1 ? 0 : -ref.highPrecisionValue(at: Double(v), precision: 128).doubleValue
            let high = (logc * 0x1p16).rounded() * 0x1p-16
            lch.append(Float(high))
            lcl.append(Float(logc - high))
            lo = min(lo, a * Double(v) - 1)
            hi = max(hi, b * Double(v) - 1)
        }
        invc = inv
        logc64 = inv.map { $0 == 1 ? 0 : -ref.highPrecisionValue(at: Double($0), precision: 128).doubleValue }
        ln2High64 = Double(bitPattern: ln2.bitPattern & ~UInt64(0x7FF))
        ln2Low64 = (ln2 - ln2High64) + 0x1.abc9e3b39803fp-56
        logcHigh = lch
        logcLow = lcl
        rMin = lo
        rMax = hi
    }

    /// The reduction of a positive finite binary32 x: (r, e, i) with
    /// x = 2^e · m, r = m·invc[i] − 1.
    @inline(__always)
    public func reduce(_ x0: Float) -> (r: Float, e: Int, i: Int) {
        var x = x0
        var bias = 0
        if x < 0x1p-126 { x *= 0x1p23; bias = -23 }
        let (e, i, m) = LogSupport.split(x, tableBits: tableBits)
        return (m * invc[i] - 1, Int(e) + bias, i)
    }

    /// The binary64 reduction of a positive finite binary32 x: r exact.
    @inline(__always)
    public func reduce64(_ x: Float) -> (r: Double, e: Int, i: Int) {
        var x0 = x
        var bias = 0
        if x0 < 0x1p-126 { x0 *= 0x1p23; bias = -23 }
        let (e, i, m) = LogSupport.split(x0, tableBits: tableBits)
        return (Double(m) * Double(invc[i]) - 1, Int(e) + bias, i)
    }

    /// log x in Double: (e·ln2High64 + logc64) + (e·ln2Low64 + p).
    @inline(__always)
    public func combine64(_ p: Double, e: Int, i: Int) -> Double {
        let ed = Double(e)
        return (ed * ln2High64 + logc64[i]) + (ed * ln2Low64 + p)
    }

    /// log x from the kernel's value p ≈ log1p(r), in Float.
    @inline(__always)
    public func combine(_ p: Float, e: Int, i: Int) -> Float {
        let ef = Float(e)
        let high = ef * ln2High + logcHigh[i]
        let low = (ef * ln2Low + logcLow[i]) + p
        return high + low
    }
}
