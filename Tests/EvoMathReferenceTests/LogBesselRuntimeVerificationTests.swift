import EvoMath
import EvoMathReference
import Foundation
import Testing

/// `Evolved.logBesselI/K` (Double and Float) against the MPFR ground truth (`LogBesselReference`) on the grid
/// of issue 9, in the log-Bessel metric |y − L| / (ε·max(1, |L|)): orders 0, integers, half-integers and
/// log-spaced in [1e-3, 1e4]; arguments log-spaced in [1e-300, 1e6]; plus spot checks out to v = 1e8 and
/// x = 1e300. Requires ≤ 4 (binary64), ≤ 2 (binary32) and no non-finite result where the logarithm is
/// finite. Heavy (the reference's K costs about a millisecond a point): off by default, run in release:
///
///     EVOMATH_LOGBESSEL_VERIFY=80x1000 swift test -c release -Xswiftc -enable-testing --filter LogBesselRuntimeVerification
///
/// ("LOGSPACED_ORDERSxARGUMENTS"; 20 integer and half-integer orders and the order 0 are added). With
/// EVOMATH_LOGBESSEL_REPORT=FILE the summary is also written to FILE as Markdown.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["EVOMATH_LOGBESSEL_VERIFY"] != nil))
struct LogBesselRuntimeVerificationTests {
    static var grid: (orders: [Double], arguments: [Double]) {
        let s = ProcessInfo.processInfo.environment["EVOMATH_LOGBESSEL_VERIFY"] ?? ""
        let parts = s.split(separator: "x").compactMap { Int($0) }
        let (nv, nx) = parts.count == 2 ? (parts[0], parts[1]) : (80, 1000)
        let special: [Double] = [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 5, 7.5, 10, 12.5, 20, 25.5, 50, 100, 100.5, 500, 1000, 1000.5, 10000]
        let orders = Array(Set(special + logSpaced(1e-3, 1e4, nv))).sorted()
        return (orders, logSpaced(1e-300, 1e6, nx))
    }

    /// The region boundaries of `LogBessel.Regions` for v < 25, sampled densely (the grid above has about one
    /// argument per order in [0.5, 1), the trapezoid region of K): 100 orders 0.05 + 0.2473 k and the
    /// boundary orders 13 and 20 with their neighbours, times 48 arguments log-spaced in [0.3, 1.3],
    /// 24 spaced evenly in [20, 40], 24 log-spaced in [0.05, 0.3] (where Temme's series lost up to 4.3 eps for
    /// v in (0.25, 0.5), mpmath), and the boundaries 0.1, 0.5, 1, 25, 35 with their predecessors; plus the orders
    /// 0.3 + 0.0125 k, k < 16 (that loss), 2 with its neighbours (a boundary of K's trapezoid region), and
    /// 11, 12.5, 12.9 with their neighbours (where I's Hankel sum lost up to 5.5 eps at x in [25, 35)).
    static var bands: [(Double, Double)] {
        let spread: [Double] = (0..<100).map { 0.05 + 0.2473 * Double($0) }
        let lowOrders: [Double] = (0..<16).map { 0.3 + 0.0125 * Double($0) }
        let boundaryOrders: [Double] = [2, 11, 12.5, 12.9, 13, 20].flatMap { [$0.nextDown, $0, $0.nextUp] }
        let orders = spread + lowOrders + boundaryOrders
        let edges: [Double] = [0.1, 0.5, 1, 25, 35]
        let even: [Double] = (0..<24).map { 20 + 20 * Double($0) / 23 }
        let arguments = logSpaced(0.3, 1.3, 48) + even + logSpaced(0.05, 0.3, 24) + edges + edges.map { $0.nextDown }
        return orders.flatMap { v in arguments.map { (v, $0) } }
    }

    static let spotOrders: [Double] = [1e5, 1e6, 1e7, 1e8]
    static let spotArguments: [Double] = [0x1p-1074, 1e-300, 1e-10, 1, 1e3, 1e6, 1e10, 1e100, 1e300]

    static func logSpaced(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
        (0..<n).map { Foundation.exp(Foundation.log(a) + (Foundation.log(b) - Foundation.log(a)) * Double($0) / Double(max(n - 1, 1))) }
    }

    struct Summary: Sendable {
        var points = 0, nonFinite = 0
        var worst = (error: 0.0, v: 0.0, x: 0.0)
        mutating func add(_ error: Double, _ v: Double, _ x: Double, nonFinite bad: Bool) {
            points += 1
            if bad { nonFinite += 1 }
            if error > worst.error || error.isNaN { worst = (error, v, x) }
        }
        mutating func merge(_ o: Summary) {
            points += o.points; nonFinite += o.nonFinite
            if o.worst.error > worst.error { worst = o.worst }
        }
    }

    /// Runs `check` on every (v, x) pair on all cores, one reference per worker.
    static func run(_ kind: LogBesselKind, _ pairs: [(Double, Double)], format: FloatFormat,
                    _ f: @escaping @Sendable (Double, Double) -> Double) -> Summary {
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let lock = NSLock()
        nonisolated(unsafe) var total = Summary()
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let reference = LogBesselReference(kind)
            var s = Summary()
            for i in stride(from: w, to: pairs.count, by: workers) {
                let (v, x) = pairs[i]
                let y = f(v, x)
                let error = reference.logBesselError(of: y, order: v, x, in: format)
                // Non-finite where the exact logarithm is finite shows as an infinite error.
                s.add(error, v, x, nonFinite: !y.isFinite && error.isInfinite)
            }
            lock.lock(); total.merge(s); lock.unlock()
        }
        return total
    }

    static let logIDouble: @Sendable (Double, Double) -> Double = { v, x in Evolved.logBesselI(order: v, x) }
    static let logKDouble: @Sendable (Double, Double) -> Double = { v, x in Evolved.logBesselK(order: v, x) }
    static let logIFloat: @Sendable (Double, Double) -> Double = { v, x in
        let y: Float = Evolved.logBesselI(order: Float(v), Float(x))
        return Double(y)
    }
    static let logKFloat: @Sendable (Double, Double) -> Double = { v, x in
        let y: Float = Evolved.logBesselK(order: Float(v), Float(x))
        return Double(y)
    }

    @Test func againstTheGroundTruth() throws {
        let (orders, arguments) = Self.grid
        let pairs = orders.flatMap { v in arguments.map { (v, $0) } }
        let spots = Self.spotOrders.flatMap { v in Self.spotArguments.map { (v, $0) } }
        var lines: [String] = []
        for kind in LogBesselKind.allCases {
            let name = kind.functionName
            let double = kind == .i ? Self.logIDouble : Self.logKDouble
            let float = kind == .i ? Self.logIFloat : Self.logKFloat
            for (format, f, bound) in [(FloatFormat.binary64, double, 4.0), (.binary32, float, 2.0)] {
                // Boost.Math's test arguments (decimal, read as the nearest Double; the ground truth is
                // evaluated at those binary values): the orders >= 0 and x > 0 of its I or K table.
                let boost = try BesselTableTests.boostRows(kind).compactMap { row -> (Double, Double)? in
                    guard let v = Double(row.v), let x = Double(row.x), v >= 0, x > 0, x.isFinite else { return nil }
                    return (v, x)
                }
                for (set, points) in [("grid + spots", pairs + spots), ("region bands", Self.bands), ("Boost.Math arguments", boost)] {
                    // binary32: the values rounded to Float (those that stay positive and finite).
                    let inputs = format == .binary64 ? points
                        : points.compactMap { (v, x) -> (Double, Double)? in
                            let (fv, fx) = (Float(v), Float(x))
                            return fx > 0 && fx.isFinite && fv.isFinite ? (Double(fv), Double(fx)) : nil
                        }
                    let start = Date()
                    let s = Self.run(kind, inputs, format: format, f)
                    let seconds = Date().timeIntervalSince(start)
                    let line = "| \(name) | \(format.name) | \(set) | \(s.points) | \(String(format: "%.3f", s.worst.error)) "
                        + "at v = \(s.worst.v), x = \(s.worst.x) | \(s.nonFinite) | ≤ \(bound) | \(String(format: "%.0f", seconds)) s |"
                    print("LOGBESSEL " + line)
                    lines.append(line)
                    #expect(s.worst.error <= bound, "\(name) \(format.name) \(set): max \(s.worst.error) at v = \(s.worst.v), x = \(s.worst.x)")
                    #expect(s.nonFinite == 0, "\(name) \(format.name) \(set): \(s.nonFinite) non-finite results")
                }
            }
        }
        if let path = ProcessInfo.processInfo.environment["EVOMATH_LOGBESSEL_REPORT"] {
            let spec = ProcessInfo.processInfo.environment["EVOMATH_LOGBESSEL_VERIFY"] ?? ""
            let text = """
                # log I_v(x) and log K_v(x): the runtime against the MPFR ground truth

                Produced by `EVOMATH_LOGBESSEL_VERIFY=\(spec) EVOMATH_LOGBESSEL_REPORT=\(path) swift test -c release -Xswiftc -enable-testing --filter LogBesselRuntimeVerification`.

                Grid: \(orders.count) orders (0, integers, half-integers and log-spaced in [1e-3, 1e4]) × \(arguments.count) arguments
                (log-spaced in [1e-300, 1e6]), plus spot checks v ∈ {1e5, 1e6, 1e7, 1e8} × x ∈ {2^-1074, 1e-300, 1e-10, 1, 1e3, 1e6,
                1e10, 1e100, 1e300}; binary32 on the same points rounded to Float. Region bands: the boundaries of
                `LogBessel.Regions` for v < 25 sampled densely (\(Self.bands.count) points: 134 orders in [0.05, 24.5] incl. 0.3 + 0.0125 k (k < 16) and 2, 11, 12.5, 12.9, 13, 20
                and their neighbours, × arguments in [0.05, 1.3] and [20, 40] and at 0.1, 0.5, 1, 25, 35 and their predecessors). Boost.Math arguments: the (v ≥ 0, x > 0) pairs of
                Boost.Math's I and K test tables, as Doubles. Metric: |y − L| / (ε·max(1, |L|)) with L the
                exact logarithm (`LogBesselReference`, MPFR) and ε = 2^-52 or 2^-23. Non-finite: results that are ±inf or NaN where
                the logarithm is finite.

                | function | format | points | count | max error (where) | non-finite | bound | time |
                |---|---|---|---:|---|---:|---|---:|
                \(lines.joined(separator: "\n"))

                """
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
    }
}
