import EvoMathReference
import Foundation
import Testing

/// Speed of the log-Bessel ground truth per grid point (the correctly rounded
/// binary64 and binary32 logarithms), for Tables/bessel-reference.md. Off by
/// default; run in release mode:
///
///     EVOMATH_BESSEL_BENCHMARK=60x80 swift test -c release --filter BesselBenchmark
///
/// (orders: 0 and log-spaced in [1e-3, 1e4]; arguments log-spaced in
/// [1e-300, 1e6]; the value is "ORDERSxARGUMENTS").
@Suite(.enabled(if: ProcessInfo.processInfo.environment["EVOMATH_BESSEL_BENCHMARK"] != nil))
struct BesselBenchmarkTests {
    static var gridSize: (Int, Int) {
        let s = ProcessInfo.processInfo.environment["EVOMATH_BESSEL_BENCHMARK"] ?? ""
        let parts = s.split(separator: "x").compactMap { Int($0) }
        return parts.count == 2 ? (parts[0], parts[1]) : (40, 60)
    }

    static func logSpaced(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
        (0..<n).map { Foundation.exp(Foundation.log(a) + (Foundation.log(b) - Foundation.log(a)) * Double($0) / Double(n - 1)) }
    }

    @Test func timePerPoint() {
        let (nv, nx) = Self.gridSize
        let orders = [0.0] + Self.logSpaced(1e-3, 1e4, nv - 1)
        let xs = Self.logSpaced(1e-300, 1e6, nx)
        for format in [FloatFormat.binary64, .binary32] {
            for kind in LogBesselKind.allCases {
                let ref = LogBesselReference(kind)
                var times: [Double] = [], retries = 0, worst = (0.0, 0.0, 0.0), nonFinite = 0
                var byMethod: [String: (count: Int, seconds: Double)] = [:]
                var bigX = (count: 0, seconds: 0.0)
                let start = Date()
                for v in orders {
                    for x in xs {
                        let t0 = DispatchTime.now().uptimeNanoseconds
                        let y = ref.value(order: v, x, in: format)
                        let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
                        times.append(dt)
                        if !y.isFinite && !(kind == .i && v == 0 && y == 0) { nonFinite += 1 }
                        if ref.lastPrecision > format.precision + ref.initialGuardBits { retries += 1 }
                        if dt > worst.0 { worst = (dt, v, x) }
                        let m = ref.lastMethod.rawValue
                        byMethod[m, default: (0, 0)].count += 1
                        byMethod[m, default: (0, 0)].seconds += dt
                        if x >= 1 { bigX.count += 1; bigX.seconds += dt }
                    }
                }
                let total = Date().timeIntervalSince(start)
                times.sort()
                let median = times[times.count / 2], p90 = times[times.count * 9 / 10]
                let mean = times.reduce(0, +) / Double(times.count)
                let methods = byMethod.sorted { $0.key < $1.key }
                    .map { "\($0.key) \($0.value.count) pts mean \(String(format: "%.1f", $0.value.seconds / Double($0.value.count) * 1e6)) µs" }
                    .joined(separator: ", ")
                print("""
                    BENCH \(kind.functionName) \(format): \(times.count) points (\(orders.count) v × \(xs.count) x) in \(String(format: "%.2f", total)) s; \
                    median \(String(format: "%.1f", median * 1e6)) µs, p90 \(String(format: "%.1f", p90 * 1e6)) µs, \
                    mean \(String(format: "%.1f", mean * 1e6)) µs, max \(String(format: "%.1f", worst.0 * 1e3)) ms at v \(worst.1) x \(worst.2); \
                    x ≥ 1: \(bigX.count) pts mean \(String(format: "%.1f", bigX.seconds / Double(max(1, bigX.count)) * 1e6)) µs; \
                    Ziv retries \(retries); non-finite \(nonFinite); \(methods)
                    """)
                #expect(nonFinite == 0)
            }
        }
    }
}
