import EvoMathReference
import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
