@testable import EvoMath
import EvoMathReference
import EvoMathSearch
import Foundation
import Testing

/// The low-latency binary32 exp (Generators/exp.binary32.correctlyRounded.lowlatency.json: the
/// search with the cost model's opt-in `latency` term), emitted but not used by `Evolved.exp`:
/// its chain is shorter than the shipped kernel's, and the compiled kernel computes what the
/// search verified (exhaustively: 0 misrounded of 2^32 with its exceptions).
@Suite struct LowLatencyKernelTests {
    static let spec = GeneratedSourcesTests.root.path + "/Generators/exp.binary32.correctlyRounded.lowlatency.json"
    static let shipped = GeneratedSourcesTests.root.path + "/Generators/exp.binary32.correctlyRounded.json"

    /// The point of the search: the same operation count as the shipped Horner kernel, a
    /// critical path of 5 operations instead of 8.
    @Test func shorterChainThanTheShippedKernel() throws {
        let low = try SpecFile.read(at: Self.spec).program, horner = try SpecFile.read(at: Self.shipped).program
        #expect(low.cost(CostModel()) == horner.cost(CostModel()))
        #expect(low.criticalPath() == 5 && horner.criticalPath() == 8)
    }

    /// The compiled kernel (scalar) against the spec's semantics, bit for bit, on the
    /// shipped kernel's test samples and this spec's exceptions.
    @Test func matchesItsVerifiedSemantics() throws {
        let complete = try CompleteExp(specAt: Self.spec)
        #expect(complete.binary64 && !complete.fused)
        let inputs = try ExpBinary32CorrectlyRoundedRuntimeTests.inputs()
            + SpecFile.read(at: Self.spec).exceptionList.map { Float($0.x) }
        let differ = inputs.filter { !FusedKernelTests.same(Evolved.exp($0, kernel: ExpBinary32CorrectlyRoundedLowlatency.self),
                                                Float(complete.evaluate(Double($0)))) }
        #expect(differ.isEmpty, "\(differ.count) of \(inputs.count) differ; first x = \(differ.first.map { HexFloat.format(Double($0)) } ?? "")")
    }

    /// Against MPFR (not the spec): every 8th sample, the exceptions and the hard cases.
    @Test func correctlyRoundedAgainstMPFR() throws {
        let hard = Binary32HardCases.near({ (x: Double) -> Double in Foundation.exp(x) }, lower: -103.98, upper: 88.73, stride: 128)
        let inputs = try ExpBinary32CorrectlyRoundedRuntimeTests.inputs().enumerated().filter { $0.offset % 8 == 0 }.map(\.element)
            + SpecFile.read(at: Self.spec).exceptionList.map { Float($0.x) } + hard
        let r = Binary32HardCases.misrounded(inputs, runtime: { Evolved.exp($0, kernel: ExpBinary32CorrectlyRoundedLowlatency.self) },
                                             reference: CorrectlyRoundedReference(ExpFunction()))
        #expect(r.count == 0, "\(r.count) of \(inputs.count) misrounded; first: \(r.first)")
    }

    /// The emitted vector kernel gives the scalar kernel's value in every lane.
    @Test func vectorKernelMatchesScalarKernel() {
        typealias K = ExpBinary32CorrectlyRoundedLowlatency
        var rng = SplitMix64(seed: 77)
        var differ = 0
        for _ in 0..<20_000 {
            var r = SIMD8<Double>()
            for l in 0..<8 { r[l] = (Double(rng.next() >> 11) * 0x1p-53 * 2 - 1) * 0x1.62e42fefa39efp-8 }
            let v = K.kernel(r)
            for l in 0..<8 where v[l].bitPattern != K.kernel(r[l]).bitPattern { differ += 1 }
        }
        #expect(differ == 0)
        #expect(K.vectorTable.enumerated().allSatisfy { $0.element.bitPattern == K.table($0.offset).bitPattern })
    }
}
