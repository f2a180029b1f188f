import EvoMathReference
import Testing

/// Special inputs and results, in every format (LLVM libc's grouping:
/// special numbers, overflow, underflow, in-range).
@Suite struct SpecialValueTests {
    static let formats = FloatFormat.standard + [FloatFormat(named: "p12e5")!]

    @Test(arguments: formats)
    func exp(format: FloatFormat) {
        let r = CorrectlyRoundedReference(ExpFunction())
        #expect(r.value(at: .nan, in: format).isNaN)
        #expect(same(r.value(at: .infinity, in: format), .infinity))
        #expect(same(r.value(at: -.infinity, in: format), 0.0))  // +0, not -0
        #expect(same(r.value(at: 0, in: format), 1))
        #expect(same(r.value(at: -0.0, in: format), 1))
        #expect(same(r.value(at: format.greatestFiniteMagnitude, in: format), .infinity))
        #expect(same(r.value(at: -format.greatestFiniteMagnitude, in: format), 0.0))
        // Tiny inputs: e^x rounds to 1 (or to the neighbour below 1 for
        // negative x just large enough).
        #expect(same(r.value(at: format.leastNonzeroMagnitude, in: format), 1))
        #expect(same(r.value(at: -format.leastNonzeroMagnitude, in: format), 1))
    }

    @Test(arguments: formats)
    func log(format: FloatFormat) {
        let r = CorrectlyRoundedReference(LogFunction())
        #expect(r.value(at: .nan, in: format).isNaN)
        #expect(same(r.value(at: .infinity, in: format), .infinity))
        #expect(r.value(at: -.infinity, in: format).isNaN)
        #expect(r.value(at: -1, in: format).isNaN)
        #expect(r.value(at: -format.leastNonzeroMagnitude, in: format).isNaN)
        #expect(same(r.value(at: 0, in: format), -.infinity))
        #expect(same(r.value(at: -0.0, in: format), -.infinity))
        #expect(same(r.value(at: 1, in: format), 0.0))  // exactly +0
        #expect(r.value(at: format.greatestFiniteMagnitude, in: format) > 0)
        #expect(r.value(at: format.leastNonzeroMagnitude, in: format) < 0)
    }

    /// exp's overflow and underflow thresholds in binary32, from the
    /// literature (the largest x with a finite result, the smallest with a
    /// non-zero one).
    @Test func binary32Thresholds() {
        let r = CorrectlyRoundedReference(ExpFunction())
        let overflow = Double(Float(bitPattern: 0x42B1_7217))  // 0x1.62e42ep+6
        #expect(r.value(at: overflow, in: .binary32) == 0x1.ffff08p+127)
        #expect(same(r.value(at: Double(Float(overflow).nextUp), in: .binary32), .infinity))
        let underflow = -Double(Float(bitPattern: 0x42CF_F1B4))  // -0x1.9fe368p+6
        #expect(same(r.value(at: underflow, in: .binary32), Double(Float.leastNonzeroMagnitude)))
        #expect(same(r.value(at: -Double(Float(-underflow).nextUp), in: .binary32), 0.0))
        // The first subnormal result.
        #expect(r.value(at: -87.5, in: .binary32) < Double(Float.leastNormalMagnitude))
    }

    /// Errors of special results are 0 when right and infinite when wrong.
    @Test func ulpErrorOfSpecialResults() {
        let r = CorrectlyRoundedReference(LogFunction())
        #expect(r.ulpError(of: .nan, at: -1, in: .binary32) == 0)
        #expect(r.ulpError(of: 0, at: -1, in: .binary32) == .infinity)
        #expect(r.ulpError(of: -.infinity, at: 0, in: .binary32) == 0)
        #expect(r.ulpError(of: -0x1p127, at: 0, in: .binary32) == .infinity)
        let e = CorrectlyRoundedReference(ExpFunction())
        #expect(e.ulpError(of: .infinity, at: 89, in: .binary32) == 0)  // the correctly rounded overflow
        #expect(e.ulpError(of: .infinity, at: 88, in: .binary32) == .infinity)
    }
}
