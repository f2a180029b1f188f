import EvoMathReference
import Foundation

/// log2(x) on an interval over the reals (`format: real`, reduction `none`):
/// the second real-number benchmark, run with the exp2 recipe's engine
/// settings so that nothing is tuned to one function. Evaluated in
/// double-double; no format stage and no runtime. The kernel's input is x
/// itself (no x − 1 is given to the search).
public enum Log2Family: RealKernelFamily {
    public static let function = "log2"
    public static var kernelReference: any ReferenceFunction { Log2Function() }

    public static func kernelFunction(_ recipe: Recipe) -> (Double) -> Double { { log2($0) } }

    public static func validate(_ recipe: Recipe, origin: String) throws {
        guard recipe.domain.0 > 0 else {
            throw SpecFileError(file: origin, keyPath: "domain", "expected an interval of positive numbers (log2 is defined for x > 0)")
        }
        // log2(1) = 0: a relative error is unbounded near 1 unless the
        // program vanishes exactly there.
        guard recipe.errorKind == "absolute" || !(recipe.domain.0 <= 1 && 1 <= recipe.domain.1) else {
            throw SpecFileError(file: origin, keyPath: "kernel.error", "expected 'absolute': log2 vanishes at 1, inside the domain")
        }
    }
}
