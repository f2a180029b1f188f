import EvoMathReference
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The range reduction of exp: `x = k·ln2/2^T + r`, `|r| ≤ ln2/2^(T+1)`,
/// `exp(x) = 2^(k >> T) · 2^((k mod 2^T)/2^T) · exp(r)`; every constant is a
/// Float, exactly as the emitted runtime has it.
public struct ExpReduction: Sendable {
    public let tableBits: Int
    /// 2^T / ln 2, rounded to Float.
    public let inverseStep: Float
    /// ln2/2^T with its low 8+T significand bits cleared, so that k·stepHigh
    /// is exact for every |k| < 2^(8+T) (|x| < 104 needs |k| ≤ 150·2^T).
    public let stepHigh: Float
    /// ln2/2^T − stepHigh, rounded to Float.
    public let stepLow: Float
    /// 2^(i/2^T) correctly rounded to Float, i = 0..<2^T.
    public let table: [Float]
    /// 2^(i/2^T) − table[i], rounded to Float (the split reconstruction).
    public let tableLow: [Float]
    /// The same reduction in binary64 (kernels evaluated in Double): 2^T/ln2
    /// rounded to Double; ln2/2^T with its low 8+T significand bits cleared
    /// (k·stepHigh64 exact for |k| < 2^(8+T)) and the rest rounded to Double;
    /// 2^(i/2^T) correctly rounded to Double.
    public let inverseStep64: Double
    public let stepHigh64: Double
    public let stepLow64: Double
    public let table64: [Double]

    public init(tableBits t: Int) {
        tableBits = t
        let ln2 = 0x1.62e42fefa39efp-1
        let step = ln2 / Double(1 << t)
        inverseStep = Float(Double(1 << t) / ln2)
        let mask: UInt32 = (1 << UInt32(8 + t)) - 1
        stepHigh = Float(bitPattern: Float(step).bitPattern & ~mask)
        // ln2/2^T to ~106 bits minus stepHigh: the Double ln2 is 2^-54 off;
        // its low part below.
        let ln2Low = 0x1.abc9e3b39803fp-56 / Double(1 << t)
        stepLow = Float((step - Double(stepHigh)) + ln2Low)
        let ref = CorrectlyRoundedReference(Exp2Function())
        let entries = (0..<(1 << t)).map { Float(ref.value(at: Double($0) / Double(1 << t), in: .binary32)) }
        table = entries
        tableLow = (0..<(1 << t)).map { i in
            let exact = ref.highPrecisionValue(at: Double(i) / Double(1 << t), precision: 128).doubleValue
            return Float(exact - Double(entries[i]))
        }
        inverseStep64 = Double(1 << t) / ln2
        let mask64: UInt64 = (1 << UInt64(8 + t)) - 1
        stepHigh64 = Double(bitPattern: step.bitPattern & ~mask64)
        stepLow64 = (step - stepHigh64) + ln2Low
        table64 = (0..<(1 << t)).map { ref.value(at: Double($0) / Double(1 << t), in: .binary64) }
    }

    /// The binary64 reduction of a binary32 input: (r, k) with
    /// x = k·ln2/2^T + r; x − k·stepHigh64 is exact, one rounding in k·stepLow64
    /// and one in the last subtraction.
    @inline(__always)
    public func reduce64(_ x: Float) -> (r: Double, k: Int) {
        let xd = Double(x)
        let kf = (xd * inverseStep64).rounded(.toNearestOrEven)
        return ((xd - kf * stepHigh64) - kf * stepLow64, Int(kf))
    }

    /// The binary64 reconstruction 2^(k>>T)·(table64[k mod 2^T]·p): the
    /// product rounds once in Double, the scaling is exact (no Double
    /// underflow or overflow for k in range); the caller rounds once to Float.
    @inline(__always)
    public func reconstruct64(_ p: Double, _ k: Int) -> Double {
        let t = tableBits
        let y = t == 0 ? p : p * table64[k & ((1 << t) - 1)]
        return y * Double(bitPattern: UInt64(truncatingIfNeeded: (k >> t) + 1023) << 52)
    }

    /// Bound on |r| (ln2/2^(T+1), widened for the rounding of k and r).
    public var reducedBound: Double { 0x1.62e42fefa39efp-1 / Double(1 << (tableBits + 1)) * 1.0005 }

    /// The reconstruction before scaling: t·p, or t + (t·q + t_low) when split.
    @inline(__always)
    public func combine(_ p: Float, _ i: Int, split: Bool) -> Float {
        if split { return table[i] + (table[i] * p + tableLow[i]) }
        return tableBits == 0 ? p : p * table[i]
    }

    /// 2^e · y with one rounding (when the result is subnormal) and no
    /// spurious overflow, for e in [-152, 128].
    @inline(__always)
    public static func scale(_ y: Float, _ e: Int) -> Float {
        if e > 127 { return (y * Float(bitPattern: UInt32(e - 1 + 127) << 23)) * 2 }
        if e < -126 { return (y * Float(bitPattern: UInt32(e + 64 + 127) << 23)) * 0x1p-64 }
        return y * Float(bitPattern: UInt32(e + 127) << 23)
    }
}

/// The outcome of the format stage.
public struct FormatResult: Sendable {
    public var maxULP: Double
    public var misrounded: Int
    public var worst: (x: Double, got: Double, want: Double)
    public var inputs: Int

    /// Scores one result `got` of the complete function at `x` against the
    /// exact value and the correctly rounded one.
    @inline(__always)
    mutating func record(x: Double, got: Double, exact: Double, correct: Double, format: FloatFormat) {
        let e = got.isFinite ? abs(got - exact) / format.ulp(of: exact) : .infinity
        if got != correct { misrounded += 1 }
        if !(e <= maxULP) {
            maxULP = e.isNaN ? .infinity : e
            worst = (x, got, correct)
        }
    }
}

/// The complete exp in a 16- or 32-bit format (special cases + reduction +
/// kernel + reconstruction, in Float), against correctly rounded references:
/// every input of a 16-bit format, a stratified sample plus hard inputs for
/// binary32. A binary32 recipe evaluated in binary64 computes in Double with
/// one final rounding (`evaluate64`), and its inputs include every input
/// whose exp lies within 2^-39 of a rounding boundary
/// (`ExpExceptions.hardInputs`), so its misrounded count is the exhaustive
/// one for kernels accurate to better than ~2^-40.
public final class ExpFormatStage: @unchecked Sendable {
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
        if format.bitWidth <= 16 {
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
            if recipe.isBinary64Exp { xs += ExpExceptions.hardInputs(low: Float(lo), high: Float(hi)) }
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
            let z = x * red.inverseStep
            let kf = z.rounded(.toNearestOrEven)
            r[s] = (x - kf * red.stepHigh) - kf * red.stepLow
            k[s] = Int32(kf)
        }
    }

    /// The complete function's results for every input (rounded into the
    /// format) and the summary against the references.
    public func evaluate(_ program: Program, tableBits t: Int, fused: Bool, scratch: inout EvaluationScratch,
                         results: UnsafeMutablePointer<Double>? = nil) -> FormatResult {
        if recipe.isBinary64Exp { return evaluate64(program, tableBits: t, fused: fused, scratch: &scratch, results: results) }
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
    /// reconstruction in Double, one rounding to Float), without exceptions:
    /// `misrounded` counts the inputs the spec must list as exceptions.
    func evaluate64(_ program: Program, tableBits t: Int, fused: Bool, scratch: inout EvaluationScratch,
                    results: UnsafeMutablePointer<Double>?) -> FormatResult {
        let red = reductions[t]!
        let n = inputs.count
        var r = [Double](repeating: 0, count: n), k = [Int](repeating: 0, count: n)
        for s in 0..<n { (r[s], k[s]) = red.reduce64(inputs[s]) }
        scratch.d.reserve(program.count * n)
        var result = FormatResult(maxULP: 0, misrounded: 0, worst: (0, 0, 0), inputs: n)
        r.withUnsafeBufferPointer { rp in
            scratch.d.storage.withUnsafeMutableBufferPointer { reg in
                Interpreter.run(program, inputs: [rp.baseAddress!], count: n, fused: fused, registers: reg.baseAddress!)
                let p = reg.baseAddress! + program.output * n
                for s in 0..<n {
                    let got = Double(Float(red.reconstruct64(p[s], k[s])))
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

/// bfloat16 rounding of a Float, ties to even (as `BFloat16.init(_: Float)`).
enum BFloatRounding {
    @inline(__always)
    static func round(_ value: Float) -> Float {
        if value.isNaN { return value }
        let bits = value.bitPattern
        let lsb = (bits >> 16) & 1
        return Float(bitPattern: ((bits &+ 0x7FFF &+ lsb) >> 16) << 16)
    }
}

/// Correctly rounded binary32 exp evaluated in binary64: the Double result z
/// is within ~2^-50 relative of exp(x), so Float(z) is the correctly rounded
/// result unless exp(x) lies that close to a rounding boundary (a midpoint of
/// two Floats). Such inputs are few; the spec lists them as exceptions and
/// the runtime consults the list only when z itself is near a midpoint.
public enum ExpExceptions {
    /// The runtime's rare-path test (`ExpSupport.inRangeCorrectlyRounded` in
    /// EvoMath computes the same): z's 29 significand bits below binary32's
    /// precision within 2^9 Double ulps of the midpoint pattern 0x10000000
    /// (|z − midpoint| < 2^-43·z), or z subnormal in binary32.
    @inline(__always)
    public static func isRarePath(_ z: Double) -> Bool {
        (z.bitPattern &- (0x1000_0000 - 0x200)) & 0x1FFF_FFFF < 0x400 || z < 0x1p-126
    }

    /// Every binary32 x in [low, high] whose exp (glibc's binary64 exp,
    /// within 2^-52 relative) lies within 2^-39 relative of a binary32
    /// midpoint: the only inputs a complete function with error below
    /// ~2^-40 can misround, so the format stage's misrounded count on them is
    /// the exhaustive count. A scan of all ~2^31 inputs in range (seconds on
    /// every core).
    public static func hardInputs(low: Float, high: Float) -> [Double] {
        // Bit-pattern ranges: [+0, high] and [-0, low] (sign-magnitude).
        let ranges: [(UInt32, UInt32)] = [(0, high.bitPattern), (0x8000_0000, low.bitPattern)]
        let chunks = 256
        var parts = [[Double]](repeating: [], count: chunks * 2)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: chunks * 2) { c in
            let (a, b) = ranges[c / chunks]
            let span = UInt64(b - a) + 1
            let from = UInt64(a) + span * UInt64(c % chunks) / UInt64(chunks)
            let to = UInt64(a) + span * UInt64(c % chunks + 1) / UInt64(chunks)
            var found: [Double] = []
            var bits = from
            while bits < to {
                let x = Double(Float(bitPattern: UInt32(bits)))
                let v = exp(x)
                if v >= 0x1p-126 {
                    if (v.bitPattern &- (0x1000_0000 - 0x2000)) & 0x1FFF_FFFF < 0x4000 { found.append(x) }
                } else {
                    // Subnormal in binary32: midpoints at odd multiples of 2^-150.
                    let s = v * 0x1p149
                    if abs((s - s.rounded(.down)) - 0.5) <= s * 0x1p-39 { found.append(x) }
                }
                bits += 1
            }
            lock.lock(); parts[c] = found; lock.unlock()
        }
        return parts.flatMap { $0 }
    }
}
