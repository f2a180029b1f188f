import EvoMathReference
import Foundation

/// binary32 inputs whose exact result lies close to a rounding midpoint (the
/// hard cases of a correctly rounded function), for tests that hold the
/// runtime to MPFR rather than to the spec. The selection uses glibc's
/// binary64 function only to *choose* inputs; MPFR decides every verdict, so
/// a wrong choice can only make the test weaker, never make it pass wrongly.
enum Binary32HardCases {
    /// Every `stride`-th binary32 bit pattern in `[lower, upper]` whose
    /// binary64 value `f(x)` is within `2^-16` binary32 ULP of a midpoint
    /// between two binary32 numbers (about one in 2^15 inputs).
    static func near(_ f: (Double) -> Double, lower: Float, upper: Float, stride: UInt32 = 512) -> [Float] {
        var found: [Float] = []
        var bits: UInt32 = 0
        while true {
            let x = Float(bitPattern: bits)
            if x.isFinite && x >= lower && x <= upper {
                let y = f(Double(x))
                if y.isNormal && abs(y) >= Double(Float.leastNormalMagnitude) && abs(y) <= Double(Float.greatestFiniteMagnitude) {
                    let ulp = FloatFormat.binary32.ulp(of: y)
                    let fraction = (abs(y) / ulp).truncatingRemainder(dividingBy: 1)
                    if abs(fraction - 0.5) < 0x1p-16 { found.append(x) }
                }
            }
            let (next, overflow) = bits.addingReportingOverflow(stride)
            if overflow { break }
            bits = next
        }
        return found
    }

    /// The first misrounded inputs (at most five), or an empty list: the
    /// runtime's results against MPFR's correctly rounded binary32 values.
    static func misrounded(_ inputs: [Float], runtime: (Float) -> Float, reference: CorrectlyRoundedReference) -> (count: Int, first: [String]) {
        var count = 0
        var first: [String] = []
        for x in inputs {
            let got = Double(runtime(x))
            let want = reference.value(at: Double(x), in: .binary32)
            if !(got.bitPattern == want.bitPattern || (got.isNaN && want.isNaN)) {
                count += 1
                if first.count < 5 { first.append("x = \(HexFloat.format(Double(x))): got \(HexFloat.format(got)), want \(HexFloat.format(want))") }
            }
        }
        return (count, first)
    }
}
