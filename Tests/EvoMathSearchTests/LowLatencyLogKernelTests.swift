@testable import EvoMath
import EvoMathReference
import EvoMathSearch
import Foundation
import Testing

/// The low-latency binary32 log (Generators/log.binary32.correctlyRounded.lowlatency.json: the
/// search with the cost model's opt-in `latency` term), emitted but not used by `Evolved.log`.
@Suite struct LowLatencyLogKernelTests {
    static let spec = GeneratedSourcesTests.root.path + "/Generators/log.binary32.correctlyRounded.lowlatency.json"
    static let shipped = GeneratedSourcesTests.root.path + "/Generators/log.binary32.correctlyRounded.json"

    /// The search kept its Estrin seed (the shipped coefficients): 13 operations against the
    /// shipped Horner kernel's 11, a critical path of 6 against 11.
    @Test func shorterChainThanTheShippedKernel() throws {
        let low = try SpecFile.read(at: Self.spec).program, horner = try SpecFile.read(at: Self.shipped).program
        #expect(horner.cost(CostModel()) == 11 && low.cost(CostModel()) == 13)
        #expect(horner.criticalPath() == 11 && low.criticalPath() == 6)
    }

    /// The compiled kernel against the spec's semantics, bit for bit, on the shipped kernel's
    /// test samples and this spec's exceptions.
    @Test func matchesItsVerifiedSemantics() throws {
        let complete = try CompleteLog(specAt: Self.spec)
        let inputs = try LogBinary32RuntimeTests.inputs() + SpecFile.read(at: Self.spec).exceptionList.map { Float($0.x) }
        let differ = inputs.filter { !FusedKernelTests.same(Evolved.log($0, kernel: LogBinary32CorrectlyRoundedLowlatency.self),
                                                Float(complete.evaluate(Double($0)))) }
        #expect(differ.isEmpty, "\(differ.count) of \(inputs.count) differ; first x = \(differ.first.map { HexFloat.format(Double($0)) } ?? "")")
    }

    /// Against MPFR (not the spec): every 8th sample, the exceptions and the hard cases.
    @Test func correctlyRoundedAgainstMPFR() throws {
        let hard = Binary32HardCases.near({ (x: Double) -> Double in Foundation.log(x) }, lower: .leastNonzeroMagnitude,
                                          upper: .greatestFiniteMagnitude)
        let inputs = try LogBinary32RuntimeTests.inputs().enumerated().filter { $0.offset % 8 == 0 }.map(\.element)
            + SpecFile.read(at: Self.spec).exceptionList.map { Float($0.x) } + hard
        let r = Binary32HardCases.misrounded(inputs, runtime: { Evolved.log($0, kernel: LogBinary32CorrectlyRoundedLowlatency.self) },
                                             reference: CorrectlyRoundedReference(LogFunction()))
        #expect(r.count == 0, "\(r.count) of \(inputs.count) misrounded; first: \(r.first)")
    }

    /// The emitted vector kernel gives the scalar kernel's value in every lane.
    @Test func vectorKernelMatchesScalarKernel() {
        typealias K = LogBinary32CorrectlyRoundedLowlatency
        var rng = SplitMix64(seed: 78)
        var differ = 0
        for _ in 0..<20_000 {
            var r = SIMD8<Double>()
            for l in 0..<8 { r[l] = (Double(rng.next() >> 11) * 0x1p-53 * 2 - 1) * 0x1p-7 }
            let v = K.kernel(r)
            for l in 0..<8 where v[l].bitPattern != K.kernel(r[l]).bitPattern { differ += 1 }
        }
        #expect(differ == 0)
    }
}
