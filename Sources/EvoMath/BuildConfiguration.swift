// Build configurations: which emitted kernels a build of EvoMath compiles.
//
// Swift has no `#if` on CPU features, so the choice is a compilation
// condition, set together with the CPU target:
//
//   default flags (baseline x86-64: no FMA)   the unfused kernels: every a·b + c of
//                                             a kernel is two roundings, as its spec
//                                             was searched
//   -Xswiftc -target-cpu -Xswiftc native      the same kernels, compiled for this CPU
//   … native -Xswiftc -DEVOMATH_FMA           the fused kernels: each from its own spec
//                                             (Generators/*.fma.json), searched with a
//                                             fused multiply-add (`addingProduct`, one
//                                             rounding) and verified on every input
//
// EVOMATH_FMA belongs with a -target-cpu that has FMA (x86-64 with FMA3, e.g.
// `native` on Haswell or later, or `haswell`; swiftc 6.3.1 does not know
// `x86-64-v3`). Without one the fused kernels
// still give the same results (`addingProduct` is an exact fused multiply-add
// on every target), but each fma is a call to libm's `fma`: far slower.
// Scalar and batch entries take the same kernel in every configuration, so
// they stay bit-identical (evomath-batch-check).
//
// EVOMATH_FMA also assumes F16C, which every x86-64 CPU with FMA3 has: the
// binary16 functions, scalar and batch, convert to and from Float with
// `Float(Float16)` / `Float16(Float)` (`vcvtph2ps` / `vcvtps2ph`) instead of
// integer arithmetic (ScalarConversion.swift, VectorSupport.swift). Same
// values (round to nearest even; exhaustive checks); without F16C each
// conversion would be a call to the runtime's __extendhfsf2 / __truncsfhf2. Where no fused spec exists
// (binary32 Fast.exp, the binary16 and bfloat16 kernels), every configuration runs the
// unfused kernel (the scalar binary16 and bfloat16 exp run binary32's first stage
// before theirs, fused here). binary32 Fast.log has both (LogBinary32Fast, LogBinary32FastFma).
//
// A second condition chooses the width of the batch entries' steps, not any
// kernel or result:
//
//   … native -Xswiftc -DEVOMATH_AVX512        the binary64 batches 8 lanes a step
//                                             (SIMD8<Double>, `Lanes64`) instead of 4
//
// (The correctly rounded binary32 exp and log batches stay at 8 lanes, one
// SIMD8<Double> register with AVX-512: 16 lanes a step, as two 8-lane
// halves, measured slower on AMD EPYC — exp 0.613 ns/element against SLEEF
// expf8_u10avx2's 0.365 in the same run, log 0.902 against logf16_u10avx512f's
// 0.305; at 8 lanes, the next run: 0.572 against 0.371, 0.831 against 0.297;
// evomath-bench --quick --modes batch-L2, loaded.)
//
// It also chooses how the 16-bit batches read their small tables (same
// values, so the same results): with it, exp's 8 entries are selected from
// registers by a tree of bitwise selects (`VectorSupport.select8`) and log's
// three tables are read as one 64-bit entry per index, two `vpgatherdq` per
// 16 lanes (`LogSupport.packedTable`); without it (16 registers, no gathers)
// the per-lane loads measured faster (ExpVector.swift, LogVector.swift).
//
// With EVOMATH_FMA too, tables are read from registers by permutes that Swift
// reaches only through the compiler's x86 intrinsics module
// (`_Builtin_intrinsics.intel`, Clang's builtin headers shipped with the
// toolchain: no library, nothing at run time), imported in that configuration
// only (`VectorSupport.select16`, `select8`, `select`):
// - the correctly rounded binary64 exp batch runs its own kernel
//   (ExpVector.swift, `vectorExpSingleStage`): one double-double stage on a
//   16-entry table (`vpermt2pd`), its own error bound and rounding test;
// - binary64 Fast.exp's and Fast.log's 16-entry tables (the fused kernels);
// - the correctly rounded binary32 exp batch runs the 16-entry-table kernel
//   `ExpBinary32CorrectlyRoundedTable16` (`ExpSupport.mapCorrectlyRounded16`);
// - the 16-bit batches: exp's 8 entries by one `vpermps`, log's three 32- or
//   64-entry tables by `vpermt2ps` (instead of the select tree and the packed
//   gathers above).
// The correctly rounded batches' results are correctly rounded, and the
// others read the same table values, so all are the scalar functions' results
// (evomath-batch-check, both configurations).
//
// EVOMATH_AVX512 belongs with a -target-cpu that has AVX-512F (one register
// per 8 Doubles); without one LLVM splits each vector into two or four
// registers and the loops spill. Scripts/benchmark and
// Scripts/accuracy-checks --native add it when /proc/cpuinfo lists avx512f
// (on an AVX2-only CPU, -target-cpu native without it keeps 4 lanes).
// Each lane runs the same operations either way, so results are the same
// bits (evomath-batch-check).

#if EVOMATH_FMA
/// The correctly rounded binary32 exp's kernel in this build: fused.
@usableFromInline typealias ExpBinary32Kernel = ExpBinary32CorrectlyRoundedFma
/// The correctly rounded binary32 log's kernel in this build: fused.
@usableFromInline typealias LogBinary32Kernel = LogBinary32CorrectlyRoundedFma
/// binary32 Fast.log's kernel (table-free, in Float) in this build: fused.
@usableFromInline typealias LogBinary32FastKernel = LogBinary32FastFma
/// The correctly rounded binary32 exp's first stage (`ExpSupport.screened`):
/// the fused twin of its screen polynomial (exp.binary32.screen.fma.json: the
/// same coefficients, its own window) and a fused reduction.
@usableFromInline typealias ExpBinary32Screen = ExpBinary32ScreenPolynomialFma
/// The correctly rounded binary32 log's first stage (`LogSupport.screened`):
/// fused (log.binary32.screen.fma.json), and its sums fused.
@usableFromInline typealias LogBinary32Screen = LogBinary32ScreenPolynomialFma
#else
/// The correctly rounded binary32 exp's kernel in this build: unfused.
@usableFromInline typealias ExpBinary32Kernel = ExpBinary32CorrectlyRounded
/// The correctly rounded binary32 log's kernel in this build: unfused.
@usableFromInline typealias LogBinary32Kernel = LogBinary32CorrectlyRounded
/// binary32 Fast.log's kernel (table-free, in Float) in this build: unfused.
@usableFromInline typealias LogBinary32FastKernel = LogBinary32Fast
/// The correctly rounded binary32 exp's first stage: unfused (exp.binary32.screen.json).
@usableFromInline typealias ExpBinary32Screen = ExpBinary32ScreenPolynomial
/// The correctly rounded binary32 log's first stage: unfused (log.binary32.screen.json).
@usableFromInline typealias LogBinary32Screen = LogBinary32ScreenPolynomial
#endif

// binary64: the polynomials of the exp and log runtimes (Exp+Double.swift,
// Log+Double.swift), which also use fused multiply-adds of their own under
// EVOMATH_FMA (see their headers); there binary64 Fast.exp and Fast.log are
// kernels of their own, on 16-entry tables (`ExpBinary64Runtime.fastStage16`,
// exp.binary64.fast.table16.fma.json; `LogBinary64Runtime.fastLog16`,
// log.binary64.fast.table16.fma.json), not the unfused build's first stages.
#if EVOMATH_FMA
/// binary64 exp's first stage (both tiers): fused (exp.binary64.fast.fma.json).
@usableFromInline typealias ExpBinary64FirstStagePolynomial = ExpBinary64FastPolynomialFma
/// binary64 exp's second stage (the accurate tier): fused (exp.binary64.correctlyRounded.fma.json).
@usableFromInline typealias ExpBinary64SecondStagePolynomial = ExpBinary64PolynomialFma
/// binary64 log's first stage (both tiers): fused (log.binary64.fast.fma.json).
@usableFromInline typealias LogBinary64FirstStagePolynomial = LogBinary64FastPolynomialFma
/// binary64 log's second stage (the accurate tier): fused (log.binary64.correctlyRounded.fma.json).
@usableFromInline typealias LogBinary64SecondStagePolynomial = LogBinary64PolynomialFma
#else
/// binary64 exp's first stage (both tiers): unfused.
@usableFromInline typealias ExpBinary64FirstStagePolynomial = ExpBinary64FastPolynomial
/// binary64 exp's second stage (the accurate tier): unfused.
@usableFromInline typealias ExpBinary64SecondStagePolynomial = ExpBinary64Polynomial
/// binary64 log's first stage (both tiers): unfused.
@usableFromInline typealias LogBinary64FirstStagePolynomial = LogBinary64FastPolynomial
/// binary64 log's second stage (the accurate tier): unfused.
@usableFromInline typealias LogBinary64SecondStagePolynomial = LogBinary64Polynomial
#endif

extension Evolved {
    /// The kernels this build of EvoMath was compiled with: `"fma"` when the
    /// compilation condition `EVOMATH_FMA` was set (the binary32 functions
    /// run their fused kernels), `"default"` otherwise.
    ///
    /// A build flag such as `-Xswiftc -DEVOMATH_FMA` applies to every module
    /// of the build, dependencies included; this value shows that it reached
    /// EvoMath.
    public static var configuration: String {
        #if EVOMATH_FMA
        "fma"
        #else
        "default"
        #endif
    }
}
