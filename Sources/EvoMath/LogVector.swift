/// Vector log: the scalar reductions and reconstructions of `LogKernel.swift`
/// lane by lane, same operations in the same order, so unflagged lanes equal
/// the scalar result bit for bit; flagged lanes (x not positive, normal and
/// ≠ 1; the correctly rounded tier's rare path) take the scalar function.

/// `LogKernel64` with its vector kernel (8 Double lanes) and table arrays.
@usableFromInline
protocol LogVectorKernel64: LogKernel64 {
    static var vectorInvc: [Double] { get }
    static var vectorLogc: [Double] { get }
    static func kernel(_ r: SIMD8<Double>) -> SIMD8<Double>
}

/// `LogKernel` with its vector kernel (16 Float lanes) and table arrays.
@usableFromInline
protocol LogVectorKernel: LogKernel {
    static var vectorInvc: [Float] { get }
    static var vectorLogcHigh: [Float] { get }
    static var vectorLogcLow: [Float] { get }
    static func kernel(_ r: SIMD16<Float>) -> SIMD16<Float>
}

extension LogSupport {
    /// `inRangeCorrectlyRounded` (bias 0) on 8 lanes, in two stages for
    /// `VectorSupport.map8(reduce:finish:)`: the reduction (r, the high part
    /// e·ln2High + logc, Double(e), and the special lanes) ...
    @inlinable @inline(__always)
    static func vectorReduce<K: LogVectorKernel64>(
        _ x: SIMD8<Float>, invcTable: UnsafePointer<Double>, logcTable: UnsafePointer<Double>, _: K.Type
    ) -> (r: SIMD8<Double>, high: SIMD8<Double>, ed: SIMD8<Double>, special: SIMDMask<SIMD8<Int32>>) {
        let bits = unsafeBitCast(x, to: SIMD8<UInt32>.self)
        // Special lanes (the scalar `complete`'s test, on the bits): x not in
        // [0x1p-126, +∞) — bits − 0x0080_0000 not below 0x7F00_0000 unsigned
        // (negative x and NaN wrap above) — or x = 1. Integer lane tests:
        // the Float comparisons cost 38 instructions per 8 lanes.
        let special = .!VectorSupport.lanes(bits &- 0x0080_0000, unsignedLessThan: 0x7F00_0000)
            .| VectorSupport.lanes(unsafeBitCast(bits ^ 0x3F80_0000, to: SIMD8<Int32>.self), equalToZero: ())
        let tmp = bits &- offset
        let e = unsafeBitCast(tmp, to: SIMD8<Int32>.self) &>> 23
        let tableBits = Int32(K.tableBits)
        let i = unsafeBitCast(tmp &>> UInt32(23 - tableBits), to: SIMD8<Int32>.self) & ((1 &<< tableBits) &- 1)
        let m = unsafeBitCast(bits &- (unsafeBitCast(e, to: SIMD8<UInt32>.self) &<< 23), to: SIMD8<Float>.self)
        let invc = VectorSupport.gather(invcTable, i)
        let logc = VectorSupport.gather(logcTable, i)
        let r = VectorSupport.widen(m) * invc - 1
        let ed = VectorSupport.widen(e)
        // The high part here, the low part in `vectorFinish`. Why: Swift's
        // SIMD arithmetic reaches LLVM as one scalar operation per lane, and
        // when one function computed z = (e·ln2High + logc) + (e·ln2Low + p),
        // with the table loads feeding both halves, the SLP vectorizer paired
        // each lane's two isomorphic halves instead of the lanes, leaving 80
        // scalar mulsd/addsd per 8 lanes (39 instructions per element, default
        // flags). Computed in different trips of the pipelined loop, the lanes
        // are paired (0 scalar FP instructions; check with
        // Benchmarks/instructions-per-element after changing this code).
        let high = ed * K.ln2High + logc
        return (r, high, ed, special)
    }

    /// ... and the rest: the kernel, z = high + (e·ln2Low + log1p(r)), and
    /// the flagged lanes (special, or z within 2^-43 of a rounding boundary,
    /// where the scalar function consults the exceptions).
    @inlinable @inline(__always)
    static func vectorFinish<K: LogVectorKernel64>(
        _ reduced: (r: SIMD8<Double>, high: SIMD8<Double>, ed: SIMD8<Double>, special: SIMDMask<SIMD8<Int32>>), _: K.Type
    ) -> (SIMD8<Float>, SIMDMask<SIMD8<Int32>>) {
        let p = K.kernel(reduced.r)
        let z = reduced.high + (reduced.ed * K.ln2Low + p)
        return (VectorSupport.narrow(z), VectorSupport.nearMidpoint(z) .| reduced.special)
    }

    /// The correctly rounded batch over binary32.
    @inlinable @inline(__always)
    static func mapCorrectlyRounded<K: LogVectorKernel64>(
        _ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, _ count: Int, _: K.Type,
        scalar: (Float) -> Float
    ) {
        K.vectorInvc.withUnsafeBufferPointer { invc in
            K.vectorLogc.withUnsafeBufferPointer { logc in
                let invc = invc.baseAddress!, logc = logc.baseAddress!
                VectorSupport.map8(source, destination, count,
                                   reduce: { vectorReduce($0, invcTable: invc, logcTable: logc, K.self) },
                                   finish: { vectorFinish($0, K.self) },
                                   scalar: scalar)
            }
        }
    }

    /// The table arrays of a Float log kernel, as pointers.
    @usableFromInline
    struct Tables {
        @usableFromInline let invc: UnsafePointer<Float>
        @usableFromInline let logcHigh: UnsafePointer<Float>
        @usableFromInline let logcLow: UnsafePointer<Float>
        @inlinable init(invc: UnsafePointer<Float>, logcHigh: UnsafePointer<Float>, logcLow: UnsafePointer<Float>) {
            self.invc = invc
            self.logcHigh = logcHigh
            self.logcLow = logcLow
        }
    }

    /// Runs `body` with the tables of `K`.
    @inlinable @inline(__always)
    static func withTables<K: LogVectorKernel>(_: K.Type, _ body: (Tables) -> Void) {
        K.vectorInvc.withUnsafeBufferPointer { invc in
            K.vectorLogcHigh.withUnsafeBufferPointer { high in
                K.vectorLogcLow.withUnsafeBufferPointer { low in
                    body(Tables(invc: invc.baseAddress!, logcHigh: high.baseAddress!, logcLow: low.baseAddress!))
                }
            }
        }
    }

    /// The reduction's integer part on 16 lanes, shared by both table layouts:
    /// the exponent e, the table index i and m = x·2^-e (the scalar `inRange`'s).
    @inlinable @inline(__always)
    static func vectorSplit16<K: LogVectorKernel>(_ x: SIMD16<Float>, _: K.Type)
        -> (e: SIMD16<Int32>, i: SIMD16<Int32>, m: SIMD16<Float>)
    {
        let bits = unsafeBitCast(x, to: SIMD16<UInt32>.self)
        let tmp = bits &- offset
        let e = unsafeBitCast(tmp, to: SIMD16<Int32>.self) &>> 23
        let tableBits = Int32(K.tableBits)
        let i = unsafeBitCast(tmp &>> UInt32(23 - tableBits), to: SIMD16<Int32>.self) & ((1 &<< tableBits) &- 1)
        let m = unsafeBitCast(bits &- (unsafeBitCast(e, to: SIMD16<UInt32>.self) &<< 23), to: SIMD16<Float>.self)
        return (e, i, m)
    }

    /// The rest after the table entries, shared by both table layouts: r, the
    /// kernel, e·ln2High + logcHigh + ((e·ln2Low + logcLow) + p), and the
    /// flagged lanes (x not positive, normal and ≠ 1).
    @inlinable @inline(__always)
    static func vectorFinish16<K: LogVectorKernel>(
        _ x: SIMD16<Float>, e: SIMD16<Int32>, m: SIMD16<Float>, invc: SIMD16<Float>,
        logcHigh: SIMD16<Float>, logcLow: SIMD16<Float>, _: K.Type
    ) -> (SIMD16<Float>, SIMDMask<SIMD16<Int32>>) {
        let r = m * invc - 1
        let p = K.kernel(r)
        let ef = VectorSupport.float(e)
        let high = ef * K.ln2High + logcHigh
        let low = (ef * K.ln2Low + logcLow) + p
        let flagged = .!((x .>= 0x1p-126) .& (x .< .infinity)) .| (x .== 1)
        return (high + low, flagged)
    }

    /// `inRange` (bias 0) on 16 lanes (kernels in Float: the 16-bit formats);
    /// flagged: x not positive, normal and ≠ 1.
    @inlinable @inline(__always)
    static func vectorInRange<K: LogVectorKernel>(
        _ x: SIMD16<Float>, tables: Tables, _: K.Type
    ) -> (SIMD16<Float>, SIMDMask<SIMD16<Int32>>) {
        let (e, i, m) = vectorSplit16(x, K.self)
        let invc = VectorSupport.gather(tables.invc, i)
        let logcHigh = VectorSupport.gather(tables.logcHigh, i)
        let logcLow = VectorSupport.gather(tables.logcLow, i)
        return vectorFinish16(x, e: e, m: m, invc: invc, logcHigh: logcHigh, logcLow: logcLow, K.self)
    }
}

extension LogSupport {
    /// The batch of a table-free binary32 log kernel evaluated in Float
    /// (`Evolved.Fast.log(_: Float)`): `vectorSplit16` and `vectorFinish16`
    /// with the entry of T = 0 (invc = 1, logcHigh = logcLow = 0, the
    /// scalar `inRange`'s constants, the same operations), 16 lanes at a time;
    /// flagged lanes (x not positive, normal and ≠ 1) and the tail take `scalar`.
    @inlinable @inline(__always)
    static func mapTableFree<K: LogVectorKernel>(
        _ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, _ count: Int, _: K.Type,
        scalar: (Float) -> Float
    ) {
        precondition(K.tableBits == 0, "a table-free kernel")
        VectorSupport.map16(source, destination, count, vector: { x in
            let (e, _, m) = vectorSplit16(x, K.self)
            let zero = SIMD16<Float>()
            return vectorFinish16(x, e: e, m: m, invc: SIMD16(repeating: 1), logcHigh: zero, logcLow: zero, K.self)
        }, scalar: scalar)
    }
}

/// A Float log kernel with its table packed for the 16-bit batches: one
/// 64-bit entry per index, so that 16 lanes take two 8-lane gathers of 64-bit
/// entries instead of three 16-lane gathers of Floats (the gathers dominated
/// the loop; see `LogSupport.vectorInRange(_:packed:_:)`).
@usableFromInline
protocol LogPackedVectorKernel: LogVectorKernel {
    /// `LogSupport.packedTable(Self.self)`, stored.
    static var vectorPacked: [UInt64] { get }
}

extension LogSupport {
    /// The entries of `K`'s table, each as bits(logcLow) in the low 32 bits
    /// and, in the high 32, logcHigh·2^16 (an integer, |·| < 2^15) in the top
    /// 16 bits and the 12 bits of invc that vary (bit 23, its exponent's
    /// lowest bit, and its 11 fraction bits; invc in [1/2, 2) has 12
    /// significand bits) in the low 12. Traps if an entry does not fit, so
    /// unpacking is exact: the same values as the three tables.
    @inlinable
    static func packedTable<K: LogVectorKernel>(_: K.Type) -> [UInt64] {
        (0..<K.vectorInvc.count).map { i in
            let invc = K.vectorInvc[i].bitPattern, high = K.vectorLogcHigh[i]
            precondition(invc & 0xFFF == 0 && invc >> 24 == 0x3F, "invc: 12 significand bits, in [1/2, 2)")
            let scaled = Int32(high * 0x1p16)
            precondition(Float(scaled) * 0x1p-16 == high && scaled.magnitude < 1 << 15, "logcHigh: k·2^-16")
            let word = UInt32(bitPattern: scaled &<< 16) | ((invc >> 12) & 0xFFF)
            return UInt64(word) << 32 | UInt64(K.vectorLogcLow[i].bitPattern)
        }
    }

    /// `vectorInRange(_:tables:_:)` with the packed table: the same values
    /// for invc, logcHigh and logcLow, the same operations after them.
    @inlinable @inline(__always)
    static func vectorInRange<K: LogVectorKernel>(
        _ x: SIMD16<Float>, packed: UnsafePointer<UInt64>, _: K.Type
    ) -> (SIMD16<Float>, SIMDMask<SIMD16<Int32>>) {
        let (e, i, m) = vectorSplit16(x, K.self)
        let g0 = VectorSupport.gather(packed, i.lowHalf), g1 = VectorSupport.gather(packed, i.highHalf)
        var low = SIMD16<UInt32>(), word = SIMD16<UInt32>()
        for j in 0..<8 {
            low[j] = UInt32(truncatingIfNeeded: g0[j])
            low[j + 8] = UInt32(truncatingIfNeeded: g1[j])
            word[j] = UInt32(truncatingIfNeeded: g0[j] &>> 32)
            word[j + 8] = UInt32(truncatingIfNeeded: g1[j] &>> 32)
        }
        let invc = unsafeBitCast(0x3F00_0000 | ((word & 0xFFF) &<< 12), to: SIMD16<Float>.self)
        let scaledHigh = unsafeBitCast(word, to: SIMD16<Int32>.self) &>> 16
        let logcHigh = VectorSupport.float(scaledHigh) * 0x1p-16
        let logcLow = unsafeBitCast(low, to: SIMD16<Float>.self)
        return vectorFinish16(x, e: e, m: m, invc: invc, logcHigh: logcHigh, logcLow: logcLow, K.self)
    }
}

extension LogSupport {
    /// The batch of a 16-bit format: `F.toFloat`, `vectorInRange`, `F.fromFloat`
    /// on 16 lanes of bit patterns; flagged lanes and the tail take `scalar`.
    @inlinable @inline(__always)
    static func map16<K: LogPackedVectorKernel, F: FloatLanes16>(
        _ source: UnsafePointer<UInt16>, _ destination: UnsafeMutablePointer<UInt16>, _ count: Int, _: K.Type, _: F.Type,
        scalar: (UInt16) -> UInt16
    ) {
        #if EVOMATH_AVX512 && EVOMATH_FMA && arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        // The three tables (32 or 64 entries) in registers, each entry selected by one or two
        // `vpermt2ps` (`VectorSupport.select`): no gather. The same values, so the same results.
        withTables(K.self) { tables in
            let n = K.vectorInvc.count, bits = K.tableBits
            let invcTable = VectorSupport.RegisterTable64(tables.invc, count: n)
            let highTable = VectorSupport.RegisterTable64(tables.logcHigh, count: n)
            let lowTable = VectorSupport.RegisterTable64(tables.logcLow, count: n)
            VectorSupport.map16(source, destination, count, vector: { bits16 in
                let x = F.toFloat(bits16)
                let (e, i, m) = vectorSplit16(x, K.self)
                let invc = VectorSupport.select(invcTable, i, bits: bits)
                let logcHigh = VectorSupport.select(highTable, i, bits: bits)
                let logcLow = VectorSupport.select(lowTable, i, bits: bits)
                let (y, flagged) = vectorFinish16(x, e: e, m: m, invc: invc, logcHigh: logcHigh, logcLow: logcLow, K.self)
                return (F.fromFloat(y), flagged)
            }, scalar: scalar)
        }
        #elseif EVOMATH_AVX512
        // Two 8-lane gathers of 64-bit entries (`vpgatherdq`) instead of three
        // 16-lane `vgatherdps`: bfloat16 log [Span] 1.30 -> 1.14, binary16
        // 2.26 -> 1.53 ns/element (evomath-bench --quick, loaded).
        K.vectorPacked.withUnsafeBufferPointer { packed in
            let packed = packed.baseAddress!
            VectorSupport.map16(source, destination, count, vector: { bits in
                let (y, flagged) = vectorInRange(F.toFloat(bits), packed: packed, K.self)
                return (F.fromFloat(y), flagged)
            }, scalar: scalar)
        }
        #else
        // Without gathers the three tables' per-lane loads cost less than the
        // packed entries' loads and unpacking: default flags, bfloat16 log
        // [Span] 1.63-2.04 ns/element (2.42x glibc logf via binary32) against
        // 2.09-2.27 (1.81-1.88x) packed (loaded, same runs).
        withTables(K.self) { tables in
            VectorSupport.map16(source, destination, count, vector: { bits in
                let (y, flagged) = vectorInRange(F.toFloat(bits), tables: tables, K.self)
                return (F.fromFloat(y), flagged)
            }, scalar: scalar)
        }
        #endif
    }
}

/// binary64: the reduction and first stage of `LogBinary64Runtime`
/// (Log+Double.swift) on `Lanes64.count` lanes (4, or 8 with EVOMATH_AVX512), the same operations in the same order, one
/// per statement. Flagged lanes — x not positive and normal (NaN, ±0,
/// negative, subnormal, +inf) and, in the correctly rounded tier, a failed
/// rounding test (about 1 in 63) — take the scalar function.
extension LogBinary64Runtime {
    /// What the reduction passes on: u, Double(e), nh, nl per lane, and the special lanes.
    /// (Passing on eh and el0 + (e·ln2Low + nl) instead, computed in the
    /// reduction, was no faster with default flags and slower with
    /// -target-cpu native: Fast.log 2.12 → 2.37 ns/element.)
    typealias VectorReduction = (u: Lanes64.Double, ed: Lanes64.Double, nh: Lanes64.Double, nl: Lanes64.Double, special: SIMDMask<Lanes64.Int64>)

    /// The lanes that are not positive normal numbers, t = bits(x) − offset, Double(e) with
    /// e = t >> 52 (arithmetic) and z = x·2^-e: the part of the reduction both tables share.
    @inline(__always)
    static func vectorSplit(_ x: Lanes64.Double, offset: UInt64)
        -> (special: SIMDMask<Lanes64.Int64>, t: Lanes64.UInt64, ed: Lanes64.Double, z: Lanes64.Double)
    {
        let bits = unsafeBitCast(x, to: Lanes64.UInt64.self)
        // Not a positive normal number: the high word h of bits(x) outside
        // [0x0010_0000, 0x7FF0_0000), i.e. h − 0x0010_0000 negative or
        // ≥ 0x7FE0_0000 as Int32 (negative x wrap to one or the other). On
        // 32-bit lanes: LLVM emulated the 64-bit compares of `x .>= 0x1p-1022`
        // with about 20 SSE2 instructions per 4 lanes.
        #if EVOMATH_AVX512
        // AVX-512 compares binary64 lanes into a mask register (the integer lane comparisons of
        // SIMD8<UInt64> were compiled to a loop over the lanes through the stack).
        let special = .!((x .>= 0x1p-1022) .& (x .< Double.infinity))
        #else
        let shiftedHigh = VectorSupport.highWords(x) &- 0x0010_0000
        let belowRange = shiftedHigh &>> 31
        let inRange = (shiftedHigh &- 0x7FE0_0000) &>> 31
        let special = VectorSupport.widenMask(belowRange | ~inRange)
        #endif
        let t = bits &- offset
        // Double(e) without a 64-bit arithmetic shift or conversion (neither
        // exists before AVX-512): (t + 2^63) >> 52 = e + 2048, placed in the
        // significand of 2^52 and subtracted exactly.
        let eBiased = (t ^ (1 << 63)) &>> 52
        let eBits = eBiased | 0x4330_0000_0000_0000
        let ed = unsafeBitCast(eBits, to: Lanes64.Double.self) - (0x1p52 + 2048)
        let exponentField = t & (0xFFF << 52)
        let z = unsafeBitCast(bits &- exponentField, to: Lanes64.Double.self)
        return (special, t, ed, z)
    }

    /// The reduction per lane (u, Double(e), the table's nh and nl), and
    /// the lanes that are not positive normal numbers: the first of the two
    /// stages of `VectorSupport.map64(reduce:finish:)`.
    @inline(__always)
    static func vectorReduce(_ x: Lanes64.Double, table: UnsafePointer<Double>)
        -> VectorReduction
    {
        // `reduce`: t = bits − offset, i = its top 8 significand bits, e = t >> 52
        // (arithmetic), z = x·2^-e.
        let (special, t, ed, z) = vectorSplit(x, offset: L.offset)
        let i = (t &>> 44) & 255
        // (invc, nh, nl) at 4i of `vectorTable`: always inside the table.
        let (invc, nh, nl) = VectorSupport.gatherTriples(table, i)
        // u = (zh·invc − 1) + (z − zh)·invc, exact.
        #if EVOMATH_FMA
        let u = Lanes64.Double(repeating: -1).addingProduct(z, invc)
        #else
        let zh = unsafeBitCast(unsafeBitCast(z, to: Lanes64.UInt64.self) & ~0x1FF, to: Lanes64.Double.self)
        let highProduct = zh * invc
        let highPart = highProduct - 1
        let lowFactor = z - zh
        let lowPart = lowFactor * invc
        let u = highPart + lowPart
        #endif
        return (u, ed, nh, nl, special)
    }

    /// log(x) ≈ hi + s per lane from the reduction.
    @inline(__always)
    static func vectorFirstStage(_ reduced: VectorReduction) -> (hi: Lanes64.Double, s: Lanes64.Double, special: SIMDMask<Lanes64.Int64>) {
        let (u, ed, nh, nl, special) = reduced
        // (eh, el0) = Fast2Sum(e·ln2High, nh), (hi, lo) = Fast2Sum(eh, u). Since the table's nh are multiples
        // of 2^-42, eh is exact and el0 = 0 (the scalar `firstStage` and the second stage form eh with one
        // addition: the same bits); kept here because this loop measured faster with it under default flags
        // (evomath-bench --functions log --formats binary64 --modes batch-L2, 2026-11-30: Evolved.log [Span]
        // 4.17 ns with it, 4.60 ns without; the same bits).
        let eTimesHigh = ed * L.ln2High
        let eh = eTimesHigh + nh
        let ehPart = eh - eTimesHigh
        let el0 = nh - ehPart
        let hi = eh + u
        let hiPart = hi - eh
        let lo = u - hiPart
        let u2 = u * u
        // s = (lo + (el0 + (e·ln2Low + nl))) + u²·p(u).
        #if EVOMATH_FMA
        // The scalar `firstStage`'s fused multiply-adds (el0 = 0: the same bits as its lo + el).
        let lowSum = nl.addingProduct(ed, L.ln2Low)
        let lowSum2 = el0 + lowSum
        let lowSum3 = lo + lowSum2
        let p = LogBinary64FirstStagePolynomial.evaluate(u, squared: u2)
        let s = lowSum3.addingProduct(u2, p)
        #else
        let eTimesLow = ed * L.ln2Low
        let lowSum = eTimesLow + nl
        let lowSum2 = el0 + lowSum
        let lowSum3 = lo + lowSum2
        let p = LogBinary64FirstStagePolynomial.evaluate(u, squared: u2)
        let tail = u2 * p
        let s = lowSum3 + tail
        #endif
        return (hi, s, special)
    }

    /// The correctly rounded tier on `Lanes64.count` lanes: the first stage and its rounding test.
    @inline(__always)
    static func vectorLog(_ reduced: VectorReduction) -> (Lanes64.Double, SIMDMask<Lanes64.Int64>) {
        let (hi, s, special) = vectorFirstStage(reduced)
        let err = VectorSupport.magnitude(hi) * 0x1.6ap-60
        let below = s - err
        let above = s + err
        let a = hi + below
        let b = hi + above
        return (a, special .| (a .!= b))
    }

    #if EVOMATH_FMA
    /// `fastLog16` on `Lanes64.count` lanes, the same operations in the same order; `table` is
    /// LogBinary64Table16.table (with EVOMATH_AVX512 the entries are selected from registers).
    @inline(__always)
    static func vectorFastLog16(_ x: Lanes64.Double, table: UnsafePointer<Double>) -> (Lanes64.Double, SIMDMask<Lanes64.Int64>) {
        typealias T16 = LogBinary64Table16
        let (special, t, ed, z) = vectorSplit(x, offset: T16.offset)
        let i = (t &>> 48) & 15
        #if EVOMATH_AVX512 && arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        _ = table
        let invc = VectorSupport.select16(T16.invc0, T16.invc1, i)
        let nh = VectorSupport.select16(T16.nh0, T16.nh1, i)
        let nl = VectorSupport.select16(T16.nl0, T16.nl1, i)
        #else
        let (invc, nh, nl) = VectorSupport.gatherTriples(table, i)
        #endif
        let ph = z * invc
        let pl = (-ph).addingProduct(z, invc)
        let u = ph - 1
        let eh = nh.addingProduct(ed, L.ln2High)
        let hi = eh + u
        let hiPart = hi - eh
        let lo = u - hiPart
        let u2 = u * u
        let tail = pl.addingProduct(-pl, u)
        let lowA = nl.addingProduct(ed, L.ln2Low)
        let lowB = lo + lowA
        let low = lowB + tail
        let p = LogBinary64FastPolynomialTable16Fma.evaluate(u, squared: u2)
        let s = low.addingProduct(u2, p)
        return (hi + s, special)
    }
    #endif

    /// The fast tier on `Lanes64.count` lanes: hi + s.
    @inline(__always)
    static func vectorFastLog(_ reduced: VectorReduction) -> (Lanes64.Double, SIMDMask<Lanes64.Int64>) {
        let (hi, s, special) = vectorFirstStage(reduced)
        let y = hi + s
        return (y, special)
    }

    /// `L.table` with each entry's (invc, nh, nl) padded to 4 Doubles (32 bytes): one load per lane
    /// in `vectorReduce` (the same values).
    static let vectorTable: [Double] = {
        var padded: [Double] = []
        padded.reserveCapacity(L.table.count / 3 * 4)
        for j in stride(from: 0, to: L.table.count, by: 3) {
            padded.append(L.table[j])
            padded.append(L.table[j + 1])
            padded.append(L.table[j + 2])
            padded.append(0)
        }
        return padded
    }()

    /// The batch of either tier: `Lanes64.count` lanes at a time, flagged lanes and the tail through `scalar`.
    @inline(__always)
    static func map(_ source: UnsafePointer<Double>, _ destination: UnsafeMutablePointer<Double>, _ count: Int,
                    correctlyRounded: Bool) {
        vectorTable.withUnsafeBufferPointer { table in
            let table = table.baseAddress!
            if correctlyRounded {
                VectorSupport.map64(source, destination, count, reduce: { vectorReduce($0, table: table) },
                                   finish: vectorLog, scalar: logBinary64)
            } else {
                #if EVOMATH_FMA
                LogBinary64Table16.table.withUnsafeBufferPointer { table16 in
                    let table16 = table16.baseAddress!
                    VectorSupport.map64(source, destination, count, vector: { vectorFastLog16($0, table: table16) },
                                       scalar: fastLog)
                }
                #else
                VectorSupport.map64(source, destination, count, reduce: { vectorReduce($0, table: table) },
                                   finish: vectorFastLog, scalar: fastLog)
                #endif
            }
        }
    }
}
