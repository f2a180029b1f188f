import CMPFR
import EvoMathReference
#if canImport(Glibc)
import Glibc
#endif

/// log2(x), for kernels of the real-number experiments.
public struct Log2Function: ReferenceFunction {
    public init() {}
    public var name: String { "log2" }
    public func evaluate(_ x: Double, into result: MPFRFloat) -> Double {
        evaluateCorrectlyRounded(mpfr_log2, x, into: result)
    }
    public var samplingBinades: [(sign: FloatingPointSign, low: Int, high: Int)] { [(.plus, -60, 60)] }
}
