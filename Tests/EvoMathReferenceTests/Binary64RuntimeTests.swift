import EvoMath
import EvoMathReference
import Foundation
import Testing

/// binary64 `Evolved.exp` / `Evolved.log` (correctly rounded) and their fast
/// tiers against MPFR, grouped as LLVM libc groups them: special numbers,
/// overflow and underflow, subnormals, in range (random samples) and the
/// hard-to-round cases of Data/hard-cases/.
@Suite struct Binary64RuntimeTests {
    // A new reference per use: MPFR state is per thread, and the tests run concurrently.
    static var exp: CorrectlyRoundedReference { CorrectlyRoundedReference(ExpFunction()) }
    static var log: CorrectlyRoundedReference { CorrectlyRoundedReference(LogFunction()) }

    /// Deterministic random doubles with every exponent in `exponents` equally likely.
    static func samples(_ count: Int, exponents: ClosedRange<Int>, negative: Bool, seed: UInt64) -> [Double] {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return (0..<count).map { _ in
            let r = next()
            let e = exponents.lowerBound + Int(r % UInt64(exponents.count))
            let v = Double(sign: .plus, exponent: e, significand: 1 + Double(next() >> 12) * 0x1p-52)
            return negative && r & (1 << 40) != 0 ? -v : v
        }
    }

    static func hardCases(_ name: String) throws -> [Double] {
        let url = TestData.repositoryRoot.appendingPathComponent("Data/hard-cases/\(name)")
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let t = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let s = t.trimmingCharacters(in: .whitespaces)
            return s.isEmpty ? nil : HexFloat.parse(Substring(s))
        }
    }

    /// The inputs (at most `limit` reported) where `f` differs from the correctly rounded result.
    static func misrounded(_ inputs: [Double], _ f: (Double) -> Double, _ r: CorrectlyRoundedReference) -> [String] {
        var bad: [String] = []
        for x in inputs {
            let got = f(x), want = r.value(at: x, in: .binary64)
            if !same(got, want) { bad.append("\(hex(x)): got \(hex(got)) want \(hex(want))") }
            if bad.count >= 10 { break }
        }
        return bad
    }

    // MARK: special numbers

    @Test func expSpecialNumbers() {
        for f in [Evolved.exp as (Double) -> Double, Evolved.Fast.exp] {
            #expect(f(.nan).isNaN)
            let signalling = Double(bitPattern: 0x7FF0_0000_0000_0001)
            #expect(signalling.isSignalingNaN)
            #expect(f(signalling).isNaN && !f(signalling).isSignalingNaN)
            #expect(same(f(.infinity), .infinity))
            #expect(same(f(-.infinity), 0.0))
            #expect(same(f(0), 1))
            #expect(same(f(-0.0), 1))
            #expect(same(f(.leastNonzeroMagnitude), 1))
            #expect(same(f(-.leastNonzeroMagnitude), 1))
            #expect(same(f(0x1p-54), 1))
            #expect(same(f(-0x1p-54), 1))
            #expect(same(f(.greatestFiniteMagnitude), .infinity))
            #expect(same(f(-.greatestFiniteMagnitude), 0.0))
        }
    }

    @Test func logSpecialNumbers() {
        for f in [Evolved.log as (Double) -> Double, Evolved.Fast.log] {
            #expect(f(.nan).isNaN)
            let signalling = Double(bitPattern: 0x7FF0_0000_0000_0001)
            #expect(f(signalling).isNaN && !f(signalling).isSignalingNaN)
            #expect(same(f(.infinity), .infinity))
            #expect(f(-.infinity).isNaN)
            #expect(f(-1).isNaN)
            #expect(f(-.leastNonzeroMagnitude).isNaN)
            #expect(same(f(0), -.infinity))
            #expect(same(f(-0.0), -.infinity))
            #expect(same(f(1), 0.0))  // exactly +0
        }
        for x in [Double.leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, 2, 0.5, 0x1p-1074, 0x1p1023] {
            #expect(same(Evolved.log(x), Binary64RuntimeTests.log.value(at: x, in: .binary64)), "log(\(hex(x)))")
        }
    }

    // MARK: overflow and underflow

    @Test func expThresholds() {
        let overflow = 0x1.62e42fefa39efp+9, underflow = -0x1.74910d52d3051p+9
        for f in [Evolved.exp as (Double) -> Double, Evolved.Fast.exp] {
            #expect(f(overflow) == 0x1.fffffffffff2ap+1023)
            #expect(same(f(overflow.nextUp), .infinity))
            #expect(same(f(underflow), .leastNonzeroMagnitude))
            #expect(same(f(underflow.nextDown), 0.0))
        }
        #expect(same(Binary64RuntimeTests.exp.value(at: overflow, in: .binary64), 0x1.fffffffffff2ap+1023))
        #expect(same(Binary64RuntimeTests.exp.value(at: overflow.nextUp, in: .binary64), .infinity))
        #expect(same(Binary64RuntimeTests.exp.value(at: underflow.nextDown, in: .binary64), 0.0))
    }

    /// Results near the overflow threshold, near 2^-1022 and subnormal (the
    /// rare path rounds to fewer bits there).
    @Test func expBorderline() {
        var inputs: [Double] = []
        for (lo, hi) in [(708.0, 709.79), (-708.5, -708.3), (-745.2, -708.3)] {
            for j in 0..<3000 { inputs.append(lo + (hi - lo) * Double(j) / 3000 + Double(j % 7) * 0x1p-40) }
        }
        let bad = Binary64RuntimeTests.misrounded(inputs, Evolved.exp, Binary64RuntimeTests.exp)
        #expect(bad.isEmpty, "\(bad)")
        let reference = Binary64RuntimeTests.exp
        for x in inputs {
            let e = reference.ulpError(of: Evolved.Fast.exp(x), at: x, in: .binary64)
            #expect(e < 1, "Fast.exp(\(hex(x))): \(e) ULP")
        }
    }

    // MARK: subnormal inputs

    @Test func logSubnormals() {
        let inputs = (0..<4000).map { j -> Double in
            Double(bitPattern: UInt64(1 + j) &* 0x0000_0431_0C3E_6A9B % 0x000F_FFFF_FFFF_FFFF + 1)
        }
        #expect(inputs.allSatisfy { $0.isSubnormal })
        let bad = Binary64RuntimeTests.misrounded(inputs, Evolved.log, Binary64RuntimeTests.log)
        #expect(bad.isEmpty, "\(bad)")
    }

    // MARK: in range

    @Test func expSamples() {
        let inputs = Binary64RuntimeTests.samples(40000, exponents: -60...9, negative: true, seed: 7)
            .filter { $0.magnitude < 745 }
        let bad = Binary64RuntimeTests.misrounded(inputs, Evolved.exp, Binary64RuntimeTests.exp)
        #expect(bad.isEmpty, "\(bad)")
        var worst = 0.0
        let reference = Binary64RuntimeTests.exp
        for x in inputs { worst = max(worst, reference.ulpError(of: Evolved.Fast.exp(x), at: x, in: .binary64)) }
        // The fused configuration's fast tier is its own kernel (16-entry table, written bound
        // 0.625 ULP, Exp+Double.swift `fastStage16`); the unfused first stage is 0.5 + 2^-6.
        #expect(worst < (Evolved.configuration == "fma" ? 0.625 : 0.52), "Fast.exp max \(worst) ULP")
    }

    @Test func logSamples() {
        var inputs = Binary64RuntimeTests.samples(40000, exponents: -1022...1023, negative: false, seed: 11)
        // Near 1, where the result is small and the relative accuracy of the kernel is what counts.
        inputs += Binary64RuntimeTests.samples(20000, exponents: -60 ... -1, negative: true, seed: 13).map { 1 + $0 }
        let bad = Binary64RuntimeTests.misrounded(inputs, Evolved.log, Binary64RuntimeTests.log)
        #expect(bad.isEmpty, "\(bad)")
        var worst = 0.0
        let reference = Binary64RuntimeTests.log
        for x in inputs { worst = max(worst, reference.ulpError(of: Evolved.Fast.log(x), at: x, in: .binary64)) }
        #expect(worst < 0.52, "Fast.log max \(worst) ULP")
    }

    // MARK: hard cases

    @Test func expHardCases() throws {
        let inputs = try Binary64RuntimeTests.hardCases("exp.binary64.txt")
        #expect(inputs.count >= 2)
        let bad = Binary64RuntimeTests.misrounded(inputs, Evolved.exp, Binary64RuntimeTests.exp)
        #expect(bad.isEmpty, "\(bad)")
    }

    @Test func logHardCases() throws {
        let inputs = try Binary64RuntimeTests.hardCases("log.binary64.txt")
        #expect(inputs.count > 130_000)
        let bad = Binary64RuntimeTests.misrounded(inputs, Evolved.log, Binary64RuntimeTests.log)
        #expect(bad.isEmpty, "\(bad)")
    }
}
