// log for binary64, two tiers. Constants, the 256-entry table and the
// polynomials come from Generators/binary64/generate.py
// (Generated/LogBinary64.generated.swift; approximation errors in
// Generators/binary64/binary64.json).
//
// The accurate tier, `Evolved.log(_: Double)`, is correctly rounded (to
// nearest, ties to even). Anchor: CORE-MATH's cr_log; written for a target
// without FMA (the fused configuration, below, is written for one with).
//
// Reduction (both tiers): x = 2^e·z, z in [0x1.6p-1, 0x1.6p+0) (subnormal x
// scaled by 2^52 first); i = the top 8 significand bits of bits(x) − bits(z's
// lower end); invc = the table's 1/c for i, with at most 9 significant bits
// and invc = 1 for the two entries beside z = 1. u = z·invc − 1 is a multiple
// of 2^-61 below 2^-8 in magnitude (the generator checks every entry), so it
// is exact in binary64, and (zh·invc − 1) + zl·invc computes it exactly
// (zh: z's 44 leading bits; both products exact, the subtraction by
// Sterbenz, the sum exact because u is representable).
//   log(x) = e·ln2 − log(invc) + log1p(u)
// −log(invc) = nh + nl: nh a multiple of 2^-42, |nl| ≤ 2^-43, |nh + nl +
// log(invc)| ≤ 2^-97. E = e·ln2 − log(invc) ≈ eh + el with eh = e·ln2High + nh
// exact (both multiples of 2^-42, |eh| < 2^10) and el = e·ln2Low + nl
// (|el| < 2^-33, rounding ≤ 2^-87, ln 2's split error |e|·2^-102 ≤ 2^-92).
//
// First stage (the fast tier's computation): eh + u by Fast2Sum (hi, lo),
// s = (lo + el) + u²·p(u), p of degree 5 (LogBinary64FastPolynomial,
// error 2^-65.2 relative to |u|). The scalar first stage forms eh =
// e·ln2High + nh with one addition (exact, so the same bits as the
// Fast2Sum(e·ln2High, nh) it replaced, whose error term was exactly 0), and
// `log` forms Double(e) from the bits (`exponentAsDouble`; Fast.log keeps
// Double(e), where LLVM breaks cvtsi2sd's false dependency itself); with the
// special inputs outside the inlined body (`logSpecial`, `fastLogSpecial`),
// the hot path, entry to ret, is 58 instructions for Fast.log (was 67) and
// 80 for log when its first test passes (was 85), x86-64, default flags
// (objdump of evomath-bench); 81 since the test compares bit patterns
// (two movq and a cmp for ucomisd and a second branch); 77 with the integer test below
// (2026-12-02, AVX2 EPYC). The batch entries keep the Fast2Sum (measured
// faster with it: LogVector.swift); the results are the same bits.
// Error of hi + s, relative to log(x):
//   near 1 (e = 0, invc = 1, hi = u): u²·p with u² rounded, p evaluated and
//   the product: about 3 roundings of u²/2, 2^-52.4·|u| ≤ 2^-60.4; polynomial
//   2^-65.2. Total < 2^-60.3.
//   e = 0, invc ≠ 1: absolute error < 4.1·2^-54·u² (u²·p as above and s's
//   rounding) + 2^-65.2·|u|, and u²/|log z| ≤ 2^-9.0 over those entries
//   (generator: "maxSquareOfUOverLogZLog2"), |u| ≤ |log z|: < 2^-60.9.
//   e ≠ 0: |log x| ≥ 0.318 (z in [0x1.6p-1, 0x1.6p+0)); absolute error:
//   u²·p (u² rounded, p ≈ −1/2 evaluated to 2^-53, the product: relative
//   2^-51 of |u²·p| ≤ 2^-17) 2^-68; s's rounding (|s| < 2^-16) 2^-70;
//   polynomial 2^-65.2·|u| ≤ 2^-73.2; lo + el and the table, ln 2: < 2^-85.
//   Total < 2^-67.64, relative < 2^-66.
//   Rounding test (in integers since 2026-12-02; it was a = hi + (s − err),
//   b = hi + (s + err) with err = 2^-59.5·|hi| (e = 0) or 2^-64.5·|hi|, and
//   a == b): y = hi + s (the fast tier's result) and t = s − (y − hi) =
//   hi + s − y exactly (Fast2Sum: |s| ≤ |hi|, since |s| < 2^-16 < 0.3 < |hi|
//   for e ≠ 0, |s| < |u| = |hi| near 1, |s| < 2^-17 < |hi| for the other
//   e = 0 entries). Let P be the exponent of y's neighbour toward zero
//   (exponent(y), or exponent(y) − 1 when |y| is a power of 2): |y| ≤
//   2^(P+1), and h = 2^(P−53) is at most half the gap from y to either
//   neighbour. With c the first stage's relative bound (2^-60.3 for e = 0,
//   2^-66 for e ≠ 0) and |log x| ≤ |y|·(1 + 2^-50): log(x) = y + t + δ with
//   |δ| ≤ c·2^(P+1)·(1 + 2^-50), so if |t| < τ = h·(1 − c·2^54·(1 + 2^-50)),
//   |t + δ| < h and log(x) rounds to y. τ rounded down has exponent P − 54
//   and significand field M = ⌊(1 − c·2^55·(1 + 2^-50))·2^52⌋; with the bit
//   patterns shifted left once (sign dropped) the test is 2·bits(|t|) + D <
//   (2·bits(|y|) − 2) & 0xFFE0…0 with D = 54·2^53 − 2M (the −2 takes a power
//   of 2 to its lower neighbour's exponent; the mask keeps 2·(P + 1023)·2^52;
//   y = 0, x = 1 only: the mask gives 0xFFE0…0, t = 0, the test passes, +0).
//   D: `firstTestMargin`, `firstTestMarginNearOne`.
//   python3 Generators/binary64/measure_stage_errors.py 1 20000 recomputes
//   them (and fails if the Swift constants are below), emulates the test and
//   asserts that each input it passes is correctly rounded: largest
//   first-stage error 2^-61.16, with e ≠ 0 2^-68.94; the test fails for 1
//   input in 2500 of log-uniform x and 1 in 182 of x uniform in [0.5, 2]
//   (1 in 2222 and 1 in 117 with the old test, whose err also covered the
//   roundings of s ± err). 3 floating-point operations instead of 6; the
//   second stage recomputes the reduction from bits(x) (fewer live values
//   at the branch), and `log` runs at file scope as `logBinary64` (no
//   thunk). The fused build (-DEVOMATH_FMA) keeps the old test and passes
//   the reduction to the second stage: there the integer test and the
//   recomputation each cost 2–3% of throughput (AVX2 EPYC, loaded).
//   Measurements: Tables/b64speed.md.
//   The old test compared the bit patterns of a and b (one compare and
//   branch where a Double == needs a second one for NaN): 4.01–4.02 →
//   3.94–4.05 ns wide, 4.31–4.33 → 4.22–4.25 ns narrow (loaded machine, see
//   the commit that added it). Variants measured and not kept (same
//   conditions, Evolved.log wide/narrow ns; old 4.00–4.07/4.29–4.33):
//   one bound err = 2^-64.5·|hi| + 2^-51·u² for every e (no select on e = 0;
//   [0.5, 2] fails 1 in 1550 instead of 1 in 134): 4.24/4.34, FP work
//   costs more than the select's integer work; u²·q(u) as (lo + el + u²·p0)
//   + u⁴·(p2 + u²·p4): latency 15.1 → 13.5 ns but throughput 4.05/4.35;
//   ±err folded into the last addition (s ± err as (L ∓ err) + u²·p): latency
//   −0.5 ns, throughput 4.06/4.34; the second stage recomputing the reduction
//   from bits(x) (fewer live values): 4.12/4.42; Double(e) by cvtsi2sd: 5.4/5.7
//   (its false dependency chains the calls, as noted below).
// Second stage (the first test failed): log1p(u) = u − u²/2 + u³·p(u), p of degree 5
// (LogBinary64Polynomial: error 2^-83.1 absolute, 2^-73.8 relative to |u|).
// u² = uh² + ul·(u + uh) (uh² exact, the rest < 2^-26·u², rounded);
// u − uh²/2 by Fast2Sum (|u| ≥ u²/2). E = eh + el as above. eh + (u − u²/2)
// by Fast2Sum (eh = 0, or |eh| > 0.3 > |h1| for e ≠ 0, or exponent(nh) ≥
// exponent(h1) — checked for every entry by the generator).
// Error (relative to the result):
//   near 1 (e = 0, invc = 1, result ≈ u, |u| < 2^-8): u³·p evaluated with
//   about 4.5 roundings: u²·4.5·2^-53/3 ≤ 2^-68.4; two sums of the low part,
//   each ≤ 2^-70.6; polynomial 2^-73.8. Total < 2^-67.8.
//   e = 0, invc ≠ 1: |u|³/|log z| ≤ 2^-18.0 over every such entry (generator:
//   "maxCubeOfUOverLogZLog2"), so the same terms give < 2^-70.
//   e ≠ 0: |result| > 0.31, error < 2^-73.
//   Rounding test with err = 2^-67·|hi| (covers the bound above, and the
//   roundings of lo ± err); it fails for about 1 input in 2^13.
// Rare path (the test failed): 192-bit fixed point (Fixed192, 176 fraction
// bits), from the same exact e, table entry and u: S = log1p(u)/u = Σ (−u)^n/(n+1)
// by Horner to n = 24 (remainder < 2^-192, error < 3·2^-176), the table's
// −log(invc) to 2^-177, ln 2 to 2^-177.
//   near 1 (e = 0, invc = 1): result = u·S formed from u's 53-bit integer
//   significand times S: relative error < 2^-164.
//   elsewhere: e·ln2 − log(invc) + u·S in fixed point, |error| < 2^-165,
//   |result| ≥ 2^-9.3: relative error < 2^-155.
// Both are far below what the known hard cases need (Data/hard-cases/
// log.binary64.txt, about 2^-118), and an exact log(x) (x = 1 only) is
// caught by the first stage.
//
// The fast tier, `Evolved.Fast.log(_: Double)`: the first stage rounded
// without the test, hi + s: the final addition's 0.5 ULP plus < 2^-7 ULP.
// In the fused configuration the fast tier is its own kernel on a 16-entry
// table instead (`fastLog16`, < 0.55 ULP, see there).
//
// Fused configuration (-DEVOMATH_FMA with a -target-cpu that has FMA; see
// BuildConfiguration.swift): the same reduction, table, stages and rare
// path, with fused multiply-adds (`addingProduct`, one rounding) and the
// polynomials of their own specs (log.binary64.fast.fma.json and
// log.binary64.correctlyRounded.fma.json: the shipped recipes with
// "fusedMultiplyAdd": true, searched with the same seed; the same
// coefficients won, since the search scores q in double-double, and the
// emitter writes each Estrin step as one fused multiply-add).
//   u = fma(z, invc, −1): exact (u is representable), the same u.
//   eh = fma(e, ln2High, nh): exact, the same eh; el = fma(e, ln2Low, nl):
//   one rounding (≤ 2^-87) instead of two.
//   First stage: s = fma(u², p(u), lo + el), p by fused Estrin: the
//   product u²·p is no longer rounded apart, and each fused step rounds
//   a + b·c once where the unfused bound counts RN(b·c)'s rounding and the
//   sum's: |RN(a + bc) − (a + bc)| ≤ 2^-53·|a + bc| ≤ 2^-53·|a + RN(bc)| +
//   2^-106·|bc|, below the unfused pair's bound. So every term above bounds
//   its fused counterpart: first stage < 2^-60.3·|log x| (e = 0), < 2^-66
//   (e ≠ 0), and the rounding test (the floating-point one, see above) keeps
//   err = 2^-59.5·|hi| (0x1.6ap-60) and 2^-64.5·|hi| (0x1.6ap-65).
//   Second stage: u² = square + squareLow exactly (square = u² rounded,
//   squareLow = fma(u, u, −square), exact: no split of u), Fast2Sum(u,
//   −square/2) as before (|u| ≥ u²/2), tail = fma(u·square, p(u),
//   l1 − squareLow/2) with p fused: fewer roundings than the bound above
//   counts (squareLow exact, the product u³·p not rounded), so < 2^-67.8
//   holds and the test keeps err = 2^-67·|hi|.
//   `log` takes Double(e) there (vcvtsi2sd; see `log(bits:eAdjust:)`). Hot
//   path, entry to ret (objdump of evomath-bench, this CPU): 58 instructions
//   for log (71 before the fused code; 59 with the bit-pattern test, also
//   -target-cpu native on an AVX2 EPYC), 42 for
//   Fast.log (51); glibc's
//   __ieee754_log_fma has 44. (Fast.log's public entry was, in every build,
//   a 4-instruction thunk in front of a signature-optimized copy of the
//   static `fastLog`; it is now `fastLogBinary64`, at file scope.)
//   Correct rounding in that build is re-measured, not only argued:
//   evomath verify log --type binary64 --impl evolved --correctly-rounded
//   from a -DEVOMATH_FMA build (Scripts/accuracy-checks --native, and the
//   figures in the commit that added this).

extension Evolved {
    /// The natural logarithm, log(x), correctly rounded to binary64.
    ///
    /// ```
    /// log(x) = e·ln2 − log(invc) + log1p(u),  x = 2^e·z,  u = z·invc − 1
    /// ```
    ///
    /// Edge Cases:
    /// - NaN → NaN (a signalling NaN gives a quiet NaN)
    /// - x < 0 → NaN
    /// - ±0 → −infinity
    /// - +infinity → +infinity
    /// - log(1) = +0; subnormal x are handled exactly
    @inlinable
    public static func log(_ x: Double) -> Double {
        logBinary64(x)
    }
}

extension Evolved {
    /// log of every element of `input` into `output` (same count), with the
    /// same results as `log(_: Double)`: 4 lanes at a time (the reduction,
    /// the first stage and its rounding test, LogVector.swift); the lanes
    /// that fail the test or are not positive normal numbers, and the tail,
    /// take `log(_: Double)` itself.
    public static func log(_ input: Span<Double>, into output: inout MutableSpan<Double>) {
        VectorSupport.withBuffers(input, &output) { LogBinary64Runtime.map($0, $1, $2, correctlyRounded: true) }
    }

    /// log of every element, with the same results as `log(_: Double)`.
    public static func log(_ input: [Double]) -> [Double] {
        VectorSupport.array(input) { LogBinary64Runtime.map($0, $1, $2, correctlyRounded: true) }
    }
}

extension Evolved.Fast {
    /// log of every element of `input` into `output` (same count), with the
    /// same results as `Evolved.Fast.log(_: Double)`, 4 lanes at a time.
    public static func log(_ input: Span<Double>, into output: inout MutableSpan<Double>) {
        VectorSupport.withBuffers(input, &output) { LogBinary64Runtime.map($0, $1, $2, correctlyRounded: false) }
    }

    /// log of every element, with the same results as `Evolved.Fast.log(_: Double)`.
    public static func log(_ input: [Double]) -> [Double] {
        VectorSupport.array(input) { LogBinary64Runtime.map($0, $1, $2, correctlyRounded: false) }
    }
}

extension Evolved.Fast {
    /// The natural logarithm, log(x), in binary64 with < 1 ULP error.
    ///
    /// Edge Cases: as `Evolved.log(_: Double)`.
    @inlinable
    public static func log(_ x: Double) -> Double {
        fastLogBinary64(x)
    }
}

@usableFromInline
enum LogBinary64Runtime {
    typealias L = LogBinary64

    /// Whether bits is the pattern of a positive normal x: bits in [0x0010…, 0x7FF0…).
    /// All other inputs go to one unlikely branch.
    @inline(__always)
    static func isPositiveNormal(_ bits: UInt64) -> Bool {
        bits &- 0x0010_0000_0000_0000 < 0x7FF0_0000_0000_0000 - 0x0010_0000_0000_0000
    }

    /// `normal(bits(x), 0)` for a positive normal x; all other inputs through
    /// `special`, in one unlikely branch.
    @inline(__always)
    static func dispatch(_ x: Double, special: (Double) -> Double,
                         _ normal: (_ bits: UInt64, _ eAdjust: Int) -> Double) -> Double {
        let bits = x.bitPattern
        if _slowPath(!isPositiveNormal(bits)) { return special(x) }
        return normal(bits, 0)
    }

    /// The result for the special inputs (NaN, ≤ 0, +inf); for a subnormal x,
    /// `normal` of x·2^52 (exact and normal) with the exponent adjustment −52.
    @inline(__always)
    static func special(_ x: Double, _ normal: (_ bits: UInt64, _ eAdjust: Int) -> Double) -> Double {
        if x.isNaN { return x + x }
        if x == 0 { return -.infinity }
        if x < 0 { return .nan }
        if x == .infinity { return x }
        return normal((x * 0x1p52).bitPattern, -52)
    }

    /// The reduction: e, the table index, −log(invc) (high, low), and u exactly.
    @inline(__always)
    static func reduce(_ bits: UInt64, _ eAdjust: Int) -> (e: Int, i: Int, nh: Double, nl: Double, u: Double) {
        let t = bits &- L.offset
        let i = Int(truncatingIfNeeded: (t >> 44) & 255)
        let e = Int(truncatingIfNeeded: Int64(bitPattern: t) >> 52) &+ eAdjust
        let z = Double(bitPattern: bits &- (t & (0xFFF << 52)))
        let j = i &* 3
        let (invc, nh, nl) = L.table.withUnsafeBufferPointer { ($0[j], $0[j + 1], $0[j + 2]) }
        #if EVOMATH_FMA
        // One fused multiply-add, exact: u is representable (the same bits).
        let u = (-1.0).addingProduct(z, invc)
        #else
        let zh = Double(bitPattern: z.bitPattern & ~0x1FF)
        let u = (zh * invc - 1) + (z - zh) * invc
        #endif
        return (e, i, nh, nl, u)
    }

    /// Double(e), exactly, without cvtsi2sd: e + 2048 in the significand of 2^52, minus
    /// 2^52 + 2048. LLVM left cvtsi2sd's false dependency on its destination register
    /// unbroken in `log` (no xorps before it), which chained the calls of a loop
    /// (`fastLog` got the xorps and keeps Double(e), two instructions fewer).
    @inline(__always)
    static func exponentAsDouble(_ e: Int) -> Double {
        Double(bitPattern: UInt64(bitPattern: Int64(e) &+ 0x4330_0000_0000_0800)) - 0x1.00000000008p52
    }

    /// The first stage, shared by both tiers: log(x) ≈ hi + s (see the header); ed = Double(e).
    @inline(__always)
    static func firstStage(ed: Double, nh: Double, nl: Double, u: Double) -> (hi: Double, s: Double) {
        #if EVOMATH_FMA
        // The same with fused multiply-adds (eh the same bits; el and s one rounding each).
        let eh = nh.addingProduct(ed, L.ln2High)
        let (hi, lo) = DoubleDouble.fastTwoSum(eh, u)
        let u2 = u * u
        return (hi, (lo + nl.addingProduct(ed, L.ln2Low)).addingProduct(u2, LogBinary64FirstStagePolynomial.evaluate(u, squared: u2)))
        #else
        // Exact: e·ln2High and nh are multiples of 2^-42 below 2^10.
        let eh = ed * L.ln2High + nh
        // Fast2Sum: see the second stage.
        let (hi, lo) = DoubleDouble.fastTwoSum(eh, u)
        let u2 = u * u
        return (hi, (lo + (ed * L.ln2Low + nl)) + u2 * LogBinary64FirstStagePolynomial.evaluate(u, squared: u2))
        #endif
    }

    /// The first test's D = 54·2^53 − 2·M, M = ⌊(1 − c·2^55·(1 + 2^-50))·2^52⌋ (the significand
    /// field of the threshold 2^(P−54)·(2 − c·2^55·(1 + 2^-50))) for c = 2^-66 (e ≠ 0) and
    /// c = 2^-60.3 (e = 0). Recomputed by Generators/binary64/measure_stage_errors.py, which
    /// fails if these are below it.
    @inline(__always) static var firstTestMargin: UInt64 { 0x06A0_0400_0000_0000 }
    @inline(__always) static var firstTestMarginNearOne: UInt64 { 0x06A0_CFEF_C5E6_729C }

    /// The accurate tier: the body of `logBinary64`, which `Evolved.log(_: Double)` and the
    /// batch entries' scalar fallback call (one copy: two identical bodies are merged by the
    /// optimizer, leaving `log` a thunk, as before `fastLogBinary64`).
    @inline(__always)
    static func log(_ x: Double) -> Double {
        dispatch(x, special: logSpecial, log(bits:eAdjust:))
    }

    /// log for the inputs outside the positive normal range.
    @usableFromInline @inline(never)
    static func logSpecial(_ x: Double) -> Double {
        special(x, log(bits:eAdjust:))
    }

    /// log(x) for x = 2^eAdjust·Double(bitPattern: bits), a positive normal number.
    @inline(__always)
    static func log(bits: UInt64, eAdjust: Int) -> Double {
        #if EVOMATH_FMA
        let (e, i, nh, nl, u) = reduce(bits, eAdjust)
        #else
        let (e, _, nh, nl, u) = reduce(bits, eAdjust)
        #endif
        #if EVOMATH_FMA
        // Double(e): for a target with AVX LLVM converts from a register nothing else writes
        // (no chain between calls), 3 instructions fewer than exponentAsDouble; measured
        // faster (evomath-bench scalar-throughput, Evolved.log wide: 0.905–0.941× glibc
        // before, 0.958–0.965× after, 3 alternating runs each, -DEVOMATH_FMA native build).
        let ed = Double(e)
        #else
        let ed = exponentAsDouble(e)
        #endif
        let (hi, s) = firstStage(ed: ed, nh: nh, nl: nl, u: u)
        // First rounding test, in integers (see the header): y = hi + s (the fast tier's
        // result), t = hi + s − y exactly (Fast2Sum, |s| ≤ |hi|); y is log(x) correctly
        // rounded when |t| < 2^(P−53)·(1 − c·2^54·(1 + 2^-50)), P the exponent of y's
        // neighbour toward zero and c the first stage's relative error bound (2^-60.3 for
        // e = 0, 2^-66 otherwise). With both bit patterns shifted left once (no sign):
        // 2·bits|t| + D < ((2·bits|y| − 2) with its significand cleared).
        #if EVOMATH_FMA
        // The fused build keeps the floating-point test (5 operations there) and passes the
        // reduction to the second stage: measured faster in throughput on an AVX2 EPYC than the
        // integer test (Tables/b64speed.md, 2026-12-02); err covers the first stage's bound and
        // the roundings of s ± err (2^-59.5 for e = 0, 2^-64.5 otherwise, relative to |hi|).
        let err = hi.magnitude * (e == 0 ? 0x1.6ap-60 : 0x1.6ap-65)
        let a = hi + (s - err), b = hi + (s + err)
        if _fastPath(a.bitPattern == b.bitPattern) { return a }
        return secondStageReduced(e: e, i: i, nh: nh, nl: nl, u: u)
        #else
        let y = hi + s
        let t = s - (y - hi)
        let margin = e == 0 ? firstTestMarginNearOne : firstTestMargin
        let ulpField = ((y.bitPattern &<< 1) &- 2) & 0xFFE0_0000_0000_0000
        if _fastPath((t.bitPattern &<< 1) &+ margin < ulpField) { return y }
        return secondStage(bits: bits, eAdjust: eAdjust)
        #endif
    }

    /// The double-double stage (1 call in 2500 of log-uniform x, 1 in 182 in [0.5, 2]) and its rounding test.
    @usableFromInline @inline(never)
    static func secondStage(bits: UInt64, eAdjust: Int) -> Double {
        let (e, i, nh, nl, u) = reduce(bits, eAdjust)
        return secondStage(e: e, i: i, nh: nh, nl: nl, u: u)
    }

    /// The second stage from the reduction's values (the fused build's first test passes them).
    @usableFromInline @inline(never)
    static func secondStageReduced(e: Int, i: Int, nh: Double, nl: Double, u: Double) -> Double {
        secondStage(e: e, i: i, nh: nh, nl: nl, u: u)
    }

    @inline(__always)
    static func secondStage(e: Int, i: Int, nh: Double, nl: Double, u: Double) -> Double {
        // log1p(u) = u − u²/2 + u³·p(u) = h1 + tail.
        // u² = uh² + ul·(u + uh) with u's Veltkamp halves: uh² exact, the
        // second term (< 2^-26·u²) rounded.
        #if EVOMATH_FMA
        // With a fused multiply-add, u² = square + squareLow exactly (square = u² rounded).
        let square = u * u
        let squareLow = (-square).addingProduct(u, u)
        let (h1, l1) = DoubleDouble.fastTwoSum(u, -0.5 * square)
        let tail = (l1 - 0.5 * squareLow).addingProduct(u * square, LogBinary64SecondStagePolynomial.evaluate(u, squared: square))
        let ed = Double(e)
        let eh = nh.addingProduct(ed, L.ln2High)
        let el = nl.addingProduct(ed, L.ln2Low)
        #else
        let (uh, ul) = DoubleDouble.split(u)
        let square = uh * uh
        let squareLow = ul * (u + uh)
        let (h1, l1) = DoubleDouble.fastTwoSum(u, -0.5 * square)
        let u2 = u * u
        let tail = (l1 - 0.5 * squareLow) + (u * u2) * LogBinary64SecondStagePolynomial.evaluate(u, squared: u2)
        // E = e·ln2 − log(invc) = eh + el, eh exact (multiples of 2^-42 below 2^10).
        let ed = Double(e)
        let eh = ed * L.ln2High + nh
        let el = ed * L.ln2Low + nl
        #endif
        // Fast2Sum: eh = 0, or |e·ln2| > 0.3 > |h1|, or (e = 0) exponent(log invc) ≥
        // exponent(h1), which the generator checks for every entry ("fastTwoSumExact").
        let (hi, l2) = DoubleDouble.fastTwoSum(eh, h1)
        let lo = l2 + (el + tail)
        let err = hi.magnitude * 0x1p-67
        let a = hi + (lo - err), b = hi + (lo + err)
        if _fastPath(a == b) { return a }
        return rare(e: e, i: i, u: u)
    }

    /// The correctly rounded log(x) = e·ln2 − log(invc) + log1p(u) in 192-bit
    /// fixed point (see the header for the error bound).
    @usableFromInline @inline(never)
    static func rare(e: Int, i: Int, u: Double) -> Double {
        let invc = L.table.withUnsafeBufferPointer { $0[i &* 3] }
        // S = log1p(u)/u = Σ (−u)^n/(n+1), Horner from n = 24.
        var s = Fixed192.one
        let um = u.magnitude
        let m = um.significandBitPattern | (um == 0 ? 0 : 1 << 52)
        let ue = um == 0 ? 0 : Int(um.exponent) - 52  // |u| = m·2^ue, ue ≤ -61
        if u != 0 {
            let w = Fixed192.integer(m, shiftedLeftBy: ue + Fixed192.fractionBits)
            s = Fixed192.one.dividedBy(25)
            for n in stride(from: 23, through: 0, by: -1) {
                let term = Fixed192.one.dividedBy(UInt64(n + 1))
                s = u < 0 ? term + w * s : term - w * s
            }
        }
        if e == 0 && invc == 1 {
            if u == 0 { return 0 }
            // u·S from u's integer significand: (m·S) >> 64, times 2^(ue + 64 − 176).
            let product = s.times(m, shiftedRightBy: 64)
            return Fixed192.roundToDouble(product, exponent: ue + 64 - Fixed192.fractionBits, negative: u < 0)
        }
        var sum = Fixed192(L.ln2Fixed).times(UInt64(e.magnitude))
        if e < 0 { sum = sum.negated }
        let j = i &* 3
        sum = sum + L.negativeLogFixed.withUnsafeBufferPointer { Fixed192($0[j], $0[j + 1], $0[j + 2]) }
        if u != 0 {
            // u·S in fixed point: (m·S)·2^ue, ue ≤ -61.
            var us = s.times(m, shiftedRightBy: -ue)
            if u < 0 { us = us.negated }
            sum = sum + us
        }
        let negative = sum.isNegative
        return Fixed192.roundToDouble(negative ? sum.negated : sum, exponent: -Fixed192.fractionBits, negative: negative)
    }

    /// The fast tier; the batch entries' scalar fallback (`Evolved.Fast.log(_: Double)`
    /// runs the same body through `fastLogBinary64`).
    @inline(__always)
    static func fastLog(_ x: Double) -> Double {
        dispatch(x, special: fastLogSpecial, fastLog(bits:eAdjust:))
    }

    /// Evolved.Fast.log for the inputs outside the positive normal range.
    @usableFromInline @inline(never)
    static func fastLogSpecial(_ x: Double) -> Double {
        special(x, fastLog(bits:eAdjust:))
    }

    /// The fast tier for x = 2^eAdjust·Double(bitPattern: bits), a positive normal number.
    @inline(__always)
    static func fastLog(bits: UInt64, eAdjust: Int) -> Double {
        #if EVOMATH_FMA
        return fastLog16(bits: bits, eAdjust: eAdjust)
        #else
        let (e, _, nh, nl, u) = reduce(bits, eAdjust)
        let (hi, s) = firstStage(ed: Double(e), nh: nh, nl: nl, u: u)
        return hi + s
        #endif
    }

    #if EVOMATH_FMA
    /// The fast tier in the fused configuration: a 16-entry table (LogBinary64Table16, which the
    /// AVX-512 batch selects from registers) instead of the 256-entry one.
    /// x = 2^e·z, z in [0x1.68p-1, 0x1.68p+0), i = the top 4 significand bits of bits(x) −
    /// bits(0x1.68p-1), invc = RN(1/c) (1 for the entry holding z = 1); z·invc = ph + pl exactly
    /// (pl by a fused multiply-add), u = ph − 1 exact (Sterbenz), so z·invc − 1 = u + pl, |u| ≤
    /// 2^-5, |pl| ≤ 2^-53. log(x) = e·ln2 − log(invc) + log1p(u + pl), log1p(u + pl) = log1p(u) +
    /// pl·(1 − u) + O(pl·u²) (2^-63), log1p(u) − u ≈ u²·p(u), p of degree 8
    /// (LogBinary64FastPolynomialTable16Fma, log.binary64.fast.table16.fma.json, 2^-61.54 relative
    /// to |u|). eh = e·ln2High + nh exact (multiples of 2^-42 below 2^10), (hi, lo) = Fast2Sum(eh, u)
    /// (exponent(nh) ≥ exponent(u) on every entry with invc ≠ 1: generate.py checks it; eh = 0 or
    /// |eh| > 0.68 otherwise), s = ((lo + (e·ln2Low + nl)) + pl·(1 − u)) + u²·p(u), y = hi + s.
    /// Error of hi + s, relative to |log x|: near 1 (e = 0, invc = 1, log x = log1p(u), |log x| ≥
    /// 0.98·|u|): the polynomial 2^-61.54·|u|, u²'s and the products' roundings (u²·p ≤ u²/2 ≤
    /// 2^-6·|u|, three roundings of 2^-53 of it: 2^-59.4·|u|), s's rounding (|s| ≤ 2^-5.9·|u|:
    /// 2^-58.9·|u|): < 2^-57.6; elsewhere with e = 0 (|log x| ≥ 0.0157 against |u| ≤ 0.0295, u²/|log
    /// z| ≤ 2^-5.1): the same terms times u²/|log x|, plus lo, el and pl exact or to 2^-106: < 2^-59;
    /// e ≠ 0 (|log x| ≥ 0.34): < 2^-60. So at most 2^-4.6 ULP beyond y's rounding: < 0.55 ULP.
    @inline(__always)
    static func fastLog16(bits: UInt64, eAdjust: Int) -> Double {
        typealias T16 = LogBinary64Table16
        let t = bits &- T16.offset
        let i = Int(truncatingIfNeeded: (t >> 48) & 15)
        let e = Int(truncatingIfNeeded: Int64(bitPattern: t) >> 52) &+ eAdjust
        let z = Double(bitPattern: bits &- (t & (0xFFF << 52)))
        let j = i &* 4
        let (invc, nh, nl) = T16.table.withUnsafeBufferPointer { ($0[j], $0[j + 1], $0[j + 2]) }
        let ph = z * invc
        let pl = (-ph).addingProduct(z, invc)
        let u = ph - 1
        let ed = Double(e)
        let eh = nh.addingProduct(ed, L.ln2High)
        let (hi, lo) = DoubleDouble.fastTwoSum(eh, u)
        let u2 = u * u
        let tail = pl.addingProduct(-pl, u)
        let low = (lo + nl.addingProduct(ed, L.ln2Low)) + tail
        return hi + low.addingProduct(u2, LogBinary64FastPolynomialTable16Fma.evaluate(u, squared: u2))
    }
    #endif
}

/// `Evolved.log(_: Double)`: at file scope, as `fastLogBinary64` (below) and for the same reason.
@usableFromInline
func logBinary64(_ x: Double) -> Double {
    LogBinary64Runtime.log(x)
}

/// `Evolved.Fast.log(_: Double)`: at file scope, not a static method of
/// `LogBinary64Runtime`, whose unused metatype argument made the optimizer
/// give it a signature-optimized copy and leave the public entry a thunk
/// jumping to it (push, mov, pop, jmp on every call).
@usableFromInline
func fastLogBinary64(_ x: Double) -> Double {
    LogBinary64Runtime.fastLog(x)
}
