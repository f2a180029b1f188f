import EvoMath
import Foundation
import Testing

/// The batch entries of log I_v(x) and log K_v(x) (fixed order over many x, arrays of pairs; Span and
/// array forms; Double and Float) give the scalar functions' results bit for bit, on a grid over every
/// region and on the edge cases (x = 0, negative, NaN, ±inf, subnormal, huge; negative integer and
/// non-integer orders, NaN and infinite orders, orders at the region boundaries).
@Suite struct LogBesselBatchTests {
    static func logspace(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
        (0..<n).map { k in Foundation.pow(10, Foundation.log10(a) + (Foundation.log10(b) - Foundation.log10(a)) * Double(k) / Double(n - 1)) }
    }

    static let orders: [Double] = [0, 0.5, 1, 2, 3.5, 10.6, 11, 11.6, 12.5, 12.9, 13, 18.4, 19.99, 20, 25, 1e5, 1e8,
                                   -3, -2.5, -0.0, .nan, .infinity, -.infinity] + logspace(1e-3, 1e4, 40)
    static let arguments: [Double] = [0, -0.0, -1, .nan, .infinity, -.infinity, 0x1p-1074, 1e-300, 0.1, 0.5, 1, 2, 12.6,
                                      24, 25, 35, 1e300, .greatestFiniteMagnitude] + logspace(1e-3, 1e6, 200)

    /// Bit equality (every NaN equal to every NaN: the scalar functions return the default NaN).
    static func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }
    static func same(_ a: Float, _ b: Float) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

    /// What a Span batch entry writes for `input` (output buffer pre-filled with a sentinel).
    static func viaSpan<T: BinaryFloatingPoint>(_ input: [T], _ body: (Span<T>, inout MutableSpan<T>) -> Void) -> [T] {
        var out = [T](repeating: 12345, count: input.count)
        out.withUnsafeMutableBufferPointer { destination in
            input.withUnsafeBufferPointer { source in
                var o = MutableSpan(_unsafeElements: destination)
                body(Span(_unsafeElements: source), &o)
            }
        }
        return out
    }

    /// The same for the pair entries.
    static func viaSpan<T: BinaryFloatingPoint>(_ a: [T], _ b: [T], _ body: (Span<T>, Span<T>, inout MutableSpan<T>) -> Void) -> [T] {
        var out = [T](repeating: 12345, count: a.count)
        out.withUnsafeMutableBufferPointer { destination in
            a.withUnsafeBufferPointer { first in
                b.withUnsafeBufferPointer { second in
                    var o = MutableSpan(_unsafeElements: destination)
                    body(Span(_unsafeElements: first), Span(_unsafeElements: second), &o)
                }
            }
        }
        return out
    }

    @Test func binary64FixedOrder() {
        let x = Self.arguments
        var checked = 0
        for v in Self.orders {
            let arrayI = Evolved.logBesselI(order: v, x)
            let arrayK = Evolved.logBesselK(order: v, x)
            let outI = Self.viaSpan(x) { Evolved.logBesselI(order: v, $0, into: &$1) }
            let outK = Self.viaSpan(x) { Evolved.logBesselK(order: v, $0, into: &$1) }
            for i in x.indices {
                let i0 = Evolved.logBesselI(order: v, x[i]), k0 = Evolved.logBesselK(order: v, x[i])
                #expect(Self.same(arrayI[i], i0), "log I array at v = \(v), x = \(x[i]): \(arrayI[i]) vs \(i0)")
                #expect(Self.same(outI[i], i0), "log I span at v = \(v), x = \(x[i]): \(outI[i]) vs \(i0)")
                #expect(Self.same(arrayK[i], k0), "log K array at v = \(v), x = \(x[i]): \(arrayK[i]) vs \(k0)")
                #expect(Self.same(outK[i], k0), "log K span at v = \(v), x = \(x[i]): \(outK[i]) vs \(k0)")
                checked += 1
            }
        }
        #expect(checked == Self.orders.count * x.count)
        // the batch is not a constant: it follows the scalar function into every region
        #expect(Set(Evolved.logBesselI(order: 5, x).filter(\.isFinite)).count > 150)
    }

    @Test func binary64Pairs() {
        var v: [Double] = [], x: [Double] = []
        for a in Self.orders { for b in Self.arguments { v.append(a); x.append(b) } }
        let arrayI = Evolved.logBesselI(orders: v, x)
        let arrayK = Evolved.logBesselK(orders: v, x)
        let outI = Self.viaSpan(v, x) { Evolved.logBesselI(orders: $0, $1, into: &$2) }
        let outK = Self.viaSpan(v, x) { Evolved.logBesselK(orders: $0, $1, into: &$2) }
        var mismatches = 0
        for i in v.indices {
            let i0 = Evolved.logBesselI(order: v[i], x[i]), k0 = Evolved.logBesselK(order: v[i], x[i])
            if !Self.same(arrayI[i], i0) || !Self.same(outI[i], i0) || !Self.same(arrayK[i], k0) || !Self.same(outK[i], k0) {
                mismatches += 1
                Issue.record("pair v = \(v[i]), x = \(x[i]): I \(arrayI[i]) \(outI[i]) vs \(i0), K \(arrayK[i]) \(outK[i]) vs \(k0)")
            }
        }
        #expect(mismatches == 0)
        #expect(Evolved.logBesselI(orders: [Double](), []).isEmpty)
    }

    @Test func binary32FixedOrderAndPairs() {
        let xs = Self.arguments.map { Float($0) }
        let vs = Self.orders.map { Float($0) }
        var pairV: [Float] = [], pairX: [Float] = []
        for v in vs {
            let arrayI = Evolved.logBesselI(order: v, xs)
            let arrayK = Evolved.logBesselK(order: v, xs)
            let outI = Self.viaSpan(xs) { Evolved.logBesselI(order: v, $0, into: &$1) }
            let outK = Self.viaSpan(xs) { Evolved.logBesselK(order: v, $0, into: &$1) }
            for i in xs.indices {
                let i0 = Evolved.logBesselI(order: v, xs[i]), k0 = Evolved.logBesselK(order: v, xs[i])
                #expect(Self.same(arrayI[i], i0) && Self.same(outI[i], i0), "binary32 log I at v = \(v), x = \(xs[i])")
                #expect(Self.same(arrayK[i], k0) && Self.same(outK[i], k0), "binary32 log K at v = \(v), x = \(xs[i])")
                pairV.append(v); pairX.append(xs[i])
            }
        }
        let pairI = Evolved.logBesselI(orders: pairV, pairX)
        let pairK = Evolved.logBesselK(orders: pairV, pairX)
        let outI = Self.viaSpan(pairV, pairX) { Evolved.logBesselI(orders: $0, $1, into: &$2) }
        let outK = Self.viaSpan(pairV, pairX) { Evolved.logBesselK(orders: $0, $1, into: &$2) }
        var mismatches = 0
        for i in pairV.indices {
            let i0 = Evolved.logBesselI(order: pairV[i], pairX[i]), k0 = Evolved.logBesselK(order: pairV[i], pairX[i])
            if !(Self.same(pairI[i], i0) && Self.same(outI[i], i0) && Self.same(pairK[i], k0) && Self.same(outK[i], k0)) {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
        #expect(pairV.count == vs.count * xs.count)
    }

    /// The edge cases come out of the batch as documented for the scalar functions.
    @Test func edgeCases() {
        let zeroOne: [Double] = [0, 1], zero: [Double] = [0], one: [Double] = [1]
        #expect(Evolved.logBesselI(order: 0, zeroOne).first == 0)
        #expect(Evolved.logBesselI(order: 2, zero) == [-Double.infinity])
        #expect(Evolved.logBesselK(order: 2, zero) == [Double.infinity])
        #expect(Evolved.logBesselI(order: -2.5, one)[0].isNaN)
        #expect(Evolved.logBesselI(order: -2, one) == Evolved.logBesselI(order: 2, one))
        let orders: [Double] = [-2.5, 3], arguments: [Double] = [1, -1]
        #expect(Evolved.logBesselK(orders: orders, arguments).map(\.isNaN) == [false, true])
        let infinity: [Float] = [.infinity]
        #expect(Evolved.logBesselI(order: Float(1), infinity) == [Float.infinity])
    }
}
