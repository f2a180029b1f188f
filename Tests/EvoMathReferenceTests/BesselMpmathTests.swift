import CMPFR
import EvoMathReference
import Foundation
import Testing

/// The log-Bessel ground truth against mpmath, computed independently of
/// MPFR (Scripts/make-bessel-reference-data.py).
@Suite struct BesselMpmathTests {
    typealias M = BesselTestMath
    static let precision = 192

    struct MpmathRow { var kind: LogBesselKind; var v: Double; var x: Double; var log: String; var binary64: Double; var binary32: Double }

    static func mpmathRows() throws -> [MpmathRow] {
        try TestData.lines("bessel/mpmath-log-bessel.tsv").map { line in
            let f = line.split(separator: "\t").map(String.init)
            return MpmathRow(kind: LogBesselKind(rawValue: f[0])!, v: HexFloat.parse(f[1][...])!, x: HexFloat.parse(f[2][...])!,
                             log: f[3], binary64: HexFloat.parse(f[4][...])!, binary32: HexFloat.parse(f[5][...])!)
        }
    }

    /// mpmath's logarithms (at 70 and 90 digits, kept where they agree):
    /// |Δ log| ≤ 1e−40, i.e. I and K to 40 digits; and the correctly rounded
    /// binary64 and binary32 logarithms are mpmath's, bit for bit.
    @Test func agreesWithMpmath() throws {
        let rows = try Self.mpmathRows()
        #expect(rows.count > 200)
        #expect(rows.contains { $0.kind == .i } && rows.contains { $0.kind == .k })
        let refs: [LogBesselKind: LogBesselReference] = [.i: LogBesselReference(.i), .k: LogBesselReference(.k)]
        var worst = 0.0, worstRow = "", failures: [String] = []
        for row in rows {
            let ref = refs[row.kind]!
            let (got, _) = ref.logarithm(order: row.v, row.x, precision: Self.precision)
            let want = MPFRFloat(precision: 320)
            #expect(want.set(string: row.log))
            let error = M.distance(got, want)
            if error > worst { worst = error; worstRow = "\(row.kind.functionName) v \(row.v) x \(row.x)" }
            if !(error <= 1e-40) { failures.append("\(row.kind.functionName) v \(row.v) x \(row.x): |Δ log| \(error)") }
            let d64 = ref.value(order: row.v, row.x, in: .binary64)
            let d32 = ref.value(order: row.v, row.x, in: .binary32)
            if !same(d64, row.binary64) { failures.append("\(row.kind.functionName) v \(row.v) x \(row.x) binary64: got \(hex(d64)) want \(hex(row.binary64))") }
            if !same(d32, row.binary32) { failures.append("\(row.kind.functionName) v \(row.v) x \(row.x) binary32: got \(hex(d32)) want \(hex(row.binary32))") }
        }
        let digits = worst == 0 ? 60 : -log10(worst)
        print("Bessel mpmath: \(rows.count) points, max |Δ log| \(worst) (\(String(format: "%.1f", digits)) digits) at \(worstRow); binary64 and binary32 roundings compared")
        #expect(failures.isEmpty, "\(failures.prefix(20).joined(separator: "\n"))")
    }
}
