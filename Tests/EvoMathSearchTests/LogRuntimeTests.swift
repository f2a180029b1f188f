import EvoMath
import EvoMathReference
import EvoMathSearch
import Foundation
import Testing

/// The shipped log runtime against MPFR and against the semantics the search
/// verified (`CompleteLog`).
@Suite struct LogRuntimeTests {
    static func specPath(_ format: String) -> String {
        GeneratedSourcesTests.root.path + "/Generators/log.\(format).correctlyRounded.json"
    }

    @Test func binary16LogIsCorrectlyRoundedOnAllInputs() {
        let reference = CorrectlyRoundedReference(LogFunction())
        var misrounded = 0
        var first = ""
        for bits in 0..<65_536 {
            let x = Float16(bitPattern: UInt16(bits))
            let got = Double(Evolved.log(x))
            let want = reference.value(at: Double(x), in: .binary16)
            if !(got.bitPattern == want.bitPattern || (got.isNaN && want.isNaN)) {
                misrounded += 1
                if first.isEmpty { first = "log(\(HexFloat.format(Double(x)))) = \(HexFloat.format(got)), want \(HexFloat.format(want))" }
            }
        }
        #expect(misrounded == 0, "\(misrounded) of 65536 misrounded; first: \(first)")
    }

    @Test func bfloat16LogIsCorrectlyRoundedOnAllInputs() {
        let reference = CorrectlyRoundedReference(LogFunction())
        var misrounded = 0
        var first = ""
        for bits in 0..<65_536 {
            let x = BFloat16(bitPattern: UInt16(bits))
            let got = Double(Evolved.log(x))
            let want = reference.value(at: Double(x), in: .bfloat16)
            if !(got.bitPattern == want.bitPattern || (got.isNaN && want.isNaN)) {
                misrounded += 1
                if first.isEmpty { first = "log(\(HexFloat.format(Double(x)))) = \(HexFloat.format(got)), want \(HexFloat.format(want))" }
            }
        }
        #expect(misrounded == 0, "\(misrounded) of 65536 misrounded; first: \(first)")
    }

    @Test func runtimeMatchesCompleteLogBitForBit() throws {
        let half = try CompleteLog(specAt: LogRuntimeTests.specPath("binary16"))
        let brain = try CompleteLog(specAt: LogRuntimeTests.specPath("bfloat16"))
        var mismatches: [String] = []
        for bits in 0..<65_536 {
            let x = Float16(bitPattern: UInt16(bits))
            let a = Double(Evolved.log(x)), b = half.evaluate(Double(x))
            if !(a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)) { mismatches.append("binary16 \(HexFloat.format(Double(x)))") }
            let y = BFloat16(bitPattern: UInt16(bits))
            let c = Double(Evolved.log(y)), d = brain.evaluate(Double(y))
            if !(c.bitPattern == d.bitPattern || (c.isNaN && d.isNaN)) { mismatches.append("bfloat16 \(HexFloat.format(Double(y)))") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.first ?? "")")
    }

    @Test func specialCases() {
        #expect(Evolved.log(Float16.nan).isNaN)
        #expect(Evolved.log(Float16(-1)).isNaN)
        #expect(Evolved.log(-Float16.infinity).isNaN)
        #expect(Evolved.log(-Float16.leastNonzeroMagnitude).isNaN)
        #expect(Evolved.log(Float16(0)) == -.infinity)
        #expect(Evolved.log(-Float16(0)) == -.infinity)
        #expect(Evolved.log(Float16.infinity) == .infinity)
        #expect(Evolved.log(Float16(1)).bitPattern == Float16(0).bitPattern)
        #expect(Evolved.Fast.log(Float16(1)).bitPattern == Float16(0).bitPattern)
        #expect(Float(Evolved.log(BFloat16(Float.nan))).isNaN)
        #expect(Float(Evolved.log(BFloat16(Float(-2)))).isNaN)
        #expect(Float(Evolved.log(BFloat16(Float(0)))) == -.infinity)
        #expect(Float(Evolved.log(BFloat16(-Float(0)))) == -.infinity)
        #expect(Float(Evolved.log(BFloat16(Float.infinity))) == .infinity)
        #expect(Float(Evolved.log(BFloat16(Float(1)))).bitPattern == Float(0).bitPattern)
        #expect(Float(Evolved.Fast.log(BFloat16(Float(1)))).bitPattern == Float(0).bitPattern)
    }

    @Test func recipeValidationForTheLogFamily() {
        func parse(_ s: String) throws { _ = try Recipe.parse(Data(s.utf8)) }
        #expect { try parse(#"{"function": "log", "format": "binary16", "reduction": {"family": "exp-table"}}"#) } throws: {
            "\($0)".contains("log-split")
        }
        #expect { try parse(#"{"function": "exp", "format": "binary16", "reduction": {"family": "log-split"}}"#) } throws: {
            "\($0)".contains("log-split")
        }
        #expect { try parse(#"{"function": "log", "format": "binary32"}"#) } throws: { "\($0)".contains("evaluated in binary64") }
        #expect { try parse(#"{"function": "log", "format": "binary64"}"#) } throws: { "\($0)".contains("binary64") }
        #expect { try parse(#"{"function": "log", "format": "real"}"#) } throws: { "\($0)".contains("exp2") }
        #expect { try parse(#"{"function": "log", "format": "bfloat16", "reduction": {"family": "log-split", "tableBits": [9]}}"#) } throws: {
            "\($0)".contains("tableBits")
        }
        #expect(throws: Never.self) {
            let r = try Recipe.parse(Data(#"{"function": "log", "format": "bfloat16", "reduction": {"family": "log-split", "tableBits": [0, 4]}}"#.utf8))
            #expect(r.function == "log" && r.reductionFamily == "log-split" && r.tableBits == [0, 4])
        }
    }

    /// The reduction is exact: r = m·invc − 1 computed in Float equals the
    /// exact value for every input of both formats.
    @Test func reductionIsExact() {
        for t in [0, 3, 5, 6, 8] {
            let red = LogReduction(tableBits: t)
            for format in [FloatFormat.binary16, .bfloat16] {
                for bits in 0..<format.encodingCount {
                    let x = format.decode(bits)
                    guard x.isFinite, x > 0 else { continue }
                    let (r, e, i) = red.reduce(Float(x))
                    let m = x / Double(sign: .plus, exponent: e, significand: 1)
                    #expect(Double(r) == m * Double(red.invc[i]) - 1)
                    #expect(m >= 0.70710677 && m < 1.4142136)
                }
            }
        }
    }
}

/// The correctly rounded binary32 log (kernel in binary64, one rounding,
/// exceptions on a rare path) computes exactly what the search verified
/// (`CompleteLog` with `binary64` and the spec's exceptions); its accuracy
/// over all 2^32 inputs is in the spec and re-measured by
/// `evomath verify log --type binary32 --impl evolved --exhaustive --correctly-rounded`.
@Suite struct LogBinary32RuntimeTests {
    static let specPath = GeneratedSourcesTests.root.path + "/Generators/log.binary32.correctlyRounded.json"

    static func inputs() throws -> [Float] {
        var rng = SplitMix64(seed: 1065)
        var xs: [Float] = [.nan, .infinity, -.infinity, 0, -0.0, 1, -1, .leastNonzeroMagnitude, .leastNormalMagnitude,
                           .greatestFiniteMagnitude, 0x1.fffffep-1, 0x1.000002p+0]
        for _ in 0..<200_000 { xs.append(Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))) }
        for _ in 0..<100_000 { xs.append(Float(bitPattern: 0x3F00_0000 + UInt32(truncatingIfNeeded: rng.next() % 0x0100_0000))) }
        // The spec's exceptions (found by the search's scan).
        for e in try SpecFile.read(at: specPath).exceptionList { xs.append(Float(e.x)) }
        return xs
    }

    @Test func runtimeMatchesTheVerifiedSemantics() throws {
        let complete = try CompleteLog(specAt: LogBinary32RuntimeTests.specPath)
        var mismatches: [String] = []
        for x in try LogBinary32RuntimeTests.inputs() {
            let a = Evolved.log(x), b = Float(complete.evaluate(Double(x)))
            if !(a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)) { mismatches.append(HexFloat.format(Double(x))) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.first ?? "")")
    }

    /// The runtime against MPFR (not against the spec, so a wrong spec cannot
    /// make it pass): the samples, the spec's exceptions and inputs whose
    /// exact result lies within 2^-16 ULP of a rounding midpoint.
    @Test func correctlyRoundedAgainstMPFROnSamplesExceptionsAndHardCases() throws {
        let hard = Binary32HardCases.near({ (x: Double) -> Double in log(x) }, lower: .leastNonzeroMagnitude, upper: .greatestFiniteMagnitude)
        #expect(hard.count > 100, "only \(hard.count) hard cases selected")
        let inputs = try LogBinary32RuntimeTests.inputs() + hard
        let r = Binary32HardCases.misrounded(inputs, runtime: { Evolved.log($0) }, reference: CorrectlyRoundedReference(LogFunction()))
        #expect(r.count == 0, "\(r.count) of \(inputs.count) misrounded (\(hard.count) hard cases); first: \(r.first)")
    }

    @Test func specialCases() {
        #expect(Evolved.log(Float.nan).isNaN)
        #expect(Evolved.log(Float(-1)).isNaN)
        #expect(Evolved.log(-Float.leastNonzeroMagnitude).isNaN)
        #expect(Evolved.log(Float(0)) == -.infinity)
        #expect(Evolved.log(-Float(0)) == -.infinity)
        #expect(Evolved.log(Float.infinity) == .infinity)
        #expect(Evolved.log(Float(1)).bitPattern == Float(0).bitPattern)
        #expect(Evolved.Fast.log(Float(1)).bitPattern == Float(0).bitPattern)
    }
}
