import EvoMath
import EvoMathReference
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Correctly rounded binary32 exp evaluated in binary64: the Double result z
/// is within ~2^-50 relative of exp(x), so Float(z) is the correctly rounded
/// result unless exp(x) lies that close to a rounding boundary (a midpoint of
/// two Floats). Such inputs are few; the spec lists them as exceptions and
/// the runtime consults the list only when z itself is near a midpoint.
public enum ExpExceptions {
    /// The runtime's rare-path test (`ExpSupport.isRarePath`, which
    /// `ExpSupport.inRangeCorrectlyRounded` calls): z's 29 significand bits below binary32's
    /// precision within 2^9 Double ulps of the midpoint pattern 0x10000000
    /// (|z − midpoint| < 2^-43·z), or z subnormal in binary32.
    @inline(__always)
    public static func isRarePath(_ z: Double) -> Bool { ExpSupport.isRarePath(z) }

    /// Every binary32 x in [low, high] whose exp (glibc's binary64 exp,
    /// within 2^-52 relative) lies within 2^-39 relative of a binary32
    /// midpoint: the only inputs a complete function with error below
    /// ~2^-40 can misround, so the format stage's misrounded count on them is
    /// the exhaustive count. A scan of all ~2^31 inputs in range (seconds on
    /// every core).
    public static func hardInputs(low: Float, high: Float) -> [Double] {
        // Bit-pattern ranges: [+0, high] and [-0, low] (sign-magnitude).
        let ranges: [(UInt32, UInt32)] = [(0, high.bitPattern), (0x8000_0000, low.bitPattern)]
        let chunks = 256
        var parts = [[Double]](repeating: [], count: chunks * 2)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: chunks * 2) { c in
            let (a, b) = ranges[c / chunks]
            let span = UInt64(b - a) + 1
            let from = UInt64(a) + span * UInt64(c % chunks) / UInt64(chunks)
            let to = UInt64(a) + span * UInt64(c % chunks + 1) / UInt64(chunks)
            var found: [Double] = []
            var bits = from
            while bits < to {
                let x = Double(Float(bitPattern: UInt32(bits)))
                let v = exp(x)
                if v >= 0x1p-126 {
                    if (v.bitPattern &- (0x1000_0000 - 0x2000)) & 0x1FFF_FFFF < 0x4000 { found.append(x) }
                } else {
                    // Subnormal in binary32: midpoints at odd multiples of 2^-150.
                    let s = v * 0x1p149
                    if abs((s - s.rounded(.down)) - 0.5) <= s * 0x1p-39 { found.append(x) }
                }
                bits += 1
            }
            lock.lock(); parts[c] = found; lock.unlock()
        }
        return parts.flatMap { $0 }
    }
}
