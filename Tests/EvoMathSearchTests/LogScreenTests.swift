@testable import EvoMath
import EvoMathEmitter
import EvoMathReference
import EvoMathSearch
import EvoMathSpec
import Foundation
import Testing

/// The two-stage binary32 log (`LogSupport.screened`): the screen kernel of
/// Generators/log.binary32.screen.json and its rounding test, then the
/// one-kernel function for the inputs the test does not decide.
@Suite struct LogScreenTests {
    static let spec = GeneratedSourcesTests.root.path + "/Generators/log.binary32.screen.json"

    /// Samples over every binade, around 1 and near rounding midpoints.
    static func inputs() -> [Float] {
        var rng = SplitMix64(seed: 3232)
        var inputs: [Float] = [1, Float(1).nextUp, Float(1).nextDown, 2, 0.5, .leastNormalMagnitude, .greatestFiniteMagnitude,
                               Float(bitPattern: 0x3F7F_04F2), Float(bitPattern: 0x3F7F_04F3), Float(bitPattern: 0x3F81_04F2),
                               Float(bitPattern: 0x3F81_04F3)]
        for _ in 0..<300_000 { inputs.append(Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()) & 0x7FFF_FFFF)) }
        for _ in 0..<200_000 { inputs.append(Float(1 + (Double(rng.next() >> 11) * 0x1p-53 - 0.5) * 0x1p-5)) }
        return inputs.filter { $0.isFinite && $0 > 0 }
    }

    /// The first stage alone (the second replaced by a marker): every result
    /// it decides is MPFR's correctly rounded one, on the samples and on
    /// inputs within 2^-16 ULP of a rounding midpoint, most of which take the
    /// second stage; x = 1 gives +0 in the first stage; on random bit
    /// patterns the second stage's share is below twice the header's 2W/2^29.
    @Test func firstStageDecisionsAreCorrectlyRounded() throws {
        let marker = Float(bitPattern: 0x7FC0_DEAD)
        func first(_ x: Float) -> Float { LogSupport.screened(x, LogBinary32Kernel.self) { _ in marker } }
        let hard = Binary32HardCases.near({ (x: Double) -> Double in Foundation.log(x) }, lower: 0x1p-126, upper: .greatestFiniteMagnitude, stride: 64)
        let inputs = Self.inputs() + hard
        let decided = inputs.filter { first($0).bitPattern != marker.bitPattern }
        let r = Binary32HardCases.misrounded(decided, runtime: first, reference: CorrectlyRoundedReference(LogFunction()))
        #expect(r.count == 0, "\(r.count) of \(decided.count) first-stage results misrounded; first: \(r.first)")
        let hardPassed = hard.filter { first($0).bitPattern != marker.bitPattern }.count
        #expect(hard.count > 100 && 4 * hardPassed < hard.count, "\(hardPassed) of \(hard.count) near-midpoint inputs decided by the first stage")
        #expect(first(1).bitPattern == 0)

        var rng = SplitMix64(seed: 33)
        let n = 1 << 20
        var fallbacks = 0
        for _ in 0..<n where first(Float(bitPattern: 0x0080_0000 + UInt32(truncatingIfNeeded: rng.next() % 0x7F00_0000))).bitPattern == marker.bitPattern {
            fallbacks += 1
        }
        let estimate = 2 * Double(LogBinary32Screen.roundingTestWindow) * 0x1p-29
        #expect(Double(fallbacks) / Double(n) < 2 * estimate, "\(fallbacks) of \(n) take the second stage (estimate \(estimate))")
    }

    /// Both stages give the one-kernel function's results, bit for bit.
    @Test func twoStagesGiveTheOneKernelResults() {
        var inputs = Self.inputs()
        inputs += [0, -0.0, -1, .infinity, -.infinity, .nan, .leastNonzeroMagnitude, Float(bitPattern: 0x007F_FFFF)]
        let differ = inputs.filter { !FusedKernelTests.same(Evolved.log($0), Evolved.log($0, kernel: LogBinary32Kernel.self)) }
        #expect(differ.isEmpty, "\(differ.count) of \(inputs.count) differ; first x = \(differ.first.map { HexFloat.format(Double($0)) } ?? "")")
    }

    /// The budget's constants hold for the table in use: |log c| ≤ logcBound
    /// on every entry, the entry of m = 1 has c = 1 (invc 1, log c 0), and
    /// |log x| ≥ zMinimum for e = 0 outside it; the spec's interval covers
    /// the reduction's r; the window is ⌈S·2^53⌉ of the budget recomputed
    /// from the spec; the Estrin bound holds for the compiled kernel. For
    /// the screen and its fused twin (log.binary32.screen.fma.json).
    @Test(arguments: [false, true]) func budgetConstantsAndWindow(fused: Bool) throws {
        typealias K = LogBinary32Kernel
        #expect((0..<(1 << K.tableBits)).allSatisfy { abs(K.table($0).logc) <= LogScreenBudget.logcBound })
        let central = LogSupport.split(1, tableBits: K.tableBits)
        #expect(central.e == 0 && K.table(central.i).invc == 1 && K.table(central.i).logc == 0)
        var nearest = Double.infinity
        for bits in UInt32(0x3F00_0000)...0x3FC0_0000 {
            let x = Float(bitPattern: bits)
            let s = LogSupport.split(x, tableBits: K.tableBits)
            if s.e == 0 && s.i != central.i { nearest = min(nearest, abs(Foundation.log(Double(x)))) }
        }
        #expect(nearest >= LogScreenBudget.zMinimum && nearest < 2 * LogScreenBudget.zMinimum, "nearest |log x| \(nearest)")

        let spec = try SpecFile.read(at: fused ? Self.spec.replacingOccurrences(of: ".json", with: ".fma.json") : Self.spec)
        #expect(spec.evaluation.fusedMultiplyAdd == fused)
        guard case .none(let interval) = spec.reduction, let q = spec.program.monomialCoefficients,
              let error = spec.verification.maxError?.value else {
            Issue.record("the screen spec has no interval, polynomial or maxError"); return
        }
        let log = try SpecFile.read(at: GeneratedSourcesTests.root.path + "/Generators/log.binary32.correctlyRounded.json")
        guard case .logSplit(let red) = log.reduction else { Issue.record("the log spec has no log-split reduction"); return }
        #expect(interval.interval[0].value <= red.interval[0].value && interval.interval[1].value >= red.interval[1].value)
        let budget = LogScreenBudget(spec, coefficients: q, approximation: error)
        let window = fused ? LogBinary32ScreenPolynomialFma.roundingTestWindow : LogBinary32ScreenPolynomial.roundingTestWindow
        func evaluate(_ v: Double) -> Double {
            fused ? LogBinary32ScreenPolynomialFma.evaluate(v, squared: v * v) : LogBinary32ScreenPolynomial.evaluate(v, squared: v * v)
        }
        #expect(window == budget.window)
        #expect(Double(budget.window) >= budget.total * 0x1p53)
        #expect(error <= spec.recipe.targetError!)

        var rng = SplitMix64(seed: 6)
        var worst = 0.0
        let (lo, hi) = (interval.interval[0].value, interval.interval[1].value)
        for _ in 0..<200_000 {
            let v = lo + Double(rng.next() >> 11) * 0x1p-53 * (hi - lo)
            var exact = Float80(q.last!)
            for c in q.dropLast().reversed() { exact = exact * Float80(v) + Float80(c) }
            let got = evaluate(v)
            worst = max(worst, Double(abs(Float80(got) - exact) / exact))
        }
        #expect(worst > 0 && worst <= budget.evaluation, "measured \(worst), bound \(budget.evaluation)")
    }
}
