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

    /// The reference files: the grid and random pairs, pairs around region boundaries, and extremes.
    static let referenceFiles = ["logbessel-reference.tsv", "logbessel-boundaries.tsv", "logbessel-spot.tsv"]

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
        if x >= (v < 13 ? 25 : 35) { return "hankel" }
        return fn == "I" ? "series" : (x < 0.5 ? "temme" : x < 3.5 ? "quadrature" : "steed")
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
