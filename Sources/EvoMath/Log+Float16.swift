// log for binary16, the accurate tier: correctly rounded on all 65,536 inputs.
//
// Error budget: x = 2^e · m, m in [√½, √2); with the 64-entry table,
// m = c_i·(1 + r), r = m·invc_i − 1 exact (|r| < 2^-6.9); the kernel
// `LogBinary16CorrectlyRounded` (Generated/) approximates log1p(r) with
// relative error 2.9e-5 in Float arithmetic (no FMA), i.e. at most ~2^-22
// absolute; e·ln2High + logcHigh is exact, the low part
// (e·ln2Low + logcLow) + p and the final sum round in Float (2^-24
// relative), then one rounding to binary16 (2^-11): every result lands in
// its binary16 rounding interval. Measured by the search's verifier over all
// inputs: 0 misrounded, max 0.499982 ULP at x = 0x1.17cp-3 (see
// Generators/log.binary16.correctlyRounded.json and Tests/EvoMathSearchTests).

extension Evolved {
    /// The natural logarithm, log(x), correctly rounded to binary16.
    ///
    /// ```
    /// log(x) = e·ln2 + log(c_i) + log1p(r),  x = 2^e · c_i · (1 + r)
    /// ```
    ///
    /// Edge Cases:
    /// - NaN → NaN (quiet: a signalling NaN is quieted); x < 0 → NaN
    /// - ±0 → −infinity
    /// - +infinity → +infinity
    /// - 1 → +0
    @inlinable
    public static func log(_ x: Float16) -> Float16 {
        // Special cases (NaN, x ≤ 0, +∞, 1; binary16 has no input below 2^-126) in
        // one unlikely branch, reduction, kernel and reconstruction in Float, one
        // rounding to binary16 (KernelProtocol.swift).
        return log(x, kernel: LogBinary16CorrectlyRounded.self)
    }

    /// log of every element of `input` into `output` (same count), with the
    /// same results as `log(_:)`: 16 lanes at a time in Float (the emitted
    /// vector kernel; conversions: `VectorSupport.Binary16Lanes`), special inputs and
    /// the tail through `log(_:)` itself.
    @inlinable
    public static func log(_ input: Span<Float16>, into output: inout MutableSpan<Float16>) {
        VectorSupport.withBitBuffers(input, &output) {
            LogSupport.map16($0, $1, $2, LogBinary16CorrectlyRounded.self, VectorSupport.Binary16Lanes.self) {
                log(Float16(bitPattern: $0)).bitPattern
            }
        }
    }

    /// log of every element, with the same results as `log(_:)`.
    @inlinable
    public static func log(_ input: [Float16]) -> [Float16] {
        VectorSupport.bitArray(input) {
            LogSupport.map16($0, $1, $2, LogBinary16CorrectlyRounded.self, VectorSupport.Binary16Lanes.self) {
                log(Float16(bitPattern: $0)).bitPattern
            }
        }
    }
}

extension Evolved.Fast {
    /// The natural logarithm in binary16 (the accurate tier is already this cheap).
    @inlinable
    public static func log(_ x: Float16) -> Float16 { Evolved.log(x) }

    /// The batch log in Float16 (the accurate tier).
    @inlinable
    public static func log(_ input: Span<Float16>, into output: inout MutableSpan<Float16>) { Evolved.log(input, into: &output) }

    /// The batch log in Float16 (the accurate tier).
    @inlinable
    public static func log(_ input: [Float16]) -> [Float16] { Evolved.log(input) }
}

extension LogBinary16CorrectlyRounded: LogPackedVectorKernel {
    /// The table packed for the batch entries (`LogSupport.packedTable`).
    @usableFromInline static let vectorPacked: [UInt64] = LogSupport.packedTable(LogBinary16CorrectlyRounded.self)
}
