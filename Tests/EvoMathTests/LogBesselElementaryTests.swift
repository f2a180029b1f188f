@testable import EvoMath
import Foundation
import Testing

/// The log-Bessel runtime's internal helpers against mpmath at 60 digits
/// (Data/bessel/elementary-reference.tsv from `Scripts/make-bessel-reference.py --elementary`).
@Suite struct LogBesselElementaryTests {
    struct Row { var fn: String, a: Double, b: Double, r1: Double, r2: Double, r3: Double }

    static func load() throws -> [Row] {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let text = try String(contentsOfFile: url.appendingPathComponent("Data/bessel/elementary-reference.tsv").path,
                              encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") { return nil }
            let f = line.split(separator: "\t")
            guard f.count == 6, let a = Double(f[1]), let b = Double(f[2]), let r1 = Double(f[3]),
                  let r2 = Double(f[4]), let r3 = Double(f[5]) else { return nil }
            return Row(fn: String(f[0]), a: a, b: b, r1: r1, r2: r2, r3: r3)
        }
    }

    /// |y - ref| in ulps of ref (binary64; ulp of the smallest normal below it).
    static func ulps(_ y: Double, _ r: Row) -> Double {
        let ulp = max(r.r1.ulp, Double.leastNormalMagnitude.ulp)
        return abs((y - r.r1) - r.r2) / ulp
    }

    @Test func helpersAgainstMpmath() throws {
        let rows = try Self.load()
        #expect(rows.count > 7000)
        var worst: [String: (Double, Double)] = [:]
        var count: [String: Int] = [:]
        for r in rows {
            let e: Double
            let bound: Double
            switch r.fn {
            case "log": e = Self.ulps(LogBessel.log(r.a), r); bound = 1
            case "log1p": e = Self.ulps(LogBessel.log1p(r.a), r); bound = 1
            case "exp": e = Self.ulps(LogBessel.exp(r.a), r); bound = 1
            case "rgamma1p": e = Self.ulps(LogBessel.rgamma1p(r.a), r); bound = 2
            case "ddlog":
                // relative error of the double-double log, in units of 2^-100
                let y = LogBessel.log(LogBessel.DD(r.a, r.b))
                e = abs(((y.hi - r.r1) + (y.lo - r.r2)) - r.r3) / (abs(r.r1) * 0x1p-100)
                bound = 4
            default: continue
            }
            count[r.fn, default: 0] += 1
            if e > (worst[r.fn]?.0 ?? -1) { worst[r.fn] = (e, r.a) }
            #expect(e <= bound, "\(r.fn)(\(r.a), \(r.b)): error \(e) > \(bound)")
        }
        for (fn, (e, a)) in worst.sorted(by: { $0.key < $1.key }) {
            print("LogBessel helper \(fn): \(count[fn]!) inputs, max error \(e) at \(a) (ulp; ddlog: 2^-100 relative)")
        }
        #expect(count.count == 5)
    }
}

/// Special cases of the public log-Bessel functions, as documented.
@Suite struct LogBesselSpecialCaseTests {
    @Test func zeroAndInfinity() {
        #expect(Evolved.logBesselI(order: 0, 0.0) == 0)
        #expect(Evolved.logBesselI(order: 0.5, 0.0) == -.infinity)
        #expect(Evolved.logBesselI(order: -3, 0.0) == -.infinity)
        #expect(Evolved.logBesselK(order: 0, 0.0) == .infinity)
        #expect(Evolved.logBesselK(order: 7.5, 0.0) == .infinity)
        #expect(Evolved.logBesselI(order: 2.5, Double.infinity) == .infinity)
        #expect(Evolved.logBesselK(order: 2.5, Double.infinity) == -.infinity)
        #expect(Evolved.logBesselI(order: Double.infinity, 3.0) == -.infinity)
        #expect(Evolved.logBesselK(order: Double.infinity, 3.0) == .infinity)
    }

    @Test func nanAndNegative() {
        #expect(Evolved.logBesselI(order: 1, -1.0).isNaN)
        #expect(Evolved.logBesselK(order: 1, -1.0).isNaN)
        #expect(Evolved.logBesselI(order: 1, Double.nan).isNaN)
        #expect(Evolved.logBesselK(order: Double.nan, 1.0).isNaN)
        #expect(Evolved.logBesselI(order: -0.5, 1.0).isNaN)  // non-integer negative order: documented NaN
    }

    @Test func negativeOrders() {
        for x in [1e-5, 0.3, 4.0, 30.0, 700.0] {
            #expect(Evolved.logBesselI(order: -3, x) == Evolved.logBesselI(order: 3, x))
            #expect(Evolved.logBesselK(order: -2.7, x) == Evolved.logBesselK(order: 2.7, x))
            #expect(Evolved.logBesselK(order: -25.5, x) == Evolved.logBesselK(order: 25.5, x))
        }
    }

    /// Finite results over extreme arguments (the reference file covers their accuracy where mpmath converges).
    @Test func finiteEverywhere() {
        // v = 2^1023 ... the largest double with x near v (the double-double branch of the uniform expansion;
        // at x = v/4, |log I| ~ 1.06 v exceeds the largest double, so only x = v, v/2 are finite there)
        for v in [0x1p1023, Double.greatestFiniteMagnitude] {
            for x in [v, 0.5 * v] {
                #expect(Evolved.logBesselI(order: v, x).isFinite, "logI(\(v), \(x))")
                #expect(Evolved.logBesselK(order: v, x).isFinite, "logK(\(v), \(x))")
            }
        }
        let vs: [Double] = [0, 1e-300, 1e-3, 0.5, 1, 12.99, 13, 19.99, 20, 1e3, 1e6, 1e8, 1e15, 1e100, 1e300]
        // 5e-324 and 1e-310 as bit patterns (subnormal decimal literals warn).
        let xs: [Double] = [Double(bitPattern: 1), Double(bitPattern: 0x0000_1268_8B70_E62B), 1e-300, 1e-10,
                            0.999, 1, 1.999, 2, 24.9, 25, 35, 1e6, 1e100, 1e300, .greatestFiniteMagnitude]
        for v in vs {
            for x in xs {
                let i = Evolved.logBesselI(order: v, x), k = Evolved.logBesselK(order: v, x)
                #expect(i.isFinite, "logI(\(v), \(x)) = \(i)")
                #expect(k.isFinite, "logK(\(v), \(x)) = \(k)")
            }
        }
    }

    /// binary32 entry points: metric |y - L| / (2^-23 max(1, |L|)) <= 2 against the binary64 function
    /// (itself checked against mpmath); spot points.
    @Test func binary32() {
        for v in [Float(0), 0.5, 3.25, 20, 150, 1e4] {
            for x in [Float(1e-30), 0.01, 1, 7, 40, 1e3, 1e6] {
                for isK in [false, true] {
                    let y = isK ? Evolved.logBesselK(order: v, x) : Evolved.logBesselI(order: v, x)
                    let l = isK ? Evolved.logBesselK(order: Double(v), Double(x))
                                : Evolved.logBesselI(order: Double(v), Double(x))
                    let m = abs(Double(y) - l) / (0x1p-23 * max(1, abs(l)))
                    #expect(m <= 2, "v=\(v) x=\(x) K=\(isK): \(m)")
                }
            }
        }
    }
}
