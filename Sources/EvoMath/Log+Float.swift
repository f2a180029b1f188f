// log for binary32, the accurate tier: correctly rounded on all 2^32 inputs,
// in two stages (LogKernel.swift, `LogSupport.screened`). First stage, for
// positive normal finite x (one unsigned comparison on the bits): the
// reduction below (the same table, r exact), the screen kernel
// q(r) ≈ log1p(r)/r (`LogBinary32ScreenPolynomial`, Generated/: a cubic by
// Estrin's scheme, searched alone in double-double against the recipe's
// target error, Generators/log.binary32.screen.json), z = (e·ln2 + log c) +
// r·q(r) in Double, and a rounding test: the generated header bounds z's
// relative error S case by case (2^-32.3, at e = 0 next to the entry with
// c = 1, where |log x| ≥ 0.00383) and derives the window W = ⌈S·2^53⌉
// Double ulps around each binary32 midpoint; outside it Float(z) is the
// correctly rounded result (x = 1: z = +0 exactly). Second stage, for the
// results inside the window (about 2W/2^29 ≈ 0.65% of them) and the special
// inputs (NaN, x ≤ 0, +∞, subnormals): the one-kernel function described
// next, unchanged, out of line.
//
// One-kernel function (the second stage). Error budget: x = 2^e · m, m in [√½, √2) (subnormal inputs scaled by 2^23
// first); with the 64-entry table, m = c_i·(1 + r) and r = m·invc_i − 1 is
// exact in Double (24 + 12 significand bits, then Sterbenz), |r| < 2^-6.9;
// the kernel `LogBinary32CorrectlyRounded` (Generated/) approximates
// log1p(r) in Double (its error: the budget in the generated header, from
// the spec; a degree-6 polynomial, 12 operations, no FMA, from Remez seeds;
// with EVOMATH_FMA the fused `LogBinary32CorrectlyRoundedFma` from its own
// spec, BuildConfiguration.swift; a 128-entry table saves one degree but was lowered as two lookup tables
// behind an unpredictable branch: 6.8 against 3.1 ns/element on large
// arrays); logc_i = −log(invc_i) is rounded to Double (2^-54), e·ln2High is
// exact, so the Double result z is within ~2^-48 relative of log(x) and
// Float(z) is the correctly rounded result unless log(x) lies that close to a
// rounding boundary. The search scans every input within 2^-39 of a boundary
// and lists those that Float(z) misrounds as exceptions (their count: the
// generated header), consulted only on a rare path (z within 2^-43 of
// a boundary). Measured by the verifier over all 2^32 inputs: 0 misrounded,
// max 0.5 ULP (to 6 digits) at x = 0x1.b121a6p+76 (see
// Generators/log.binary32.correctlyRounded.json, Tables/log.binary32.evolved.md).

extension Evolved {
    /// The natural logarithm, log(x), correctly rounded to binary32.
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
    public static func log(_ x: Float) -> Float {
        // Two stages (LogKernel.swift, `LogSupport.screened`): the screen
        // kernel and its rounding test; the inputs it does not decide (and the
        // special cases) take the one-kernel function, unchanged.
        LogSupport.screened(x, LogBinary32Kernel.self) { LogSupport.logSecondStage($0) }
    }

    /// log of every element of `input` into `output` (same count), with the
    /// same results as `log(_:)`: 8 lanes at a time (the emitted vector
    /// kernel, in Double); the lanes that need the exceptions or special
    /// handling, and the tail, take `log(_:)` itself.
    @inlinable
    public static func log(_ input: Span<Float>, into output: inout MutableSpan<Float>) {
        VectorSupport.withBuffers(input, &output) {
            LogSupport.mapCorrectlyRounded($0, $1, $2, LogBinary32Kernel.self) { log($0) }
        }
    }

    /// log of every element, with the same results as `log(_:)`.
    @inlinable
    public static func log(_ input: [Float]) -> [Float] {
        VectorSupport.array(input) { LogSupport.mapCorrectlyRounded($0, $1, $2, LogBinary32Kernel.self) { log($0) } }
    }
}

extension Evolved.Fast {
    /// The natural logarithm in binary32 with < 1 ULP error, evaluated in
    /// Float without a table.
    ///
    /// ```
    /// log(x) = e·ln2 + log1p(r),  x = 2^e · (1 + r),  1 + r in [√½, √2)
    /// ```
    ///
    /// r = m − 1 is exact; log1p(r) = r + r²·s(r) is the searched kernel
    /// `LogBinary32Fast` (Generated/, Generators/log.binary32.fast.json), or
    /// with EVOMATH_FMA its fused twin `LogBinary32FastFma`
    /// (Generators/log.binary32.fast.fma.json; BuildConfiguration.swift).
    /// Measured on all 2^32 inputs: max 0.899231 ULP (at 0x1.91c68ep+0),
    /// 0.29% of results not correctly rounded (Tables/log.binary32.fast.md).
    ///
    /// Edge Cases:
    /// - NaN → NaN (quiet: a signalling NaN is quieted); x < 0 → NaN
    /// - ±0 → −infinity
    /// - +infinity → +infinity
    /// - 1 → +0
    @inlinable
    public static func log(_ x: Float) -> Float {
        // Special cases in one unlikely branch (subnormals scaled by 2^23),
        // then reduction, kernel and reconstruction in Float (LogKernel.swift,
        // `LogSupport.inRange`; no table: T = 0, invc = 1).
        Evolved.log(x, kernel: LogBinary32FastKernel.self)
    }

    /// log of every element of `input` into `output` (same count), with the
    /// same results as `log(_:)`: 16 Float lanes at a time (the emitted
    /// vector kernel); lanes not positive, normal and ≠ 1, and the tail,
    /// take `log(_:)` itself.
    @inlinable
    public static func log(_ input: Span<Float>, into output: inout MutableSpan<Float>) {
        VectorSupport.withBuffers(input, &output) { LogSupport.mapTableFree($0, $1, $2, LogBinary32FastKernel.self) { log($0) } }
    }

    /// log of every element, with the same results as `log(_:)`.
    @inlinable
    public static func log(_ input: [Float]) -> [Float] {
        VectorSupport.array(input) { LogSupport.mapTableFree($0, $1, $2, LogBinary32FastKernel.self) { log($0) } }
    }
}

extension LogSupport {
    /// The second stage of `Evolved.log(_: Float)`: special cases (NaN,
    /// x ≤ 0, subnormal scaled by 2^23, +∞, 1) in one unlikely branch, then
    /// reduction, kernel and reconstruction in Double, one rounding to Float,
    /// exceptions on the rare path (KernelProtocol.swift). Out of line: the
    /// first stage decides all but a small share of the inputs (its header).
    @usableFromInline @inline(never)
    static func logSecondStage(_ x: Float) -> Float {
        Evolved.log(x, kernel: LogBinary32Kernel.self)
    }
}
