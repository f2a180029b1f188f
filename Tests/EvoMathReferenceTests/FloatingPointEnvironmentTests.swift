import EvoMath
import EvoMathReference
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What the shipped functions do under a rounding mode other than the default
/// round-to-nearest (set by C code with `fesetround`; Swift cannot set it).
/// The accuracy claims hold in the default environment only; this measures
/// the damage elsewhere, for the README's "Floating-point environment"
/// section: every 16-bit input and 2^16 binary32 inputs, each function, each
/// directed mode. The results must stay finite where they should, and within
/// the bound the README states.
@Suite struct FloatingPointEnvironmentTests {
    static let modes: [(String, Int32)] = [("upward", FE_UPWARD), ("downward", FE_DOWNWARD), ("toward zero", FE_TOWARDZERO)]

    /// The largest error in ulps of `f` (format-rounded results as Double)
    /// against the correctly rounded reference, over `inputs`, with the
    /// rounding mode `mode` set while `f` runs.
    static func maxError(_ name: String, _ format: FloatFormat, mode: Int32, inputs: [Double],
                         _ f: ([Double]) -> [Double]) -> (Double, Double) {
        let reference = CorrectlyRoundedReference(ReferenceFunctions.named(name)!)
        let saved = fegetround()
        fesetround(mode)
        let results = f(inputs)
        fesetround(saved)
        var worst = 0.0, at = 0.0
        for (x, y) in zip(inputs, results) {
            let e = reference.ulpError(of: y, at: x, in: format)
            if e > worst { worst = e; at = x }
        }
        return (worst, at)
    }

    /// A batch entry (`Span` in, `MutableSpan` out) over every input at once.
    static func viaSpan(_ inputs: [Double], _ body: (Span<Float>, inout MutableSpan<Float>) -> Void) -> [Double] {
        let source = inputs.map { Float($0) }
        var results = [Float](repeating: 0, count: source.count)
        source.withUnsafeBufferPointer { s in
            results.withUnsafeMutableBufferPointer { d in
                var o = MutableSpan(_unsafeElements: d)
                body(Span(_unsafeElements: s), &o)
            }
        }
        return results.map { Double($0) }
    }

    @Test func directedRoundingStaysWithinTwoULP() {
        var rng = SplitMix64(seed: 5)
        let sample32 = (0..<65_536).map { _ in Double(Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))) }
        let all16 = (0..<65_536).map { FloatFormat.binary16.decode(UInt64($0)) }
        let allB16 = (0..<65_536).map { FloatFormat.bfloat16.decode(UInt64($0)) }
        // The table-free binary32 Fast.log (kernel evaluated in Float): the
        // random sample and the 8,192 inputs nearest 1, where log x ≈ r and
        // the kernel's last roundings weigh most.
        let logSample32 = sample32 + (1...4096).flatMap { k -> [Double] in
            [Double(Float(bitPattern: 0x3F80_0000 + UInt32(k))), Double(Float(bitPattern: 0x3F80_0000 - UInt32(k)))]
        }
        // Scalar functions element by element; the table-free Fast.exp and
        // Fast.log also through their batch entries (16-lane vector code).
        let cases: [(String, String, FloatFormat, [Double], ([Double]) -> [Double])] = [
            ("exp", "", .binary16, all16, { $0.map { Double(Evolved.exp(Float16($0))) } }),
            ("log", "", .binary16, all16, { $0.map { Double(Evolved.log(Float16($0))) } }),
            ("exp", "", .bfloat16, allB16, { $0.map { Double(Evolved.exp(BFloat16($0))) } }),
            ("log", "", .bfloat16, allB16, { $0.map { Double(Evolved.log(BFloat16($0))) } }),
            ("exp", "", .binary32, sample32, { $0.map { Double(Evolved.exp(Float($0))) } }),
            ("exp", " Fast", .binary32, sample32, { $0.map { Double(Evolved.Fast.exp(Float($0))) } }),
            ("exp", " Fast [Span]", .binary32, sample32, { Self.viaSpan($0) { Evolved.Fast.exp($0, into: &$1) } }),
            ("log", "", .binary32, sample32, { $0.map { Double(Evolved.log(Float($0))) } }),
            ("log", " Fast", .binary32, logSample32, { $0.map { Double(Evolved.Fast.log(Float($0))) } }),
            ("log", " Fast [Span]", .binary32, logSample32, { Self.viaSpan($0) { Evolved.Fast.log($0, into: &$1) } }),
        ]
        for (mode, bits) in Self.modes {
            for (name, entry, format, inputs, f) in cases {
                let (worst, at) = Self.maxError(name, format, mode: bits, inputs: inputs, f)
                print("FP environment: \(name)\(entry) \(format.name) rounding \(mode): max \(worst) ULP at \(HexFloat.format(at))")
                #expect(worst < 2, "\(name)\(entry) \(format.name) rounding \(mode): \(worst) ULP at \(HexFloat.format(at))")
            }
        }
    }

    /// binary64, both tiers, scalar and batch: 2^14 inputs each (exp uniform over
    /// [-745, 710], log over random positive bit patterns).
    @Test func directedRoundingBinary64() {
        var rng = SplitMix64(seed: 6)
        let expInputs = (0..<16_384).map { _ in -745 + 1455 * Double(rng.next() >> 11) * 0x1p-53 }
        let logInputs = (0..<16_384).map { _ in Double(bitPattern: rng.next() >> 1) }
        func viaSpan(_ inputs: [Double], _ body: (Span<Double>, inout MutableSpan<Double>) -> Void) -> [Double] {
            var results = [Double](repeating: 0, count: inputs.count)
            inputs.withUnsafeBufferPointer { s in
                results.withUnsafeMutableBufferPointer { d in
                    var o = MutableSpan(_unsafeElements: d)
                    body(Span(_unsafeElements: s), &o)
                }
            }
            return results
        }
        let cases: [(String, String, [Double], ([Double]) -> [Double])] = [
            ("exp", "", expInputs, { $0.map { Evolved.exp($0) } }),
            ("exp", " Fast", expInputs, { $0.map { Evolved.Fast.exp($0) } }),
            ("exp", " [Span]", expInputs, { viaSpan($0) { Evolved.exp($0, into: &$1) } }),
            ("exp", " Fast [Span]", expInputs, { viaSpan($0) { Evolved.Fast.exp($0, into: &$1) } }),
            ("log", "", logInputs, { $0.map { Evolved.log($0) } }),
            ("log", " Fast", logInputs, { $0.map { Evolved.Fast.log($0) } }),
            ("log", " [Span]", logInputs, { viaSpan($0) { Evolved.log($0, into: &$1) } }),
            ("log", " Fast [Span]", logInputs, { viaSpan($0) { Evolved.Fast.log($0, into: &$1) } }),
        ]
        for (mode, bits) in Self.modes {
            for (name, entry, inputs, f) in cases {
                let (worst, at) = Self.maxError(name, .binary64, mode: bits, inputs: inputs, f)
                print("FP environment: \(name)\(entry) binary64 rounding \(mode): max \(worst) ULP at \(HexFloat.format(at))")
                #expect(worst < 2, "\(name)\(entry) binary64 rounding \(mode): \(worst) ULP at \(HexFloat.format(at))")
            }
        }
    }
}
