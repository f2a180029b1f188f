// exp for binary16, the accurate tier: correctly rounded on all 65,536 inputs.
//
// In two stages. First stage, for x ≠ 0 in [−9.703125, 11.0859375] (the
// results that are normal binary16 numbers): the binary32 tier's first stage
// (`ExpSupport.screenValue`: a Double z within the relative error S of
// Generated/ExpBinary32Screen's header, 2^-37.7), rounded once to binary16
// from its bits unless z lies within W = ⌈S·2^53⌉ Double ulps of a binary16
// rounding boundary (`ExpSupport.screenedBinary16`; no conversion from Float
// to binary16 on this path). Second stage, the other inputs: the one-kernel
// function described next, unchanged, out of line.
//
// One-kernel function (the second stage). Error budget:
// the kernel `ExpBinary16CorrectlyRounded` (Generated/) approximates
// exp(r) on |r| ≤ ln2/16 with relative error 2.0e-7 in Float arithmetic (no FMA);
// with the 8-entry table (each entry within 2^-25) and the exact scaling, every
// result lands within its binary16 rounding interval. Measured by the search's
// verifier over all inputs: 0 misrounded, max 0.499989 ULP at x = 0x1.de4p-8
// (see Generators/exp.binary16.correctlyRounded.json and Tests/EvoMathTests).

extension Evolved {
    /// The exponential, e^x, correctly rounded to binary16.
    ///
    /// ```
    /// exp(x) = 2^(k >> 3) · 2^((k mod 8)/8) · exp(r),  x = k·ln2/8 + r
    /// ```
    ///
    /// Edge Cases:
    /// - NaN → NaN (quiet: a signalling NaN is quieted, as by an arithmetic operation)
    /// - x > 0x1.62cp+3 (≈ 11.09) → +infinity
    /// - x < -0x1.154p+4 (≈ -17.33) → +0
    @inlinable
    public static func exp(_ x: Float16) -> Float16 {
        // Two stages (ExpKernel.swift, `ExpSupport.screenedBinary16`): the
        // binary32 tier's first stage and a rounding test at binary16's
        // precision; the inputs it does not decide (and those with special,
        // subnormal or infinite results) take the one-kernel function below.
        ExpSupport.screenedBinary16(x, ExpBinary32Kernel.self) { ExpSupport.expSecondStage($0) }
    }

    /// exp of every element of `input` into `output` (same count), with the
    /// same results as `exp(_:)`: 16 lanes at a time in Float (the emitted
    /// vector kernel; conversions: `VectorSupport.Binary16Lanes`), special inputs and
    /// the tail through `exp(_:)` itself.
    @inlinable
    public static func exp(_ input: Span<Float16>, into output: inout MutableSpan<Float16>) {
        VectorSupport.withBitBuffers(input, &output) {
            ExpSupport.map16($0, $1, $2, ExpBinary16CorrectlyRounded.self, VectorSupport.Binary16Lanes.self) {
                exp(Float16(bitPattern: $0)).bitPattern
            }
        }
    }

    /// exp of every element, with the same results as `exp(_:)`.
    @inlinable
    public static func exp(_ input: [Float16]) -> [Float16] {
        VectorSupport.bitArray(input) {
            ExpSupport.map16($0, $1, $2, ExpBinary16CorrectlyRounded.self, VectorSupport.Binary16Lanes.self) {
                exp(Float16(bitPattern: $0)).bitPattern
            }
        }
    }
}

extension Evolved.Fast {
    /// The exponential in binary16 (the accurate tier is already this cheap).
    @inlinable
    public static func exp(_ x: Float16) -> Float16 { Evolved.exp(x) }

    /// The batch exp in Float16 (the accurate tier).
    @inlinable
    public static func exp(_ input: Span<Float16>, into output: inout MutableSpan<Float16>) { Evolved.exp(input, into: &output) }

    /// The batch exp in Float16 (the accurate tier).
    @inlinable
    public static func exp(_ input: [Float16]) -> [Float16] { Evolved.exp(input) }
}

extension ExpSupport {
    /// The second stage of `Evolved.exp(_: Float16)`: special cases (NaN,
    /// overflow, underflow) in one unlikely branch, reduction, kernel and
    /// reconstruction in Float, one rounding to binary16 (KernelProtocol.swift).
    /// Out of line: the first stage decides every input in its range but those
    /// whose z falls in its window.
    @usableFromInline @inline(never)
    static func expSecondStage(_ x: Float16) -> Float16 {
        Evolved.exp(x, kernel: ExpBinary16CorrectlyRounded.self)
    }
}
