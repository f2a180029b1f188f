/// The bfloat16 storage format: 1 sign bit, 8 exponent bits, 7 fraction bits.
///
/// It has binary32's exponent range with 8 significant bits. Arithmetic is
/// done by converting to `Float`; conversion from `Float` rounds to nearest,
/// ties to even, and preserves NaN (quieted), infinities, signed zeros and
/// subnormals.
@frozen
public struct BFloat16: Sendable {
    /// The raw encoding: the upper 16 bits of the equivalent binary32.
    public var bitPattern: UInt16

    @inlinable
    public init(bitPattern: UInt16) { self.bitPattern = bitPattern }

    /// Rounds `value` to the nearest bfloat16, ties to even.
    // Always inlined: the scalar bfloat16 exp and log end with it (it was a
    // call per result). The NaN test stays `isNaN`: on the bits, the exp was
    // slower (batch-L2 4.36 against 4.10 ns/element, evomath-bench).
    @inlinable @inline(__always)
    public init(_ value: Float) {
        let bits = value.bitPattern
        if _slowPath(value.isNaN) {
            // Keep the sign and the top payload bits; force a quiet NaN so the
            // truncation can never produce an infinity.
            self.bitPattern = UInt16(truncatingIfNeeded: bits >> 16) | 0x0040
            return
        }
        // Round to nearest even on the 16 discarded bits. An overflow of the
        // significand carries into the exponent, which is the right result
        // (including rounding the largest values up to infinity).
        let lsb = (bits >> 16) & 1
        let rounded = bits &+ 0x7FFF &+ lsb
        self.bitPattern = UInt16(truncatingIfNeeded: rounded >> 16)
    }

    /// Rounds `value` to the nearest bfloat16, ties to even (one rounding: a
    /// `Double` is not first rounded to `Float`).
    @inlinable
    public init(_ value: Double) {
        if value.isNaN || value.isInfinite || value == 0 {
            self.init(Float(value))
            return
        }
        // Round to float with round-to-odd so the second rounding is correct:
        // binary32 keeps 24 bits, more than bfloat16's 8 + 2.
        var f = Float(value)
        if f.isFinite, Double(f) != value, f.bitPattern & 1 == 0 {
            // Inexact and even: move to the odd neighbour towards `value`.
            f = Double(f) < value ? f.nextUp : f.nextDown
        }
        self.init(f)
    }

    /// The exact value as a `Float`.
    @inlinable
    public var floatValue: Float { Float(bitPattern: UInt32(bitPattern) << 16) }
}

extension Float {
    /// The exact value of a bfloat16.
    @inlinable
    public init(_ value: BFloat16) { self = value.floatValue }
}

extension Double {
    /// The exact value of a bfloat16.
    @inlinable
    public init(_ value: BFloat16) { self = Double(value.floatValue) }
}

// Equality, hashing and order are those of the value, as for Float16 and Float (IEEE 754): +0 == −0,
// NaN is unequal to everything, itself included. (Before 0.2 they compared bit patterns; compare
// `bitPattern` for that.)
extension BFloat16: Hashable, Comparable {
    @inlinable
    public static func == (a: BFloat16, b: BFloat16) -> Bool { a.floatValue == b.floatValue }

    @inlinable
    public static func < (a: BFloat16, b: BFloat16) -> Bool { a.floatValue < b.floatValue }

    @inlinable
    public func hash(into hasher: inout Hasher) { hasher.combine(floatValue) }
}

extension BFloat16: CustomStringConvertible {
    public var description: String { floatValue.description }
}
