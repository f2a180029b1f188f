import EvoMath
import EvoMathReference
import EvoMathSearch
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
        let committed = try FileManager.default.contentsOfDirectory(atPath: committedDir).filter { $0.hasSuffix(".generated.swift") }.sorted()
        #expect(committed == written.map { URL(fileURLWithPath: $0).lastPathComponent }.sorted(),
                "Generated/ has other files than the specs give; run: swift run evomath emit")
        for path in written {
            let name = URL(fileURLWithPath: path).lastPathComponent
            let fresh = try String(contentsOfFile: path, encoding: .utf8)
            let old = (try? String(contentsOfFile: committedDir + "/" + name, encoding: .utf8)) ?? ""
            #expect(fresh == old, "Sources/EvoMath/Generated/\(name) is stale or hand-edited; run: swift run evomath emit")
        }
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
