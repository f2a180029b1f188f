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
    /// The family's format stage (nil for a kernel over the reals).
    public let stage: (any FormatStage)?

    public init(recipe: Recipe) {
        self.recipe = recipe
        let family = recipe.family
        stage = family.formatStage(recipe)
        for t in recipe.tableBits {
            kernelSamples[t] = family.kernelSamples(recipe, stage: stage, tableBits: t)
        }
        denseSamples = family.denseSamples(recipe)
    }

    /// Points of [lo, hi]: a mix of Chebyshev nodes (dense near the ends,
    /// where minimax errors peak) and a uniform grid.
    public static func points(_ lo: Double, _ hi: Double, count: Int) -> [Double] {
        var xs: [Double] = []
        let half = count / 2
        for i in 0..<half {
            xs.append(lo + (hi - lo) * (1 - cos(Double.pi * (Double(i) + 0.5) / Double(half))) / 2)
        }
        for i in 0..<(count - half) { xs.append(lo + (hi - lo) * Double(i) / Double(count - half - 1)) }
        return xs.sorted()
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
    var varpro = VarPro.Workspace()
    public init() {}
}
