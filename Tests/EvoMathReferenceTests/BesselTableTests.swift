import CMPFR
import EvoMathReference
import Foundation
import Testing

/// The log-Bessel ground truth against Boost.Math's published test data
/// (values of I and K at decimal arguments, 40 digits).
@Suite struct BesselTableTests {
    typealias M = BesselTestMath
    static let precision = 192

    struct BoostRow { var v: String; var x: String; var value: String }

    static func boostRows(_ kind: LogBesselKind) throws -> [BoostRow] {
        try TestData.lines("bessel/boost-bessel-\(kind.rawValue).tsv").map { line in
            let f = line.split(separator: "\t").map(String.init)
            return BoostRow(v: f[0], x: f[1], value: f[2])
        }
    }

    /// I_v(x) or K_v(x) (the value, not its log) from the reference at
    /// Boost's decimal arguments, at 256 bits. A negative non-integer order
    /// of I uses I_{−v} = I_v + (2/π) sin(vπ) K_v (v > 0), computed from the
    /// two logarithms; every other case is the reference's own.
    static func value(_ kind: LogBesselKind, _ row: BoostRow, _ iRef: LogBesselReference,
                      _ kRef: LogBesselReference) -> MPFRFloat {
        let p = 256
        let out = MPFRFloat(precision: p)
        let v = MPFRFloat(precision: p)
        v.set(string: row.v)
        let negativeFraction = kind == .i && v.signIsMinus && mpfr_integer_p(v.pointer) == 0
        if !negativeFraction {
            let ref = kind == .i ? iRef : kRef
            mpfr_exp(out.pointer, ref.logarithm(order: row.v, row.x, precision: precision).value.pointer, MPFR_RNDN)
            return out
        }
        let positive = String(row.v.dropFirst())  // "-…" → "…"
        mpfr_exp(out.pointer, iRef.logarithm(order: positive, row.x, precision: precision).value.pointer, MPFR_RNDN)
        let k = MPFRFloat(precision: p)
        mpfr_exp(k.pointer, kRef.logarithm(order: positive, row.x, precision: precision).value.pointer, MPFR_RNDN)
        let s = MPFRFloat(precision: p)
        mpfr_const_pi(s.pointer, MPFR_RNDN)
        mpfr_mul(s.pointer, s.pointer, v.pointer, MPFR_RNDN)
        mpfr_neg(s.pointer, s.pointer, MPFR_RNDN)  // |v|π
        mpfr_sin(s.pointer, s.pointer, MPFR_RNDN)
        mpfr_mul(k.pointer, k.pointer, s.pointer, MPFR_RNDN)
        mpfr_mul_2si(k.pointer, k.pointer, 1, MPFR_RNDN)
        mpfr_const_pi(s.pointer, MPFR_RNDN)
        mpfr_div(k.pointer, k.pointer, s.pointer, MPFR_RNDN)
        mpfr_add(out.pointer, out.pointer, k.pointer, MPFR_RNDN)
        return out
    }

    /// Significant decimal digits to which `got` agrees with `want`:
    /// −log10 |got/want − 1| (60 when equal).
    static func digits(_ got: MPFRFloat, _ want: MPFRFloat) -> Double {
        let r = MPFRFloat(precision: 256)
        mpfr_div(r.pointer, got.pointer, want.pointer, MPFR_RNDN)
        mpfr_sub_ui(r.pointer, r.pointer, 1, MPFR_RNDN)
        let rel = abs(r.doubleValue)
        return rel == 0 ? 60 : min(60, -log10(rel))
    }

    /// Every row of Boost's I and K tables: ≥ 35 significant digits.
    @Test(arguments: LogBesselKind.allCases)
    func agreesWithBoost(kind: LogBesselKind) throws {
        let rows = try Self.boostRows(kind)
        #expect(rows.count > 500)
        let iRef = LogBesselReference(.i), kRef = LogBesselReference(.k)
        var worst = 60.0, worstRow = "", failures: [String] = []
        for row in rows {
            let want = MPFRFloat(precision: 256)
            #expect(want.set(string: row.value))
            let got = Self.value(kind, row, iRef, kRef)
            let d = Self.digits(got, want)
            if d < worst { worst = d; worstRow = "v \(row.v) x \(row.x)" }
            if !(d >= 35) { failures.append("\(kind.functionName) v \(row.v) x \(row.x): \(d) digits, got \(got.decimalString(digits: 42)) want \(row.value)") }
        }
        print("Bessel Boost \(kind.functionName): \(rows.count) rows, min agreement \(String(format: "%.1f", worst)) digits at \(worstRow)")
        #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
    }
}
