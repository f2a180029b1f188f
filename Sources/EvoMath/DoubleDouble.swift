// Error-free transformations in binary64 without FMA: the building blocks of
// the binary64 fast paths (Exp+Double.swift, Log+Double.swift).
//
// Every function here is exact (no rounding error is lost) under the stated
// precondition, in round-to-nearest, barring overflow and underflow; the
// proofs are the classical ones (Dekker 1971, Knuth TAOCP 4.2.2, Boldo's
// formalizations). No `.addingProduct`: on the default x86-64 target it is a
// libm call, and these are as fast without it.

/// Error-free sums and products of Doubles.
@usableFromInline
enum DoubleDouble {
    /// `(s, e)` with `s = a + b` rounded and `s + e = a + b` exactly, when
    /// `a == 0` or `exponent(a) ≥ exponent(b)` (Dekker's Fast2Sum, 3 operations).
    @inlinable @inline(__always)
    static func fastTwoSum(_ a: Double, _ b: Double) -> (Double, Double) {
        let s = a + b
        return (s, b - (s - a))
    }

    /// `(s, e)` with `s = a + b` rounded and `s + e = a + b` exactly, for any
    /// `a`, `b` (Knuth's 2Sum, 6 operations).
    @inlinable @inline(__always)
    static func twoSum(_ a: Double, _ b: Double) -> (Double, Double) {
        let s = a + b
        let bb = s - a
        return (s, (a - (s - bb)) + (b - bb))
    }

    /// Veltkamp's split: `a = high + low` exactly, `high` with at most 26
    /// significant bits, `low` with at most 26 (|a| < 2^996).
    @inlinable @inline(__always)
    static func split(_ a: Double) -> (high: Double, low: Double) {
        let c = 0x1.0000002p27 * a  // 2^27 + 1
        let high = c - (c - a)
        return (high, a - high)
    }
}
