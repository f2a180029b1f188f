import CMPFR
import EvoMathReference
import Foundation
import Testing

/// The log-Bessel ground truth at the extremes: orders up to 1e8, arguments
/// from the smallest subnormal to the largest finite Double. Every value is
/// finite, and agrees with the asymptotic formula of its region to within
/// that formula's first neglected term.
@Suite struct BesselSpotCheckTests {
    static let p = 256

    static func mp(_ x: Double) -> MPFRFloat { BesselTestMath.mp(x, precision: p) }

    static func apply(_ f: (mpfr_ptr?, mpfr_srcptr?, mpfr_rnd_t) -> Int32, _ x: MPFRFloat) -> MPFRFloat {
        let r = MPFRFloat(precision: p)
        _ = f(r.pointer, x.pointer, MPFR_RNDN)
        return r
    }

    static func combine(_ terms: [(Double, MPFRFloat)]) -> MPFRFloat {
        let r = MPFRFloat(precision: p)
        mpfr_set_ui(r.pointer, 0, MPFR_RNDN)
        let t = MPFRFloat(precision: p)
        for (c, x) in terms {
            mpfr_mul_d(t.pointer, x.pointer, c, MPFR_RNDN)
            mpfr_add(r.pointer, r.pointer, t.pointer, MPFR_RNDN)
        }
        return r
    }

    static var pi: MPFRFloat { let r = MPFRFloat(precision: p); mpfr_const_pi(r.pointer, MPFR_RNDN); return r }
    static var one: MPFRFloat { mp(1) }

    @Test func everyExtremeIsFinite() {
        let orders: [Double] = [0, 0.5, 1, 1e4, 1e8]
        let xs: [Double] = [0x1p-1074, 1e-300, 1, 1e8, 1e300, .greatestFiniteMagnitude]
        var failures: [String] = []
        for kind in LogBesselKind.allCases {
            let ref = LogBesselReference(kind)
            for v in orders {
                for x in xs {
                    let (value, bound) = ref.logarithm(order: v, x, precision: 64)
                    let d64 = ref.value(order: v, x, in: .binary64)
                    // log I_0(x) ≈ x²/4 underflows to 0 for tiny x: finite.
                    if !value.isFinite || !(bound < 8) || !d64.isFinite {
                        failures.append("\(kind.functionName)(\(v), \(x)): \(value.decimalString(digits: 20)), bound \(bound), binary64 \(d64)")
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// x → 0: log I_v(x) = v log(x/2) − lnΓ(v+1) + O(x²/(v+1)), and for v ≥ 2
    /// log K_v(x) = lnΓ(v) − log 2 + v log(2/x) + O(x²/(v−1)); log K_0(x) =
    /// log(−log(x/2) − γ) + O(x² log(1/x)). At x ≤ 1e−300 the O terms are
    /// below 1e−590, so the reference must match to its own precision.
    @Test(arguments: [(2.0, 1e-300), (1e4, 1e-300), (1e8, 1e-300), (1e8, 0x1p-1074), (2.0, 0x1p-1074), (0, 0x1p-1074), (0, 1e-300)])
    func smallArgument(v: Double, x: Double) {
        let logHalfX = Self.apply(mpfr_log, Self.mp(x))  // log(x/2), x/2 underflows in Double
        let log2 = MPFRFloat(precision: Self.p)
        mpfr_const_log2(log2.pointer, MPFR_RNDN)
        mpfr_sub(logHalfX.pointer, logHalfX.pointer, log2.pointer, MPFR_RNDN)
        let lnGammaV1 = Self.apply(mpfr_lngamma, Self.mp(v + 1))
        let wantI = Self.combine([(v, logHalfX), (-1, lnGammaV1)])
        let wantK: MPFRFloat
        if v == 0 {
            let gamma = MPFRFloat(precision: Self.p)
            mpfr_const_euler(gamma.pointer, MPFR_RNDN)
            wantK = Self.apply(mpfr_log, Self.combine([(-1, logHalfX), (-1, gamma)]))
        } else {
            wantK = Self.combine([(1, Self.apply(mpfr_lngamma, Self.mp(v))), (-1, log2), (-v, logHalfX)])
        }
        for (kind, want) in [(LogBesselKind.i, wantI), (.k, wantK)] {
            let got = LogBesselReference(kind).logarithm(order: v, x, precision: 160).value
            let error = BesselTestMath.distance(got, want)
            #expect(error <= 0x1p-150 * max(1, abs(want.doubleValue)), "\(kind.functionName)(\(v), \(x)): error \(error)")
        }
    }

    /// x ≫ v²: log I_v(x) = x − ½ log(2πx) − (4v²−1)/(8x) + O((4v²)²/x²),
    /// log K_v(x) = ½ log(π/(2x)) − x + (4v²−1)/(8x) + O((4v²)²/x²).
    @Test(arguments: [(0.0, 1e100), (1e4, 1e300), (1e8, 1e300), (1e8, Double.greatestFiniteMagnitude), (1, 1e30)])
    func largeArgument(v: Double, x: Double) {
        let logTwoPiX = Self.apply(mpfr_log, Self.combine([(2 * x, Self.pi)]))
        let correction = (4 * v * v - 1) / (8 * x)
        let wantI = Self.combine([(1, Self.mp(x)), (-0.5, logTwoPiX), (-correction, Self.one)])
        let logPi = Self.apply(mpfr_log, Self.pi)
        let wantK = Self.combine([(1, logPi), (-0.5, logTwoPiX), (-1, Self.mp(x)), (correction, Self.one)])
        let tolerance = 2 * (4 * v * v + 9) * (4 * v * v + 9) / (x * x)
        for (kind, want) in [(LogBesselKind.i, wantI), (.k, wantK)] {
            let got = LogBesselReference(kind).logarithm(order: v, x, precision: 160).value
            let error = BesselTestMath.distance(got, want)
            #expect(error <= tolerance + 0x1p-150 * max(1, abs(want.doubleValue)), "\(kind.functionName)(\(v), \(x)): error \(error)")
        }
    }

    /// v, x both large (Debye, DLMF 10.41.3–4 with z = x/v, t = 1/√(1+z²)):
    /// log I_v(vz) = −½ log(2πv) − ¼ log(1+z²) + vη + u₁(t)/v + O(1/v²),
    /// log K_v(vz) = ½ log(π/(2v)) − ¼ log(1+z²) − vη − u₁(t)/v + O(1/v²),
    /// η = √(1+z²) + log(z/(1+√(1+z²))), u₁(t) = (3t − 5t³)/24; the O(1/v²)
    /// term is below u₂/v² + u₁²/v² < 0.2/v².
    @Test(arguments: [(1e8, 1e8), (1e8, 3e7), (1e4, 1e4), (1e4, 2.5e4)])
    func uniformExpansion(v: Double, x: Double) {
        let z = Self.mp(x)
        mpfr_div_d(z.pointer, z.pointer, v, MPFR_RNDN)
        let root = MPFRFloat(precision: Self.p)  // √(1+z²)
        mpfr_sqr(root.pointer, z.pointer, MPFR_RNDN)
        mpfr_add_ui(root.pointer, root.pointer, 1, MPFR_RNDN)
        let logOnePlusZ2 = Self.apply(mpfr_log, root)
        mpfr_sqrt(root.pointer, root.pointer, MPFR_RNDN)
        let eta = MPFRFloat(precision: Self.p)
        mpfr_add_ui(eta.pointer, root.pointer, 1, MPFR_RNDN)
        mpfr_div(eta.pointer, z.pointer, eta.pointer, MPFR_RNDN)
        mpfr_log(eta.pointer, eta.pointer, MPFR_RNDN)
        mpfr_add(eta.pointer, eta.pointer, root.pointer, MPFR_RNDN)
        let t = 1 / root.doubleValue
        let u1 = (3 * t - 5 * t * t * t) / 24 / v
        let logTwoPiV = Self.apply(mpfr_log, Self.combine([(2 * v, Self.pi)]))
        let wantI = Self.combine([(-0.5, logTwoPiV), (-0.25, logOnePlusZ2), (v, eta), (u1, Self.one)])
        let logPiOver2V = Self.apply(mpfr_log, Self.combine([(1 / (2 * v), Self.pi)]))
        let wantK = Self.combine([(0.5, logPiOver2V), (-0.25, logOnePlusZ2), (-v, eta), (-u1, Self.one)])
        for (kind, want) in [(LogBesselKind.i, wantI), (.k, wantK)] {
            let got = LogBesselReference(kind).logarithm(order: v, x, precision: 160).value
            let error = BesselTestMath.distance(got, want)
            #expect(error <= 0.2 / (v * v) + 0x1p-150 * abs(want.doubleValue), "\(kind.functionName)(\(v), \(x)): error \(error)")
        }
    }
}

extension BesselSpotCheckTests {
    /// Tiny order and argument: log I_v(x) = v log(x/2) − lnΓ(1+v) + log1p(x²/(4(1+v)) + …)
    /// with lnΓ(1+v) = −γv + O(v²). At v = 1e−300, x = 1e−300 the log is
    /// v(log(x/2) + γ) ≈ −6.9e−298 to a relative 1e−290, so the reference
    /// must keep the v inside lnΓ(1+v) (1 + v is not a p-bit number) and
    /// match to 2^−120 relative, with a small error bound.
    @Test func tinyOrder() {
        let v = 1e-300, x = 1e-300
        let got = LogBesselReference(.i).logarithm(order: v, x, precision: 128)
        let gamma = MPFRFloat(precision: Self.p)
        mpfr_const_euler(gamma.pointer, MPFR_RNDN)
        let logHalfX = Self.apply(mpfr_log, Self.mp(x))
        let log2 = MPFRFloat(precision: Self.p)
        mpfr_const_log2(log2.pointer, MPFR_RNDN)
        let want = Self.combine([(v, logHalfX), (-v, log2), (v, gamma)])
        let error = BesselTestMath.distance(got.value, want)
        #expect(error <= 0x1p-120 * abs(want.doubleValue), "error \(error) of \(want.doubleValue)")
        #expect(got.errorBound < 8, "bound \(got.errorBound)")
    }
}

/// The documented edge cases of the reference, exact.
@Suite struct BesselEdgeCaseTests {
    @Test func specialInputs() {
        let i = LogBesselReference(.i), k = LogBesselReference(.k)
        let f = FloatFormat.binary64
        #expect(i.value(order: 0, 0, in: f) == 0)
        #expect(i.value(order: 2.5, 0, in: f) == -.infinity)
        #expect(k.value(order: 0, 0, in: f) == .infinity)
        #expect(k.value(order: 3, 0, in: f) == .infinity)
        #expect(i.value(order: 1, .infinity, in: f) == .infinity)
        #expect(k.value(order: 1, .infinity, in: f) == -.infinity)
        #expect(i.value(order: 1, -1, in: f).isNaN && k.value(order: 1, -1, in: f).isNaN)
        #expect(i.value(order: .nan, 1, in: f).isNaN && k.value(order: 1, .nan, in: f).isNaN)
        #expect(i.value(order: .infinity, 1, in: f).isNaN)
        #expect(i.lastMethod == .special)
        // K_{−v} = K_v; I_{−n} = I_n; I at a negative non-integer order: NaN.
        #expect(same(k.value(order: -2.25, 3, in: f), k.value(order: 2.25, 3, in: f)))
        #expect(same(i.value(order: -3, 3, in: f), i.value(order: 3, 3, in: f)))
        #expect(i.value(order: -2.25, 3, in: f).isNaN)
        #expect(k.lastMethod == .special || k.lastMethod == .quadrature)
        _ = k.value(order: 2.25, 3, in: f)
        #expect(k.lastMethod == .quadrature && k.lastTermCount > 0)
    }
}
