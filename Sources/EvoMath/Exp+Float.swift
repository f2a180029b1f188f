// exp for binary32, two tiers.
//
// The accurate tier, `Evolved.exp(_: Float)`, is correctly rounded, in two
// stages (ExpKernel.swift, `ExpSupport.screened`). First stage, for
// 2^-126 ≤ |x| ≤ 0x1.5d5p+6 (one integer comparison; x converted to Double
// on its bits): x/ln2 = k/64 + h in Double, the
// screen kernel p(h) ≈ 2^h (`ExpBinary32ScreenPolynomial`, Generated/: a
// cubic by Estrin's scheme, searched alone in double-double against the
// recipe's target error, Generators/exp.binary32.screen.json), times the
// table entry 2^(i/64) with k >> 6 added to its exponent bits, and a rounding
// test: the generated header sums the error S of that Double result z
// (2^-37.7, nearly all of it the kernel's approximation error) and derives
// the window W = ⌈S·2^53⌉ Double ulps around each binary32 midpoint; outside
// it Float(z) is the correctly rounded result. Second stage, for the results
// inside the window (about 2W/2^29 ≈ 2^-12.7 of them) and every input
// outside the first stage's range (NaN, ±∞, overflow, subnormal results,
// ±0 and subnormal x):
// the one-kernel function described next, unchanged, out of line.
//
// One-kernel function (the second stage). Error budget: x = k·ln2/2^T + r in Double (x − k·stepHigh exact, one
// rounding in k·stepLow), |r| ≤ ln2/2^(T+1); the kernel
// `ExpBinary32CorrectlyRounded` (Generated/) approximates exp(r) in Double
// (no FMA; with EVOMATH_FMA, `ExpBinary32CorrectlyRoundedFma`, searched with
// one: BuildConfiguration.swift); the table entry 2^(i/2^T) is correctly rounded to Double
// (2^-54); the product rounds once (2^-53) and the scaling by 2^(k >> T) is
// exact, so the Double result z is within the kernel's error plus these of
// exp(x) (relative; the generated header adds the terms up from the spec,
// and a test checks the sum stays below the rare-path window), and Float(z)
// (one rounding, also for subnormal results) is the correctly rounded result
// unless exp(x) lies that close to a rounding boundary. The search finds
// every such input exhaustively (all inputs within 2^-39 of a boundary) and
// lists the misrounded ones in the spec as exceptions, consulted only on a
// rare path (z within 2^-43 of a boundary, or subnormal). Found with T = 6
// and a degree-4 polynomial (its kernel error, cost and exception count: the
// generated header, from the spec). (T = 7 at the same cost leaves no
// exception, but its 128-entry table cost 3.4 ns/element against 2.7: one
// lookup table is emitted per 64 entries.) Measured by the verifier over all 2^32 inputs:
// 0 misrounded, max 0.4999999976 ULP at x = -0x1.d2259ap+3 (see
// Generators/exp.binary32.correctlyRounded.json, Tables/exp.binary32.evolved.md).
//
// The fast tier, `Evolved.Fast.exp(_: Float)`, is < 1 ULP, and table-free.
// Error budget: x = k·ln2 + r, |r| ≤ ln2/2 (k = round(x/ln2) by the
// 1.5·2^23 shifter, moved by one where a directed rounding mode made the
// shifter round the other way — `ExpSupport.correctedToNearest`, never in
// round-to-nearest; r = (x − k·ln2High) − k·ln2Low, the first product and
// difference exact, r rounded once: ≤ 2^-26); the kernel `ExpBinary32Fast`
// (Generated/) computes q ≈ exp(r) − 1 in Float (absolute error 2.1e-8 on the
// reduced interval, 13 operations, no FMA, ending in `… + r` so that its
// last rounding is that of q); y = 1 + q rounds once more (0.5 ULP), and the
// scaling by 2^k (`scaleOnce`; two exact-or-once-rounding products in the
// vector code) is exact for normal results. The search (recipe
// Generators/recipes/exp.binary32.fast.json) chose between this and the
// 8–32-entry split tables (t + (t·q + t_low)) with a table load priced as two
// per-lane vector gathers (`vectorTableLoad`; Tables/fast32.md): the old
// 32-entry kernel cost 6 + 20, this one 13 + 0. Measured over all 2^32 inputs
// by the verifier: Tables/exp.binary32.fast.md (and Tables/fast32.md for the
// build with EVOMATH_FMA). See Generators/exp.binary32.fast.json.

extension Evolved.Fast {
    /// The exponential, e^x, in binary32 with < 1 ULP error.
    ///
    /// ```
    /// exp(x) = 2^k · (1 + q(r)),  x = k·ln2 + r,  q(r) ≈ exp(r) − 1
    /// ```
    ///
    /// Edge Cases:
    /// - NaN → NaN (quiet: a signalling NaN is quieted, as by an arithmetic operation)
    /// - x > 0x1.62e42ep+6 (≈ 88.72) → +infinity
    /// - x < -0x1.9fe368p+6 (≈ -103.97) → +0
    @inlinable
    public static func exp(_ x: Float) -> Float {
        // Special cases in one unlikely branch, then reduction, kernel and
        // reconstruction (ExpKernel.swift, `inRangeSplit`; no table: T = 0).
        return Evolved.exp(x, kernel: ExpBinary32Fast.self)
    }

    /// exp of every element of `input` into `output` (same count), with the
    /// same results as `exp(_:)`.
    /// 16 lanes at a time (the emitted vector kernel), then the tail.
    @inlinable
    public static func exp(_ input: Span<Float>, into output: inout MutableSpan<Float>) {
        VectorSupport.withBuffers(input, &output) { ExpSupport.mapSplit($0, $1, $2, ExpBinary32Fast.self) { exp($0) } }
    }

    /// exp of every element, with the same results as `exp(_:)`.
    @inlinable
    public static func exp(_ input: [Float]) -> [Float] {
        VectorSupport.array(input) { ExpSupport.mapSplit($0, $1, $2, ExpBinary32Fast.self) { exp($0) } }
    }
}

extension Evolved {
    /// The exponential, e^x, correctly rounded to binary32.
    ///
    /// ```
    /// exp(x) = 2^(k >> T) · 2^((k mod 2^T)/2^T) · exp(r),  x = k·ln2/2^T + r  (in Double)
    /// ```
    ///
    /// Edge Cases:
    /// - NaN → NaN (quiet: a signalling NaN is quieted, as by an arithmetic operation)
    /// - x > 0x1.62e42ep+6 (≈ 88.72) → +infinity
    /// - x < -0x1.9fe368p+6 (≈ -103.97) → +0
    @inlinable
    public static func exp(_ x: Float) -> Float {
        // Two stages (ExpKernel.swift, `ExpSupport.screened`): the screen
        // kernel and its rounding test; the inputs it does not decide (and
        // the special cases) take the one-kernel function below, unchanged.
        ExpSupport.screened(x, ExpBinary32Kernel.self) { ExpSupport.expSecondStage($0) }
    }

    /// exp of every element of `input` into `output` (same count), with the
    /// same results as `exp(_:)`.
    /// 8 lanes at a time (the emitted vector kernel, in Double); the lanes
    /// that need the exceptions or special handling, and the tail, take
    /// `exp(_:)` itself.
    /// (With EVOMATH_AVX512 and EVOMATH_FMA: the 16-entry-table kernel
    /// `ExpBinary32CorrectlyRoundedTable16`, its table in registers; the
    /// same results, see `ExpSupport.mapCorrectlyRounded16`.)
    @inlinable
    public static func exp(_ input: Span<Float>, into output: inout MutableSpan<Float>) {
        VectorSupport.withBuffers(input, &output) {
            #if EVOMATH_AVX512 && EVOMATH_FMA && arch(x86_64) && canImport(_Builtin_intrinsics.intel)
            ExpSupport.mapCorrectlyRounded16($0, $1, $2, ExpBinary32CorrectlyRoundedTable16.self) { exp($0) }
            #else
            ExpSupport.mapCorrectlyRounded($0, $1, $2, ExpBinary32Kernel.self) { exp($0) }
            #endif
        }
    }

    /// exp of every element, with the same results as `exp(_:)`.
    @inlinable
    public static func exp(_ input: [Float]) -> [Float] {
        #if EVOMATH_AVX512 && EVOMATH_FMA && arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        VectorSupport.array(input) { ExpSupport.mapCorrectlyRounded16($0, $1, $2, ExpBinary32CorrectlyRoundedTable16.self) { exp($0) } }
        #else
        VectorSupport.array(input) { ExpSupport.mapCorrectlyRounded($0, $1, $2, ExpBinary32Kernel.self) { exp($0) } }
        #endif
    }
}

extension ExpSupport {
    /// The second stage of `Evolved.exp(_: Float)`: special cases in one
    /// unlikely branch, then reduction, kernel and reconstruction in Double,
    /// one rounding, and the exceptions on the rare path
    /// (KernelProtocol.swift). Out of line: the first stage decides all but
    /// about 2^-12 of the inputs.
    @usableFromInline @inline(never)
    static func expSecondStage(_ x: Float) -> Float {
        Evolved.exp(x, kernel: ExpBinary32Kernel.self)
    }
}
