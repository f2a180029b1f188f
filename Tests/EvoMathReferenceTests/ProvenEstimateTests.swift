import CMPFR
import EvoMathReference
import Testing

/// The proven binary64 estimates against MPFR: the derivations in
/// ProvenEstimate.swift bound their relative error by 3.1·2^-53 (exp) and
/// 4.2·2^-53 (log); measured errors must stay below 5.7·2^-53 (≈ 2^-50.5,
/// well under the 2^-48 the filter assumes), on random inputs and on the
/// inputs that stress each step of the derivation. `correctlyRounded` must
/// agree with MPFR whenever it answers.
@Suite struct ProvenEstimateTests {
    static func stressInputs(_ name: String) -> [Float] {
        var rng = SplitMix64(seed: 2026)
        var inputs: [Float] = (0..<200_000).map { _ in Float(bitPattern: UInt32(truncatingIfNeeded: rng.next())) }
        // Both ends of every binade, around 0, 1, the reduction's boundaries and the range limits.
        for e in -149...127 {
            let p = Float(sign: .plus, exponent: e, significand: 1)
            let more: [Float] = [p, p.nextUp, p.nextDown, -p, -p.nextUp, (2 * p).nextDown]
            inputs += more
        }
        for i in -2000...2000 { inputs.append(1 + Float(i) * 0x1p-23) }
        if name == "exp" {
            let edges: [Float] = [128, -128, Float(128).nextDown, Float(-128).nextUp, 88.72283, -103.972, 0x1p-8, -0x1p-8, Float(0x1p-8).nextDown]
            inputs += edges
            for k in -11800...11800 where k % 7 == 0 {  // reduction boundaries (k ± 1/2)·ln2/64
                let b = Float((Double(k) + 0.5) * 0.6931471805599453 / 64)
                inputs += [b, b.nextUp, b.nextDown]
            }
        } else {
            for i in 0...128 {  // table boundaries 1 + i/64 and their neighbours, in several binades
                let m = 1 + Float(i) / 64
                for e in [-149, -126, -1, 0, 1, 60, 127] {
                    let b = m * Float(sign: .plus, exponent: e, significand: 1)
                    inputs += [b, b.nextUp, b.nextDown]
                }
            }
            let edges: [Float] = [1 - 0x1p-6, Float(1 - 0x1p-6).nextDown, 1 + 0x1p-6, Float(1 + 0x1p-6).nextUp]
            inputs += edges
        }
        return inputs.filter(\.isFinite)
    }

    @Test(arguments: ["exp", "log"])
    func relativeErrorIsWithinTheDerivedBound(function name: String) throws {
        let estimator = try #require(ProvenEstimates.named(name))
        let reference = CorrectlyRoundedReference(try #require(ReferenceFunctions.named(name)))
        let difference = MPFRFloat(precision: 128)
        var worst = 0.0, worstInput: Float = 0, checked = 0, decided = 0
        for x in Self.stressInputs(name) {
            guard let d = estimator.estimate(x) else {
                Issue.record("\(name): a guard of the proof failed at \(x)"); continue
            }
            let want = reference.value(at: Double(x), in: .binary32)
            if let cr = estimator.correctlyRounded(x) {
                decided += 1
                #expect(same(Double(cr), want), "\(name)(\(hex(Double(x)))): filter says \(hex(Double(cr))), MPFR \(hex(want))")
            }
            guard d.isFinite && d != 0 else {
                // Special results stand for values beyond binary32's range, or are exact.
                #expect(same(Double(Float(d)), want), "\(name)(\(hex(Double(x)))) = \(d), MPFR \(hex(want))")
                continue
            }
            let exact = reference.highPrecisionValue(at: Double(x), precision: 128)
            mpfr_set_d(difference.pointer, d, MPFR_RNDN)
            mpfr_sub(difference.pointer, difference.pointer, exact.pointer, MPFR_RNDN)
            mpfr_div(difference.pointer, difference.pointer, exact.pointer, MPFR_RNDN)
            let relative = abs(difference.doubleValue)
            checked += 1
            if relative > worst { worst = relative; worstInput = x }
        }
        #expect(checked > 100_000)
        #expect(decided > checked * 99 / 100)
        #expect(worst <= 5.7 * 0x1p-53, "\(name): relative error \(worst) at \(hex(Double(worstInput)))")
        #expect(worst <= estimator.relativeErrorBound)
        print("\(name): max relative error \(worst / 0x1p-53) · 2^-53 at \(hex(Double(worstInput))) over \(checked) inputs")
    }

    @Test func specialInputs() {
        let exp = ProvenEstimates.exp, log = ProvenEstimates.log
        #expect(exp.estimate(.nan)!.isNaN)
        #expect(exp.estimate(.infinity) == .infinity)
        #expect(exp.estimate(-.infinity) == 0)
        #expect(exp.estimate(0) == 1 && exp.estimate(-0.0) == 1)
        #expect(exp.estimate(200) == .infinity && exp.estimate(-200) == 0)
        #expect(log.estimate(.nan)!.isNaN && log.estimate(-1)!.isNaN && log.estimate(-.infinity)!.isNaN)
        #expect(log.estimate(0) == -.infinity && log.estimate(-0.0) == -.infinity)
        #expect(log.estimate(.infinity) == .infinity)
        #expect(log.estimate(1)!.bitPattern == 0)
    }
}
