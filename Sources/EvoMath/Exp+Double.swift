// exp for binary64, two tiers. Constants, the 128-entry table and the
// polynomials come from Generators/binary64/generate.py
// (Generated/ExpBinary64.generated.swift; approximation errors in
// Generators/binary64/binary64.json).
//
// The accurate tier, `Evolved.exp(_: Double)`, is correctly rounded
// (to nearest, ties to even). Anchor: CORE-MATH's cr_exp (fast double-double
// path with a rounding test, then a more accurate path); the code here is
// written for a target without FMA (the fused configuration, below, is
// written for one with).
//
// First stage, for |x| < 708.396 (results normal) — the fast tier's computation:
//   x = k·ln2/128 + r, k = round(x·128/ln2), r = (x − k·stepHigh) − k·stepMid
//   in one Double (the first product and subtraction exact, the second product
//   exact, one rounding); T = 2^((k mod 128)/128) = th + tl (th with 26 bits);
//   p = r + (r²/2 + r³·q(r)) ≈ exp(r) − 1, q of degree 2 (ExpBinary64FastPolynomial,
//   error 2^-63.9); s = tl + (th + tl)·p, y = th + s.
//   Error of th + s against T·exp(x − k·ln2/128), relative to T: r's rounding
//   and the dropped k·stepLow 2^-61.32; p's last rounding 2^-61.52; polynomial
//   2^-63.9; r², r²/2 + r³q: 2^-70; (th + tl)·p: 2^-60.5; s's rounding 2^-61.5.
//   Total < 2^-59.1·T. The terms other than the table, the polynomial and
//   k·stepLow are roundings of quantities below |r|, |p| ≤ 1.003·|r| or
//   |s| ≤ 1.003·|r|·T + |tl|, so for |r| < R (R ≤ rMax), in units of
//   2^-53·R·T (each ≤ 1.003): r's rounding, p's rounding, whole = RN(th + tl)
//   against T (times p), whole·p's rounding, s's rounding, and the test's own
//   rounding of s ± err: 6.02 units; the rest is at most k·stepLow
//   (|k| < 2^17 for |x| < 708.4: 1.003·2^-65.17)
//   + polynomial 2^-63.89 + r², r²/2 + r³q 2^-70 + tl's and the table's
//   2^-78: 2^-63.38 in all. Rounding test: err = bound(R)·th with
//   bound(R) = 1.01·(6.02·2^-53·R + 2^-63.38) rounded up (1% for th ≤ T
//   and err's own rounding), R from r's exponent by integer operations: R =
//   rMax when |r| ≥ 2^-9 and 2^-(8 + j) when |r| < 2^-(8 + j), j = 1…7
//   (below 2^-15, R = 2^-15): bound(rMax) = 2^-58.86 (it was 2^-58.5 for
//   every r), down to 2^-63.05 for j = 7. When the test passes th + s rounds
//   to exp(x)·2^-(k>>7) correctly. It fails for 1 input in 63 of uniform x
//   in [-700, 700] and in [-1, 1] (1 in 32 with 2^-58.5 for every r);
//   largest error in each of the 8 ranges of r at least a factor 2 below
//   its bound (Generators/binary64/measure_stage_errors.py's emulation, which
//   also recomputes the bounds from the generated constants and checks the
//   table `firstTestBounds`).
//   The test compares a's and b's bit patterns (one compare and branch; a
//   Double == adds a branch for NaN, which they cannot be, and +0/−0 cannot
//   occur): with the bound by R, Evolved.exp 3.74–3.76 → 3.52–3.58 ns (wide)
//   and 4.04–4.05 → 3.79 ns (narrow), scalar throughput, default flags,
//   loaded machine (evomath-bench --quick --functions exp --formats binary64
//   --modes scalar-throughput, the two binaries alternating, 2 runs each);
//   the bound by R alone gave 3.69–3.76 and 3.99, the bit compare alone
//   3.68–3.69 and 3.90–3.96. (The failures' cost does not follow their
//   rate: 1 in 16 measured about as slow as 1 in 32, and never failing
//   (a test bound of 2^-200, for the measurement only) 3.01 ns.)
// Second stage (the first test failed), double-double:
//   x = k·ln2/128 + r, k = round(x·128/ln2), |r| ≤ rMax = 0x1.62e42ff055111p-9 ≈ 2^-8.53.
//   r = rh + rl: x − k·stepHigh is exact (35-bit stepHigh, |k| < 2^18,
//   Sterbenz), m = k·stepMid is exact (35 bits); rh = t − m and
//   rl = (t − rh) − m − k·stepLow. (t − rh) − m is rh's exact rounding error
//   when |t| ≥ |m| (Fast2Sum); otherwise |rh| < 2^-25 and it is within 2^-76.
//   stepHigh + stepMid + stepLow is ln2/128 to 2^-137.
//   exp(x) = 2^(k >> 7) · T · exp(r), T = 2^((k mod 128)/128) = th + tl with
//   th rounded to 26 significant bits (|T − th − tl| < 2^-80·T).
//   exp(rh + rl) = 1 + rh + w + O(2^-79.5), w = rh²/2 + rl·(1 + rh) + rh³·q(rh),
//   q the degree-3 polynomial of ExpBinary64Polynomial (error 2^-77.25).
//   T·exp(r) = th + th·rh + th·w + tl·(1 + rh + w). th·rh = th·rh_high +
//   th·rh_low with rh's Veltkamp halves: both products exact (26 + 26 bits,
//   26 + 27 bits); th + th·rh_high by Fast2Sum.
//   Error, relative to th ∈ [1, 2) (so also to the result, up to a factor 1 + 2^-8):
//     rh² rounded (w's first term): 2^-71.06; w's sum rounded: 2^-71.06;
//     th·w rounded: 2^-71.06; the last sum of the low part: 2^-71.06
//     (the other low terms, tl·w + lo0 + e1 + tl·(1 + rh), are below 2^-26);
//     polynomial: 2^-77.25; rh's error when |t| < |m|: 2^-76;
//     rh³·q evaluation: 2^-79.2; rl·rh²/2 dropped: 2^-79.5; table: 2^-80;
//     the low part's inner sums (magnitude < 2^-26): 3·2^-79; the rest < 2^-100.
//     Total < 2^-68.9, so |hi + lo − exp(x)·2^-(k>>7)| < 2^-68.9·th < 2^-68.8·hi.
//   Rounding test (CORE-MATH style): with err = 2^-68·hi (also covering the
//   roundings of lo ± err, < 2^-105·hi), if hi + (lo − err) and hi + (lo + err)
//   round to the same Double, that Double is the correctly rounded result of
//   hi + lo's neighbourhood, hence of exp(x); 2^(k >> 7) scales it exactly.
//   The test fails for about 1 input in 2^14 (2·2^-68 of an ulp's 2^-52).
// Rare path (the test failed, or 708.396 ≤ |x| with a finite nonzero result):
//   192-bit fixed point (Fixed192, 176 fraction bits): x = k·ln2 + r with
//   0 ≤ r < ln2 (exact |x|, ln2 to 2^-177, so r is within 2^-166), exp(r) by
//   Horner on the Taylor series to degree 40 (remainder < 2^-186; each step
//   truncates twice, < 4·2^-176 in all), then one rounding of 2^k·exp(r) to
//   binary64 (Fixed192.roundToDouble, subnormal results included). Relative
//   error < 2^-165: the known worst cases of exp need 2^-113 (Lefèvre–Muller),
//   and an exact value within 2^-165 of a rounding boundary would need e^x to
//   be a binary64 midpoint, which only x = 0 gives (handled by the first stage).
//
// The fast tier, `Evolved.Fast.exp(_: Double)`: the first stage, rounded
// without the test: th + s, the final addition's 0.5 ULP plus < 2^-6 ULP
// (the first stage's bound). Outside |x| < 708.396 it calls the accurate
// tier's special cases (correctly rounded there). In the fused configuration
// the fast tier is its own kernel instead (`fastStage16`): reduction to
// ln2/16, a 16-entry table, q of degree 4, < 0.625 ULP (see there).
//
// Fused configuration (-DEVOMATH_FMA with a -target-cpu that has FMA; see
// BuildConfiguration.swift): the same reduction, table, stages and rare
// path with fused multiply-adds (`addingProduct`, one rounding) and the
// polynomials of their own specs (exp.binary64.fast.fma.json and
// exp.binary64.correctlyRounded.fma.json: the shipped recipes with
// "fusedMultiplyAdd": true, searched with the same seed; the same
// coefficients won, since the search scores q in double-double, and the
// emitter writes each Estrin step as one fused multiply-add).
//   k from fma(x, inverseStep, shifter): |x·inverseStep − k| ≤ 1/2 (the
//   product is no longer rounded), within the 1/2 + 2^-34 that rMax allows
//   (generate.py), so |r| ≤ rMax still; k may differ from the unfused
//   build's for x near a midpoint (both are valid reductions).
//   t = fma(−k, stepHigh, x), r = fma(−k, stepMid, t): t exact and
//   k·stepMid exact, so the same t and r as x − k·stepHigh and t − m.
//   First stage: p = r + fma(r³, q(r), r²/2) with q by fused Estrin, and
//   s = fma(th + tl, p, tl): the products r³·q and (th + tl)·p are no
//   longer rounded apart. A fused a + b·c rounds once: |RN(a + bc) −
//   (a + bc)| ≤ 2^-53·|a + RN(bc)| + 2^-106·|bc|, below the unfused pair's
//   bound, so every term above bounds its fused counterpart: < 2^-59.1·T,
//   and the test keeps err = bound(R)·th (the products' roundings that the
//   fused code drops are among the 6.02 units; none is added).
//   Second stage: th·rh = p1 + e1 exactly with p1 = th·rh rounded and
//   e1 = fma(th, rh, −p1) (no split of rh; |p1| < th keeps the Fast2Sum
//   with th valid), w = fma(rh³, q(rh), fma(rl, 1 + rh, rh²/2)) with q
//   fused, lo = fma(th, w, fma(tl, w, lo0 + fma(tl, 1 + rh, e1))): the
//   same terms with the products' roundings gone, so < 2^-68.9 holds and
//   the test keeps err = 2^-68·hi.
//   Hot path, entry to ret (objdump of evomath-bench, this CPU): 46
//   instructions for exp (48 unfused), 35 for Fast.exp (39); exp 55 with the
//   test bounded by R and comparing bit patterns (60 → 69 in the default
//   build: the integer work on r's exponent, the table load, two movq). In
//   this build the bound by R measured no faster (native Evolved.exp wide
//   2.95–2.98 → 2.98–3.06 ns, narrow 3.25–3.28 → 3.25–3.28, loaded machine;
//   with the constant bound and the bit compare 3.04–3.22 / 3.30–3.49);
//   the same code is kept in both builds. (Fast.exp's
//   public entry was, in every build, a 4-instruction thunk in front of a
//   signature-optimized copy of the static `fastExp`; it is now
//   `fastExpBinary64`, at file scope.)
//   Correct rounding in that build is re-measured, not only argued:
//   evomath verify exp --type binary64 --impl evolved --correctly-rounded
//   from a -DEVOMATH_FMA build (Scripts/accuracy-checks --native, and the
//   figures in the commit that added this).

extension Evolved {
    /// The exponential, e^x, correctly rounded to binary64.
    ///
    /// ```
    /// exp(x) = 2^(k >> 7) · 2^((k mod 128)/128) · exp(r),  x = k·ln2/128 + r
    /// ```
    ///
    /// Edge Cases:
    /// - NaN → NaN (a signalling NaN gives a quiet NaN)
    /// - x > 0x1.62e42fefa39efp+9 (≈ 709.78) → +infinity
    /// - x < -0x1.74910d52d3051p+9 (≈ -745.13) → +0
    /// - subnormal results are correctly rounded
    /// - exp(±0) = 1
    @inlinable
    public static func exp(_ x: Double) -> Double {
        ExpBinary64Runtime.exp(x)
    }
}

extension Evolved {
    /// exp of every element of `input` into `output` (same count), with the
    /// same results as `exp(_: Double)`: 4 lanes at a time (the first stage
    /// and its rounding test, ExpVector.swift); the lanes that fail the test
    /// or are out of range, and the tail, take `exp(_: Double)` itself.
    public static func exp(_ input: Span<Double>, into output: inout MutableSpan<Double>) {
        VectorSupport.withBuffers(input, &output) { ExpBinary64Runtime.map($0, $1, $2, correctlyRounded: true) }
    }

    /// exp of every element, with the same results as `exp(_: Double)`.
    public static func exp(_ input: [Double]) -> [Double] {
        VectorSupport.array(input) { ExpBinary64Runtime.map($0, $1, $2, correctlyRounded: true) }
    }
}

extension Evolved.Fast {
    /// exp of every element of `input` into `output` (same count), with the
    /// same results as `Evolved.Fast.exp(_: Double)`, 4 lanes at a time.
    public static func exp(_ input: Span<Double>, into output: inout MutableSpan<Double>) {
        VectorSupport.withBuffers(input, &output) { ExpBinary64Runtime.map($0, $1, $2, correctlyRounded: false) }
    }

    /// exp of every element, with the same results as `Evolved.Fast.exp(_: Double)`.
    public static func exp(_ input: [Double]) -> [Double] {
        VectorSupport.array(input) { ExpBinary64Runtime.map($0, $1, $2, correctlyRounded: false) }
    }
}

extension Evolved.Fast {
    /// The exponential, e^x, in binary64 with < 1 ULP error.
    ///
    /// ```
    /// exp(x) = 2^(k >> 7) · (t + (t_low + t·p(r))),  x = k·ln2/128 + r
    /// ```
    ///
    /// Edge Cases: as `Evolved.exp(_: Double)`.
    @inlinable
    public static func exp(_ x: Double) -> Double {
        fastExpBinary64(x)
    }
}

@usableFromInline
enum ExpBinary64Runtime {
    typealias R = ExpBinary64

    /// `(k as Double, k)` with k = round(x·128/ln2) (ties to even; |k| < 2^51).
    @inline(__always)
    static func reduce(_ x: Double) -> (Double, Int) {
        let shifter: Double = 0x1.8p52
        #if EVOMATH_FMA
        // One rounding: |x·inverseStep − k| ≤ 1/2, within the 1/2 + 2^-34 that rMax allows.
        let shifted = shifter.addingProduct(x, R.inverseStep)
        #else
        let shifted = x * R.inverseStep + shifter
        #endif
        return (shifted - shifter, Int(truncatingIfNeeded: Int64(bitPattern: shifted.bitPattern &- shifter.bitPattern)))
    }

    /// a·2^e when a and the product are normal (the table paths: fastPathLimit), by
    /// adding e to a's exponent field: exact, so the bits of a·2^e, in fewer
    /// instructions than forming 2^e and multiplying.
    @inline(__always)
    static func scale(_ a: Double, _ e: Int) -> Double {
        Double(bitPattern: a.bitPattern &+ (UInt64(bitPattern: Int64(e)) &<< 52))
    }

    /// The first stage, shared by both tiers: T·exp(r) − th = s in one Double
    /// (see the header), with k, the reduction's exact parts and the table entry
    /// for the second stage.
    @inline(__always)
    static func firstStage(_ x: Double) -> (s: Double, th: Double, tl: Double, kd: Double, k: Int, t: Double, m: Double, r: Double) {
        let (kd, k) = reduce(x)
        #if EVOMATH_FMA
        // t and r as fused multiply-adds: the same bits (t exact, m exact).
        let t = x.addingProduct(-kd, R.stepHigh)
        let m = kd * R.stepMid
        let r = t.addingProduct(-kd, R.stepMid)
        let i = (k & 127) &* 2
        let (th, tl) = R.table.withUnsafeBufferPointer { ($0[i], $0[i + 1]) }
        let whole = R.wholeTable.withUnsafeBufferPointer { $0[k & 127] }
        let square = r * r
        // p ≈ exp(r) − 1 and s: the products r³·q and T·p not rounded apart.
        let p = r + (square * 0.5).addingProduct(r * square, ExpBinary64FirstStagePolynomial.evaluate(r, squared: square))
        return (tl.addingProduct(whole, p), th, tl, kd, k, t, m, r)
        #else
        // r = t − m, t and m exact.
        let t = x - kd * R.stepHigh
        let m = kd * R.stepMid
        let r = t - m
        let i = (k & 127) &* 2
        let (th, tl) = R.table.withUnsafeBufferPointer { ($0[i], $0[i + 1]) }
        // RN(th + tl), from the table (one addition fewer; the batch entries add).
        let whole = R.wholeTable.withUnsafeBufferPointer { $0[k & 127] }
        // p ≈ exp(r) − 1.
        let square = r * r
        let p = r + (square * 0.5 + (r * square) * ExpBinary64FirstStagePolynomial.evaluate(r, squared: square))
        // T·(1 + p) − th with T = th + tl (th has only 26 bits, so tl·p counts).
        return (tl + whole * p, th, tl, kd, k, t, m, r)
        #endif
    }

    @usableFromInline
    static func exp(_ x: Double) -> Double {
        // Special cases, in one unlikely branch: NaN, ±inf, overflow,
        // underflow and subnormal results.
        if _slowPath(!(x.magnitude < R.fastPathLimit)) { return special(x) }
        let (s, th, tl, kd, k, t, m, r) = firstStage(x)
        // First rounding test: |th + s − T·exp(r)| with the test's own roundings is below
        // bound(R)·th for |r| < R, R from r's exponent (see the header): integer work on
        // r's bits instead of one bound for every r; the test fails half as often.
        let err = th * firstTestBound(r)
        let a = th + (s - err), b = th + (s + err)
        // Bit patterns, not ==: one compare and branch (a Double == needs a second one for
        // NaN, which a and b are not here); measured faster, see the header.
        if _fastPath(a.bitPattern == b.bitPattern) { return scale(a, k >> 7) }
        return secondStage(x, th: th, tl: tl, kd: kd, k: k, t: t, m: m)
    }

    /// The first test's bound for r, relative to th: `firstTestBounds[j]` with j = 1014 −
    /// (r's biased exponent), at most 7, so |r| < 2^-(8 + j) (j = 0: |r| ≤ rMax). j is also
    /// at least 0: |r| > rMax happens only under a directed rounding mode (the shifter
    /// rounds k the other way), where the index would leave the table.
    @inline(__always)
    static func firstTestBound(_ r: Double) -> Double {
        let biased = Int(truncatingIfNeeded: (r.bitPattern >> 52) & 0x7FF)
        let j = max(min(1014 &- biased, 7), 0)
        return firstTestBounds.withUnsafeBufferPointer { $0[j] }
    }

    /// bound(R) = 1.01·(6.02·2^-53·R + 2^-63.38) rounded up, for R = rMax, 2^-9, …, 2^-15
    /// (see the header; Generators/binary64/measure_stage_errors.py recomputes them from
    /// the generated constants and checks these values).
    static let firstTestBounds: [Double] = [
        0x1.1a4p-59, 0x1.9ep-60, 0x1.b6ep-61, 0x1.e8ap-62, 0x1.262p-62, 0x1.898p-63, 0x1.284p-63, 0x1.ef2p-64,
    ]

    /// The double-double stage (about 1 call in 63) and its rounding test.
    @usableFromInline @inline(never)
    static func secondStage(_ x: Double, th: Double, tl: Double, kd: Double, k: Int, t: Double, m: Double) -> Double {
        // r = rh + rl = x − k·ln2/128 (see the header).
        let rh = t - m
        let rl = ((t - rh) - m) - kd * R.stepLow
        #if EVOMATH_FMA
        // th·rh = p1 + e1 exactly (p1 rounded, e1 its error by a fused multiply-add).
        let p1 = th * rh, e1 = (-p1).addingProduct(th, rh)
        let square = rh * rh
        let w = (square * 0.5).addingProduct(rl, 1 + rh)
            .addingProduct(rh * square, ExpBinary64SecondStagePolynomial.evaluate(rh, squared: square))
        let (hi, lo0) = DoubleDouble.fastTwoSum(th, p1)
        let lo = (lo0 + e1.addingProduct(tl, 1 + rh)).addingProduct(tl, w).addingProduct(th, w)
        #else
        // th·rh = p1 + e1 exactly (both products exact).
        let (rhHigh, rhLow) = DoubleDouble.split(rh)
        let p1 = th * rhHigh, e1 = th * rhLow
        // w = exp(r) − 1 − rh = rh²/2 + rl·(1 + rh) + rh³·q(rh), to 2^-70.
        let square = rh * rh
        let w = (square * 0.5 + rl * (1 + rh)) + (rh * square) * ExpBinary64SecondStagePolynomial.evaluate(rh, squared: square)
        // T·exp(r) = th + th·rh + th·w + tl·(1 + rh + w) = hi + lo.
        let (hi, lo0) = DoubleDouble.fastTwoSum(th, p1)
        let lo = th * w + (tl * w + (lo0 + (e1 + tl * (1 + rh))))
        #endif
        let err = hi * 0x1p-68
        let a = hi + (lo - err), b = hi + (lo + err)
        if _fastPath(a == b) { return scale(a, k >> 7) }
        return rare(x)
    }

    /// NaN, ±inf, |x| ≥ fastPathLimit.
    @usableFromInline @inline(never)
    static func special(_ x: Double) -> Double {
        if x.isNaN { return x + x }
        if x > R.overflowThreshold { return .infinity }
        if x < R.underflowThreshold { return 0 }
        return rare(x)
    }

    /// The correctly rounded exp(x) in 192-bit fixed point, for
    /// 2^-60 ≤ |x| ≤ 746 (see the header for the error bound).
    @usableFromInline @inline(never)
    static func rare(_ x: Double) -> Double {
        let a = x.magnitude
        if a < 0x1p-60 { return 1 }  // e^x rounds to 1 for |x| < 2^-54
        // |x| = m·2^(q − 52) exactly, as fixed point m·2^(q − 52 + 176).
        let m = a.significandBitPattern | (1 << 52)
        let q = Int(a.exponent)
        let magnitude = Fixed192.integer(m, shiftedLeftBy: q - 52 + Fixed192.fractionBits)
        let ln2 = Fixed192(R.ln2Fixed)
        // x = k·ln2 + r, 0 ≤ r < ln2: k = floor(x/ln2), corrected exactly.
        var k = Int((x * 0x1.71547652b82fep0).rounded(.down))
        var r: Fixed192
        if x >= 0 {
            r = magnitude - ln2.times(UInt64(k))
        } else {
            r = ln2.times(UInt64(-k)) - magnitude
        }
        while r.isNegative { r = r + ln2; k -= 1 }
        while !(r < ln2) { r = r - ln2; k += 1 }
        // exp(r) = 1 + r(1 + r/2(1 + r/3(…))), Horner to degree 40.
        var p = Fixed192.one
        for n in stride(from: 40, through: 1, by: -1) {
            p = Fixed192.one + (r * p).dividedBy(UInt64(n))
        }
        return Fixed192.roundToDouble(p, exponent: k - Fixed192.fractionBits, negative: false)
    }

    /// The fast tier; the batch entries' scalar fallback (`Evolved.Fast.exp(_: Double)`
    /// runs the same body through `fastExpBinary64`).
    @inline(__always)
    static func fastExp(_ x: Double) -> Double {
        if _slowPath(!(x.magnitude < R.fastPathLimit)) { return special(x) }
        #if EVOMATH_FMA
        let (y, k) = fastStage16(x)
        return scale(y, k >> 4)
        #else
        let (s, th, _, _, k, _, _, _) = firstStage(x)
        return scale(th + s, k >> 7)
        #endif
    }

    #if EVOMATH_FMA
    /// The fast tier in the fused configuration: x = k·ln2/16 + r and the 16-entry table
    /// (ExpBinary64Vector16, which the AVX-512 batch selects from registers), exp(r) − 1 ≈ p =
    /// r + (r²/2 + r³·q(r)) with q of degree 4 (ExpBinary64FastPolynomialTable16Fma,
    /// exp.binary64.fast.table16.fma.json, error 2^-65.25), y = th + fma(th, p, tl) ≈ T·exp(r).
    /// Returns y and k; exp(x) ≈ y·2^(k >> 4).
    /// Error, relative to T = 2^(j/16) ∈ [1, 2): k from the shifter's fused multiply-add
    /// (|x·16/ln2 − k| ≤ 1/2 + 2^-39), t = x − k·stepHigh exact, r = RN(t − k·stepMid) (|r| ≤
    /// rMax = 2^-5.53, in [2^-6, 2^-5): 2^-59) and the dropped k·stepLow (|k| < 2^14: 2^-65.2);
    /// r²/2 + r³·q (|value| < 2^-12: 2^-66 for each of r²'s and the sum's roundings, r³·q's
    /// evaluation 2^-70.6, q's approximation 2^-65.25); p's rounding (|p| < 2^-5.5: 2^-59); in s
    /// = fma(th, p, tl) each of those times th < 1.9152, s's rounding (|s| < 2^-4.5: 2^-58) and
    /// the dropped tl·p (|tl| ≤ 2^-53: 2^-58.5): |th + s − T·exp(r)| < 2^-56.05, relative to
    /// the result (≥ 0.9785·T) < 2^-56.0, at most 2^-3 of an ulp (the result's ulp is at least
    /// 2^-53 of it). With y's rounding: < 0.625 ULP (the 128-entry first stage, which the
    /// unfused build keeps, is 0.5 + 2^-6 ULP). The scaling is exact (normal results).
    /// In round-to-nearest |r| ≤ rMax always; under a directed rounding mode k is moved by one
    /// where it is not (the batch flags those lanes to this function).
    @inline(__always)
    static func fastStage16(_ x: Double) -> (Double, Int) {
        typealias V = ExpBinary64Vector16
        let shifter: Double = 0x1.8p52
        let shifted = shifter.addingProduct(x, V.inverseStep)
        var kd = shifted - shifter
        var k = Int(truncatingIfNeeded: Int64(bitPattern: shifted.bitPattern &- shifter.bitPattern))
        var t = x.addingProduct(-kd, V.stepHigh)
        var r = t.addingProduct(-kd, V.stepMid)
        if _slowPath(!(r.magnitude <= V.rMax)) {
            // Only under a directed rounding mode (fesetround): the shifter rounded k to a
            // neighbour of the nearest integer, so |r| left the range q was fitted on (2.6 ULP
            // measured without this step). Move k by one toward x·16/ln2 and reduce again.
            let step: Double = r > 0 ? 1 : -1
            kd += step
            k += r > 0 ? 1 : -1
            t = x.addingProduct(-kd, V.stepHigh)
            r = t.addingProduct(-kd, V.stepMid)
        }
        let i = (k & 15) &* 2
        let (th, tl) = V.table.withUnsafeBufferPointer { ($0[i], $0[i + 1]) }
        let square = r * r
        let q = ExpBinary64FastPolynomialTable16Fma.evaluate(r, squared: square)
        let sum = (square * 0.5).addingProduct(r * square, q)
        let p = r + sum
        let s = tl.addingProduct(th, p)
        return (th + s, k)
    }
    #endif
}

/// `Evolved.Fast.exp(_: Double)`: at file scope, not a static method of
/// `ExpBinary64Runtime`, whose unused metatype argument made the optimizer
/// give it a signature-optimized copy and leave the public entry a thunk
/// jumping to it (push, mov, pop, jmp on every call).
@usableFromInline
func fastExpBinary64(_ x: Double) -> Double {
    ExpBinary64Runtime.fastExp(x)
}
