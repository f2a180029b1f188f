import EvoMath
import EvoMathReference
import EvoMathSearch
import EvoMathEmitter
import Foundation
import Testing

/// The shipped runtime against MPFR.
@Suite struct ExpRuntimeTests {
    @Test func binary16ExpIsCorrectlyRoundedOnAllInputs() {
        let reference = CorrectlyRoundedReference(ExpFunction())
        var misrounded = 0
        var first = ""
        for bits in 0..<65_536 {
            let x = Float16(bitPattern: UInt16(bits))
            let got = Double(Evolved.exp(x))
            let want = reference.value(at: Double(x), in: .binary16)
            if !(got.bitPattern == want.bitPattern || (got.isNaN && want.isNaN)) {
                misrounded += 1
                if first.isEmpty { first = "exp(\(HexFloat.format(Double(x)))) = \(HexFloat.format(got)), want \(HexFloat.format(want))" }
            }
        }
        #expect(misrounded == 0, "\(misrounded) of 65536 misrounded; first: \(first)")
    }

    @Test func bfloat16ExpIsCorrectlyRoundedOnAllInputs() {
        let reference = CorrectlyRoundedReference(ExpFunction())
        var misrounded = 0
        var first = ""
        for bits in 0..<65_536 {
            let x = BFloat16(bitPattern: UInt16(bits))
            let got = Double(Evolved.exp(x))
            let want = reference.value(at: Double(x), in: .bfloat16)
            if !(got.bitPattern == want.bitPattern || (got.isNaN && want.isNaN)) {
                misrounded += 1
                if first.isEmpty { first = "exp(\(HexFloat.format(Double(x)))) = \(HexFloat.format(got)), want \(HexFloat.format(want))" }
            }
        }
        #expect(misrounded == 0, "\(misrounded) of 65536 misrounded; first: \(first)")
    }
}

/// `Sources/EvoMath/Generated/` is exactly what `evomath emit` makes of the
/// committed specs.
@Suite struct GeneratedSourcesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func generatedFilesMatchTheirSpecs() throws {
        let root = GeneratedSourcesTests.root.path
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("evomath-emit-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: temp) }
        let written = try Emitter.emit(specs: nil, generatorsDirectory: root + "/Generators", outputDirectory: temp)
        let committedDir = root + "/Sources/EvoMath/Generated"
        let committed = try FileManager.default.contentsOfDirectory(atPath: committedDir)
            .filter { $0.hasSuffix(".generated.swift") && !GeneratedSourcesTests.fromGeneratorScripts.contains($0) }.sorted()
        #expect(committed == written.map { URL(fileURLWithPath: $0).lastPathComponent }.sorted(),
                "Generated/ has other files than the specs give; run: swift run evomath emit")
        for path in written {
            let name = URL(fileURLWithPath: path).lastPathComponent
            let fresh = try String(contentsOfFile: path, encoding: .utf8)
            let old = (try? String(contentsOfFile: committedDir + "/" + name, encoding: .utf8)) ?? ""
            #expect(fresh == old, "Sources/EvoMath/Generated/\(name) is stale or hand-edited; run: swift run evomath emit")
        }
    }

    /// Generated files written by a script under Generators/ rather than by
    /// `evomath emit` (the binary64 tables and reduction constants; their
    /// polynomials are emitted from the searches' specs).
    static let fromGeneratorScripts: Set<String> = ["ExpBinary64.generated.swift", "LogBinary64.generated.swift"]

    /// The binary64 files are what Generators/binary64/generate.py writes
    /// (needs python3 with mpmath and Sollya; skipped when they are missing).
    @Test func binary64GeneratedFilesMatchTheirGenerator() throws {
        let root = GeneratedSourcesTests.root.path
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["sh", "-c", "command -v sollya >/dev/null && python3 -c 'import mpmath'"]
        try probe.run(); probe.waitUntilExit()
        guard probe.terminationStatus == 0 else { return }
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", root + "/Generators/binary64/generate.py", "--check"]
        try check.run(); check.waitUntilExit()
        #expect(check.terminationStatus == 0,
                "Sources/EvoMath/Generated/*Binary64.generated.swift are stale or hand-edited; run: python3 Generators/binary64/generate.py")
    }
}

/// The emitted binary32 runtime computes exactly what the search verified
/// (`CompleteExp`, the interpreter's semantics), bit for bit; its accuracy
/// over all 2^32 inputs is in the spec (and `evomath verify exp --type
/// binary32 --impl fast --exhaustive`).
@Suite struct ExpBinary32RuntimeTests {
    static func completeExp() throws -> CompleteExp {
        try CompleteExp(specAt: GeneratedSourcesTests.root.path + "/Generators/exp.binary32.fast.json")
    }

    @Test func runtimeMatchesTheVerifiedSemantics() throws {
        let complete = try ExpBinary32RuntimeTests.completeExp()
        var rng = SplitMix64(seed: 42)
        var mismatches = 0
        var inputs: [Float] = [.nan, .infinity, -.infinity, 0, -0.0, 88.72283, 88.72284, -103.97, -103.98, 1e-30, -1e-30]
        for _ in 0..<300_000 { inputs.append(Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))) }
        for _ in 0..<300_000 { inputs.append(Float(Double(rng.next() >> 11) * 0x1p-53 * 200 - 105)) }
        for x in inputs {
            let a = Evolved.Fast.exp(x), b = Float(complete.evaluate(Double(x)))
            if !(a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)) { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    /// The fast tier's claim (< 1 ULP) against MPFR, not against the spec:
    /// random bit patterns, the domain, and hard-to-round inputs.
    @Test func withinOneULPAgainstMPFR() {
        var rng = SplitMix64(seed: 43)
        var inputs: [Float] = [88.72283, -103.97, 1e-30, -1e-30, .leastNonzeroMagnitude, -87.33655, -87.33656]
        for _ in 0..<100_000 { inputs.append(Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))) }
        for _ in 0..<200_000 { inputs.append(Float(Double(rng.next() >> 11) * 0x1p-53 * 193 - 104)) }
        inputs += Binary32HardCases.near({ (x: Double) -> Double in exp(x) }, lower: -103.98, upper: 88.73, stride: 128)
        let reference = CorrectlyRoundedReference(ExpFunction())
        var worst = (ulp: 0.0, x: Float(0))
        for x in inputs where x.isFinite {
            let u = reference.ulpError(of: Double(Evolved.Fast.exp(x)), at: Double(x), in: .binary32)
            if !(u <= worst.ulp) { worst = (u, x) }
        }
        #expect(worst.ulp < 1, "max \(worst.ulp) ULP at x = \(HexFloat.format(Double(worst.x))) over \(inputs.count) inputs")
    }

    @Test func batchMatchesScalar() {
        var rng = SplitMix64(seed: 7)
        var input: [Float] = (0..<1000).map { Float($0) * 0.2 - 100 } + [.nan, .infinity, -.infinity, 0, -0.0, 88.72283, 88.72284]
        for _ in 0..<100_000 { input.append(Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))) }
        var output = [Float](repeating: 0, count: input.count)
        var span = output.mutableSpan
        Evolved.exp(input.span, into: &span)
        _ = consume span
        let mismatches = zip(input, output).filter { x, y in
            let want = Evolved.exp(x)
            return !(y.bitPattern == want.bitPattern || (y.isNaN && want.isNaN))
        }
        #expect(mismatches.isEmpty)
    }

    @Test func specialCases() {
        #expect(Evolved.Fast.exp(Float.nan).isNaN)
        #expect(Evolved.Fast.exp(Float.infinity) == .infinity)
        #expect(Evolved.Fast.exp(-Float.infinity) == 0)
        #expect(Evolved.Fast.exp(Float(0)) == 1)
        #expect(Evolved.Fast.exp(Float(89)) == .infinity)
        #expect(Evolved.Fast.exp(Float(-104)) == 0)
    }
}

/// The correctly rounded binary32 tier (a kernel evaluated in binary64, one
/// final rounding, exceptions on a rare path) computes exactly what the
/// search verified (`CompleteExp` with `binary64` and the spec's exceptions),
/// bit for bit; that it is correctly rounded on all 2^32 inputs is the
/// spec's exhaustive verification and `evomath verify exp --type binary32
/// --impl evolved --exhaustive --correctly-rounded` (Scripts/accuracy-checks).
@Suite struct ExpBinary32CorrectlyRoundedRuntimeTests {
    static let specPath = GeneratedSourcesTests.root.path + "/Generators/exp.binary32.correctlyRounded.json"

    /// Samples (bit patterns, the whole domain, subnormal results), the edges
    /// and the spec's exceptions.
    static func inputs() throws -> [Float] {
        var rng = SplitMix64(seed: 4242)
        var inputs: [Float] = [.nan, .infinity, -.infinity, 0, -0.0, 88.72283, 88.72284, -103.97, -103.98, 1e-30, -1e-30,
                               .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .greatestFiniteMagnitude]
        for _ in 0..<200_000 { inputs.append(Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))) }
        for _ in 0..<300_000 { inputs.append(Float(Double(rng.next() >> 11) * 0x1p-53 * 200 - 105)) }
        // Subnormal results.
        for _ in 0..<100_000 { inputs.append(Float(-87.3 - Double(rng.next() >> 11) * 0x1p-53 * 16.7)) }
        // The spec's exceptions, if any.
        inputs += try SpecFile.read(at: specPath).exceptionList.map { Float($0.x) }
        return inputs
    }

    @Test func runtimeMatchesTheVerifiedSemantics() throws {
        let complete = try CompleteExp(specAt: ExpBinary32CorrectlyRoundedRuntimeTests.specPath)
        #expect(complete.binary64)
        var mismatches = 0
        var first = ""
        let inputs = try ExpBinary32CorrectlyRoundedRuntimeTests.inputs()
        for x in inputs {
            let a = Evolved.exp(x), b = Float(complete.evaluate(Double(x)))
            if !(a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)) {
                mismatches += 1
                if first.isEmpty { first = "x = \(HexFloat.format(Double(x))): runtime \(HexFloat.format(Double(a))), spec \(HexFloat.format(Double(b)))" }
            }
        }
        #expect(mismatches == 0, "\(mismatches) of \(inputs.count) differ; first: \(first)")
    }

    /// The runtime against MPFR (not against the spec, so a wrong spec cannot
    /// make it pass): the samples, the spec's exceptions and inputs whose
    /// exact result lies within 2^-16 ULP of a rounding midpoint.
    @Test func correctlyRoundedAgainstMPFROnSamplesExceptionsAndHardCases() throws {
        let hard = Binary32HardCases.near({ (x: Double) -> Double in exp(x) }, lower: -103.98, upper: 88.73, stride: 128)
        #expect(hard.count > 100, "only \(hard.count) hard cases selected")
        let inputs = try ExpBinary32CorrectlyRoundedRuntimeTests.inputs() + hard
        let r = Binary32HardCases.misrounded(inputs, runtime: { Evolved.exp($0) }, reference: CorrectlyRoundedReference(ExpFunction()))
        #expect(r.count == 0, "\(r.count) of \(inputs.count) misrounded (\(hard.count) hard cases); first: \(r.first)")
    }

    @Test func fastBatchMatchesFastScalar() {
        var rng = SplitMix64(seed: 8)
        var input: [Float] = (0..<1000).map { Float($0) * 0.2 - 100 } + [.nan, .infinity, -.infinity, 0, -0.0]
        for _ in 0..<50_000 { input.append(Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))) }
        var output = [Float](repeating: 0, count: input.count)
        var span = output.mutableSpan
        Evolved.Fast.exp(input.span, into: &span)
        _ = consume span
        let mismatches = zip(input, output).filter { x, y in
            let want = Evolved.Fast.exp(x)
            return !(y.bitPattern == want.bitPattern || (y.isNaN && want.isNaN))
        }
        #expect(mismatches.isEmpty)
    }

    @Test func specialCases() {
        #expect(Evolved.exp(Float.nan).isNaN)
        #expect(Evolved.exp(Float.infinity) == .infinity)
        #expect(Evolved.exp(-Float.infinity) == 0)
        #expect(Evolved.exp(Float(0)) == 1)
        #expect(Evolved.exp(Float(-0.0)) == 1)
        #expect(Evolved.exp(Float(89)) == .infinity)
        #expect(Evolved.exp(Float(-104)) == 0)
    }

    /// The exception machinery, on a made-up exception list: an exception is
    /// returned on the rare path (here a subnormal result) and only there,
    /// and the emitter writes the list as a switch on the bit pattern.
    @Test func exceptionsAreConsultedOnTheRarePathOnly() throws {
        let spec = try CompleteExp(specAt: ExpBinary32CorrectlyRoundedRuntimeTests.specPath)
        let rare: Float = -100, common: Float = 1
        let made = [(x: rare, y: Float(0x1p-140)), (x: common, y: Float(2))]
        let complete = CompleteExp(program: spec.program, reduction: spec.reduction, format: .binary32, fused: spec.fused,
                                   split: false, overflowThreshold: spec.overflowThreshold,
                                   underflowThreshold: spec.underflowThreshold, binary64: true, exceptions: made)
        #expect(complete.evaluate(Double(rare)) == 0x1p-140)
        #expect(complete.evaluate(Double(common)) == spec.evaluate(Double(common)))
        #expect(ExpExceptions.isRarePath(0x1p-130))
        #expect(!ExpExceptions.isRarePath(1.0))
        #expect(ExpExceptions.isRarePath(1 + 0x1p-24))
        #expect(ExpExceptions.isRarePath((1 + 0x1p-24).nextDown))
        #expect(!ExpExceptions.isRarePath(1 + 0x1p-24 + 0x1p-40))

        var o = try JSON.parse(FileManager.default.contents(atPath: ExpBinary32CorrectlyRoundedRuntimeTests.specPath)!, what: "spec") as! [String: Any]
        o["exceptions"] = ["count": 1, "note": "made up", "inputs": [["x": "-0x1.9p+6", "y": "0x1p-140"]]]
        let data = try JSONSerialization.data(withJSONObject: o)
        let (_, text) = try Emitter.source(specData: data, specPath: "Generators/exp.binary32.correctlyRounded.json")
        #expect(text.contains("case 0xC2C80000: return 0x1p-140"))
        o["exceptions"] = ["count": 2, "note": "made up", "inputs": [["x": "-0x1.9p+6", "y": "0x1p-140"]]]
        #expect(throws: (any Error).self) {
            _ = try Emitter.source(specData: try JSONSerialization.data(withJSONObject: o), specPath: "spec.json")
        }
    }

    @Test func binary64EvaluationIsOnlyForCorrectlyRoundedBinary32() throws {
        let ok = #"{"function": "exp", "format": "binary32", "tier": "correctlyRounded", "evaluation": {"type": "binary64"}, "reduction": {"family": "exp-table", "tableBits": [6]}}"#
        let recipe = try Recipe.parse(Data(ok.utf8))
        #expect(recipe.evaluatesInBinary64)
        #expect(recipe.verifyExhaustively)
        #expect(recipe.gate == 0.5 + 64 * 0x1p-20)
        for bad in [ok.replacingOccurrences(of: "binary32", with: "binary16"),
                    ok.replacingOccurrences(of: "\"exp-table\"", with: "\"exp-table-split\""),
                    ok.replacingOccurrences(of: "correctlyRounded", with: "fast")] {
            #expect(throws: (any Error).self) { _ = try Recipe.parse(Data(bad.utf8)) }
        }
    }
}
