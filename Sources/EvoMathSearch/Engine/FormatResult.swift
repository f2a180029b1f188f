import EvoMathReference
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The outcome of the format stage.
public struct FormatResult: Sendable {
    public var maxULP: Double
    public var misrounded: Int
    public var worst: (x: Double, got: Double, want: Double)
    public var inputs: Int

    /// Scores one result `got` of the complete function at `x` against the
    /// exact value and the correctly rounded one.
    @inline(__always)
    mutating func record(x: Double, got: Double, exact: Double, correct: Double, format: FloatFormat) {
        let e = got.isFinite ? abs(got - exact) / format.ulp(of: exact) : .infinity
        if got != correct { misrounded += 1 }
        if !(e <= maxULP) {
            maxULP = e.isNaN ? .infinity : e
            worst = (x, got, correct)
        }
    }
}

/// bfloat16 rounding of a Float, ties to even (as `BFloat16.init(_: Float)`).
enum BFloatRounding {
    @inline(__always)
    static func round(_ value: Float) -> Float {
        if value.isNaN { return value }
        let bits = value.bitPattern
        let lsb = (bits >> 16) & 1
        return Float(bitPattern: ((bits &+ 0x7FFF &+ lsb) >> 16) << 16)
    }
}
