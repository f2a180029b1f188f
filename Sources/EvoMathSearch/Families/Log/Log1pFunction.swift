import CMPFR
import EvoMathReference
#if canImport(Glibc)
import Glibc
#endif

/// log(1 + x), for the kernel of log.
public struct Log1pFunction: ReferenceFunction {
    public init() {}
    public var name: String { "log1p" }
    public func evaluate(_ x: Double, into result: MPFRFloat) -> Double {
        evaluateCorrectlyRounded(mpfr_log1p, x, into: result)
    }
    public var samplingBinades: [(sign: FloatingPointSign, low: Int, high: Int)] { [(.plus, -60, 9), (.minus, -60, -1)] }
}
