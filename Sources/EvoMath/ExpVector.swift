/// Vector exp: the scalar reductions and reconstructions of `ExpKernel.swift`
/// lane by lane, with the same operations in the same order (no fusing,
/// same roundings), so every unflagged lane equals the scalar result bit for
/// bit. Flagged lanes (special inputs; the correctly rounded tier's rare path)
/// take the scalar function. The kernels and tables are emitted beside the
/// scalar ones (`Generated/`, `Emitter.vectorSource`).

/// `ExpKernel64` with its vector kernel (8 Double lanes) and table array.
@usableFromInline
protocol ExpVectorKernel64: ExpKernel64 {
    static var vectorTable: [Double] { get }
    static func kernel(_ r: SIMD8<Double>) -> SIMD8<Double>
}

/// `ExpKernel` with its vector kernel (16 Float lanes) and table array.
@usableFromInline
protocol ExpVectorKernel: ExpKernel {
    static var vectorTable: [Float] { get }
    static func kernel(_ r: SIMD16<Float>) -> SIMD16<Float>
}

/// `ExpSplitKernel` with its vector kernel (16 Float lanes) and the split
/// table as two arrays.
@usableFromInline
protocol ExpSplitVectorKernel: ExpSplitKernel {
    static var vectorTableHigh: [Float] { get }
    static var vectorTableLow: [Float] { get }
    static func kernel(_ r: SIMD16<Float>) -> SIMD16<Float>
}

extension ExpSupport {
    /// `inRangeCorrectlyRounded` on 8 lanes, in two stages for
    /// `VectorSupport.map8(reduce:finish:)`: the reduction (r and k) and the
    /// lanes out of [underflowThreshold, overflowThreshold] or NaN ...
    @inlinable @inline(__always)
    static func vectorReduce<K: ExpVectorKernel64>(
        _ x: SIMD8<Float>, _: K.Type
    ) -> (r: SIMD8<Double>, k: SIMD8<Int64>, outOfRange: SIMDMask<SIMD8<Int32>>) {
        let xd = VectorSupport.widen(x)
        let shifter: Double = 0x1.8p52
        let shifted = xd * K.inverseStep + shifter
        let kf = shifted - shifter
        let k = unsafeBitCast(shifted, to: SIMD8<Int64>.self) &- Int64(bitPattern: shifter.bitPattern)
        let r = (xd - kf * K.stepHigh) - kf * K.stepLow
        return (r, k, .!((x .<= K.overflowThreshold) .& (x .>= K.underflowThreshold)))
    }

    /// ... and the rest: kernel, reconstruction, and the lanes that need the
    /// scalar function (out of range, or on the rare path: z within 2^-43 of
    /// a rounding boundary, or a subnormal result, where the scalar function
    /// consults the exceptions).
    @inlinable @inline(__always)
    static func vectorFinish<K: ExpVectorKernel64>(
        _ reduced: (r: SIMD8<Double>, k: SIMD8<Int64>, outOfRange: SIMDMask<SIMD8<Int32>>),
        table: UnsafePointer<Double>, _: K.Type
    ) -> (SIMD8<Float>, SIMDMask<SIMD8<Int32>>) {
        let k = reduced.k
        let p = K.kernel(reduced.r)
        // The table has one entry (1) when T = 0: p·1 = p, as the scalar code.
        let t = Int64(K.tableBits)
        let i = SIMD8<Int32>(truncatingIfNeeded: k & ((1 &<< t) &- 1))
        let y = p * VectorSupport.gather(table, i)
        let z = y * unsafeBitCast(((k &>> t) &+ 1023) &<< 52, to: SIMD8<Double>.self)
        var flagged = VectorSupport.nearMidpoint(z)
        // z < 2^-126 (z > 0 here), on the high words of the bit patterns.
        flagged .|= VectorSupport.lanes(VectorSupport.highWords(z), lessThan: 0x3810_0000)
        flagged .|= reduced.outOfRange
        return (VectorSupport.narrow(z), flagged)
    }

    /// The correctly rounded batch: `vectorReduce` and `vectorFinish` over
    /// full vectors, `scalar` (the scalar function) on flagged lanes and the tail.
    @inlinable @inline(__always)
    static func mapCorrectlyRounded<K: ExpVectorKernel64>(
        _ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, _ count: Int, _: K.Type,
        scalar: (Float) -> Float
    ) {
        K.vectorTable.withUnsafeBufferPointer { table in
            let table = table.baseAddress!
            VectorSupport.map8(source, destination, count, reduce: { vectorReduce($0, K.self) },
                               finish: { vectorFinish($0, table: table, K.self) }, scalar: scalar)
        }
    }

    #if EVOMATH_AVX512 && EVOMATH_FMA && arch(x86_64) && canImport(_Builtin_intrinsics.intel)
    /// `vectorFinish` for a kernel with a 16-entry table (T = 4), the entry selected from two
    /// registers (`VectorSupport.select16`, one `vpermt2pd`) instead of a gather.
    @inlinable @inline(__always)
    static func vectorFinish16<K: ExpVectorKernel64>(
        _ reduced: (r: SIMD8<Double>, k: SIMD8<Int64>, outOfRange: SIMDMask<SIMD8<Int32>>),
        low: SIMD8<Double>, high: SIMD8<Double>, _: K.Type
    ) -> (SIMD8<Float>, SIMDMask<SIMD8<Int32>>) {
        let k = reduced.k
        let p = K.kernel(reduced.r)
        let y = p * VectorSupport.select16(low, high, unsafeBitCast(k, to: SIMD8<UInt64>.self))
        let z = y * unsafeBitCast(((k &>> 4) &+ 1023) &<< 52, to: SIMD8<Double>.self)
        // `nearMidpoint` and the subnormal test on the 64-bit lanes (AVX-512 compares them in one
        // instruction each; the low-word extraction cost a dozen shuffles): the low 32 bits of
        // bits(z) − C are low(z) − C mod 2^32, and z > 0 here, so a signed compare of the bit
        // patterns orders z. As lane arithmetic (the library's lane comparisons compile to loops
        // through the stack): d | −d has its sign bit set exactly when d ≠ 0.
        let bits = unsafeBitCast(z, to: SIMD8<Int64>.self)
        let d = (bits &- (0x1000_0000 - 0x200)) & 0x1FFF_FC00
        let near = ~((d | (0 &- d)) &>> 63)
        let tiny = (bits &- 0x3810_0000_0000_0000) &>> 63
        let wide = near | tiny
        var narrowed = SIMD8<Int32>()
        for j in 0..<8 { narrowed[j] = Int32(truncatingIfNeeded: wide[j]) }
        let flagged = unsafeBitCast(narrowed, to: SIMDMask<SIMD8<Int32>>.self) .| reduced.outOfRange
        return (VectorSupport.narrow(z), flagged)
    }

    /// The correctly rounded batch on a kernel K with a 16-entry table, which need not be the
    /// scalar function's kernel: a lane left unflagged has z within K's error (below 2^-43, its
    /// header) of exp(x) and more than 2^-43 from a rounding boundary, so Float(z) is exp(x)
    /// correctly rounded — the scalar function's result; flagged lanes take the scalar function.
    /// (K: ExpBinary32CorrectlyRoundedTable16, verified on all 2^32 inputs with its exceptions,
    /// which lie inside the window.)
    @inlinable @inline(__always)
    static func mapCorrectlyRounded16<K: ExpVectorKernel64>(
        _ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, _ count: Int, _: K.Type,
        scalar: (Float) -> Float
    ) {
        precondition(K.tableBits == 4 && K.vectorTable.count == 16)
        let table = K.vectorTable
        let low = SIMD8<Double>(table[0..<8]), high = SIMD8<Double>(table[8..<16])
        VectorSupport.map8(source, destination, count, reduce: { vectorReduce($0, K.self) },
                           finish: { vectorFinish16($0, low: low, high: high, K.self) }, scalar: scalar)
    }
    #endif

    /// k = round(x·2^T/ln2) and r = x − k·ln2/2^T on 16 lanes, as the scalar
    /// `roundToInteger` (with its correction for directed rounding modes) and
    /// Cody–Waite steps of `inRange`/`inRangeSplit`.
    @inlinable @inline(__always)
    static func reduce<K: ExpKernel>(_ x: SIMD16<Float>, _: K.Type) -> (k: SIMD16<Int32>, r: SIMD16<Float>) {
        let shifter: Float = 0x1.8p23
        let v = x * K.inverseStep
        let shifted = v + shifter
        // `correctedToNearest`: k ± 1 where |v − k| > 1/2 (a directed rounding
        // mode; never in round-to-nearest).
        #if EVOMATH_FMA
        // c = trunc((v − kf)·(2 − 2^-22)) lane by lane: one `vrndscaleps $11`
        // (explicit truncation, independent of MXCSR); k from kf + 1.5·2^23 (exact).
        let kf0 = shifted - shifter
        let e = (v - kf0) * 0x1.fffffcp0
        var c = SIMD16<Float>()
        for j in 0..<16 { c[j] = e[j].rounded(.towardZero) }
        let kf = kf0 + c
        let k = unsafeBitCast(kf + shifter, to: SIMD16<Int32>.self) &- Int32(bitPattern: shifter.bitPattern)
        #else
        let k0 = unsafeBitCast(shifted, to: SIMD16<Int32>.self) &- Int32(bitPattern: shifter.bitPattern)
        // kf = Float(k) exactly.
        let d = v - (shifted - shifter)
        let zero = SIMD16<Int32>(repeating: 0)
        let k = k0 &+ zero.replacing(with: 1, where: d .> 0.5) &- zero.replacing(with: 1, where: d .< -0.5)
        let kf = VectorSupport.float(k)
        #endif
        #if EVOMATH_FMA
        // x − kf·stepHigh as one fused operation: kf·stepHigh is exact (the
        // split of ln2/2^T makes it so), so fma(kf, −stepHigh, x) rounds the same
        // exact value once, as the subtraction does: the same bits in every mode
        // (−stepHigh, a constant, rather than −kf: SIMD negation is 0 − kf, one more operation).
        return (k, x.addingProduct(kf, -K.stepHigh) - kf * K.stepLow)
        #else
        return (k, (x - kf * K.stepHigh) - kf * K.stepLow)
        #endif
    }

    /// 2^e · y lane by lane, as `scale(_:_:)`: two exact-or-once-rounding products.
    @inlinable @inline(__always)
    static func scale(_ y: SIMD16<Float>, _ e: SIMD16<Int32>) -> SIMD16<Float> {
        let e1 = e &>> 1
        let e2 = e &- e1
        return (y * unsafeBitCast((e1 &+ 127) &<< 23, to: SIMD16<Float>.self))
            * unsafeBitCast((e2 &+ 127) &<< 23, to: SIMD16<Float>.self)
    }

    /// `inRangeSplit` on 16 lanes; flagged: out of range or NaN.
    @inlinable @inline(__always)
    static func vectorSplit<K: ExpSplitVectorKernel>(
        _ x: SIMD16<Float>, high: UnsafePointer<Float>, low: UnsafePointer<Float>, _: K.Type
    ) -> (SIMD16<Float>, SIMDMask<SIMD16<Int32>>) {
        let (k, r) = reduce(x, K.self)
        let q = K.kernel(r)
        // Table-free (T = 0: t = 1, t_low = 0): no gather, 1 + (q + 0), as the scalar code.
        if K.tableBits == 0 {
            #if EVOMATH_AVX512
            // 1 + q: the same value as 1 + (q + 0) in every rounding mode (q + 0
            // differs from q only for q = −0, and 1 + ±0 = 1), one addition fewer.
            let y = 1 + q
            // 2^k·y by adding k to y's exponent field: y·2^k exactly where that is a
            // normal number, which is `scaleOnce`'s one product (exact there). y = 1 + q
            // lies in [1/2, 2) (exp(r), |r| ≤ ln2/2 + tiny: about [0.70, 1.42]), so the
            // result is normal for k in [−125, 127]. k is within 1/2 + 2^-22 of
            // v = x·inverseStep in every rounding mode (`reduce`), so |v| ≤ 127.49 / 125.49
            // (a margin of 0.01 for v's and the bounds' roundings) keeps k there; the
            // lanes outside (x above about 88.37 or below about −86.98, ±∞, NaN) are
            // flagged for the scalar function, as before those outside
            // [underflowThreshold, overflowThreshold] (the new bounds lie inside them).
            // (Native loop 48 -> 40 instructions per 16 lanes with the fused first
            // reduction step and `map16Stored`; Tables/fastexp32-native.md. Not taken
            // in the default build: there SLP re-vectorization added 18 shufps and the
            // loop stayed at 255 instructions.)
            let high = Swift.min(K.overflowThreshold, 127.49 / K.inverseStep)
            let low = Swift.max(K.underflowThreshold, -125.49 / K.inverseStep)
            let flagged = .!((x .<= high) .& (x .>= low))
            let bits = unsafeBitCast(y, to: SIMD16<Int32>.self) &+ (k &<< 23)
            return (unsafeBitCast(bits, to: SIMD16<Float>.self), flagged)
            #else
            // (1 + q gives the same values, but without the + 0 the default build's loop spilled:
            // 255 -> 275 instructions per 16 lanes, Fast.exp [Span] 2.74-2.82x -> 2.47-2.52x glibc's
            // expf, evomath-bench --quick, two alternating runs.)
            let flagged = .!((x .<= K.overflowThreshold) .& (x .>= K.underflowThreshold))
            let sum = q + 0
            return (scale(1 + sum, k), flagged)
            #endif
        }
        let flagged = .!((x .<= K.overflowThreshold) .& (x .>= K.underflowThreshold))
        let tableBits = Int32(K.tableBits)
        let i = k & ((1 &<< tableBits) &- 1)
        let t = VectorSupport.gather(high, i)
        let tLow = VectorSupport.gather(low, i)
        let y = t + (t * q + tLow)
        return (scale(y, k &>> tableBits), flagged)
    }

    /// The split (fast) batch over binary32.
    @inlinable @inline(__always)
    static func mapSplit<K: ExpSplitVectorKernel>(
        _ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, _ count: Int, _: K.Type,
        scalar: (Float) -> Float
    ) {
        K.vectorTableHigh.withUnsafeBufferPointer { high in
            K.vectorTableLow.withUnsafeBufferPointer { low in
                let high = high.baseAddress!, low = low.baseAddress!
                #if EVOMATH_AVX512
                VectorSupport.map16Stored(source, destination, count,
                                          vector: { vectorSplit($0, high: high, low: low, K.self) }, scalar: scalar)
                #else
                VectorSupport.map16(source, destination, count,
                                    vector: { vectorSplit($0, high: high, low: low, K.self) }, scalar: scalar)
                #endif
            }
        }
    }

    /// `inRange` on 16 lanes (kernels in Float: the 16-bit formats);
    /// flagged: out of range or NaN.
    @inlinable @inline(__always)
    static func vectorInRange<K: ExpVectorKernel>(
        _ x: SIMD16<Float>, table: UnsafePointer<Float>, _: K.Type
    ) -> (SIMD16<Float>, SIMDMask<SIMD16<Int32>>) {
        let (k, r) = reduce(x, K.self)
        let p = K.kernel(r)
        // One entry (1) when T = 0: p·1 = p, as the scalar code.
        let tableBits = Int32(K.tableBits)
        let y = p * VectorSupport.gather(table, k & ((1 &<< tableBits) &- 1))
        let flagged = .!((x .<= K.overflowThreshold) .& (x .>= K.underflowThreshold))
        return (scale(y, k &>> tableBits), flagged)
    }

    /// `vectorInRange` for an 8-entry table (T = 3, both 16-bit exps), the
    /// entry chosen by `VectorSupport.select8` from the table in registers
    /// instead of a gather: the same values, so the same results. Taken with
    /// EVOMATH_AVX512 (32 registers), where the `vgatherdps` cost more
    /// (bfloat16 exp [Span] 0.758 -> 0.525 ns/element, evomath-bench --quick,
    /// loaded; see `map16`).
    @inlinable @inline(__always)
    static func vectorInRange<K: ExpVectorKernel>(
        _ x: SIMD16<Float>, table8: VectorSupport.Table8, _: K.Type
    ) -> (SIMD16<Float>, SIMDMask<SIMD16<Int32>>) {
        let (k, r) = reduce(x, K.self)
        let p = K.kernel(r)
        let y = p * VectorSupport.select8(table8, k)
        let flagged = .!((x .<= K.overflowThreshold) .& (x .>= K.underflowThreshold))
        return (scale(y, k &>> 3), flagged)
    }
}

extension ExpSupport {
    /// The batch of a 16-bit format: `F.toFloat`, `vectorInRange`, `F.fromFloat`
    /// on 16 lanes of bit patterns; flagged lanes and the tail take `scalar`.
    @inlinable @inline(__always)
    static func map16<K: ExpVectorKernel, F: FloatLanes16>(
        _ source: UnsafePointer<UInt16>, _ destination: UnsafeMutablePointer<UInt16>, _ count: Int, _: K.Type, _: F.Type,
        scalar: (UInt16) -> UInt16
    ) {
        K.vectorTable.withUnsafeBufferPointer { table in
            let table = table.baseAddress!
            #if EVOMATH_AVX512
            if K.tableBits == 3 {
                let table8 = VectorSupport.Table8(table)
                VectorSupport.map16(source, destination, count, vector: { bits in
                    let (y, flagged) = vectorInRange(F.toFloat(bits), table8: table8, K.self)
                    return (F.fromFloat(y), flagged)
                }, scalar: scalar)
                return
            }
            #endif
            // (Without EVOMATH_AVX512, SSE2's 16 registers cannot hold the 8
            // entries and 3 masks, 4 registers each: with `select8` the default
            // build measured bfloat16 exp [Span] 1.23-1.58 ns/element against
            // 1.03-1.41 with the per-lane loads, loaded, alternating runs.)
            VectorSupport.map16(source, destination, count, vector: { bits in
                let (y, flagged) = vectorInRange(F.toFloat(bits), table: table, K.self)
                return (F.fromFloat(y), flagged)
            }, scalar: scalar)
        }
    }
}

/// binary64: the first stage of `ExpBinary64Runtime` (Exp+Double.swift) on `Lanes64.count`
/// lanes, the same operations in the same order, one per statement. In the
/// correctly rounded tier with EVOMATH_AVX512 (8 lanes; with 4, see `vectorExp`),
/// a vector with a lane whose rounding test fails
/// (1 lane in 63, about 1 vector in 8, of uniform x in [-700, 700]) takes the
/// second stage on all its lanes (`vectorSecondStage`); the lanes failing that
/// test too (about 1 in 2^14) and those out of |x| < fastPathLimit (NaN
/// included) take the scalar function, which goes on to the rare path or the
/// special cases. (Before, every failing lane took the scalar function, and the
/// test's bound was 2^-58.5 for every r, failing 1 lane in 32: Evolved.exp
/// [Span] measured 2.0× SLEEF's Sleef_expd8_u10avx512f time, Fast.exp [Span]
/// 1.0×; the second stage in vectors, then the bound by r's binade, brought
/// it to about 1.8× (1.5–1.9 in 4 loaded runs). Never failing, for the
/// measurement only, it measured 1.3× SLEEF's: what remains is the cost of the vectors that fail, the
/// misprediction of their branch and the second stage's latency, not the
/// second stage's work. Listing them in a first pass without a branch and
/// running them in a second pass measured no faster. Tables/b64vec.md.)
/// With EVOMATH_FMA as well, the correctly rounded tier takes neither: one
/// double-double stage on a 16-entry table in registers (`vectorExpSingleStage`),
/// 65 instructions per 8 lanes against 91 plus the second stage, 1 lane in 355
/// left to the scalar function (2.2% of vectors): 1.33–1.43× SLEEF's time
/// against 1.78–1.85× in the same runs (Tables/b64vec.md). Running the second
/// stage on every vector with the 128-entry table (no first stage) measured no
/// faster than the two stages: the table's loads and shuffles (30 of 71
/// instructions) were the cost.
extension ExpBinary64Runtime {
    /// T·exp(r) − th = s, th and 2^(k >> 7) per lane, and the lanes out of the
    /// table paths' range.
    @inline(__always)
    static func vectorFirstStage(_ x: Lanes64.Double, table: UnsafePointer<Double>)
        -> (th: Lanes64.Double, s: Lanes64.Double, scale: Lanes64.Double, outOfRange: SIMDMask<Lanes64.Int64>,
            r: Lanes64.Double, reduction: VectorReduction)
    {
        let outOfRange = .!((x .< R.fastPathLimit) .& (x .> -R.fastPathLimit))
        // k = round(x·128/ln2) by the shifter, as `reduce`.
        let shifter: Double = 0x1.8p52
        #if EVOMATH_FMA
        let shifted = Lanes64.Double(repeating: shifter).addingProduct(x, R.inverseStep)
        #else
        let product = x * R.inverseStep
        let shifted = product + shifter
        #endif
        let kd = shifted - shifter
        let k = unsafeBitCast(shifted, to: Lanes64.UInt64.self) &- shifter.bitPattern
        // r = t − m, t and m exact.
        let highProduct = kd * R.stepHigh
        let t = x - highProduct
        let m = kd * R.stepMid
        let r = t - m
        // (th, tl) at 2·(k mod 128): always inside the table, even on flagged lanes.
        // (One gather each from a de-interleaved copy, th then tl, was slower with
        // EVOMATH_AVX512 on AMD EPYC: Fast.exp [Span] 0.639 against 0.539 ns/element,
        // libmvec _ZGVeN8v_exp 0.497 and 0.485 in the same runs, evomath-bench --quick,
        // loaded; LLVM loads each (th, tl) pair with one 16-byte load and shuffles.)
        let i = (k & 127) &<< 1
        let th = VectorSupport.gather(table, i)
        let tl = VectorSupport.gather(table + 1, i)
        // p = r + (r²/2 + r³·q(r)) ≈ exp(r) − 1.
        let square = r * r
        let q = ExpBinary64FirstStagePolynomial.evaluate(r, squared: square)
        let cube = r * square
        let half = square * 0.5
        let whole = th + tl
        #if EVOMATH_FMA
        // The scalar `firstStage`'s fused multiply-adds.
        let sum = half.addingProduct(cube, q)
        let p = r + sum
        let s = tl.addingProduct(whole, p)
        #else
        let tail = cube * q
        let sum = half + tail
        let p = r + sum
        // s = tl + (th + tl)·p.
        let wholeTimesP = whole * p
        let s = tl + wholeTimesP
        #endif
        // 2^(k >> 7) = bits(((k >> 7) + 1023) << 52) = bits(((k + 1023·128) & ~127) << 45)
        // (k + 1023·128 > 0 in range; no 64-bit arithmetic shift before AVX-512).
        let biased = (k &+ (1023 << 7)) & ~127
        let scale = unsafeBitCast(biased &<< 45, to: Lanes64.Double.self)
        return (th, s, scale, outOfRange, r, (kd, t, m, tl))
    }

    /// What the second stage takes from the first besides th: k as a Double, the exact t = x − k·stepHigh
    /// and m = k·stepMid, and tl.
    typealias VectorReduction = (kd: Lanes64.Double, t: Lanes64.Double, m: Lanes64.Double, tl: Lanes64.Double)

    /// `secondStage` on `Lanes64.count` lanes, the same operations in the same order: a·2^(k >> 7)
    /// (a = hi + (lo − err)) and the lanes whose rounding test passes (a == b), which are then
    /// exp(x) correctly rounded, the scalar function's result. Run only for vectors with a lane
    /// that failed the first test, instead of the scalar function on each such lane; the lanes
    /// failing this test too (about 1 in 2^14) still take the scalar function.
    @inline(__always)
    static func vectorSecondStage(th: Lanes64.Double, scale: Lanes64.Double, _ reduction: VectorReduction)
        -> (Lanes64.Double, SIMDMask<Lanes64.Int64>)
    {
        let (kd, t, m, tl) = reduction
        // r = rh + rl = x − k·ln2/128.
        let rh = t - m
        let rhError = t - rh
        let rhError2 = rhError - m
        let lowProduct = kd * R.stepLow
        let rl = rhError2 - lowProduct
        let onePlusRh = 1 + rh
        let square = rh * rh
        let cube = rh * square
        let q = ExpBinary64SecondStagePolynomial.evaluate(rh, squared: square)
        let half = square * 0.5
        #if EVOMATH_FMA
        // th·rh = p1 + e1 exactly; w = fma(rh³, q, fma(rl, 1 + rh, rh²/2)).
        let p1 = th * rh
        let e1 = (-p1).addingProduct(th, rh)
        let w0 = half.addingProduct(rl, onePlusRh)
        let w = w0.addingProduct(cube, q)
        let hi = th + p1
        let hiPart = hi - th
        let lo0 = p1 - hiPart
        let lowTerm = e1.addingProduct(tl, onePlusRh)
        let lo1 = lo0 + lowTerm
        let lo2 = lo1.addingProduct(tl, w)
        let lo = lo2.addingProduct(th, w)
        #else
        // th·rh = p1 + e1 exactly, by rh's Veltkamp halves.
        let c = rh * 0x1.0000002p27
        let cMinusRh = c - rh
        let rhHigh = c - cMinusRh
        let rhLow = rh - rhHigh
        let p1 = th * rhHigh
        let e1 = th * rhLow
        let rlTerm = rl * onePlusRh
        let w0 = half + rlTerm
        let cubeTerm = cube * q
        let w = w0 + cubeTerm
        let hi = th + p1
        let hiPart = hi - th
        let lo0 = p1 - hiPart
        // lo = th·w + (tl·w + (lo0 + (e1 + tl·(1 + rh)))).
        let tlTerm = tl * onePlusRh
        let lowSum = e1 + tlTerm
        let lowSum2 = lo0 + lowSum
        let tlw = tl * w
        let lowSum3 = tlw + lowSum2
        let thw = th * w
        let lo = thw + lowSum3
        #endif
        let err = hi * 0x1p-68
        let below = lo - err
        let above = lo + err
        let a = hi + below
        let b = hi + above
        return (a * scale, a .== b)
    }

    /// The correctly rounded tier on `Lanes64.count` lanes: the first stage and its rounding test.
    @inline(__always)
    static func vectorExp(_ x: Lanes64.Double, table: UnsafePointer<Double>) -> (Lanes64.Double, SIMDMask<Lanes64.Int64>) {
        #if EVOMATH_AVX512 && EVOMATH_FMA && arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        _ = table
        return vectorExpSingleStage(x)
        #else
        return vectorExpTwoStages(x, table: table)
        #endif
    }

    /// The scalar function's first stage and rounding test on `Lanes64.count` lanes, then its second stage
    /// on every lane of a vector with a failing lane.
    @inline(__always)
    static func vectorExpTwoStages(_ x: Lanes64.Double, table: UnsafePointer<Double>) -> (Lanes64.Double, SIMDMask<Lanes64.Int64>) {
        let (th, s, scale, outOfRange, r, reduction) = vectorFirstStage(x, table: table)
        #if EVOMATH_AVX512
        // The scalar test's bound by r's binade (`firstTestBound`) without its table:
        // R = 2^(exponent(r) + 1) (r's exponent field plus one, significand cleared)
        // clamped to [2^-15, rMax], the scalar's R for every r, and bound(R) =
        // R·C1 + C0 with C1 = 0x1.86p-51 ≥ 1.01·6.02·2^-53 and C0 = 0x1.8ep-64 ≥
        // 1.01·2^-63.38, each value at least the scalar's `firstTestBounds` entry
        // (Generators/binary64/measure_stage_errors.py checks them). With the
        // constant 2^-58.5 the test failed for 1 lane in 32, about 1 vector in 4.
        let binade = (unsafeBitCast(r, to: Lanes64.UInt64.self) & 0x7FF0_0000_0000_0000) &+ (1 << 52)
        var rBound = unsafeBitCast(binade, to: Lanes64.Double.self)
        rBound.replace(with: 0x1p-15, where: rBound .< 0x1p-15)
        rBound.replace(with: 0x1.62e42ff055111p-9, where: rBound .> 0x1.62e42ff055111p-9)
        #if EVOMATH_FMA
        let bound = Lanes64.Double(repeating: 0x1.8ep-64).addingProduct(rBound, 0x1.86p-51)
        #else
        let boundProduct = rBound * 0x1.86p-51
        let bound = boundProduct + 0x1.8ep-64
        #endif
        let err = th * bound
        let below = s - err
        let above = s + err
        let a = th + below
        let b = th + above
        var y = a * scale
        var failed = a .!= b
        // The lanes that failed the test take the second stage, on all lanes at once.
        if _slowPath(VectorSupport.anyLane(failed)) {
            let (y2, passed) = vectorSecondStage(th: th, scale: scale, reduction)
            y.replace(with: y2, where: failed)
            failed .&= .!passed
        }
        return (y, outOfRange .| failed)
        #else
        // 4 lanes (two SSE2 registers, or one AVX2 register): the constant bound 2^-58.5 and the
        // failing lanes through the scalar function, as before. With the bound by r's binade and
        // the second stage in vectors the SSE2 loop grew from 141 to 197 instructions per 4
        // elements (spills around the second stage) and measured 5% slower in the default build
        // (Evolved.exp [Span] 1.73–1.82 times as fast as glibc's exp, against 1.85–1.93; 3 alternating runs).
        _ = (r, reduction)
        let err = th * 0x1.6ap-59
        let below = s - err
        let above = s + err
        let a = th + below
        let b = th + above
        let y = a * scale
        return (y, outOfRange .| (a .!= b))
        #endif
    }

    #if EVOMATH_FMA
    /// The reduction of the 16-entry-table kernels (`vectorExpSingleStage`, `vectorFastStage16`):
    /// k = round(x·16/ln2) by the shifter, t = x − k·stepHigh and m = k·stepMid (both exact), r = t − m
    /// (the scalar's fma(−k, stepMid, t): the same bits), and the lanes out of |x| < fastPathLimit or
    /// with |r| > rMax (only under a directed rounding mode, where the scalar function moves k by one).
    @inline(__always)
    static func vectorReduce16(_ x: Lanes64.Double)
        -> (kd: Lanes64.Double, k: Lanes64.UInt64, t: Lanes64.Double, m: Lanes64.Double, r: Lanes64.Double,
            flagged: SIMDMask<Lanes64.Int64>)
    {
        typealias V = ExpBinary64Vector16
        let shifter: Double = 0x1.8p52
        let shifted = Lanes64.Double(repeating: shifter).addingProduct(x, V.inverseStep)
        let kd = shifted - shifter
        let k = unsafeBitCast(shifted, to: Lanes64.UInt64.self) &- shifter.bitPattern
        let t = x.addingProduct(-kd, V.stepHigh)
        let m = kd * V.stepMid
        let r = t - m
        let outOfRange = .!((x .< R.fastPathLimit) .& (x .> -R.fastPathLimit))
        return (kd, k, t, m, r, outOfRange .| (r .> V.rMax) .| (r .< -V.rMax))
    }

    /// 2^(k >> 4) = bits(((k >> 4) + 1023) << 52) = bits(((k + 1023·16) & ~15) << 48).
    @inline(__always)
    static func scale16(_ k: Lanes64.UInt64) -> Lanes64.Double {
        unsafeBitCast(((k &+ (1023 << 4)) & ~15) &<< 48, to: Lanes64.Double.self)
    }
    #endif

    #if EVOMATH_AVX512 && EVOMATH_FMA && arch(x86_64) && canImport(_Builtin_intrinsics.intel)
    /// The correctly rounded tier on 8 lanes in one double-double stage, on a 16-entry table read
    /// from registers (`VectorSupport.select16`), with its own rounding test; the lanes it does not
    /// decide, the lanes out of the table paths' range and the lanes whose |r| exceeds rMax
    /// (directed rounding modes only) take the scalar function. Every lane it returns is exp(x)
    /// correctly rounded, so the same bits as the scalar function.
    ///
    /// Reduction (ExpBinary64Vector16, Generators/binary64/generate.py): k = round(x·16/ln2) by the
    /// shifter with a fused multiply-add (|x·16/ln2 − k| ≤ 1/2 + 2^-39, 16/ln2 rounded, |k| < 2^14);
    /// ln2/16 = stepHigh + stepMid + stepLow, 8 times the scalar reduction's parts, so k·stepHigh
    /// and k·stepMid are exact; t = x − k·stepHigh is exact (for k ≠ 0, x and k·stepHigh are within
    /// a factor 2 up to stepHigh's last bit, whose grid x's refines, so the difference fits 53
    /// bits); m = k·stepMid, rh = RN(t − m), rl = ((t − rh) − m) − k·stepLow (the first difference
    /// exact when |t| ≥ |m|; otherwise |rh| < 2^-25 and rl is within 2^-76, as in the second
    /// stage). |rh| ≤ rMax = 0x1.62e42ff055111p-6 ≈ 2^-5.53 in round-to-nearest; lanes beyond it
    /// are flagged. T = 2^(j/16) = th·exp(τ), j = k mod 16 (th = RN(T), τ = RN((T − th)/th), |τ| <
    /// 2^-53, table error 2^-106.7), so T·exp(r) = th·exp(rh + rl'), rl' = rl + τ (|rl'| < 2^-52.96).
    /// 2^(k >> 4) is a normal power of two for |x| < fastPathLimit (k ≥ −16352 = −1022·16).
    /// exp(rh + rl') = 1 + rh + w + ε, w = rh²/2 + rl'·(1 + rh) + rh³·q(rh), q of degree 5
    /// (ExpBinary64PolynomialVectorFma, exp.binary64.correctlyRounded.vector.json, error
    /// 2^-75.55), ε the dropped rl'·rh²/2 and beyond: |ε| < 2^-65.02.
    /// th·exp(r) = th + th·rh + th·w: th·rh = p1 + e1 exactly (e1 by a fused multiply-add),
    /// th + p1 = hi + lo0 exactly (Fast2Sum, |p1| < th), lo = th·w + (lo0 + e1).
    /// Error: w's roundings — rh² (< 2^-11.06, so 2^-65, then halved 2^-66), the inner and outer
    /// fused sums (|values| < 2^-12: 2^-66 each), rh³·q evaluated (about three roundings of 2^-53
    /// on 2^-19.17: 2^-70.6) — q's 2^-75.55 and ε: |w error| < 6.79e-20; times th ≤ 1.9152;
    /// lo's rounding (|lo| < 2^-11.1: 2^-65); lo0 + e1 (< 2^-51.9: 2^-105); r's 2^-76 and the
    /// table's: relative to the result (≥ exp(−rMax)·th ≥ 0.9785·th, th ≥ 1), < 6.94e-20 +
    /// 2.77e-20 + 2^-75 < 2^-63.16. Rounding test: a = hi + (lo − err), b = hi + (lo + err), err =
    /// 2^-62·hi (hi ≥ 0.9995·result): err covers 2^-63.16 plus the roundings of lo ± err (|lo ±
    /// err| < 2^-11: 2^-65 absolute, 2^-65.03 relative), 2^-62.8 in all; a == b means every value
    /// within the error rounds to a, so a = exp(x)·2^-(k>>4) correctly rounded.
    @inline(__always)
    static func vectorExpSingleStage(_ x: Lanes64.Double) -> (Lanes64.Double, SIMDMask<Lanes64.Int64>) {
        typealias V = ExpBinary64Vector16
        // r = rh + rl = x − k·ln2/16.
        let (kd, k, t, m, rh, outOfRange) = vectorReduce16(x)
        let rhError = t - rh
        let rhError2 = rhError - m
        let rl = rhError2.addingProduct(-kd, V.stepLow)
        let th = VectorSupport.select16(V.high0, V.high1, k)
        let tau = VectorSupport.select16(V.tau0, V.tau1, k)
        let rlTotal = rl + tau
        let onePlusRh = 1 + rh
        let square = rh * rh
        let cube = rh * square
        let q = ExpBinary64PolynomialVectorFma.evaluate(rh, squared: square)
        let half = square * 0.5
        // th·rh = p1 + e1 exactly; w = fma(rh³, q, fma(rl', 1 + rh, rh²/2)).
        let p1 = th * rh
        let e1 = (-p1).addingProduct(th, rh)
        let w0 = half.addingProduct(rlTotal, onePlusRh)
        let w = w0.addingProduct(cube, q)
        let hi = th + p1
        let hiPart = hi - th
        let lo0 = p1 - hiPart
        let lo1 = lo0 + e1
        let lo = lo1.addingProduct(th, w)
        let err = hi * 0x1p-62
        let below = lo - err
        let above = lo + err
        let a = hi + below
        let b = hi + above
        return (a * scale16(k), outOfRange .| (a .!= b))
    }
    #endif

    /// The fast tier on `Lanes64.count` lanes: the first stage rounded without the test (in the fused
    /// configuration, `fastStage16`).
    @inline(__always)
    static func vectorFastExp(_ x: Lanes64.Double, table: UnsafePointer<Double>) -> (Lanes64.Double, SIMDMask<Lanes64.Int64>) {
        #if EVOMATH_FMA
        return vectorFastStage16(x, table: table)
        #else
        let (th, s, scale, outOfRange, _, _) = vectorFirstStage(x, table: table)
        let sum = th + s
        let y = sum * scale
        return (y, outOfRange)
        #endif
    }

    #if EVOMATH_FMA
    /// `fastStage16` on `Lanes64.count` lanes, the same operations in the same order, the result
    /// scaled by 2^(k >> 4) (a product, exact for normal results, where the scalar adds to the
    /// exponent field); `table` is ExpBinary64Vector16.table. With EVOMATH_AVX512 the entries are
    /// selected from registers (`VectorSupport.select16`), otherwise loaded per lane.
    @inline(__always)
    static func vectorFastStage16(_ x: Lanes64.Double, table: UnsafePointer<Double>) -> (Lanes64.Double, SIMDMask<Lanes64.Int64>) {
        typealias V = ExpBinary64Vector16
        let (_, k, _, _, r, outOfRange) = vectorReduce16(x)
        #if EVOMATH_AVX512 && arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        _ = table
        let th = VectorSupport.select16(V.high0, V.high1, k)
        let tl = VectorSupport.select16(V.low0, V.low1, k)
        #else
        let i = (k & 15) &<< 1
        let th = VectorSupport.gather(table, i)
        let tl = VectorSupport.gather(table + 1, i)
        #endif
        let square = r * r
        let q = ExpBinary64FastPolynomialTable16Fma.evaluate(r, squared: square)
        let half = square * 0.5
        let cube = r * square
        let sum = half.addingProduct(cube, q)
        let p = r + sum
        let s = tl.addingProduct(th, p)
        let y = th + s
        return (y * scale16(k), outOfRange)
    }
    #endif

    /// The batch of either tier: `Lanes64.count` lanes at a time, flagged lanes and the tail through `scalar`.
    @inline(__always)
    static func map(_ source: UnsafePointer<Double>, _ destination: UnsafeMutablePointer<Double>, _ count: Int,
                    correctlyRounded: Bool) {
        R.table.withUnsafeBufferPointer { table in
            let table = table.baseAddress!
            if correctlyRounded {
                VectorSupport.map64(source, destination, count, vector: { vectorExp($0, table: table) }, scalar: exp)
            } else {
                #if EVOMATH_FMA
                ExpBinary64Vector16.table.withUnsafeBufferPointer { table16 in
                    let table16 = table16.baseAddress!
                    VectorSupport.map64(source, destination, count, vector: { vectorFastExp($0, table: table16) },
                                       scalar: fastExp)
                }
                #else
                VectorSupport.map64(source, destination, count, vector: { vectorFastExp($0, table: table) },
                                   scalar: fastExp)
                #endif
            }
        }
    }
}
