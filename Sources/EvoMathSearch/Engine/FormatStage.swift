import EvoMathReference
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the search needs of a format stage: the complete function on every
/// input of a 16-bit format (or a binary32 sample) against correctly rounded
/// references, and the kernel intervals for the rounding-aware polish.
public protocol FormatStage: AnyObject, Sendable {
    var format: FloatFormat { get }
    var inputs: [Float] { get }
    var correct: [Double] { get }
    func evaluate(_ program: Program, tableBits t: Int, fused: Bool, scratch: inout EvaluationScratch,
                  results: UnsafeMutablePointer<Double>?) -> FormatResult
    func kernelIntervals(tableBits t: Int) -> (r: [Double], mid: [Double], halfWidth: [Double])
}

extension FormatStage {
    func evaluate(_ program: Program, tableBits t: Int, fused: Bool, scratch: inout EvaluationScratch) -> FormatResult {
        evaluate(program, tableBits: t, fused: fused, scratch: &scratch, results: nil)
    }
}
