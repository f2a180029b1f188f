import EvoMath
import EvoMathReference
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Correctly rounded binary32 log evaluated in binary64 (as `ExpExceptions`
/// for exp): the Double result z is within ~2^-50 relative of log(x), so
/// Float(z) is correctly rounded unless log(x) lies that close to a binary32
/// midpoint; such inputs are few, the spec lists them as exceptions.
public enum LogExceptions {
    /// The runtime's rare-path test: z's 29 significand bits below binary32's
    /// precision within 2^9 Double ulps of the midpoint pattern (|z −
    /// midpoint| < 2^-43·|z|). Every log of a binary32 other than 1 is a
    /// normal binary32 in magnitude, so there is no subnormal clause.
    @inline(__always)
    public static func isRarePath(_ z: Double) -> Bool { LogSupport.isRarePath(z) }

    /// Every positive finite binary32 x ≠ 1 whose log (glibc's binary64 log,
    /// within 2^-52 relative) lies within 2^-39 relative of a binary32
    /// midpoint: the only inputs a complete function with error below
    /// ~2^-40 can misround. A scan of all 2^31 positive inputs (every core).
    public static func hardInputs() -> [Double] {
        let chunks = 256
        var parts = [[Double]](repeating: [], count: chunks)
        let lock = NSLock()
        let top: UInt64 = 0x7F80_0000
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let from = 1 + top * UInt64(c) / UInt64(chunks)
            let to = 1 + top * UInt64(c + 1) / UInt64(chunks)
            var found: [Double] = []
            var bits = from
            while bits < to {
                let x = Double(Float(bitPattern: UInt32(bits)))
                let v = Glibc.log(x)
                if x != 1 && (v.bitPattern &- (0x1000_0000 - 0x2000)) & 0x1FFF_FFFF < 0x4000 { found.append(x) }
                bits += 1
            }
            lock.lock(); parts[c] = found; lock.unlock()
        }
        return parts.flatMap { $0 }
    }
}
