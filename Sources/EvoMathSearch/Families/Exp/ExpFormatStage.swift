import EvoMath
import EvoMathReference
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The complete exp in a 16- or 32-bit format (special cases + reduction +
/// kernel + reconstruction, in Float), against correctly rounded references:
/// every input of a 16-bit format, a stratified sample plus hard inputs for
/// binary32. A binary32 recipe evaluated in binary64 computes in Double with
/// one final rounding (`evaluate64`), and its inputs include every input
/// whose exp lies within 2^-39 of a rounding boundary
/// (`ExpExceptions.hardInputs`), so its misrounded count is the exhaustive
/// one for kernels accurate to better than ~2^-40.
public final class ExpFormatStage: FormatStage, @unchecked Sendable {
    public let format: FloatFormat
    /// Inputs whose correctly rounded result is finite and non-zero (the
    /// others are special cases of the glue).
    public let inputs: [Float]
    /// exp(x) to Double precision and correctly rounded in the format.
    public let exact: [Double]
    public let correct: [Double]
    /// Largest x with a finite result / smallest x with a non-zero result.
    public let overflowThreshold: Double
    public let underflowThreshold: Double
    public let reductions: [Int: ExpReduction]
    let recipe: Recipe

    init(format: FloatFormat, recipe: Recipe) {
        self.format = format
        self.recipe = recipe
        let ref = CorrectlyRoundedReference(ExpFunction())
        // Thresholds: walk the format's values near ln(max) and ln(min/2).
        func cr(_ x: Double) -> Double { ref.value(at: x, in: format) }
        var hi = format.round(log(format.greatestFiniteMagnitude))
        while cr(format.nextUp(hi)).isFinite { hi = format.nextUp(hi) }
        while !cr(hi).isFinite { hi = format.nextDown(hi) }
        var lo = format.round(log(format.leastNonzeroMagnitude))
        while cr(format.nextDown(lo)) != 0 { lo = format.nextDown(lo) }
        while cr(lo) == 0 { lo = format.nextUp(lo) }
        overflowThreshold = hi
        underflowThreshold = lo
        var xs: [Double] = []
        // A custom format (`Recipe.isCustomFormat`): every input, so that the
        // misrounded count is the exhaustive one whatever the kernel's error.
        if format.bitWidth <= 16 || recipe.isCustomFormat {
            for bits in 0..<format.encodingCount {
                let x = format.decode(bits)
                if x.isFinite && x >= lo && x <= hi { xs.append(x) }
            }
        } else {
            // Stratified: a third uniform in x over the range, two thirds
            // log-uniform over |x| in [2^-27, 2^7) (both signs), plus the
            // thresholds and the reduction's boundaries (|r| largest).
            var rng = SplitMix64(seed: 0x5eed_e4b0)
            let n = recipe.formatSamples
            for i in 0..<n {
                if i % 3 == 0 {
                    let u = Double(rng.next() >> 11) * 0x1p-53
                    xs.append(Double(Float(lo + (hi - lo) * u)))
                } else {
                    let e = Int(rng.next() % 34) - 27
                    let m = 1 + Double(rng.next() >> 11) * 0x1p-53
                    var x = Double(Float(Double(sign: .plus, exponent: e, significand: m)))
                    if rng.next() & 1 == 1 { x = -x }
                    if x >= lo && x <= hi { xs.append(x) }
                }
            }
            var edge = hi
            var edgeLow = lo
            for _ in 0..<64 {
                xs.append(edge); xs.append(edgeLow)
                edge = format.nextDown(edge); edgeLow = format.nextUp(edgeLow)
            }
            for t in recipe.tableBits {
                for k in stride(from: -150 << t, through: 128 << t, by: max(1, (1 << t) / 4)) {
                    let mid = (Double(k) + 0.5) * 0x1.62e42fefa39efp-1 / Double(1 << t)
                    var x = Double(Float(mid))
                    for _ in 0..<3 where x >= lo && x <= hi {
                        xs.append(x); x = format.nextUp(x)
                    }
                }
            }
            if recipe.evaluatesInBinary64 { xs += ExpExceptions.hardInputs(low: Float(lo), high: Float(hi)) }
            xs = Array(Set(xs.map { $0.bitPattern })).sorted().map { Double(bitPattern: $0) }
        }
        inputs = xs.map { Float($0) }
        exact = xs.map { ref.highPrecisionValue(at: $0, precision: 96).doubleValue }
        correct = xs.map(cr)
        var reds: [Int: ExpReduction] = [:]
        for t in recipe.tableBits { reds[t] = ExpReduction(tableBits: t) }
        reductions = reds
    }

    /// Rounds a Float result into the format (one rounding).
    @inline(__always)
    func toFormat(_ y: Float) -> Double {
        switch format {
        case .binary16: return Double(Float16(y))
        case .bfloat16: return Double(BFloatRounding.round(y))
        default: return Double(y)
        }
    }

    /// The reduced arguments and table indexes/exponents of every input.
    func reduce(tableBits t: Int, r: inout [Float], k: inout [Int32]) {
        let red = reductions[t]!
        let n = inputs.count
        if r.count != n { r = [Float](repeating: 0, count: n); k = [Int32](repeating: 0, count: n) }
        for s in 0..<n {
            let x = inputs[s]
            // The runtime's k (ExpSupport.roundToInteger: round to nearest,
            // ties to even, corrected under directed rounding modes).
            let (kf, ki) = ExpSupport.roundToInteger(x * red.inverseStep)
            r[s] = (x - kf * red.stepHigh) - kf * red.stepLow
            k[s] = Int32(ki)
        }
    }

    /// The complete function's results for every input (rounded into the
    /// format) and the summary against the references.
    public func evaluate(_ program: Program, tableBits t: Int, fused: Bool, scratch: inout EvaluationScratch,
                         results: UnsafeMutablePointer<Double>? = nil) -> FormatResult {
        if recipe.evaluatesInBinary64 { return evaluate64(program, tableBits: t, fused: fused, scratch: &scratch, results: results) }
        let red = reductions[t]!
        var r: [Float] = [], k: [Int32] = []
        reduce(tableBits: t, r: &r, k: &k)
        let n = inputs.count
        scratch.f.reserve(program.count * n)
        var result = FormatResult(maxULP: 0, misrounded: 0, worst: (0, 0, 0), inputs: n)
        let mask = Int32((1 << t) - 1)
        r.withUnsafeBufferPointer { rp in
            scratch.f.storage.withUnsafeMutableBufferPointer { reg in
                Interpreter.run(program, inputs: [rp.baseAddress!], count: n, fused: fused, registers: reg.baseAddress!)
                let p = reg.baseAddress! + program.output * n
                do {
                    let split = recipe.isSplit
                    for s in 0..<n {
                        let y = red.combine(p[s], Int(k[s] & mask), split: split)
                        let got = toFormat(ExpReduction.scale(y, Int(k[s] >> Int32(t))))
                        results?[s] = got
                        result.record(x: Double(inputs[s]), got: got, exact: exact[s], correct: correct[s], format: format)
                    }
                }
            }
        }
        if result.misrounded == 0 { result.maxULP = min(result.maxULP, 0.5) }
        return result
    }

    /// The complete function evaluated in binary64 (reduction, kernel,
    /// reconstruction in Double, one rounding to Float, or to a custom format
    /// by `FloatFormat.round`), without exceptions:
    /// `misrounded` counts the inputs the spec must list as exceptions.
    func evaluate64(_ program: Program, tableBits t: Int, fused: Bool, scratch: inout EvaluationScratch,
                    results: UnsafeMutablePointer<Double>?) -> FormatResult {
        let red = reductions[t]!
        let n = inputs.count
        var r = [Double](repeating: 0, count: n), k = [Int](repeating: 0, count: n)
        for s in 0..<n { (r[s], k[s]) = red.reduce64(inputs[s]) }
        scratch.d.reserve(program.count * n)
        var result = FormatResult(maxULP: 0, misrounded: 0, worst: (0, 0, 0), inputs: n)
        let custom = recipe.isCustomFormat
        r.withUnsafeBufferPointer { rp in
            scratch.d.storage.withUnsafeMutableBufferPointer { reg in
                Interpreter.run(program, inputs: [rp.baseAddress!], count: n, fused: fused, registers: reg.baseAddress!)
                let p = reg.baseAddress! + program.output * n
                for s in 0..<n {
                    let z = red.reconstruct64(p[s], k[s])
                    let got = custom ? format.round(z) : Double(Float(z))
                    results?[s] = got
                    result.record(x: Double(inputs[s]), got: got, exact: exact[s], correct: correct[s], format: format)
                }
            }
        }
        if result.misrounded == 0 { result.maxULP = min(result.maxULP, 0.5) }
        return result
    }

    /// For rounding-aware tuning: the reduced argument of every input and the
    /// interval of kernel values that give the correctly rounded result
    /// (midpoint and half-width), ignoring the rounding of the product with
    /// the table entry.
    public func kernelIntervals(tableBits t: Int) -> (r: [Double], mid: [Double], halfWidth: [Double]) {
        let red = reductions[t]!
        var r: [Float] = [], k: [Int32] = []
        reduce(tableBits: t, r: &r, k: &k)
        var mids: [Double] = [], hws: [Double] = []
        let mask = Int32((1 << t) - 1)
        for s in 0..<inputs.count {
            let v = correct[s]
            let below = format.nextDown(v), above = format.nextUp(v)
            var lowEnd = (v + below) / 2, highEnd = (v + above) / 2
            if v == format.leastNonzeroMagnitude { lowEnd = v / 2 }
            if !above.isFinite { highEnd = v + format.ulp(of: v) / 2 }
            let e = Int(k[s] >> Int32(t))
            let i = Int(k[s] & mask)
            let tab = Double(red.table[i])
            let scale = Double(sign: .plus, exponent: e, significand: 1) * tab
            var m = (lowEnd + highEnd) / 2 / scale
            if recipe.isSplit { m = m - 1 - Double(red.tableLow[i]) / tab }
            mids.append(m)
            hws.append((highEnd - lowEnd) / 2 / scale)
        }
        return (r.map(Double.init), mids, hws)
    }
}
