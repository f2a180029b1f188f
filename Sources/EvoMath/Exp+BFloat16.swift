// exp for bfloat16, the accurate tier: correctly rounded on all 65,536 inputs.
//
// Error budget: x = k·ln2/8 + r, |r| ≤ ln2/16; the kernel
// `ExpBfloat16CorrectlyRounded` (Generated/) is a quadratic (4 operations, no
// FMA) with relative error far below bfloat16's 2^-9 rounding intervals; the
// reconstruction t·p·2^e rounds in Float (24 bits), then once into bfloat16.
// Measured by the search's verifier over all inputs: 0 misrounded, max
// 0.499988 ULP at x = 0x1.b6p+2 (see Generators/exp.bfloat16.correctlyRounded.json).

extension Evolved {
    /// The exponential, e^x, correctly rounded to bfloat16.
    ///
    /// Edge Cases:
    /// - NaN → NaN (quiet: a signalling NaN is quieted, as by an arithmetic operation)
    /// - x > 0x1.62p+6 (= 88.5) → +infinity
    /// - x < -0x1.72p+6 (= -92.5) → +0
    @inlinable
    public static func exp(_ x: BFloat16) -> BFloat16 {
        // Special cases in one unlikely branch, then reduction, kernel and
        // reconstruction in Float and one rounding (KernelProtocol.swift).
        return exp(x, kernel: ExpBfloat16CorrectlyRounded.self)
    }

    /// exp of every element of `input` into `output` (same count), with the
    /// same results as `exp(_:)`: 16 lanes at a time in Float (the emitted
    /// vector kernel; conversions: `VectorSupport.BFloat16Lanes`), special inputs and
    /// the tail through `exp(_:)` itself.
    @inlinable
    public static func exp(_ input: Span<BFloat16>, into output: inout MutableSpan<BFloat16>) {
        VectorSupport.withBitBuffers(input, &output) {
            ExpSupport.map16($0, $1, $2, ExpBfloat16CorrectlyRounded.self, VectorSupport.BFloat16Lanes.self) {
                exp(BFloat16(bitPattern: $0)).bitPattern
            }
        }
    }

    /// exp of every element, with the same results as `exp(_:)`.
    @inlinable
    public static func exp(_ input: [BFloat16]) -> [BFloat16] {
        VectorSupport.bitArray(input) {
            ExpSupport.map16($0, $1, $2, ExpBfloat16CorrectlyRounded.self, VectorSupport.BFloat16Lanes.self) {
                exp(BFloat16(bitPattern: $0)).bitPattern
            }
        }
    }
}

extension Evolved.Fast {
    /// The exponential in bfloat16 (the accurate tier is already this cheap).
    @inlinable
    public static func exp(_ x: BFloat16) -> BFloat16 { Evolved.exp(x) }

    /// The batch exp in BFloat16 (the accurate tier).
    @inlinable
    public static func exp(_ input: Span<BFloat16>, into output: inout MutableSpan<BFloat16>) { Evolved.exp(input, into: &output) }

    /// The batch exp in BFloat16 (the accurate tier).
    @inlinable
    public static func exp(_ input: [BFloat16]) -> [BFloat16] { Evolved.exp(input) }
}
