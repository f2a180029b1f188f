import EvoMathSpec
#if canImport(Glibc)
import Glibc
#endif

/// Scalars the batch interpreter evaluates in: `Float` and `Double`, with
/// exactly Swift's rounding (`a * b + c` is two roundings; `addingProduct` is
/// one).
public protocol InterpreterScalar: BinaryFloatingPoint {
    init(_ v: Double)
    var doubleValue: Double { get }
    func squareRootValue() -> Self
}
extension Float: InterpreterScalar {
    @inlinable public var doubleValue: Double { Double(self) }
    @inlinable public func squareRootValue() -> Float { squareRoot() }
}
extension Double: InterpreterScalar {
    @inlinable public var doubleValue: Double { self }
    @inlinable public func squareRootValue() -> Double { squareRoot() }
}

/// Evaluates programs over batches of samples, instruction by instruction over
/// contiguous arrays (each instruction's loop vectorizes), with exactly the
/// rounding the emitted Swift has.
public enum Interpreter {
    /// One operation on scalars, in the evaluation type (used to fold
    /// constant subexpressions exactly as the emitted code computes them).
    public static func evaluateScalar(_ op: EvoMathSpec.Operation, _ x: [Double], evaluation: EvaluationType, fused: Bool) -> Double {
        switch evaluation {
        case .binary32: return Double(apply(op, x.map { Float($0) }, fused: fused))
        case .binary64: return apply(op, x, fused: fused)
        case .real:
            let r = applyDD(op, x.map { DoubleDouble($0) })
            return r.hi + r.lo
        }
    }

    static func apply<T: InterpreterScalar>(_ op: EvoMathSpec.Operation, _ x: [T], fused: Bool) -> T {
        switch op {
        case .add: return x[0] + x[1]
        case .sub: return x[0] - x[1]
        case .mul: return x[0] * x[1]
        case .div: return x[0] / x[1]
        case .fma: return fused ? x[2].addingProduct(x[0], x[1]) : x[0] * x[1] + x[2]
        case .neg: return -x[0]
        case .sqrt: return x[0].squareRootValue()
        case .input, .constant: return x.first ?? 0
        }
    }

    static func applyDD(_ op: EvoMathSpec.Operation, _ x: [DoubleDouble]) -> DoubleDouble {
        switch op {
        case .add: return x[0] + x[1]
        case .sub: return x[0] - x[1]
        case .mul: return x[0] * x[1]
        case .div: return x[0] / x[1]
        case .fma: return x[0] * x[1] + x[2]
        case .neg: return -x[0]
        case .sqrt: return x[0].squareRoot()
        case .input, .constant: return x.first ?? DoubleDouble(0)
        }
    }

    /// Evaluates `program` on `n` samples. `inputs[k]` points at the samples
    /// of input `k`; `registers` holds at least `program.count · n` values and
    /// on return row `program.output` is the result.
    @inlinable
    public static func run<T: InterpreterScalar>(_ program: Program, inputs: [UnsafePointer<T>], count n: Int,
                                                 fused: Bool, registers: UnsafeMutablePointer<T>) {
        for (i, x) in program.instructions.enumerated() {
            let d = registers + i * n
            switch x.op {
            case .input:
                d.update(from: inputs[Int(x.value)], count: n)
            case .constant:
                d.update(repeating: T(x.value), count: n)
            case .add:
                let a = UnsafePointer(registers + x.a * n), b = UnsafePointer(registers + x.b * n)
                for s in 0..<n { d[s] = a[s] + b[s] }
            case .sub:
                let a = UnsafePointer(registers + x.a * n), b = UnsafePointer(registers + x.b * n)
                for s in 0..<n { d[s] = a[s] - b[s] }
            case .mul:
                let a = UnsafePointer(registers + x.a * n), b = UnsafePointer(registers + x.b * n)
                for s in 0..<n { d[s] = a[s] * b[s] }
            case .div:
                let a = UnsafePointer(registers + x.a * n), b = UnsafePointer(registers + x.b * n)
                for s in 0..<n { d[s] = a[s] / b[s] }
            case .fma:
                let a = UnsafePointer(registers + x.a * n), b = UnsafePointer(registers + x.b * n)
                let c = UnsafePointer(registers + x.c * n)
                if fused {
                    for s in 0..<n { d[s] = c[s].addingProduct(a[s], b[s]) }
                } else {
                    for s in 0..<n { d[s] = a[s] * b[s] + c[s] }
                }
            case .neg:
                let a = UnsafePointer(registers + x.a * n)
                for s in 0..<n { d[s] = -a[s] }
            case .sqrt:
                let a = UnsafePointer(registers + x.a * n)
                for s in 0..<n { d[s] = a[s].squareRootValue() }
            }
        }
    }

    /// Evaluates in double-double (the real-number mode).
    public static func runReal(_ program: Program, inputs: [UnsafePointer<DoubleDouble>], count n: Int,
                               registers: UnsafeMutablePointer<DoubleDouble>) {
        for (i, x) in program.instructions.enumerated() {
            let d = registers + i * n
            switch x.op {
            case .input: d.update(from: inputs[Int(x.value)], count: n)
            case .constant: d.update(repeating: DoubleDouble(x.value), count: n)
            case .add:
                let a = registers + x.a * n, b = registers + x.b * n
                for s in 0..<n { d[s] = a[s] + b[s] }
            case .sub:
                let a = registers + x.a * n, b = registers + x.b * n
                for s in 0..<n { d[s] = a[s] - b[s] }
            case .mul:
                let a = registers + x.a * n, b = registers + x.b * n
                for s in 0..<n { d[s] = a[s] * b[s] }
            case .div:
                let a = registers + x.a * n, b = registers + x.b * n
                for s in 0..<n { d[s] = a[s] / b[s] }
            case .fma:
                let a = registers + x.a * n, b = registers + x.b * n, c = registers + x.c * n
                for s in 0..<n { d[s] = a[s] * b[s] + c[s] }
            case .neg:
                let a = registers + x.a * n
                for s in 0..<n { d[s] = -a[s] }
            case .sqrt:
                let a = registers + x.a * n
                for s in 0..<n { d[s] = a[s].squareRoot() }
            }
        }
    }

    /// Evaluates in Double together with the derivatives of the output with
    /// respect to each constant (forward mode), for the coefficient
    /// optimizer. `values` gets `n` outputs, `jacobian` `m · n` (constant-major).
    public static func runWithGradient(_ program: Program, input: [Double], values: inout [Double],
                                       jacobian: inout [Double], scratch: inout [Double], tangents: inout [Double]) {
        let n = input.count
        let constants = program.constantIndexes
        let m = constants.count
        var slot = [Int](repeating: -1, count: program.count)
        for (k, i) in constants.enumerated() { slot[i] = k }
        let rows = program.count
        if scratch.count < rows * n { scratch = [Double](repeating: 0, count: rows * n) }
        if tangents.count < rows * m * n { tangents = [Double](repeating: 0, count: rows * m * n) }
        scratch.withUnsafeMutableBufferPointer { vb in
            tangents.withUnsafeMutableBufferPointer { tb in
                let v = vb.baseAddress!, t = tb.baseAddress!
                for (i, x) in program.instructions.enumerated() {
                    let d = v + i * n
                    let dt = t + i * m * n
                    switch x.op {
                    case .input:
                        for s in 0..<n { d[s] = input[s] }
                        dt.update(repeating: 0, count: m * n)
                    case .constant:
                        d.update(repeating: x.value, count: n)
                        dt.update(repeating: 0, count: m * n)
                        (dt + slot[i] * n).update(repeating: 1, count: n)
                    default:
                        let a = v + x.a * n, b = v + x.b * n, c = v + x.c * n
                        let ta = t + x.a * m * n, tb2 = t + x.b * m * n, tc = t + x.c * m * n
                        switch x.op {
                        case .add:
                            for s in 0..<n { d[s] = a[s] + b[s] }
                            for j in 0..<(m * n) { dt[j] = ta[j] + tb2[j] }
                        case .sub:
                            for s in 0..<n { d[s] = a[s] - b[s] }
                            for j in 0..<(m * n) { dt[j] = ta[j] - tb2[j] }
                        case .mul:
                            for s in 0..<n { d[s] = a[s] * b[s] }
                            for k in 0..<m { for s in 0..<n { dt[k * n + s] = ta[k * n + s] * b[s] + a[s] * tb2[k * n + s] } }
                        case .div:
                            for s in 0..<n { d[s] = a[s] / b[s] }
                            for k in 0..<m { for s in 0..<n { dt[k * n + s] = (ta[k * n + s] - d[s] * tb2[k * n + s]) / b[s] } }
                        case .fma:
                            for s in 0..<n { d[s] = a[s] * b[s] + c[s] }
                            for k in 0..<m { for s in 0..<n {
                                dt[k * n + s] = ta[k * n + s] * b[s] + a[s] * tb2[k * n + s] + tc[k * n + s]
                            } }
                        case .neg:
                            for s in 0..<n { d[s] = -a[s] }
                            for j in 0..<(m * n) { dt[j] = -ta[j] }
                        case .sqrt:
                            for s in 0..<n { d[s] = a[s].squareRoot() }
                            for k in 0..<m { for s in 0..<n { dt[k * n + s] = ta[k * n + s] / (2 * d[s]) } }
                        default: break
                        }
                    }
                }
                let out = program.output
                if values.count != n { values = [Double](repeating: 0, count: n) }
                if jacobian.count != m * n { jacobian = [Double](repeating: 0, count: m * n) }
                for s in 0..<n { values[s] = v[out * n + s] }
                for j in 0..<(m * n) { jacobian[j] = t[out * m * n + j] }
            }
        }
    }
}
