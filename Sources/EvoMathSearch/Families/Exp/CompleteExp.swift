import EvoMath
import EvoMathReference
import Foundation

/// The complete exp of a spec on one input, exactly as the emitted runtime
/// computes it (special cases, reduction, kernel, reconstruction).
public struct CompleteExp: Sendable {
    public let program: Program
    public let reduction: ExpReduction
    public let format: FloatFormat
    public let fused: Bool
    public let split: Bool
    public let overflowThreshold: Float
    public let underflowThreshold: Float
    /// Reduction, kernel and reconstruction in Double (binary32 only), one
    /// final rounding; `exceptions` (binary32 bit pattern → result) are
    /// consulted on the runtime's rare path only (`ExpExceptions.isRarePath`).
    public let binary64: Bool
    public let exceptions: [UInt32: Float]

    public init(program: Program, reduction: ExpReduction, format: FloatFormat, fused: Bool, split: Bool,
                overflowThreshold: Float, underflowThreshold: Float, binary64: Bool = false,
                exceptions: [(x: Float, y: Float)] = []) {
        self.program = program; self.reduction = reduction; self.format = format; self.fused = fused
        self.split = split; self.overflowThreshold = overflowThreshold; self.underflowThreshold = underflowThreshold
        self.binary64 = binary64
        self.exceptions = Dictionary(exceptions.map { ($0.x.bitPattern, $0.y) }, uniquingKeysWith: { a, _ in a })
    }

    public func evaluate(_ xd: Double) -> Double {
        let x = Float(xd)
        if !(x <= overflowThreshold && x >= underflowThreshold) {
            if x.isNaN { return .nan }
            return x > 0 ? .infinity : 0
        }
        if binary64 {
            let (r, k) = reduction.reduce64(x)
            let z = reduction.reconstruct64(kernel64(r), k)
            // A custom format: one rounding to it, no exceptions (the runtime's
            // `Evolved.exp(_:kernel:precision:minExponent:maxExponent:)`).
            if !FloatFormat.standard.contains(format) { return format.round(z) }
            if ExpExceptions.isRarePath(z), let e = exceptions[x.bitPattern] { return Double(e) }
            return Double(Float(z))
        }
        // The runtime's k = round(x·2^T/ln2) (ExpSupport.roundToInteger).
        let (kf, k) = ExpSupport.roundToInteger(x * reduction.inverseStep)
        let r = (x - kf * reduction.stepHigh) - kf * reduction.stepLow
        let p = kernel(r)
        let t = reduction.tableBits
        let y = reduction.combine(p, k & ((1 << t) - 1), split: split)
        let v = ExpReduction.scale(y, k >> t)
        switch format {
        case .binary16: return Double(Float16(v))
        case .bfloat16: return Double(BFloatRounding.round(v))
        default: return Double(v)
        }
    }

    /// The scalar interpreter in Double (registers on the stack).
    public func kernel64(_ r: Double) -> Double { program.evaluate(r, fused: fused) }

    /// The scalar interpreter in Float (registers on the stack).
    public func kernel(_ r: Float) -> Float { program.evaluate(r, fused: fused) }

}

extension CompleteExp {
    /// The complete function a spec file describes (`Generators/<fn>.<format>.<tier>.json`),
    /// so that a search result can be verified before it is emitted and compiled.
    public init(specAt path: String) throws {
        try self.init(spec: SpecFile.read(at: path), path: path)
    }

    /// The complete function of `spec` (read from `path`, named in errors).
    public init(spec: SpecFile, path: String) throws {
        guard spec.function == "exp", case .expTable(let red) = spec.reduction else {
            throw SpecFileError(file: path, keyPath: "function", "not an exp spec (function \(spec.function), reduction \(spec.reduction.family)): only exp specs can be evaluated here")
        }
        guard let format = FloatFormat(named: spec.format),
              [.binary16, .bfloat16, .binary32].contains(format) || CompleteExp.isCustom(format, spec: spec) else {
            throw SpecFileError(file: path, keyPath: "format", "expected binary16, bfloat16, binary32, or a custom format pPeE (at most 24 significant bits and 8 exponent bits) evaluated in binary64")
        }
        self.init(program: spec.program, reduction: ExpReduction(tableBits: red.tableBits), format: format,
                  fused: spec.evaluation.fusedMultiplyAdd, split: red.isSplit,
                  overflowThreshold: Float(red.overflowThreshold.value), underflowThreshold: Float(red.underflowThreshold.value),
                  binary64: spec.evaluation.type == .binary64,
                  exceptions: spec.exceptionList.map { (Float($0.x), Float($0.y)) })
    }
}

extension CompleteExp {
    /// Whether `format` is a custom format (`pPeE`) a spec evaluated in
    /// binary64 may target: its values are all Floats.
    static func isCustom(_ format: FloatFormat, spec: SpecFile) -> Bool {
        !FloatFormat.standard.contains(format) && spec.evaluation.type == .binary64
            && format.precision <= 24 && format.minExponent >= -126 && format.maxExponent <= 127
    }
}
