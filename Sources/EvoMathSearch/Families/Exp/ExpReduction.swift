import EvoMath
import EvoMathReference
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The range reduction of exp: `x = k·ln2/2^T + r`, `|r| ≤ ln2/2^(T+1)`,
/// `exp(x) = 2^(k >> T) · 2^((k mod 2^T)/2^T) · exp(r)`; every constant is a
/// Float, exactly as the emitted runtime has it.
public struct ExpReduction: Sendable {
    public let tableBits: Int
    /// 2^T / ln 2, rounded to Float.
    public let inverseStep: Float
    /// ln2/2^T with its low 8+T significand bits cleared, so that k·stepHigh
    /// is exact for every |k| < 2^(8+T) (|x| < 104 needs |k| ≤ 150·2^T).
    public let stepHigh: Float
    /// ln2/2^T − stepHigh, rounded to Float.
    public let stepLow: Float
    /// 2^(i/2^T) correctly rounded to Float, i = 0..<2^T.
    public let table: [Float]
    /// 2^(i/2^T) − table[i], rounded to Float (the split reconstruction).
    public let tableLow: [Float]
    /// The same reduction in binary64 (kernels evaluated in Double): 2^T/ln2
    /// rounded to Double; ln2/2^T with its low 8+T significand bits cleared
    /// (k·stepHigh64 exact for |k| < 2^(8+T)) and the rest rounded to Double;
    /// 2^(i/2^T) correctly rounded to Double.
    public let inverseStep64: Double
    public let stepHigh64: Double
    public let stepLow64: Double
    public let table64: [Double]

    public init(tableBits t: Int) {
        tableBits = t
        let ln2 = 0x1.62e42fefa39efp-1
        let step = ln2 / Double(1 << t)
        inverseStep = Float(Double(1 << t) / ln2)
        let mask: UInt32 = (1 << UInt32(8 + t)) - 1
        stepHigh = Float(bitPattern: Float(step).bitPattern & ~mask)
        // ln2/2^T to ~106 bits minus stepHigh: the Double ln2 is 2^-54 off;
        // its low part below.
        let ln2Low = 0x1.abc9e3b39803fp-56 / Double(1 << t)
        stepLow = Float((step - Double(stepHigh)) + ln2Low)
        let ref = CorrectlyRoundedReference(Exp2Function())
        let entries = (0..<(1 << t)).map { Float(ref.value(at: Double($0) / Double(1 << t), in: .binary32)) }
        table = entries
        tableLow = (0..<(1 << t)).map { i in
            let exact = ref.highPrecisionValue(at: Double(i) / Double(1 << t), precision: 128).doubleValue
            return Float(exact - Double(entries[i]))
        }
        inverseStep64 = Double(1 << t) / ln2
        let mask64: UInt64 = (1 << UInt64(8 + t)) - 1
        stepHigh64 = Double(bitPattern: step.bitPattern & ~mask64)
        stepLow64 = (step - stepHigh64) + ln2Low
        table64 = (0..<(1 << t)).map { ref.value(at: Double($0) / Double(1 << t), in: .binary64) }
    }

    /// The binary64 reduction of a binary32 input: (r, k) with
    /// x = k·ln2/2^T + r; x − k·stepHigh64 is exact, one rounding in k·stepLow64
    /// and one in the last subtraction. The runtime's own (`ExpSupport.reduce64`).
    @inline(__always)
    public func reduce64(_ x: Float) -> (r: Double, k: Int) {
        ExpSupport.reduce64(x, inverseStep: inverseStep64, stepHigh: stepHigh64, stepLow: stepLow64)
    }

    /// The binary64 reconstruction 2^(k>>T)·(table64[k mod 2^T]·p): the
    /// product rounds once in Double, the scaling is exact (no Double
    /// underflow or overflow for k in range); the caller rounds once to Float.
    /// The runtime's own (`ExpSupport.reconstruct64`).
    @inline(__always)
    public func reconstruct64(_ p: Double, _ k: Int) -> Double {
        let t = tableBits
        return ExpSupport.reconstruct64(p, k, tableBits: t, entry: t == 0 ? 1 : table64[k & ((1 << t) - 1)])
    }

    /// Bound on |r| (ln2/2^(T+1), widened for the rounding of k and r).
    public var reducedBound: Double { 0x1.62e42fefa39efp-1 / Double(1 << (tableBits + 1)) * 1.0005 }

    /// The reconstruction before scaling: t·p, or t + (t·q + t_low) when split.
    @inline(__always)
    public func combine(_ p: Float, _ i: Int, split: Bool) -> Float {
        if split { return table[i] + (table[i] * p + tableLow[i]) }
        return tableBits == 0 ? p : p * table[i]
    }

    /// 2^e · y with one rounding (when the result is subnormal) and no
    /// spurious overflow, for e in [-152, 128]: the runtime's `ExpSupport.scale`.
    @inline(__always)
    public static func scale(_ y: Float, _ e: Int) -> Float { ExpSupport.scale(y, e) }
}
