import CMPFR
import EvoMathReference
#if canImport(Glibc)
import Glibc
#endif

/// `value` to about 106 bits, as a double-double, from MPFR.
func doubleDouble(_ value: MPFRFloat) -> DoubleDouble {
    let hi = value.doubleValue
    let t = MPFRFloat(precision: 256)
    mpfr_set_d(t.pointer, hi, MPFR_RNDN)
    mpfr_sub(t.pointer, value.pointer, t.pointer, MPFR_RNDN)
    return DoubleDouble(hi, t.doubleValue)
}

/// The kernel's samples for one choice of reduction: points of the reduced
/// interval and the kernel's exact values there.
public struct KernelSamples: Sendable {
    public var x: [Double]
    public var target: [Double]
    public var targetLow: [Double]
    public var weight: [Double]
    /// The interval.
    public var interval: (Double, Double)
}

/// Everything the search evaluates a candidate against: the kernel's samples
/// per reduction choice (continuous stage) and, for a format, the complete
/// function's inputs with their correctly rounded values (format stage).
public final class Problem: @unchecked Sendable {
    public let recipe: Recipe
    public private(set) var kernelSamples: [Int: KernelSamples] = [:]
    /// Dense samples for reporting real-number errors.
    public private(set) var denseSamples: KernelSamples?
    public let formatStage: ExpFormatStage?
    /// The format stage of a log recipe (`formatStage` is nil then).
    public let logStage: LogFormatStage?
    /// The format stage, whichever function.
    public var stage: (any FormatStage)? { formatStage ?? logStage }

    public init(recipe: Recipe) {
        self.recipe = recipe
        if recipe.isLog {
            formatStage = nil
            logStage = LogFormatStage(format: recipe.format16or32!, recipe: recipe)
            for t in recipe.tableBits {
                kernelSamples[t] = Problem.logKernelSamples(reduction: logStage!.reductions[t]!, count: recipe.samples, recipe: recipe)
            }
        } else if recipe.isReal {
            logStage = nil
            formatStage = nil
            let (lo, hi) = recipe.domain
            kernelSamples[0] = Problem.exp2Samples(lo, hi, count: recipe.samples, recipe: recipe)
            denseSamples = Problem.exp2Samples(lo, hi, count: 1 << 15, recipe: recipe)
        } else {
            let format = recipe.format16or32!
            logStage = nil
            formatStage = ExpFormatStage(format: format, recipe: recipe)
            for t in recipe.tableBits {
                kernelSamples[t] = Problem.expKernelSamples(tableBits: t, count: recipe.samples, recipe: recipe)
            }
        }
    }

    /// Points of [lo, hi]: a mix of Chebyshev nodes (dense near the ends,
    /// where minimax errors peak) and a uniform grid.
    static func points(_ lo: Double, _ hi: Double, count: Int) -> [Double] {
        var xs: [Double] = []
        let half = count / 2
        for i in 0..<half {
            xs.append(lo + (hi - lo) * (1 - cos(Double.pi * (Double(i) + 0.5) / Double(half))) / 2)
        }
        for i in 0..<(count - half) { xs.append(lo + (hi - lo) * Double(i) / Double(count - half - 1)) }
        return xs.sorted()
    }

    static func exp2Samples(_ lo: Double, _ hi: Double, count: Int, recipe: Recipe) -> KernelSamples {
        let ref = CorrectlyRoundedReference(Exp2Function())
        let xs = points(lo, hi, count: count)
        var t: [Double] = [], tl: [Double] = [], w: [Double] = []
        for x in xs {
            let d = doubleDouble(ref.highPrecisionValue(at: x, precision: 160))
            t.append(d.hi); tl.append(d.lo)
            w.append(recipe.errorKind == "relative" ? 1 / abs(d.hi) : 1)
        }
        return KernelSamples(x: xs, target: t, targetLow: tl, weight: w, interval: (lo, hi))
    }

    /// exp(r) on the reduced interval of `x = k·ln2/2^T + r`: |r| ≤ ln2/2^(T+1),
    /// widened by the rounding of k and of r; the points are Floats.
    static func expKernelSamples(tableBits: Int, count: Int, recipe: Recipe) -> KernelSamples {
        let bound = ExpReduction(tableBits: tableBits).reducedBound
        let ref = CorrectlyRoundedReference(ExpFunction())
        var xs = points(-bound, bound, count: count).map { recipe.isBinary64Exp ? $0 : Double(Float($0)) }
        xs = Array(Set(xs)).sorted()
        var t: [Double] = [], tl: [Double] = [], w: [Double] = []
        for x in xs {
            let d = doubleDouble(ref.highPrecisionValue(at: x, precision: 160))
            // The split reconstruction's kernel is exp(r) − 1 (exact: Sterbenz).
            let hi = recipe.isSplit ? d.hi - 1 : d.hi
            t.append(hi); tl.append(d.lo)
            w.append(recipe.errorKind == "relative" ? 1 / abs(recipe.isSplit ? x : d.hi) : 1)
        }
        return KernelSamples(x: xs, target: t, targetLow: tl, weight: w, interval: (-bound, bound))
    }

    /// log1p(r) on the log-split reduction's interval [rMin, rMax] (r = 0
    /// left out: the error is relative); the points are Floats (Doubles for
    /// a kernel evaluated in binary64).
    static func logKernelSamples(reduction: LogReduction, count: Int, recipe: Recipe) -> KernelSamples {
        let ref = CorrectlyRoundedReference(Log1pFunction())
        var xs = points(reduction.rMin, reduction.rMax, count: count).map { recipe.isBinary64Exp ? $0 : Double(Float($0)) }
            .filter { $0 != 0 }
        xs = Array(Set(xs)).sorted()
        var t: [Double] = [], tl: [Double] = [], w: [Double] = []
        for x in xs {
            let d = doubleDouble(ref.highPrecisionValue(at: x, precision: 160))
            t.append(d.hi); tl.append(d.lo)
            w.append(recipe.errorKind == "relative" ? 1 / abs(d.hi) : 1)
        }
        return KernelSamples(x: xs, target: t, targetLow: tl, weight: w, interval: (reduction.rMin, reduction.rMax))
    }

    /// Max weighted error of the program on `samples`, evaluated in the
    /// recipe's arithmetic (binary32, binary64 or double-double).
    public func kernelError(_ program: Program, samples: KernelSamples, scratch: inout EvaluationScratch) -> Double {
        let n = samples.x.count
        var e = 0.0
        switch recipe.evaluation {
        case .real:
            let input = samples.x.map { DoubleDouble($0) }
            scratch.dd.reserve(program.count * n)
            input.withUnsafeBufferPointer { ip in
                scratch.dd.storage.withUnsafeMutableBufferPointer { reg in
                    Interpreter.runReal(program, inputs: [ip.baseAddress!], count: n, registers: reg.baseAddress!)
                    let out = reg.baseAddress! + program.output * n
                    for s in 0..<n {
                        let d = (out[s] - DoubleDouble(samples.target[s], samples.targetLow[s])).value
                        let r = abs(d) * samples.weight[s]
                        if !(r <= e) { e = r.isNaN ? .infinity : r }
                    }
                }
            }
        case .binary64:
            scratch.d.reserve(program.count * n)
            samples.x.withUnsafeBufferPointer { ip in
                scratch.d.storage.withUnsafeMutableBufferPointer { reg in
                    Interpreter.run(program, inputs: [ip.baseAddress!], count: n, fused: recipe.fusedMultiplyAdd,
                                    registers: reg.baseAddress!)
                    let out = reg.baseAddress! + program.output * n
                    for s in 0..<n {
                        let d = (DoubleDouble(out[s]) - DoubleDouble(samples.target[s], samples.targetLow[s])).value
                        let r = abs(d) * samples.weight[s]
                        if !(r <= e) { e = r.isNaN ? .infinity : r }
                    }
                }
            }
        case .binary32:
            let input = samples.x.map { Float($0) }
            scratch.f.reserve(program.count * n)
            input.withUnsafeBufferPointer { ip in
                scratch.f.storage.withUnsafeMutableBufferPointer { reg in
                    Interpreter.run(program, inputs: [ip.baseAddress!], count: n, fused: recipe.fusedMultiplyAdd,
                                    registers: reg.baseAddress!)
                    let out = reg.baseAddress! + program.output * n
                    for s in 0..<n {
                        let d = (Double(out[s]) - samples.target[s]) - samples.targetLow[s]
                        let r = abs(d) * samples.weight[s]
                        if !(r <= e) { e = r.isNaN ? .infinity : r }
                    }
                }
            }
        }
        return e
    }
}

/// Reusable register files, one per thread.
public struct EvaluationScratch {
    public struct Buffer<T> {
        var storage: [T] = []
        let zero: T
        mutating func reserve(_ n: Int) { if storage.count < n { storage = [T](repeating: zero, count: n) } }
    }
    var f = Buffer<Float>(zero: 0)
    var d = Buffer<Double>(zero: 0)
    var dd = Buffer<DoubleDouble>(zero: DoubleDouble(0))
    var tuner = Tuner.Workspace()
    public init() {}
}
