import EvoMathSpec
#if canImport(Glibc)
import Glibc
#endif

/// A double-double number hi + lo, |lo| ≤ ulp(hi)/2: about 106 bits.
public struct DoubleDouble: Sendable {
    public var hi: Double
    public var lo: Double
    @inlinable public init(_ hi: Double, _ lo: Double = 0) { self.hi = hi; self.lo = lo }

    @inlinable static func twoSum(_ a: Double, _ b: Double) -> (Double, Double) {
        let s = a + b
        let bb = s - a
        return (s, (a - (s - bb)) + (b - bb))
    }
    @inlinable static func quickTwoSum(_ a: Double, _ b: Double) -> (Double, Double) {
        let s = a + b
        return (s, b - (s - a))
    }
    /// Dekker's exact product (no FMA needed: default x86-64 has none).
    @inlinable static func twoProduct(_ a: Double, _ b: Double) -> (Double, Double) {
        let p = a * b
        let split = 134_217_729.0
        let ta = split * a, ah = ta - (ta - a), al = a - ah
        let tb = split * b, bh = tb - (tb - b), bl = b - bh
        return (p, ((ah * bh - p) + ah * bl + al * bh) + al * bl)
    }
    @inlinable public static func + (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
        var (s, e) = twoSum(x.hi, y.hi)
        let (t, f) = twoSum(x.lo, y.lo)
        e += t
        (s, e) = quickTwoSum(s, e)
        e += f
        let r = quickTwoSum(s, e)
        return DoubleDouble(r.0, r.1)
    }
    @inlinable public static prefix func - (x: DoubleDouble) -> DoubleDouble { DoubleDouble(-x.hi, -x.lo) }
    @inlinable public static func - (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble { x + (-y) }
    @inlinable public static func * (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
        var (p, e) = twoProduct(x.hi, y.hi)
        e += x.hi * y.lo + x.lo * y.hi
        let r = quickTwoSum(p, e)
        p = r.0
        return DoubleDouble(p, r.1)
    }
    @inlinable public static func / (x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
        let q1 = x.hi / y.hi
        var r = x - y * DoubleDouble(q1)
        let q2 = r.hi / y.hi
        r = r - y * DoubleDouble(q2)
        let q3 = r.hi / y.hi
        let (s, e) = quickTwoSum(q1, q2)
        return DoubleDouble(s, e) + DoubleDouble(q3)
    }
    @inlinable public func squareRoot() -> DoubleDouble {
        if hi <= 0 { return DoubleDouble(hi.squareRoot()) }
        let s = hi.squareRoot()
        let r = self - DoubleDouble(s) * DoubleDouble(s)
        return DoubleDouble(s) + DoubleDouble(r.hi / (2 * s))
    }
    public var value: Double { hi + lo }
}
