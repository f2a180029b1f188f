@testable import EvoMath
import Foundation
import Testing

/// log I_v(x) and log K_v(x) in binary64 against mpmath at 60 digits
/// (Data/bessel/logbessel-reference.tsv, written by Scripts/make-bessel-reference.py).
/// The metric is |y - L| / (eps * max(1, |L|)), eps = 2^-52, with L = hi + lo from the file.
@Suite struct LogBesselTests {
    struct Point {
        var fn: String, set: String, v: Double, x: Double, hi: Double, lo: Double
    }

    /// The reference files: the grid and random pairs, pairs around region boundaries, the points the
    /// first run skipped (filled with the fallbacks), extremes, and random pairs where the margins are thinnest.
    static let referenceFiles = ["logbessel-reference.tsv", "logbessel-boundaries.tsv", "logbessel-fill.tsv", "logbessel-spot.tsv", "logbessel-risk.tsv"]

    static func load() throws -> [Point] {
        // Tests/EvoMathTests/LogBesselTests.swift -> repository root
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        var text = ""
        for name in referenceFiles {
            text += try String(contentsOfFile: url.appendingPathComponent("Data/bessel/\(name)").path, encoding: .utf8)
        }
        var points: [Point] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t")
            guard f.count >= 6, let v = Double(f[2]), let x = Double(f[3]), let hi = Double(f[4]), let lo = Double(f[5])
            else { continue }
            points.append(Point(fn: String(f[0]), set: String(f[1]), v: v, x: x, hi: hi, lo: lo))
        }
        return points
    }

    /// The error metric of y against L = hi + lo.
    static func metric(_ y: Double, hi: Double, lo: Double) -> Double {
        if y == hi && lo == 0 { return 0 }
        if !y.isFinite { return .infinity }
        return abs((y - hi) - lo) / (0x1p-52 * max(1, abs(hi)))
    }

    static func region(_ fn: String, _ v: Double, _ x: Double) -> String {
        if v >= 20 { return "debye" }
        if x >= (v < 13 ? 25 : 35) { return fn == "I" && v >= 13 ? "debye" : "hankel" }
        return fn == "I" ? "series" : (x < 0.5 ? "temme" : x < 1 ? "quadrature" : "steed")
    }

    @Test func binary64AgainstMpmath() throws {
        let points = try Self.load()
        #expect(points.count > 8000, "reference files have \(points.count) points")
        var worst: [String: (Double, Point, Double)] = [:]
        var counts: [String: Int] = [:]
        var nonFinite = 0
        for p in points {
            let y = p.fn == "I" ? Evolved.logBesselI(order: p.v, p.x) : Evolved.logBesselK(order: p.v, p.x)
            if !y.isFinite { nonFinite += 1 }
            let m = Self.metric(y, hi: p.hi, lo: p.lo)
            let key = "\(p.fn) \(Self.region(p.fn, p.v, p.x))\(p.set == "spot" ? " (spot)" : "")"
            counts[key, default: 0] += 1
            if m > (worst[key]?.0 ?? -1) { worst[key] = (m, p, y) }
            #expect(m <= 4, "log\(p.fn)(v=\(p.v), x=\(p.x)) = \(y), want \(p.hi) (+\(p.lo)): metric \(m)")
        }
        for key in worst.keys.sorted() {
            let (m, p, y) = worst[key]!
            print("LogBessel \(key): \(counts[key]!) points, max metric \(m) at v=\(p.v) x=\(p.x) (got \(y), want \(p.hi))")
        }
        print("LogBessel non-finite results: \(nonFinite)")
        #expect(nonFinite == 0)
    }
}

/// Development aid (run with EVOMATH_BESSEL_DEV=1): error of K's small-x methods
/// (Temme's series vs Steed's continued fraction) on the reference points with x in [0.5, 4].
@Suite struct LogBesselMethodComparison {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["EVOMATH_BESSEL_DEV"] == "1"))
    func temmeVersusSteed() throws {
        let points = try LogBesselTests.load().filter { $0.fn == "K" && $0.v < 20 && $0.x >= 0.5 && $0.x <= 4 }
        for p in points.sorted(by: { $0.x < $1.x }) {
            let t = LogBesselTests.metric(LogBessel.temmeK(p.v, p.x, seriesMaxX: 100), hi: p.hi, lo: p.lo)
            let s = LogBesselTests.metric(LogBessel.temmeK(p.v, p.x, seriesMaxX: 0), hi: p.hi, lo: p.lo)
            print("DEV x=\(p.x) v=\(p.v) temme=\(t) steed=\(s)")
        }
    }
}

/// The Wronskian x (I_v K_{v+1} + I_{v+1} K_v) = 1 on a dense grid (no reference values needed):
/// log(e^(a) + e^(b)) = 0 with a = log I_v + log K_{v+1} + log x, b = log I_{v+1} + log K_v + log x.
/// The tolerance follows from the metric: each log is within 4 eps max(1, |L|), so the residual is
/// at most about 4 eps (the sum of the four max(1, |L|)) plus rounding; 6 eps of that sum is allowed.
@Suite struct LogBesselWronskianTests {
    @Test func wronskianOnDenseGrid() {
        var worst = (0.0, 0.0, 0.0)
        var count = 0
        let nv = 90, nx = 120
        for i in 0...nv {
            let v = i == 0 ? 0 : Foundation.pow(10, -3 + 7 * Double(i - 1) / Double(nv - 1))
            for j in 0..<nx {
                let x = Foundation.pow(10, -300 + 306 * Double(j) / Double(nx - 1))
                let i0 = Evolved.logBesselI(order: v, x), i1 = Evolved.logBesselI(order: v + 1, x)
                let k0 = Evolved.logBesselK(order: v, x), k1 = Evolved.logBesselK(order: v + 1, x)
                let lx = Foundation.log(x)
                let a = i0 + k1 + lx, b = i1 + k0 + lx
                let m = max(a, b)
                let residual = m + Foundation.log(Foundation.exp(a - m) + Foundation.exp(b - m))
                let scale = [i0, i1, k0, k1].reduce(abs(lx)) { $0 + max(1, abs($1)) }
                let r = abs(residual) / (0x1p-52 * scale)
                count += 1
                if r > worst.0 { worst = (r, v, x) }
                #expect(r <= 6, "Wronskian at v=\(v) x=\(x): residual \(residual), \(r) eps of the scale")
            }
        }
        print("LogBessel Wronskian: \(count) points, max residual \(worst.0) eps-of-scale at v=\(worst.1) x=\(worst.2)")
    }
}
