import EvoMathReference
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the search needs of a format stage: the complete function on every
/// input of a 16-bit format (or a binary32 sample) against correctly rounded
/// references, and the kernel intervals for the rounding-aware polish.
public protocol FormatStage: AnyObject, Sendable {
    var format: FloatFormat { get }
    var inputs: [Float] { get }
    var correct: [Double] { get }
    func evaluate(_ program: Program, tableBits t: Int, fused: Bool, scratch: inout EvaluationScratch,
                  results: UnsafeMutablePointer<Double>?) -> FormatResult
    func kernelIntervals(tableBits t: Int) -> (r: [Double], mid: [Double], halfWidth: [Double])
}

extension ExpFormatStage: FormatStage {}

extension FormatStage {
    func evaluate(_ program: Program, tableBits t: Int, fused: Bool, scratch: inout EvaluationScratch) -> FormatResult {
        evaluate(program, tableBits: t, fused: fused, scratch: &scratch, results: nil)
    }
}

/// The range reduction of log (`log-split`), every constant a Float exactly
/// as the emitted runtime has it:
///
/// - x = 2^e · m with m in [√½, √2): `tmp = bits(x) − bits(√½)`,
///   `e = tmp >> 23` (arithmetic), `m = bits(x) − e << 23`; binary32
///   subnormals (bfloat16 subnormal inputs) are first scaled by 2^23.
/// - table index i = the top T bits of tmp's significand; each subinterval
///   of m has a centre c_i and `invc_i` ≈ 1/c_i rounded to 12 significant
///   bits (exactly 1 for the subinterval containing 1), so that `m·invc_i`
///   is exact in Float for inputs of at most 12 significand bits (binary16:
///   11, bfloat16: 8) and `r = m·invc_i − 1` is exact too (Sterbenz:
///   m·invc_i is within a few percent of 1). `−log(invc_i)` = logcHigh_i +
///   logcLow_i: logcHigh a multiple of 2^-16, logcLow the rest rounded to
///   Float (both 0 where invc_i = 1).
/// - log x = (e·ln2High + logcHigh_i) + ((e·ln2Low + logcLow_i) + log1p(r)),
///   ln2High with 16 significant bits (a multiple of 2^-16), so e·ln2High is
///   exact for |e| < 2^8 and so is its sum with logcHigh (a multiple of 2^-16
///   below 2^8): only the low part and the final addition round.
///
/// The kernel approximates log1p(r) (relative error) on [rMin, rMax].
public struct LogReduction: Sendable {
    public let tableBits: Int
    public static let offset: UInt32 = 0x3F35_04F3
    public let ln2High: Float
    public let ln2Low: Float
    public let invc: [Float]
    public let logcHigh: [Float]
    public let logcLow: [Float]
    /// The reduced interval (over every subinterval).
    public let rMin: Double
    public let rMax: Double
    /// The binary64 variant (binary32 log, evaluated in Double): ln2 with
    /// its low 11 bits cleared (e·ln2High64 exact for |e| < 2^11), the rest,
    /// and −log(invc_i) rounded to Double (the same invc_i: m·invc_i is exact
    /// in Double for binary32 m, 24 + 12 bits).
    public let ln2High64: Double
    public let ln2Low64: Double
    public let logc64: [Double]

    public init(tableBits t: Int) {
        tableBits = t
        let ln2 = 0x1.62e42fefa39efp-1
        ln2High = Float(bitPattern: Float(ln2).bitPattern & ~UInt32(0xFF))
        ln2Low = Float((ln2 - Double(ln2High)) + 0x1.abc9e3b39803fp-56)
        let ref = CorrectlyRoundedReference(LogFunction())
        var inv: [Float] = [], lch: [Float] = [], lcl: [Float] = []
        var lo = Double.infinity, hi = -Double.infinity
        let n = 1 << t
        let width = UInt32(1) << UInt32(23 - t)
        for i in 0..<n {
            let a = Double(Float(bitPattern: LogReduction.offset &+ UInt32(i) &* width))
            let b = Double(Float(bitPattern: LogReduction.offset &+ UInt32(i + 1) &* width &- 1))
            var v: Float
            if a <= 1 && 1 <= b {
                v = 1
            } else {
                let c = (a * b).squareRoot()
                // 1/c rounded to 12 significant bits.
                let y = 1 / c
                let ex = Int(floor(log2(y)))
                let scale = Double(sign: .plus, exponent: 11 - ex, significand: 1)
                v = Float((y * scale).rounded() / scale)
            }
            inv.append(v)
            let logc = v == 1 ? 0 : -ref.highPrecisionValue(at: Double(v), precision: 128).doubleValue
            let high = (logc * 0x1p16).rounded() * 0x1p-16
            lch.append(Float(high))
            lcl.append(Float(logc - high))
            lo = min(lo, a * Double(v) - 1)
            hi = max(hi, b * Double(v) - 1)
        }
        invc = inv
        logc64 = inv.map { $0 == 1 ? 0 : -ref.highPrecisionValue(at: Double($0), precision: 128).doubleValue }
        ln2High64 = Double(bitPattern: ln2.bitPattern & ~UInt64(0x7FF))
        ln2Low64 = (ln2 - ln2High64) + 0x1.abc9e3b39803fp-56
        logcHigh = lch
        logcLow = lcl
        rMin = lo
        rMax = hi
    }

    /// The reduction of a positive finite binary32 x: (r, e, i) with
    /// x = 2^e · m, r = m·invc[i] − 1.
    @inline(__always)
    public func reduce(_ x0: Float) -> (r: Float, e: Int, i: Int) {
        var x = x0
        var bias = 0
        if x < 0x1p-126 { x *= 0x1p23; bias = -23 }
        let bits = x.bitPattern
        let tmp = bits &- LogReduction.offset
        let e = Int32(bitPattern: tmp) >> 23
        let i = Int(tmp >> UInt32(23 - tableBits)) & ((1 << tableBits) - 1)
        let m = Float(bitPattern: bits &- (UInt32(bitPattern: e) << 23))
        return (m * invc[i] - 1, Int(e) + bias, i)
    }

    /// The binary64 reduction of a positive finite binary32 x: r exact.
    @inline(__always)
    public func reduce64(_ x: Float) -> (r: Double, e: Int, i: Int) {
        var x0 = x
        var bias = 0
        if x0 < 0x1p-126 { x0 *= 0x1p23; bias = -23 }
        let bits = x0.bitPattern
        let tmp = bits &- LogReduction.offset
        let e = Int32(bitPattern: tmp) >> 23
        let i = Int(tmp >> UInt32(23 - tableBits)) & ((1 << tableBits) - 1)
        let m = Float(bitPattern: bits &- (UInt32(bitPattern: e) << 23))
        return (Double(m) * Double(invc[i]) - 1, Int(e) + bias, i)
    }

    /// log x in Double: (e·ln2High64 + logc64) + (e·ln2Low64 + p).
    @inline(__always)
    public func combine64(_ p: Double, e: Int, i: Int) -> Double {
        let ed = Double(e)
        return (ed * ln2High64 + logc64[i]) + (ed * ln2Low64 + p)
    }

    /// log x from the kernel's value p ≈ log1p(r), in Float.
    @inline(__always)
    public func combine(_ p: Float, e: Int, i: Int) -> Float {
        let ef = Float(e)
        let high = ef * ln2High + logcHigh[i]
        let low = (ef * ln2Low + logcLow[i]) + p
        return high + low
    }
}

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
        binary64 = recipe.isBinary64Exp
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

/// The complete log of a spec on one input, exactly as the emitted runtime
/// computes it (special cases, reduction, kernel, reconstruction, one
/// rounding to the format).
public struct CompleteLog: Sendable {
    public let program: Program
    public let reduction: LogReduction
    public let format: FloatFormat
    public let fused: Bool
    /// binary32 evaluated in binary64; `exceptions` (binary32 bit pattern →
    /// result) consulted on the rare path only (`LogExceptions.isRarePath`).
    public let binary64: Bool
    public let exceptions: [UInt32: Float]

    public init(program: Program, reduction: LogReduction, format: FloatFormat, fused: Bool, binary64: Bool = false,
                exceptions: [(x: Float, y: Float)] = []) {
        self.program = program; self.reduction = reduction; self.format = format; self.fused = fused
        self.binary64 = binary64
        self.exceptions = Dictionary(exceptions.map { ($0.x.bitPattern, $0.y) }, uniquingKeysWith: { a, _ in a })
    }

    public func evaluate(_ xd: Double) -> Double {
        let x = Float(xd)
        if !(x > 0 && x < .infinity) || x == 1 {
            if x.isNaN || x < 0 { return .nan }
            if x == 0 { return -.infinity }
            if x == 1 { return 0 }
            return .infinity
        }
        if binary64 {
            let (r, e, i) = reduction.reduce64(x)
            let z = reduction.combine64(kernel64(r), e: e, i: i)
            if LogExceptions.isRarePath(z), let v = exceptions[x.bitPattern] { return Double(v) }
            return Double(Float(z))
        }
        let (r, e, i) = reduction.reduce(x)
        let p = kernel(r)
        let y = reduction.combine(p, e: e, i: i)
        switch format {
        case .binary16: return Double(Float16(y))
        case .bfloat16: return Double(BFloatRounding.round(y))
        default: return Double(y)
        }
    }

    /// The program in Float, one rounding per operation, as the emitted Swift
    /// computes it.
    public func kernel(_ r: Float) -> Float { program.evaluate(r, fused: fused) }

    /// The program in Double.
    public func kernel64(_ r: Double) -> Double { program.evaluate(r, fused: fused) }

    /// The complete function a log spec describes.
    public init(specAt path: String) throws {
        try self.init(spec: SpecFile.read(at: path), path: path)
    }

    /// The complete function of `spec` (read from `path`, named in errors).
    public init(spec: SpecFile, path: String) throws {
        guard spec.function == "log", case .logSplit(let red) = spec.reduction else {
            throw SpecFileError(file: path, keyPath: "function", "not a log spec (function \(spec.function))")
        }
        guard let format = FloatFormat(named: spec.format), [.binary16, .bfloat16, .binary32].contains(format) else {
            throw SpecFileError(file: path, keyPath: "format", "expected binary16, bfloat16 or binary32")
        }
        self.init(program: spec.program, reduction: LogReduction(tableBits: red.tableBits), format: format,
                  fused: spec.evaluation.fusedMultiplyAdd, binary64: spec.evaluation.type == .binary64,
                  exceptions: spec.exceptionList.map { (Float($0.x), Float($0.y)) })
    }
}

/// Correctly rounded binary32 log evaluated in binary64 (as `ExpExceptions`
/// for exp): the Double result z is within ~2^-50 relative of log(x), so
/// Float(z) is correctly rounded unless log(x) lies that close to a binary32
/// midpoint; such inputs are few, the spec lists them as exceptions.
public enum LogExceptions {
    /// The runtime's rare-path test: z's 29 significand bits below binary32's
    /// precision within 2^9 Double ulps of the midpoint pattern (|z −
    /// midpoint| < 2^-43·|z|). Every log of a binary32 other than 1 is a
    /// normal binary32 in magnitude, so there is no subnormal clause.
    @inline(__always)
    public static func isRarePath(_ z: Double) -> Bool {
        (z.bitPattern &- (0x1000_0000 - 0x200)) & 0x1FFF_FFFF < 0x400
    }

    /// Every positive finite binary32 x ≠ 1 whose log (glibc's binary64 log,
    /// within 2^-52 relative) lies within 2^-39 relative of a binary32
    /// midpoint: the only inputs a complete function with error below
    /// ~2^-40 can misround. A scan of all 2^31 positive inputs (every core).
    public static func hardInputs() -> [Double] {
        let chunks = 256
        var parts = [[Double]](repeating: [], count: chunks)
        let lock = NSLock()
        let top: UInt64 = 0x7F80_0000
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let from = 1 + top * UInt64(c) / UInt64(chunks)
            let to = 1 + top * UInt64(c + 1) / UInt64(chunks)
            var found: [Double] = []
            var bits = from
            while bits < to {
                let x = Double(Float(bitPattern: UInt32(bits)))
                let v = Glibc.log(x)
                if x != 1 && (v.bitPattern &- (0x1000_0000 - 0x2000)) & 0x1FFF_FFFF < 0x4000 { found.append(x) }
                bits += 1
            }
            lock.lock(); parts[c] = found; lock.unlock()
        }
        return parts.flatMap { $0 }
    }
}
