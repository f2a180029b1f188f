import EvoMathReference
import Foundation

/// 2^x on an interval over the reals (`format: real`, reduction `none`): the
/// search's own benchmark, evaluated in double-double; no format stage and
/// no runtime.
public enum Exp2Family: RealKernelFamily {
    public static let function = "exp2"
    public static var kernelReference: any ReferenceFunction { Exp2Function() }

    public static func kernelFunction(_ recipe: Recipe) -> (Double) -> Double { { exp2($0) } }
}
