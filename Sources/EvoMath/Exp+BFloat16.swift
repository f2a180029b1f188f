// exp for bfloat16, the accurate tier: correctly rounded on all 65,536 inputs.
//
// In two stages. First stage, for 2^-126 ≤ |x| ≤ 0x1.5d5p+6 (bfloat16 has
// binary32's exponent range, so these results are normal and finite): the
// binary32 tier's first stage (`ExpSupport.screenValue`: a Double z with the
// relative error S of Generated/ExpBinary32Screen's header, 2^-37.7), rounded
// once to bfloat16 unless z lies within W = ⌈S·2^53⌉ Double ulps of a
// bfloat16 rounding boundary (`ExpSupport.screenedBFloat16`; about 2W/2^45
// of the results lie in that window). Second stage, the other inputs and the
// special cases: the one-kernel function described next, out of line.
//
// One-kernel function (the second stage). Error budget: x = k·ln2/8 + r,
// |r| ≤ ln2/16; the kernel `ExpBfloat16CorrectlyRounded` (Generated/) is a
// quadratic (4 operations, no FMA) with relative error far below bfloat16's 2^-9 rounding intervals; the
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
        // Two stages (ExpKernel.swift, `ExpSupport.screenedBFloat16`): the
        // binary32 tier's first stage and a rounding test at bfloat16's
        // precision; the inputs it does not decide (and the special cases)
        // take the one-kernel function below, unchanged.
        ExpSupport.screenedBFloat16(x, ExpBinary32Kernel.self) { ExpSupport.expSecondStage($0) }
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

extension ExpSupport {
    /// The second stage of `Evolved.exp(_: BFloat16)`: special cases in one
    /// unlikely branch, then reduction, kernel and reconstruction in Float
    /// and one rounding (KernelProtocol.swift). Out of line: the first stage
    /// decides every input in its range but those whose z falls in its window.
    @usableFromInline @inline(never)
    static func expSecondStage(_ x: BFloat16) -> BFloat16 {
        Evolved.exp(x, kernel: ExpBfloat16CorrectlyRounded.self)
    }
}
