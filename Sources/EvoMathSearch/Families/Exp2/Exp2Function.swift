import CMPFR
import EvoMathReference
#if canImport(Glibc)
import Glibc
#endif

/// 2^x, for kernels of the real-number experiments.
public struct Exp2Function: ReferenceFunction {
    public init() {}
    public var name: String { "exp2" }
    public func evaluate(_ x: Double, into result: MPFRFloat) -> Double {
        evaluateCorrectlyRounded(mpfr_exp2, x, into: result)
    }
    public var samplingBinades: [(sign: FloatingPointSign, low: Int, high: Int)] { [(.plus, -60, 9), (.minus, -60, 9)] }
}
