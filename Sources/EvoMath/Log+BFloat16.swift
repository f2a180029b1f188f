// log for bfloat16, the accurate tier: correctly rounded on all 65,536 inputs.
//
// Error budget: x = 2^e · m, m in [√½, √2) (subnormal inputs scaled by 2^23
// first); with the 32-entry table, m = c_i·(1 + r), r = m·invc_i − 1 exact
// (|r| < 2^-6); the kernel `LogBfloat16CorrectlyRounded` (Generated/) is a
// quadratic (4 operations, no FMA) approximating log1p(r) with relative error
// 3.9e-5, far below bfloat16's 2^-8 rounding intervals; e·ln2High + logcHigh
// is exact, the low part and the final sum round in Float (24 bits), then
// once into bfloat16. Measured by the search's verifier over all inputs: 0
// misrounded, max 0.499996 ULP at x = 0x1.d8p-53 (see
// Generators/log.bfloat16.correctlyRounded.json).

extension Evolved {
    /// The natural logarithm, log(x), correctly rounded to bfloat16.
    ///
    /// Edge Cases:
    /// - NaN → NaN (quiet: a signalling NaN is quieted); x < 0 → NaN
    /// - ±0 → −infinity
    /// - +infinity → +infinity
    /// - 1 → +0
    @inlinable
    public static func log(_ x: BFloat16) -> BFloat16 {
        // Special cases (NaN, x ≤ 0, +∞, 1, subnormal inputs scaled by 2^23) in one
        // unlikely branch, then reduction, kernel and reconstruction in Float and one
        // rounding (KernelProtocol.swift).
        return log(x, kernel: LogBfloat16CorrectlyRounded.self)
    }

    /// log of every element of `input` into `output` (same count), with the
    /// same results as `log(_:)`: 16 lanes at a time in Float (the emitted
    /// vector kernel; conversions: `VectorSupport.BFloat16Lanes`), special inputs and
    /// the tail through `log(_:)` itself.
    @inlinable
    public static func log(_ input: Span<BFloat16>, into output: inout MutableSpan<BFloat16>) {
        VectorSupport.withBitBuffers(input, &output) {
            LogSupport.map16($0, $1, $2, LogBfloat16CorrectlyRounded.self, VectorSupport.BFloat16Lanes.self) {
                log(BFloat16(bitPattern: $0)).bitPattern
            }
        }
    }

    /// log of every element, with the same results as `log(_:)`.
    @inlinable
    public static func log(_ input: [BFloat16]) -> [BFloat16] {
        VectorSupport.bitArray(input) {
            LogSupport.map16($0, $1, $2, LogBfloat16CorrectlyRounded.self, VectorSupport.BFloat16Lanes.self) {
                log(BFloat16(bitPattern: $0)).bitPattern
            }
        }
    }
}

extension Evolved.Fast {
    /// The natural logarithm in bfloat16 (the accurate tier is already this cheap).
    @inlinable
    public static func log(_ x: BFloat16) -> BFloat16 { Evolved.log(x) }

    /// The batch log in BFloat16 (the accurate tier).
    @inlinable
    public static func log(_ input: Span<BFloat16>, into output: inout MutableSpan<BFloat16>) { Evolved.log(input, into: &output) }

    /// The batch log in BFloat16 (the accurate tier).
    @inlinable
    public static func log(_ input: [BFloat16]) -> [BFloat16] { Evolved.log(input) }
}

extension LogBfloat16CorrectlyRounded: LogPackedVectorKernel {
    /// The table packed for the batch entries (`LogSupport.packedTable`).
    @usableFromInline static let vectorPacked: [UInt64] = LogSupport.packedTable(LogBfloat16CorrectlyRounded.self)
}
