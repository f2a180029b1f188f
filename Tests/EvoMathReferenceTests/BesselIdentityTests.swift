import CMPFR
import EvoMathReference
import Foundation
import Testing

/// MPFR helpers for the Bessel tests: values at a fixed precision, freshly
/// allocated (the tests are not the hot path).
enum BesselTestMath {
    static func mp(_ x: Double, precision: Int) -> MPFRFloat {
        let r = MPFRFloat(precision: precision)
        r.set(x)
        return r
    }

    static func copy(_ x: MPFRFloat, precision: Int) -> MPFRFloat {
        let r = MPFRFloat(precision: precision)
        _ = r.set(x)
        return r
    }

    /// |a − b| as a Double.
    static func distance(_ a: MPFRFloat, _ b: MPFRFloat) -> Double {
        let r = MPFRFloat(precision: max(a.precision, b.precision) + 8)
        mpfr_sub(r.pointer, a.pointer, b.pointer, MPFR_RNDN)
        return abs(r.doubleValue)
    }

    /// log x as an MPFR value.
    static func log(_ x: Double, precision: Int) -> MPFRFloat {
        let r = mp(x, precision: precision)
        let out = MPFRFloat(precision: precision)
        mpfr_log(out.pointer, r.pointer, MPFR_RNDN)
        return out
    }

    /// log sinh x = x − log 2 + log1p(−e^(−2x)), log cosh likewise (no
    /// overflow for any Double x > 0).
    static func logSinhOrCosh(_ x: Double, cosh: Bool, precision: Int) -> MPFRFloat {
        let p = precision
        if x < 1 {
            // No cancellation in sinh or cosh itself below 1.
            let r = mp(x, precision: p)
            if cosh { mpfr_cosh(r.pointer, r.pointer, MPFR_RNDN) } else { mpfr_sinh(r.pointer, r.pointer, MPFR_RNDN) }
            mpfr_log(r.pointer, r.pointer, MPFR_RNDN)
            return r
        }
        let e = mp(-2 * x, precision: p)  // −2x is exact
        mpfr_exp(e.pointer, e.pointer, MPFR_RNDN)
        if !cosh { mpfr_neg(e.pointer, e.pointer, MPFR_RNDN) }
        mpfr_log1p(e.pointer, e.pointer, MPFR_RNDN)
        let out = mp(x, precision: p)
        let log2 = MPFRFloat(precision: p)
        mpfr_const_log2(log2.pointer, MPFR_RNDN)
        mpfr_sub(out.pointer, out.pointer, log2.pointer, MPFR_RNDN)
        mpfr_add(out.pointer, out.pointer, e.pointer, MPFR_RNDN)
        return out
    }
}

/// Self-checks of the log-Bessel ground truth that need no outside data:
/// closed forms at half-integer orders, the Wronskian, and the reference's
/// own error bound against a much more precise evaluation.
@Suite struct BesselIdentityTests {
    typealias M = BesselTestMath

    /// x log-spaced over the whole positive range of Double, plus the extremes.
    static let wideX: [Double] = [0x1p-1074, 1e-300, 1e-200, 1e-100, 1e-30, 1e-8, 1e-3, 0.1, 0.5, 1, 2.5, 7,
                                  20, 55.5, 150, 1e3, 1e4, 1e5, 1e6, 1e12, 1e100, 1e300, 1.7976931348623157e308]

    /// I_{1/2}(x) = √(2/(πx)) sinh x, I_{3/2}(x) = √(2/(πx)) (cosh x − sinh x/x),
    /// K_{1/2}(x) = √(π/(2x)) e^(−x), K_{3/2}(x) = K_{1/2}(x)(1 + 1/x):
    /// the logarithms at 128 bits agree to 2^−118·max(1, |L|).
    @Test func halfIntegerClosedForms() {
        let p = 200
        var failures: [String] = []
        let iRef = LogBesselReference(.i), kRef = LogBesselReference(.k)
        for x in Self.wideX {
            let halfLog2OverPiX = M.log(x, precision: p)  // ½ log(2/(πx)) = −½(log x + log(π/2))
            let pi2 = MPFRFloat(precision: p)
            mpfr_const_pi(pi2.pointer, MPFR_RNDN)
            mpfr_mul_2si(pi2.pointer, pi2.pointer, -1, MPFR_RNDN)
            mpfr_log(pi2.pointer, pi2.pointer, MPFR_RNDN)
            mpfr_add(halfLog2OverPiX.pointer, halfLog2OverPiX.pointer, pi2.pointer, MPFR_RNDN)
            mpfr_mul_2si(halfLog2OverPiX.pointer, halfLog2OverPiX.pointer, -1, MPFR_RNDN)
            mpfr_neg(halfLog2OverPiX.pointer, halfLog2OverPiX.pointer, MPFR_RNDN)
            let logSinh = M.logSinhOrCosh(x, cosh: false, precision: p)
            // I_{1/2}
            let i12 = M.copy(halfLog2OverPiX, precision: p)
            mpfr_add(i12.pointer, i12.pointer, logSinh.pointer, MPFR_RNDN)
            // I_{3/2}: log(cosh x − sinh x / x) = log sinh x + log(coth x − 1/x)
            let i32 = MPFRFloat(precision: 2 * p)
            let xm = M.mp(x, precision: 2 * p)
            if x < 1e-30 {
                // coth x − 1/x = x/3 − x³/45 + …: relative error < x² here.
                mpfr_div_ui(i32.pointer, xm.pointer, 3, MPFR_RNDN)
            } else {
                mpfr_coth(i32.pointer, xm.pointer, MPFR_RNDN)
                let inv = MPFRFloat(precision: 2 * p)
                mpfr_ui_div(inv.pointer, 1, xm.pointer, MPFR_RNDN)
                mpfr_sub(i32.pointer, i32.pointer, inv.pointer, MPFR_RNDN)
            }
            mpfr_log(i32.pointer, i32.pointer, MPFR_RNDN)
            mpfr_add(i32.pointer, i32.pointer, logSinh.pointer, MPFR_RNDN)
            mpfr_add(i32.pointer, i32.pointer, halfLog2OverPiX.pointer, MPFR_RNDN)
            // K_{1/2}: −½ log(2x/π) − x = ½ log(2/(πx)) + log(π/2) − x
            let k12 = M.copy(halfLog2OverPiX, precision: p)
            mpfr_add(k12.pointer, k12.pointer, pi2.pointer, MPFR_RNDN)
            mpfr_sub(k12.pointer, k12.pointer, xm.pointer, MPFR_RNDN)
            let k32 = M.copy(k12, precision: p)
            let onePlus = MPFRFloat(precision: p)
            mpfr_ui_div(onePlus.pointer, 1, xm.pointer, MPFR_RNDN)
            mpfr_log1p(onePlus.pointer, onePlus.pointer, MPFR_RNDN)
            mpfr_add(k32.pointer, k32.pointer, onePlus.pointer, MPFR_RNDN)

            for (ref, v, want, name) in [(iRef, 0.5, i12, "I_1/2"), (iRef, 1.5, i32, "I_3/2"),
                                         (kRef, 0.5, k12, "K_1/2"), (kRef, 1.5, k32, "K_3/2")] {
                let (got, bound) = ref.logarithm(order: v, x, precision: 128)
                let error = M.distance(got, want)
                let scale = max(1, abs(want.doubleValue))
                if !(error <= 0x1p-118 * scale) || !(bound < 64) {
                    failures.append("\(name)(\(x)): error \(error / scale) (relative to max(1,|L|)), bound \(bound) ulps")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// x (I_v K_{v+1} + I_{v+1} K_v) = 1 with I, K from their logarithms:
    /// residual ≤ 1e−30. Each logarithm carries 120 bits after its binary
    /// point (precision 120 + its exponent), i.e. I and K to 120 bits
    /// relative: at 120 bits of relative precision in the logarithm itself,
    /// log I_10000(1e−100) ≈ −2.3e6 would be rounded by 2^−100 and the
    /// residual could not go below ~1e−30.
    @Test func wronskian() {
        // Dyadic orders, so that v + 1 is exact too.
        let orders: [Double] = [0, 0x1p-10, 0x1.33p-2, 1, 2.5, 10, 0x1.36cp6, 1000, 1e4]
        let xs: [Double] = [1e-300, 1e-100, 1e-10, 1e-3, 0.1, 1, 3.7, 10, 50, 200, 1e3, 1e4, 1e5]
        let p = 120
        let iRef = LogBesselReference(.i), kRef = LogBesselReference(.k)
        var worst = 0.0, worstAt = ""
        var failures: [String] = []
        for v in orders {
            for x in xs {
                func log(_ ref: LogBesselReference, _ v: Double) -> MPFRFloat {
                    let first = ref.logarithm(order: v, x, precision: p).value
                    let bits = p + max(0, first.exponent)
                    return M.copy(ref.logarithm(order: v, x, precision: bits).value, precision: bits)
                }
                let liv = log(iRef, v), liv1 = log(iRef, v + 1), lkv = log(kRef, v), lkv1 = log(kRef, v + 1)
                let logX = M.log(x, precision: 2 * p)
                let a = MPFRFloat(precision: 2 * p), b = MPFRFloat(precision: 2 * p)
                mpfr_add(a.pointer, liv.pointer, lkv1.pointer, MPFR_RNDN)
                mpfr_add(a.pointer, a.pointer, logX.pointer, MPFR_RNDN)
                mpfr_exp(a.pointer, a.pointer, MPFR_RNDN)
                mpfr_add(b.pointer, liv1.pointer, lkv.pointer, MPFR_RNDN)
                mpfr_add(b.pointer, b.pointer, logX.pointer, MPFR_RNDN)
                mpfr_exp(b.pointer, b.pointer, MPFR_RNDN)
                mpfr_add(a.pointer, a.pointer, b.pointer, MPFR_RNDN)
                mpfr_sub_ui(a.pointer, a.pointer, 1, MPFR_RNDN)
                let residual = abs(a.doubleValue)
                if !(residual <= 1e-30) { failures.append("v \(v) x \(x): residual \(residual)") }
                if residual > worst { worst = residual; worstAt = "v \(v) x \(x)" }
            }
        }
        print("Bessel Wronskian: \(orders.count * xs.count) points at \(p) bits, max residual \(worst) at \(worstAt)")
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// The reference's own error bound holds: at 64 and 113 bits, the value
    /// is within its bound (in ulps) of a 400-bit evaluation, on a grid over
    /// every method and region (series, Hankel, quadrature on the plateau of
    /// tiny x, around a far peak for large v, near the peak at 0 for large x).
    @Test func errorBoundHolds() {
        let orders: [Double] = [0, 0x1p-10, 0.3, 1, 7.5, 120, 4000, 1e6]
        let xs: [Double] = [0x1p-1074, 1e-200, 1e-20, 1e-3, 0.7, 3, 25, 400, 9000, 2e5, 1e20, 1e200]
        var failures: [String] = []
        var worstRatio = 0.0
        for kind in LogBesselKind.allCases {
            let ref = LogBesselReference(kind), exact = LogBesselReference(kind)
            for v in orders {
                for x in xs where !(kind == .i && v >= 4000 && x >= 9000 && x <= 2e5) {
                    let want = M.copy(exact.logarithm(order: v, x, precision: 400).value, precision: 400)
                    for p in [64, 113] {
                        let (got, bound) = ref.logarithm(order: v, x, precision: p)
                        // |got − want| in ulps of got (ulp = 2^(e − p)).
                        if got.isZero { failures.append("\(kind.functionName)(\(v), \(x)): zero"); continue }
                        let difference = MPFRFloat(precision: 420)
                        mpfr_sub(difference.pointer, got.pointer, want.pointer, MPFR_RNDN)
                        mpfr_mul_2si(difference.pointer, difference.pointer, p - got.exponent, MPFR_RNDN)
                        let error = abs(difference.doubleValue)
                        worstRatio = max(worstRatio, error / bound)
                        if !(error <= bound) || !(bound < 1e4) {
                            failures.append("\(kind.functionName)(\(v), \(x)) at \(p) bits: error \(error) ulps, bound \(bound) (\(ref.lastMethod))")
                        }
                    }
                }
            }
        }
        print("Bessel error bounds: worst error/bound \(worstRatio)")
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// The correctly rounded value is within half an ulp of L and ε·|L| is 1
    /// to 2 ulps, so its error in the log-Bessel metric is ≤ 1/2; it is the
    /// nearest value, so both neighbours have larger errors, and they are
    /// ≥ 1/2 ulp away: ≥ 1/4 in the metric where |L| ≥ 1.
    @Test func correctlyRoundedValuesAndTheErrorMetric() {
        var failures: [String] = []
        for kind in LogBesselKind.allCases {
            let ref = LogBesselReference(kind)
            for (v, x) in [(0.0, 1e-3), (0.5, 2.0), (3.25, 40.0), (100.0, 7.0), (1e4, 1e-300), (1e3, 2e5)] {
                for format in [FloatFormat.binary64, .binary32] {
                    let y = ref.value(order: v, x, in: format)
                    let e = ref.logBesselError(of: y, order: v, x, in: format)
                    let up = ref.logBesselError(of: format.nextUp(y), order: v, x, in: format)
                    let down = ref.logBesselError(of: format.nextDown(y), order: v, x, in: format)
                    let big = abs(y) >= 1
                    if !(e <= 0.5) || !(up >= e && down >= e) || (big && !(up >= 0.25 && down >= 0.25)) {
                        failures.append("\(kind.functionName)(\(v), \(x)) \(format): \(hex(y)) error \(e), neighbours \(down) \(up)")
                    }
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}
