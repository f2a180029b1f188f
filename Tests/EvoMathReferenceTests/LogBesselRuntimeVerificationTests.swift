import EvoMath
import EvoMathReference
import Foundation
import Testing

/// `Evolved.logBesselI/K` (Double and Float) against the MPFR ground truth (`LogBesselReference`) through
/// `LogBesselVerifier` — the code of `evomath verify logBesselI|logBesselK` — on the grid of issue 9
/// (`LogBesselPoints.grid`), the spot checks, Boost.Math's test arguments and, here only, dense bands
/// along the region boundaries of `LogBessel.Regions`, in the log-Bessel metric |y − L| / (ε·max(1, |L|)).
/// Requires ≤ 4 (binary64), ≤ 2 (binary32) and no non-finite result where the logarithm is finite. Heavy
/// (the reference's K costs about a millisecond a point): off by default, run in release:
///
///     EVOMATH_LOGBESSEL_VERIFY=80x1000 swift test -c release -Xswiftc -enable-testing --filter LogBesselRuntimeVerification
///
/// ("LOGSPACED_ORDERSxARGUMENTS", as `evomath verify --grid`). The reports under `Tables/` come from
/// `Scripts/logbessel-verify` (the CLI), not from this test.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["EVOMATH_LOGBESSEL_VERIFY"] != nil))
struct LogBesselRuntimeVerificationTests {
    static var gridSize: (orders: Int, arguments: Int) {
        let s = ProcessInfo.processInfo.environment["EVOMATH_LOGBESSEL_VERIFY"] ?? ""
        let parts = s.split(separator: "x").compactMap { Int($0) }
        return parts.count == 2 ? (parts[0], parts[1]) : (80, 1000)
    }

    /// The region boundaries of `LogBessel.Regions` for v < 25, sampled densely (the grid has about one
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
        let arguments = LogBesselPoints.logSpaced(0.3, 1.3, 48) + even + LogBesselPoints.logSpaced(0.05, 0.3, 24) + edges + edges.map { $0.nextDown }
        return orders.flatMap { v in arguments.map { (v, $0) } }
    }

    @Test func againstTheGroundTruth() throws {
        let (nv, nx) = Self.gridSize
        let boostDirectory = TestData.directory.appendingPathComponent("bessel").path
        for kind in LogBesselKind.allCases {
            for (format, bound) in [(FloatFormat.binary64, 4.0), (.binary32, 2.0)] {
                let implementation: PairImplementation
                switch (kind, format) {
                case (.i, .binary64): implementation = PairImplementation(name: "evolved") { Evolved.logBesselI(order: $0, $1) }
                case (.k, .binary64): implementation = PairImplementation(name: "evolved") { Evolved.logBesselK(order: $0, $1) }
                case (.i, _): implementation = PairImplementation(name: "evolved") { Double(Evolved.logBesselI(order: Float($0), Float($1))) }
                case (.k, _): implementation = PairImplementation(name: "evolved") { Double(Evolved.logBesselK(order: Float($0), Float($1))) }
                }
                let bands = Self.bands.map { (format.round($0.0), format.round($0.1)) }
                let sets = [LogBesselPoints.grid(orders: nv, arguments: nx, in: format), LogBesselPoints.spots(in: format),
                            try LogBesselPoints.boostTable(kind, file: "\(boostDirectory)/boost-bessel-\(kind.rawValue).tsv", in: format),
                            LogBesselPointSet(name: "region bands", description: "", pairs: bands)]
                let report = try LogBesselVerifier(kind: kind, format: format, implementation: implementation).check(sets)
                print(report.summaryLines.map { "LOGBESSEL " + $0 }.joined(separator: "\n"))
                for set in report.sets {
                    let at = set.worst.map { "v = \($0.v), x = \($0.x)" } ?? ""
                    #expect(set.maxError <= bound, "\(kind.functionName) \(format.name) \(set.name): max \(set.maxError) at \(at)")
                    #expect(set.nonFinite == 0, "\(kind.functionName) \(format.name) \(set.name): \(set.nonFinite) non-finite results")
                }
            }
        }
    }
}
