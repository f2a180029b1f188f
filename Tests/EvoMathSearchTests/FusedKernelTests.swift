@testable import EvoMath
import EvoMathEmitter
import EvoMathReference
import EvoMathSearch
import Foundation
import Testing

/// The fused binary32 kernels (Generators/*.fma.json, chosen by the
/// compilation condition EVOMATH_FMA: BuildConfiguration.swift), tested in
/// whatever configuration the tests are built with: in the default build
/// each `addingProduct` is libm's `fma`, with the same results as an FMA
/// unit. Their exhaustive proof is the specs' finalist verification and,
/// on a native build with EVOMATH_FMA, `evomath verify … --exhaustive
/// --correctly-rounded` (Scripts/accuracy-checks --native).
@Suite struct FusedKernelTests {
    static let expSpec = GeneratedSourcesTests.root.path + "/Generators/exp.binary32.correctlyRounded.fma.json"
    static let logSpec = GeneratedSourcesTests.root.path + "/Generators/log.binary32.correctlyRounded.fma.json"

    static func same(_ a: Float, _ b: Float) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

    /// Every 8th of the unfused kernels' test samples (the debug build's test time), then the fused spec's exceptions.
    static func samples(_ all: [Float], spec: String) throws -> [Float] {
        all.enumerated().filter { $0.offset % 8 == 0 }.map(\.element) + (try SpecFile.read(at: spec).exceptionList.map { Float($0.x) })
    }

    /// The fused specs were searched with a fused multiply-add, and the
    /// emitter wrote it as one.
    @Test func specsAreFusedAndEmittedAsFused() throws {
        for path in [Self.expSpec, Self.logSpec] {
            let spec = try SpecFile.read(at: path)
            #expect(spec.evaluation.fusedMultiplyAdd, "\(path)")
            #expect(spec.program.instructions.contains { $0.op == .fma }, "\(path): no fma in the program")
            let name = Emitter.typeName(spec.name) + ".generated.swift"
            let text = try String(contentsOfFile: GeneratedSourcesTests.root.path + "/Sources/EvoMath/Generated/" + name, encoding: .utf8)
            #expect(text.contains(".addingProduct("), "\(name)")
        }
    }

    /// The build's choice: EVOMATH_FMA reached EvoMath exactly when it
    /// reached these tests (SwiftPM's -Xswiftc applies to every module).
    @Test func configurationNamesTheKernelsOfThisBuild() {
        #if EVOMATH_FMA
        #expect(Evolved.configuration == "fma")
        #expect(ExpBinary32Kernel.self == ExpBinary32CorrectlyRoundedFma.self)
        #expect(LogBinary32Kernel.self == LogBinary32CorrectlyRoundedFma.self)
        #else
        #expect(Evolved.configuration == "default")
        #expect(ExpBinary32Kernel.self == ExpBinary32CorrectlyRounded.self)
        #expect(LogBinary32Kernel.self == LogBinary32CorrectlyRounded.self)
        #endif
    }

    /// The fused runtime computes exactly what the search verified (the
    /// spec's program with one rounding per fma, and its exceptions).
    @Test func fusedExpMatchesItsVerifiedSemantics() throws {
        let complete = try CompleteExp(specAt: Self.expSpec)
        #expect(complete.binary64 && complete.fused)
        let inputs = try Self.samples(ExpBinary32CorrectlyRoundedRuntimeTests.inputs(), spec: Self.expSpec)
        let differ = inputs.filter { !Self.same(Evolved.exp($0, kernel: ExpBinary32CorrectlyRoundedFma.self),
                                                Float(complete.evaluate(Double($0)))) }
        #expect(differ.isEmpty, "\(differ.count) of \(inputs.count) differ; first x = \(differ.first.map { HexFloat.format(Double($0)) } ?? "")")
    }

    @Test func fusedLogMatchesItsVerifiedSemantics() throws {
        let complete = try CompleteLog(specAt: Self.logSpec)
        let inputs = try Self.samples(LogBinary32RuntimeTests.inputs(), spec: Self.logSpec)
        let differ = inputs.filter { !Self.same(Evolved.log($0, kernel: LogBinary32CorrectlyRoundedFma.self),
                                                Float(complete.evaluate(Double($0)))) }
        #expect(differ.isEmpty, "\(differ.count) of \(inputs.count) differ; first x = \(differ.first.map { HexFloat.format(Double($0)) } ?? "")")
    }

    /// Against MPFR (not the spec): the samples, the fused spec's exceptions
    /// and inputs within 2^-16 ULP of a rounding midpoint.
    @Test func fusedKernelsAreCorrectlyRoundedAgainstMPFR() throws {
        let expHard = Binary32HardCases.near({ (x: Double) -> Double in Foundation.exp(x) }, lower: -103.98, upper: 88.73, stride: 128)
        let expInputs = try Self.samples(ExpBinary32CorrectlyRoundedRuntimeTests.inputs(), spec: Self.expSpec) + expHard
        let e = Binary32HardCases.misrounded(expInputs, runtime: { Evolved.exp($0, kernel: ExpBinary32CorrectlyRoundedFma.self) },
                                             reference: CorrectlyRoundedReference(ExpFunction()))
        #expect(e.count == 0, "exp: \(e.count) of \(expInputs.count) misrounded; first: \(e.first)")

        let logHard = Binary32HardCases.near({ (x: Double) -> Double in Foundation.log(x) }, lower: .leastNonzeroMagnitude,
                                             upper: .greatestFiniteMagnitude)
        let logInputs = try Self.samples(LogBinary32RuntimeTests.inputs(), spec: Self.logSpec) + logHard
        let l = Binary32HardCases.misrounded(logInputs, runtime: { Evolved.log($0, kernel: LogBinary32CorrectlyRoundedFma.self) },
                                             reference: CorrectlyRoundedReference(LogFunction()))
        #expect(l.count == 0, "log: \(l.count) of \(logInputs.count) misrounded; first: \(l.first)")
    }

    /// The batch entries of this build give its scalar results (the same
    /// kernel in both), on the samples.
    @Test func batchMatchesScalarInThisConfiguration() throws {
        for (inputs, scalar, batch) in [
            (try ExpBinary32CorrectlyRoundedRuntimeTests.inputs(), { (x: Float) in Evolved.exp(x) }, { (x: [Float]) in Evolved.exp(x) }),
            (try LogBinary32RuntimeTests.inputs(), { (x: Float) in Evolved.log(x) }, { (x: [Float]) in Evolved.log(x) }),
        ] {
            let out = batch(inputs)
            let differ = zip(inputs, out).filter { !Self.same(scalar($0), $1) }
            #expect(differ.isEmpty, "\(differ.count) of \(inputs.count) differ")
        }
    }
}
