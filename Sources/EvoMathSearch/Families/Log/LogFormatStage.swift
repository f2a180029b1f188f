import EvoMathReference
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The complete log in a 16-bit format: special cases, reduction, kernel,
/// reconstruction in Float, one rounding to the format; against correctly
/// rounded references on every positive finite input other than 1.
public final class LogFormatStage: FormatStage, @unchecked Sendable {
    public let format: FloatFormat
    public let inputs: [Float]
    public let exact: [Double]
    public let correct: [Double]
    public let reductions: [Int: LogReduction]

    /// binary32 evaluated in binary64: one final rounding, misrounded inputs
    /// become the spec's exceptions.
    public let binary64: Bool

    init(format: FloatFormat, recipe: Recipe) {
        self.format = format
        binary64 = recipe.evaluatesInBinary64
        let ref = CorrectlyRoundedReference(LogFunction())
        var xs: [Double] = []
        if format.bitWidth <= 16 {
            for bits in 0..<format.encodingCount {
                let x = format.decode(bits)
                if x.isFinite && x > 0 && x != 1 { xs.append(x) }
            }
        } else {
            // Stratified: log-uniform over every binade (subnormals too), a
            // third uniform in [0.5, 2), plus every input whose log lies near
            // a rounding boundary (LogExceptions.hardInputs).
            var rng = SplitMix64(seed: 0x5eed_1065)
            for i in 0..<recipe.formatSamples {
                let bits: UInt32
                if i % 3 == 0 {
                    bits = UInt32(0x3F00_0000) + UInt32(truncatingIfNeeded: rng.next() % 0x0100_0000)
                } else {
                    bits = UInt32(truncatingIfNeeded: rng.next() % 0x7F80_0000) + 1
                }
                let x = Double(Float(bitPattern: bits))
                if x != 1 { xs.append(x) }
            }
            xs += LogExceptions.hardInputs()
            if !binary64 {
                // Evaluated in binary32 (the fast tier): also the inputs
                // around 1, where log x is as small as r and a kernel's
                // relative error near r = 0 shows (a constant term, the
                // roundings of r·q(r)): the 4096 nearest on each side and
                // 2048 log-uniform in |x − 1| from 2^-12 to 2^-2.
                for k in UInt32(1)...4096 {
                    xs.append(Double(Float(bitPattern: 0x3F80_0000 + k)))
                    xs.append(Double(Float(bitPattern: 0x3F80_0000 - k)))
                }
                var near = SplitMix64(seed: 0x5eed_0001)
                for i in 0..<2048 {
                    let u = Double(near.next() >> 11) * 0x1p-53
                    let d = Double(sign: .plus, exponent: -12, significand: 1) * Foundation.pow(2, 10 * u)
                    xs.append(Double(Float(i % 2 == 0 ? 1 + d : 1 - d / 2)))
                }
                xs = xs.filter { $0 != 1 }
            }
            xs = Array(Set(xs.map { $0.bitPattern })).sorted().map { Double(bitPattern: $0) }
        }
        inputs = xs.map { Float($0) }
        exact = xs.map { ref.highPrecisionValue(at: $0, precision: 96).doubleValue }
        correct = xs.map { ref.value(at: $0, in: format) }
        var reds: [Int: LogReduction] = [:]
        for t in recipe.tableBits { reds[t] = LogReduction(tableBits: t) }
        reductions = reds
    }

    @inline(__always)
    func toFormat(_ y: Float) -> Double {
        switch format {
        case .binary16: return Double(Float16(y))
        case .bfloat16: return Double(BFloatRounding.round(y))
        default: return Double(y)
        }
    }

    public func evaluate(_ program: Program, tableBits t: Int, fused: Bool, scratch: inout EvaluationScratch,
                         results: UnsafeMutablePointer<Double>?) -> FormatResult {
        if binary64 { return evaluate64(program, tableBits: t, fused: fused, scratch: &scratch, results: results) }
        let red = reductions[t]!
        let n = inputs.count
        var r = [Float](repeating: 0, count: n), e = [Int](repeating: 0, count: n), idx = [Int](repeating: 0, count: n)
        for s in 0..<n { (r[s], e[s], idx[s]) = red.reduce(inputs[s]) }
        scratch.f.reserve(program.count * n)
        var result = FormatResult(maxULP: 0, misrounded: 0, worst: (0, 0, 0), inputs: n)
        r.withUnsafeBufferPointer { rp in
            scratch.f.storage.withUnsafeMutableBufferPointer { reg in
                Interpreter.run(program, inputs: [rp.baseAddress!], count: n, fused: fused, registers: reg.baseAddress!)
                let p = reg.baseAddress! + program.output * n
                for s in 0..<n {
                    let got = toFormat(red.combine(p[s], e: e[s], i: idx[s]))
                    results?[s] = got
                    result.record(x: Double(inputs[s]), got: got, exact: exact[s], correct: correct[s], format: format)
                }
            }
        }
        if result.misrounded == 0 { result.maxULP = min(result.maxULP, 0.5) }
        return result
    }

    /// The complete function in binary64, one rounding to Float, without
    /// exceptions: `misrounded` counts the inputs the spec must list.
    func evaluate64(_ program: Program, tableBits t: Int, fused: Bool, scratch: inout EvaluationScratch,
                    results: UnsafeMutablePointer<Double>?) -> FormatResult {
        let red = reductions[t]!
        let n = inputs.count
        var r = [Double](repeating: 0, count: n), e = [Int](repeating: 0, count: n), idx = [Int](repeating: 0, count: n)
        for s in 0..<n { (r[s], e[s], idx[s]) = red.reduce64(inputs[s]) }
        scratch.d.reserve(program.count * n)
        var result = FormatResult(maxULP: 0, misrounded: 0, worst: (0, 0, 0), inputs: n)
        r.withUnsafeBufferPointer { rp in
            scratch.d.storage.withUnsafeMutableBufferPointer { reg in
                Interpreter.run(program, inputs: [rp.baseAddress!], count: n, fused: fused, registers: reg.baseAddress!)
                let p = reg.baseAddress! + program.output * n
                for s in 0..<n {
                    let got = Double(Float(red.combine64(p[s], e: e[s], i: idx[s])))
                    results?[s] = got
                    result.record(x: Double(inputs[s]), got: got, exact: exact[s], correct: correct[s], format: format)
                }
            }
        }
        if result.misrounded == 0 { result.maxULP = min(result.maxULP, 0.5) }
        return result
    }

    /// The reduced argument of every input and the interval of kernel values
    /// that give the correctly rounded result (ignoring the roundings of the
    /// reconstruction).
    public func kernelIntervals(tableBits t: Int) -> (r: [Double], mid: [Double], halfWidth: [Double]) {
        let red = reductions[t]!
        var rs: [Double] = [], mids: [Double] = [], hws: [Double] = []
        let ln2 = 0x1.62e42fefa39efp-1
        for s in inputs.indices {
            let (r, e, i) = red.reduce(inputs[s])
            if r == 0 { continue }
            let v = correct[s]
            let lowEnd = (v + format.nextDown(v)) / 2, highEnd = (v + format.nextUp(v)) / 2
            let base = Double(e) * ln2 + Double(red.logcHigh[i]) + Double(red.logcLow[i])
            rs.append(Double(r))
            mids.append((lowEnd + highEnd) / 2 - base)
            hws.append((highEnd - lowEnd) / 2)
        }
        return (rs, mids, hws)
    }
}
