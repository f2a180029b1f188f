import EvoMath
import Testing

/// The public kernel protocol as a user's package sees it (this target imports
/// EvoMath without `@testable`): kernels declared here, outside EvoMath, through
/// `Evolved.exp(_:kernel:)` / `Evolved.log(_:kernel:)`, on every binary16 and
/// bfloat16 input, against EvoMath's shipped correctly rounded functions.
@Suite struct KernelProtocolTests {
    /// exp(r) by its Taylor polynomial of degree 7 on |r| ≤ ln2/2, no table:
    /// relative error below 2^-20, far inside binary16's and bfloat16's half ulp.
    enum TaylorExp: EvoMathExpKernel {
        static var kernelProtocolVersion: Int { EvoMathKernelProtocol.Version1.number }
        static var tableBits: Int { 0 }
        static var inverseStep: Float { 0x1.715476p+0 }  // 1/ln 2
        static var stepHigh: Float { 0x1.62e4p-1 }        // ln 2, high part (k·stepHigh exact for |k| < 2^8)
        static var stepLow: Float { 0x1.7f7d1cp-20 }      // ln 2 − stepHigh
        static var overflowThreshold: Float { 0x1.62cp+3 }   // binary16's
        static var underflowThreshold: Float { -0x1.154p+4 }
        static func table(_ i: Int) -> Float { 1 }
        static func kernel(_ r: Float) -> Float {
            var p: Float = 1 / 5040
            for c: Float in [1 / 720, 1 / 120, 1 / 24, 1 / 6, 1 / 2, 1, 1] { p = p * r + c }
            return p
        }
    }

    /// log1p(r) = 2·atanh(s), s = r/(2 + r), by the series to s^9, no table
    /// (r = m − 1 in [√½ − 1, √2 − 1], |s| < 0.18): relative error below 2^-20.
    enum AtanhLog: EvoMathLogKernel {
        static var kernelProtocolVersion: Int { EvoMathKernelProtocol.Version1.number }
        static var tableBits: Int { 0 }
        static var ln2High: Float { 0x1.62e4p-1 }
        static var ln2Low: Float { 0x1.7f7d1cp-20 }
        static func table(_ i: Int) -> (invc: Float, logcHigh: Float, logcLow: Float) { (1, 0, 0) }
        static func kernel(_ r: Float) -> Float {
            let s = r / (2 + r), s2 = s * s
            return 2 * s * (1 + s2 * (1 / 3 + s2 * (1 / 5 + s2 * (1 / 7 + s2 / 9))))
        }
    }

    /// The distance of two binary16 values in ulps (their positions on the line of encodings).
    static func ulps(_ a: UInt16, _ b: UInt16) -> Int {
        func position(_ x: UInt16) -> Int { x >= 0x8000 ? -Int(x - 0x8000) : Int(x) }
        return abs(position(a) - position(b))
    }

    @Test func versions() {
        #expect(TaylorExp.kernelProtocolVersion == EvoMathKernelProtocol.version)
        #expect(EvoMathKernelProtocol.supportedVersions.contains(EvoMathKernelProtocol.Version1.number))
    }

    @Test func expBinary16() {
        var far = 0
        for bits in 0...UInt16.max {
            let x = Float16(bitPattern: bits)
            let got = Evolved.exp(x, kernel: TaylorExp.self), want = Evolved.exp(x)
            if want.isNaN { if !got.isNaN { far += 1 }; continue }
            if Self.ulps(got.bitPattern, want.bitPattern) > 1 { far += 1 }
        }
        #expect(far == 0)
    }

    @Test func expBFloat16() {
        var far = 0
        for bits in 0...UInt16.max {
            let x = BFloat16(bitPattern: bits)
            let got = Evolved.exp(x, kernel: TaylorExp.self), want = Evolved.exp(x)
            if want.floatValue.isNaN { if !got.floatValue.isNaN { far += 1 }; continue }
            // TaylorExp's thresholds are binary16's: outside them it must give +inf / +0 as stated.
            let xf = x.floatValue
            if xf > TaylorExp.overflowThreshold { if got.floatValue != .infinity { far += 1 }; continue }
            if xf < TaylorExp.underflowThreshold { if got.bitPattern != 0 { far += 1 }; continue }
            if Self.ulps(got.bitPattern, want.bitPattern) > 1 { far += 1 }
        }
        #expect(far == 0)
    }

    @Test func logBinary16AndBFloat16() {
        var far = 0
        for bits in 0...UInt16.max {
            let h = Float16(bitPattern: bits)
            let gotH = Evolved.log(h, kernel: AtanhLog.self), wantH = Evolved.log(h)
            if wantH.isNaN { if !gotH.isNaN { far += 1 } } else if Self.ulps(gotH.bitPattern, wantH.bitPattern) > 1 { far += 1 }
            let b = BFloat16(bitPattern: bits)
            let gotB = Evolved.log(b, kernel: AtanhLog.self), wantB = Evolved.log(b)
            if wantB.floatValue.isNaN { if !gotB.floatValue.isNaN { far += 1 } }
            else if Self.ulps(gotB.bitPattern, wantB.bitPattern) > 1 { far += 1 }
        }
        #expect(far == 0)
    }

    /// BFloat16 compares, hashes and orders by value, as Float16 and Float do.
    @Test func bfloat16IsComparedByValue() {
        #expect(BFloat16(Float(0)) == BFloat16(-Float(0)))
        #expect(BFloat16(Float.nan) != BFloat16(Float.nan))
        #expect(Set([BFloat16(Float(0)), BFloat16(-Float(0)), BFloat16(Float(1))]).count == 2)
        let all = (0...UInt16.max).map { BFloat16(bitPattern: $0) }.filter { !$0.floatValue.isNaN }
        let sorted = all.sorted()
        #expect(zip(sorted, sorted.dropFirst()).allSatisfy { $0.floatValue <= $1.floatValue })
        #expect(sorted.first?.floatValue == -.infinity && sorted.last?.floatValue == .infinity)
    }
}
