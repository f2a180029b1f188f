#if EVOMATH_AVX512 && EVOMATH_FMA && arch(x86_64) && canImport(_Builtin_intrinsics.intel)
// The compiler's own x86 intrinsics (Clang's builtin headers as a module, part of the
// toolchain, no library): `vpermt2pd`, `vpermps` and `vpermt2ps` to read small tables from
// registers (`VectorSupport.select16`, `select8`, `select`; BuildConfiguration.swift lists
// their users). Only in the AVX-512 + FMA configuration, whose -target-cpu has them.
import _Builtin_intrinsics.intel
#endif

/// The batch machinery shared by every function: lane conversions, table
/// gathers and the loops that run a vector kernel over full vectors, then the
/// scalar function over the tail and over the lanes a vector test flags.
///
/// Why these shapes (measured on this machine, see the README's benchmarks):
/// SIMD conversions and roundings from the standard library (`.rounded()`,
/// `SIMD16<Int32>(x, rounding:)`) are scalarized through generic code, so the
/// kernels round with the 1.5·2^p shifter and reinterpret bits with
/// `unsafeBitCast`; lane-by-lane loops (conversions, table loads through an
/// `UnsafePointer`) are what LLVM turns into single vector instructions
/// (`vcvtps2pd`, `vgatherdps` with `-target-cpu native`).
@usableFromInline
enum VectorSupport {
    /// Double(x) lane by lane (exact).
    @inlinable @inline(__always)
    static func widen(_ x: SIMD8<Float>) -> SIMD8<Double> {
        var r = SIMD8<Double>()
        for j in 0..<8 { r[j] = Double(x[j]) }
        return r
    }

    /// Double(e) lane by lane (exact).
    @inlinable @inline(__always)
    static func widen(_ e: SIMD8<Int32>) -> SIMD8<Double> {
        var r = SIMD8<Double>()
        for j in 0..<8 { r[j] = Double(e[j]) }
        return r
    }

    /// Float(e) lane by lane (exact for |e| ≤ 2^24: one `cvtdq2ps` per register).
    @inlinable @inline(__always)
    static func float(_ e: SIMD16<Int32>) -> SIMD16<Float> {
        var r = SIMD16<Float>()
        for j in 0..<16 { r[j] = Float(e[j]) }
        return r
    }

    /// Float(z) lane by lane: one rounding to nearest, as the scalar `Float(z)`.
    @inlinable @inline(__always)
    static func narrow(_ z: SIMD8<Double>) -> SIMD8<Float> {
        var r = SIMD8<Float>()
        for j in 0..<8 { r[j] = Float(z[j]) }
        return r
    }

    /// `table[i[j]]` for every lane: one gather with AVX2/AVX-512.
    @inlinable @inline(__always)
    static func gather(_ table: UnsafePointer<Double>, _ i: SIMD8<Int32>) -> SIMD8<Double> {
        var r = SIMD8<Double>()
        for j in 0..<8 { r[j] = table[Int(i[j])] }
        return r
    }

    @inlinable @inline(__always)
    static func gather(_ table: UnsafePointer<Float>, _ i: SIMD16<Int32>) -> SIMD16<Float> {
        var r = SIMD16<Float>()
        for j in 0..<16 { r[j] = table[Int(i[j])] }
        return r
    }

    /// An 8-entry Float table as 16-lane registers, for `select8`: the
    /// entries and the XORs of the pairs the tree chooses between.
    @usableFromInline
    struct Table8 {
        #if EVOMATH_AVX512 && EVOMATH_FMA && arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        /// The 8 entries twice (lanes j and j + 8 hold entry j), for one `vpermps`.
        @usableFromInline let entries: SIMD16<Float>
        @inlinable init(_ table: UnsafePointer<Float>) {
            var e = SIMD16<Float>()
            for j in 0..<16 { e[j] = table[j & 7] }
            entries = e
        }
        #else
        @usableFromInline let t0, t2, t4, t6: SIMD16<UInt32>
        @usableFromInline let d01, d23, d45, d67: SIMD16<UInt32>
        @inlinable init(_ table: UnsafePointer<Float>) {
            func lanes(_ i: Int) -> SIMD16<UInt32> { SIMD16(repeating: table[i].bitPattern) }
            t0 = lanes(0); t2 = lanes(2); t4 = lanes(4); t6 = lanes(6)
            d01 = t0 ^ lanes(1); d23 = t2 ^ lanes(3); d45 = t4 ^ lanes(5); d67 = t6 ^ lanes(7)
        }
        #endif
    }

    /// `table[i[j] & 7]` for every lane, by a tree of bitwise selects on
    /// the three low bits of i (a ^ ((a ^ b) & mask) picks b where the mask
    /// is set): 7 selects, integer lane operations only. A gather (one
    /// `vgatherdps` with -target-cpu native, 16 loads otherwise) cost more:
    /// see `ExpSupport.vectorInRange(_:table8:_:)`.
    @inlinable @inline(__always)
    static func select8(_ t: Table8, _ i: SIMD16<Int32>) -> SIMD16<Float> {
        #if EVOMATH_AVX512 && EVOMATH_FMA && arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        // One `vpermps` (it reads each index's low 4 bits; entries j and j + 8 are equal).
        return _mm512_permutexvar_ps(unsafeBitCast(i, to: __m512i.self), t.entries)
        #else
        let m0 = unsafeBitCast((i &<< 31) &>> 31, to: SIMD16<UInt32>.self)
        let m1 = unsafeBitCast((i &<< 30) &>> 31, to: SIMD16<UInt32>.self)
        let m2 = unsafeBitCast((i &<< 29) &>> 31, to: SIMD16<UInt32>.self)
        let a01 = t.t0 ^ (t.d01 & m0), a23 = t.t2 ^ (t.d23 & m0)
        let a45 = t.t4 ^ (t.d45 & m0), a67 = t.t6 ^ (t.d67 & m0)
        let b03 = a01 ^ ((a01 ^ a23) & m1), b47 = a45 ^ ((a45 ^ a67) & m1)
        return unsafeBitCast(b03 ^ ((b03 ^ b47) & m2), to: SIMD16<Float>.self)
        #endif
    }

    /// `table[i[j]]` for 8 lanes of 64-bit entries (`vpgatherdq` with AVX-512).
    @inlinable @inline(__always)
    static func gather(_ table: UnsafePointer<UInt64>, _ i: SIMD8<Int32>) -> SIMD8<UInt64> {
        var r = SIMD8<UInt64>()
        for j in 0..<8 { r[j] = table[Int(i[j])] }
        return r
    }

    /// `table[i[j]]` for 4 lanes of binary64 (`vgatherqpd` with AVX2).
    @inlinable @inline(__always)
    static func gather(_ table: UnsafePointer<Double>, _ i: SIMD4<UInt64>) -> SIMD4<Double> {
        var r = SIMD4<Double>()
        for j in 0..<4 { r[j] = table[Int(truncatingIfNeeded: i[j])] }
        return r
    }

    /// The high 32 bits of each of 4 lanes' bit patterns.
    @inlinable @inline(__always)
    static func highWords(_ z: SIMD4<Double>) -> SIMD4<Int32> {
        unsafeBitCast(unsafeBitCast(z, to: SIMD8<UInt32>.self).oddHalf, to: SIMD4<Int32>.self)
    }

    /// A mask from 32-bit lanes (0 or −1 each) to 64-bit lanes (sign extension, lane by lane).
    @inlinable @inline(__always)
    static func widenMask(_ m: SIMD4<Int32>) -> SIMDMask<SIMD4<Int64>> {
        var r = SIMD4<Int64>()
        for j in 0..<4 { r[j] = Int64(m[j]) }
        return unsafeBitCast(r, to: SIMDMask<SIMD4<Int64>>.self)
    }

    /// Whether any of 4 lanes is set.
    @inlinable @inline(__always)
    static func anyLane(_ mask: SIMDMask<SIMD4<Int64>>) -> Bool {
        let s = unsafeBitCast(mask, to: SIMD4<Int64>.self)
        var acc: Int64 = 0
        for j in 0..<4 { acc |= s[j] }
        return acc != 0
    }

    /// |z| lane by lane (clearing the sign bits; `.magnitude` is not a SIMD operation).
    @inlinable @inline(__always)
    static func magnitude(_ z: SIMD4<Double>) -> SIMD4<Double> {
        unsafeBitCast(unsafeBitCast(z, to: SIMD4<UInt64>.self) & 0x7FFF_FFFF_FFFF_FFFF, to: SIMD4<Double>.self)
    }

    /// `table[i[j]]` for 8 lanes of binary64 (`vgatherqpd` with AVX-512).
    @inlinable @inline(__always)
    static func gather(_ table: UnsafePointer<Double>, _ i: SIMD8<UInt64>) -> SIMD8<Double> {
        var r = SIMD8<Double>()
        for j in 0..<8 { r[j] = table[Int(truncatingIfNeeded: i[j])] }
        return r
    }

    /// `(table[4i], table[4i + 1], table[4i + 2])` for every lane i of `i`: one 32-byte load
    /// per lane, then the rows transposed into three vectors (the per-lane loops of `gather`
    /// over a stride-3 table were compiled to one `vgatherqpd` and 16 scalar loads with inserts).
    @inlinable @inline(__always)
    static func gatherTriples(_ table: UnsafePointer<Double>, _ i: SIMD8<UInt64>)
        -> (SIMD8<Double>, SIMD8<Double>, SIMD8<Double>)
    {
        let raw = UnsafeRawPointer(table)
        @inline(__always) func row(_ j: Int) -> SIMD4<Double> {
            raw.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: i[j]) &* 32, as: SIMD4<Double>.self)
        }
        let r01 = SIMD8<Double>(lowHalf: row(0), highHalf: row(1)), r23 = SIMD8<Double>(lowHalf: row(2), highHalf: row(3))
        let r45 = SIMD8<Double>(lowHalf: row(4), highHalf: row(5)), r67 = SIMD8<Double>(lowHalf: row(6), highHalf: row(7))
        // (a, c) and (b, pad) of each row.
        let ac0 = SIMD8<Double>(lowHalf: r01.evenHalf, highHalf: r23.evenHalf)
        let ac1 = SIMD8<Double>(lowHalf: r45.evenHalf, highHalf: r67.evenHalf)
        let bp0 = SIMD8<Double>(lowHalf: r01.oddHalf, highHalf: r23.oddHalf)
        let bp1 = SIMD8<Double>(lowHalf: r45.oddHalf, highHalf: r67.oddHalf)
        return (SIMD8(lowHalf: ac0.evenHalf, highHalf: ac1.evenHalf),
                SIMD8(lowHalf: bp0.evenHalf, highHalf: bp1.evenHalf),
                SIMD8(lowHalf: ac0.oddHalf, highHalf: ac1.oddHalf))
    }

    /// `gatherTriples` on 4 lanes.
    @inlinable @inline(__always)
    static func gatherTriples(_ table: UnsafePointer<Double>, _ i: SIMD4<UInt64>)
        -> (SIMD4<Double>, SIMD4<Double>, SIMD4<Double>)
    {
        let raw = UnsafeRawPointer(table)
        @inline(__always) func row(_ j: Int) -> SIMD4<Double> {
            raw.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: i[j]) &* 32, as: SIMD4<Double>.self)
        }
        let r01 = SIMD8<Double>(lowHalf: row(0), highHalf: row(1)), r23 = SIMD8<Double>(lowHalf: row(2), highHalf: row(3))
        let ac0 = r01.evenHalf, ac1 = r23.evenHalf, bp0 = r01.oddHalf, bp1 = r23.oddHalf
        return (SIMD4(lowHalf: ac0.evenHalf, highHalf: ac1.evenHalf),
                SIMD4(lowHalf: bp0.evenHalf, highHalf: bp1.evenHalf),
                SIMD4(lowHalf: ac0.oddHalf, highHalf: ac1.oddHalf))
    }

    /// `widenMask`, `anyLane` and `magnitude` on 8 lanes of binary64.
    @inlinable @inline(__always)
    static func widenMask(_ m: SIMD8<Int32>) -> SIMDMask<SIMD8<Int64>> {
        var r = SIMD8<Int64>()
        for j in 0..<8 { r[j] = Int64(m[j]) }
        return unsafeBitCast(r, to: SIMDMask<SIMD8<Int64>>.self)
    }

    @inlinable @inline(__always)
    static func anyLane(_ mask: SIMDMask<SIMD8<Int64>>) -> Bool {
        let s = unsafeBitCast(mask, to: SIMD8<Int64>.self)
        var acc: Int64 = 0
        for j in 0..<8 { acc |= s[j] }
        return acc != 0
    }

    @inlinable @inline(__always)
    static func magnitude(_ z: SIMD8<Double>) -> SIMD8<Double> {
        unsafeBitCast(unsafeBitCast(z, to: SIMD8<UInt64>.self) & 0x7FFF_FFFF_FFFF_FFFF, to: SIMD8<Double>.self)
    }

    /// The low and high 32 bits of each lane's bit pattern. Tests on them
    /// stay vector instructions with default flags: SSE2 has no 64-bit
    /// integer compare, and LLVM scalarized the 64-bit ones lane by lane.
    @inlinable @inline(__always)
    static func lowWords(_ z: SIMD8<Double>) -> SIMD8<UInt32> {
        unsafeBitCast(z, to: SIMD16<UInt32>.self).evenHalf
    }

    @inlinable @inline(__always)
    static func highWords(_ z: SIMD8<Double>) -> SIMD8<Int32> {
        unsafeBitCast(unsafeBitCast(z, to: SIMD16<UInt32>.self).oddHalf, to: SIMD8<Int32>.self)
    }

    /// Whether any lane is set (an OR over the lanes, not the generic `any`).
    @inlinable @inline(__always)
    static func anyLane(_ mask: SIMDMask<SIMD8<Int32>>) -> Bool {
        let s = unsafeBitCast(mask, to: SIMD8<Int32>.self)
        var acc: Int32 = 0
        for j in 0..<8 { acc |= s[j] }
        return acc != 0
    }

    /// The correctly rounded tiers' rare-path test on the Double result z,
    /// lane by lane (`ExpExceptions/LogExceptions.isRarePath` in the search):
    /// z within 2^9 Double ulps of a binary32 midpoint, i.e.
    /// `(bits(z) − (2^28 − 2^9)) mod 2^29 < 2^10`. Only the low 29 bits take
    /// part, so the test runs on the low words, as `& 0x1FFF_FC00 == 0`.
    @inlinable @inline(__always)
    static func nearMidpoint(_ z: SIMD8<Double>) -> SIMDMask<SIMD8<Int32>> {
        let low = lowWords(z) &- (0x1000_0000 - 0x200)
        return lanes(unsafeBitCast(low & 0x1FFF_FC00, to: SIMD8<Int32>.self), equalToZero: ())
    }

    @inlinable @inline(__always)
    static func anyLane(_ mask: SIMDMask<SIMD16<Int32>>) -> Bool {
        let s = unsafeBitCast(mask, to: SIMD16<Int32>.self)
        var acc: Int32 = 0
        for j in 0..<16 { acc |= s[j] }
        return acc != 0
    }

    /// `v .== 0` and `v .< c` (for `v − c` without overflow) as integer
    /// arithmetic on the lanes: the standard library's integer lane
    /// comparisons, and per-lane loops of `?:`, were compiled to loops over
    /// the lanes through the stack; these are 3–4 vector instructions.
    @inlinable @inline(__always)
    static func lanes(_ v: SIMD8<Int32>, equalToZero: Void) -> SIMDMask<SIMD8<Int32>> {
        // v | −v has its sign bit set exactly when v ≠ 0.
        unsafeBitCast(~((v | (0 &- v)) &>> 31), to: SIMDMask<SIMD8<Int32>>.self)
    }

    @inlinable @inline(__always)
    static func lanes(_ v: SIMD8<Int32>, lessThan c: Int32) -> SIMDMask<SIMD8<Int32>> {
        unsafeBitCast((v &- c) &>> 31, to: SIMDMask<SIMD8<Int32>>.self)
    }

    /// `v .< c` (unsigned) for any lanes and c in [0, 2^31]: v − c borrows
    /// and v's top bit is clear.
    @inlinable @inline(__always)
    static func lanes(_ v: SIMD8<UInt32>, unsignedLessThan c: UInt32) -> SIMDMask<SIMD8<Int32>> {
        unsafeBitCast(unsafeBitCast((v &- c) & ~v, to: SIMD8<Int32>.self) &>> 31, to: SIMDMask<SIMD8<Int32>>.self)
    }

    /// `v .< c` for lanes and c in [0, 2^31).
    @inlinable @inline(__always)
    static func lanes(_ v: SIMD16<UInt32>, lessThan c: UInt32) -> SIMDMask<SIMD16<Int32>> {
        unsafeBitCast(unsafeBitCast(v &- c, to: SIMD16<Int32>.self) &>> 31, to: SIMDMask<SIMD16<Int32>>.self)
    }

    /// Zero-extension and truncation between 16- and 32-bit lanes, lane by
    /// lane (`punpcklwd`/`packusdw`-like shuffles rather than generic code).
    @inlinable @inline(__always)
    static func widen(_ h: SIMD16<UInt16>) -> SIMD16<UInt32> {
        var r = SIMD16<UInt32>()
        for j in 0..<16 { r[j] = UInt32(h[j]) }
        return r
    }

    @inlinable @inline(__always)
    static func narrow(_ w: SIMD16<UInt32>) -> SIMD16<UInt16> {
        var r = SIMD16<UInt16>()
        for j in 0..<16 { r[j] = UInt16(truncatingIfNeeded: w[j]) }
        return r
    }

    /// The flagged lanes through the scalar function, out of line (a cold
    /// call; inlined, the scalar function's code sat inside the vector loop).
    @inlinable @inline(never)
    static func fixFlagged(_ y: inout SIMD8<Float>, _ x: SIMD8<Float>, _ flagged: SIMDMask<SIMD8<Int32>>,
                           _ scalar: (Float) -> Float) {
        for j in 0..<8 where flagged[j] { y[j] = scalar(x[j]) }
    }

    @inlinable @inline(never)
    static func fixFlagged(_ y: inout SIMD16<Float>, _ x: SIMD16<Float>, _ flagged: SIMDMask<SIMD16<Int32>>,
                           _ scalar: (Float) -> Float) {
        for j in 0..<16 where flagged[j] { y[j] = scalar(x[j]) }
    }

    @inlinable @inline(never)
    static func fixFlagged(_ y: inout SIMD4<Double>, _ x: SIMD4<Double>, _ flagged: SIMDMask<SIMD4<Int64>>,
                           _ scalar: (Double) -> Double) {
        for j in 0..<4 where flagged[j] { y[j] = scalar(x[j]) }
    }

    @inlinable @inline(never)
    static func fixFlagged(_ y: inout SIMD8<Double>, _ x: SIMD8<Double>, _ flagged: SIMDMask<SIMD8<Int64>>,
                           _ scalar: (Double) -> Double) {
        for j in 0..<8 where flagged[j] { y[j] = scalar(x[j]) }
    }

    @inlinable @inline(never)
    static func fixFlagged(_ y: inout SIMD16<UInt16>, _ x: SIMD16<UInt16>, _ flagged: SIMDMask<SIMD16<Int32>>,
                           _ scalar: (UInt16) -> UInt16) {
        for j in 0..<16 where flagged[j] { y[j] = scalar(x[j]) }
    }

    /// A batch in two stages, software-pipelined: the loop finishes one
    /// vector while it reduces the next, so each trip holds two independent
    /// dependency chains (the next vector's reduction, this one's kernel and
    /// reconstruction) and the out-of-order window, which one vector's chain
    /// of over a hundred SSE instructions fills, finds independent work.
    /// Same operations per lane as `finish(reduce(x))`; flagged lanes and the
    /// tail take `scalar`. Measured with default flags (evomath-bench, batch
    /// of 4096 wide inputs, minimum ns/element): binary32 log 3.42 → 2.58,
    /// binary32 exp 2.25 → 2.13, binary64 log 4.97 → 4.36, binary64
    /// Fast.log 3.91 → 3.17.
    /// With -target-cpu native and EVOMATH_AVX512 (one AVX-512 register per
    /// vector) it still pays (evomath-bench --quick, batch-L2, loaded; in
    /// parentheses the pipelined loop, and the SLEEF peer of the same run):
    /// `finish(reduce(x))` one vector at a time measured binary32 exp 0.724
    /// ns/element (0.572) against Sleef_expf8_u10avx2's 0.378 (0.371),
    /// binary32 log 0.946 (0.831) against Sleef_logf16_u10avx512f's 0.318
    /// (0.297), binary64 log 1.95 (1.11) against Sleef_logd8_u10avx512f's
    /// 0.715 (0.715).
    @inlinable @inline(__always)
    static func pipelinedMap<Vector: SIMD, Mask, Reduced>(
        _ source: UnsafePointer<Vector.Scalar>, _ destination: UnsafeMutablePointer<Vector.Scalar>, _ count: Int,
        _: Vector.Type, reduce: (Vector) -> Reduced, finish: (Reduced) -> (Vector, Mask),
        anyLane: (Mask) -> Bool, fixFlagged: (inout Vector, Vector, Mask) -> Void,
        scalar: (Vector.Scalar) -> Vector.Scalar
    ) {
        let lanes = Vector.scalarCount
        var i = 0
        if count >= lanes {
            // The rare flagged vectors reload their inputs: carried across
            // trips, they held registers that SSE2's 16 do not have to spare.
            var reduced = reduce(UnsafeRawPointer(source).loadUnaligned(as: Vector.self))
            while i + 2 * lanes <= count {
                let reducedNext = reduce(UnsafeRawPointer(source + i + lanes).loadUnaligned(as: Vector.self))
                var (y, flagged) = finish(reduced)
                if _slowPath(anyLane(flagged)) {
                    fixFlagged(&y, UnsafeRawPointer(source + i).loadUnaligned(as: Vector.self), flagged)
                }
                UnsafeMutableRawPointer(destination + i).storeBytes(of: y, as: Vector.self)
                reduced = reducedNext
                i += lanes
            }
            var (y, flagged) = finish(reduced)
            if _slowPath(anyLane(flagged)) {
                fixFlagged(&y, UnsafeRawPointer(source + i).loadUnaligned(as: Vector.self), flagged)
            }
            UnsafeMutableRawPointer(destination + i).storeBytes(of: y, as: Vector.self)
            i += lanes
        }
        while i < count {
            destination[i] = scalar(source[i])
            i += 1
        }
    }

    /// `pipelinedMap` over 8 lanes of binary32.
    @inlinable @inline(__always)
    static func map8<Reduced>(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, _ count: Int,
                              reduce: (SIMD8<Float>) -> Reduced,
                              finish: (Reduced) -> (SIMD8<Float>, SIMDMask<SIMD8<Int32>>), scalar: (Float) -> Float) {
        pipelinedMap(source, destination, count, SIMD8<Float>.self, reduce: reduce, finish: finish,
                     anyLane: anyLane, fixFlagged: { fixFlagged(&$0, $1, $2, scalar) }, scalar: scalar)
    }

    /// `output[i] = f(input[i])` for binary32, 16 lanes at a time: `vector`
    /// returns the results and the lanes it cannot answer, which take
    /// `scalar`, as does the tail. (Not pipelined like `map8`: with 16 Float
    /// lanes, binary32 Fast.exp went from 1.30 to 1.59 ns/element that way,
    /// measured when the loop still carried the inputs across trips.)
    @inlinable @inline(__always)
    static func map16(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, _ count: Int,
                      vector: (SIMD16<Float>) -> (SIMD16<Float>, SIMDMask<SIMD16<Int32>>), scalar: (Float) -> Float) {
        var i = 0
        while i + 16 <= count {
            let x = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD16<Float>.self)
            var (y, flagged) = vector(x)
            if _slowPath(anyLane(flagged)) { fixFlagged(&y, x, flagged, scalar) }
            UnsafeMutableRawPointer(destination + i).storeBytes(of: y, as: SIMD16<Float>.self)
            i += 16
        }
        while i < count {
            destination[i] = scalar(source[i])
            i += 1
        }
    }

    /// `map16` that stores each vector's results first and then recomputes the
    /// flagged lanes in the destination with `scalar` (the same results):
    /// without a copy of the results kept on the stack for the flagged path,
    /// and with the loop bound computed once. Used by binary32 Fast.exp.
    @inlinable @inline(__always)
    static func map16Stored(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, _ count: Int,
                            vector: (SIMD16<Float>) -> (SIMD16<Float>, SIMDMask<SIMD16<Int32>>),
                            scalar: (Float) -> Float) {
        var i = 0
        let last = count &- 16
        while i <= last {
            let x = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD16<Float>.self)
            let (y, flagged) = vector(x)
            UnsafeMutableRawPointer(destination + i).storeBytes(of: y, as: SIMD16<Float>.self)
            if _slowPath(anyLane(flagged)) { fixFlagged(x, destination + i, flagged, scalar) }
            i &+= 16
        }
        while i < count {
            destination[i] = scalar(source[i])
            i += 1
        }
    }

    /// The flagged lanes of 16 stored results through the scalar function, out of line
    /// (x from the register, not reloaded: the destination may be the source).
    @inlinable @inline(never)
    static func fixFlagged(_ x: SIMD16<Float>, _ destination: UnsafeMutablePointer<Float>,
                           _ flagged: SIMDMask<SIMD16<Int32>>, _ scalar: (Float) -> Float) {
        for j in 0..<16 where flagged[j] { destination[j] = scalar(x[j]) }
    }

    /// `map16` for a 16-bit format, over bit patterns: `vector` converts to
    /// Float lanes and back itself.
    @inlinable @inline(__always)
    static func map16(_ source: UnsafePointer<UInt16>, _ destination: UnsafeMutablePointer<UInt16>, _ count: Int,
                      vector: (SIMD16<UInt16>) -> (SIMD16<UInt16>, SIMDMask<SIMD16<Int32>>), scalar: (UInt16) -> UInt16) {
        var i = 0
        while i + 16 <= count {
            let x = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD16<UInt16>.self)
            var (y, flagged) = vector(x)
            if _slowPath(anyLane(flagged)) { fixFlagged(&y, x, flagged, scalar) }
            UnsafeMutableRawPointer(destination + i).storeBytes(of: y, as: SIMD16<UInt16>.self)
            i += 16
        }
        while i < count {
            destination[i] = scalar(source[i])
            i += 1
        }
    }

    /// Runs `body` on the buffers of a batch entry (same count required).
    @inlinable @inline(__always)
    static func withBuffers<T>(_ input: Span<T>, _ output: inout MutableSpan<T>,
                               _ body: (UnsafePointer<T>, UnsafeMutablePointer<T>, Int) -> Void) {
        precondition(input.count == output.count, "input and output must have the same count")
        if input.count == 0 { return }
        input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                body(source.baseAddress!, destination.baseAddress!, source.count)
            }
        }
    }

    /// An array of `input.count` results written by `body`.
    @inlinable @inline(__always)
    static func array<T>(_ input: [T], _ body: (UnsafePointer<T>, UnsafeMutablePointer<T>, Int) -> Void) -> [T] {
        if input.isEmpty { return [] }
        return input.withUnsafeBufferPointer { source in
            [T](unsafeUninitializedCapacity: source.count) { destination, initialized in
                body(source.baseAddress!, destination.baseAddress!, source.count)
                initialized = source.count
            }
        }
    }
}

/// Lane conversions between the 16-bit formats and Float, in integer
/// arithmetic (binary16 with EVOMATH_FMA: F16C): without F16C (default flags)
/// `Float16(x)` is a library call per element. Lanes holding NaN are always flagged for the scalar path, so
/// their conversion here does not matter.
extension VectorSupport {
    /// Float(h) for binary16 bit patterns (exact; NaN lanes unspecified).
    ///
    /// With EVOMATH_FMA (set together with a -target-cpu that has FMA, see
    /// BuildConfiguration.swift) this is `Float(Float16)` lane by lane, which
    /// LLVM compiles to one `vcvtph2ps` (F16C: every x86-64 CPU with FMA3 has
    /// it); without F16C it would still be exact, one library call per lane.
    @inlinable @inline(__always)
    static func floatFromBinary16(_ h: SIMD16<UInt16>) -> SIMD16<Float> {
        #if EVOMATH_FMA
        let v = unsafeBitCast(h, to: SIMD16<Float16>.self)
        var r = SIMD16<Float>()
        for j in 0..<16 { r[j] = Float(v[j]) }
        return r
        #else
        return floatFromBinary16Integer(h)
        #endif
    }

    /// `floatFromBinary16` in integer arithmetic (every build; the default build's conversion).
    @inlinable @inline(__always)
    static func floatFromBinary16Integer(_ h: SIMD16<UInt16>) -> SIMD16<Float> {
        let bits = widen(h)
        let magnitude = bits & 0x7FFF
        // Normal and subnormal: the binary16 fields placed in a Float, then
        // the exponent rebiased by a multiplication by 2^112 (exact).
        let scaled = unsafeBitCast(magnitude &<< 13, to: SIMD16<Float>.self) * 0x1p112
        let infinite = SIMD16<UInt32>(repeating: 0x7F80_0000) | (magnitude &<< 13)
        var result = unsafeBitCast(scaled, to: SIMD16<UInt32>.self)
        result.replace(with: infinite, where: .!lanes(magnitude, lessThan: 0x7C00))
        return unsafeBitCast(result | ((bits & 0x8000) &<< 16), to: SIMD16<Float>.self)
    }

    /// Float16(x) as bit patterns, rounded like the scalar conversion (NaN
    /// lanes unspecified). With EVOMATH_FMA: `Float16(Float)` lane by lane,
    /// one `vcvtps2ph` with F16C (rounding by MXCSR, as the scalar `Float16(_:)`
    /// of the same build); otherwise in integer arithmetic, to nearest even.
    @inlinable @inline(__always)
    static func binary16FromFloat(_ x: SIMD16<Float>) -> SIMD16<UInt16> {
        #if EVOMATH_FMA
        // Lanes of Float16, then one bit cast of the vector. (A `.bitPattern`
        // per lane, and `Float16(bitPattern:)` per lane in `floatFromBinary16`,
        // gave a binary16 exp loop of 130 instructions, LLVM splitting lanes
        // off the vectors, against 58 this way; -target-cpu native, AVX-512.)
        var r = SIMD16<Float16>()
        for j in 0..<16 { r[j] = Float16(x[j]) }
        return unsafeBitCast(r, to: SIMD16<UInt16>.self)
        #else
        return binary16FromFloatInteger(x)
        #endif
    }

    /// `binary16FromFloat` in integer arithmetic, to nearest even (F. Giesen's
    /// float_to_half_fast3_rtne; every build; the default build's conversion).
    @inlinable @inline(__always)
    static func binary16FromFloatInteger(_ x: SIMD16<Float>) -> SIMD16<UInt16> {
        let bits = unsafeBitCast(x, to: SIMD16<UInt32>.self)
        let sign = bits & 0x8000_0000
        let magnitude = bits ^ sign
        // Normal results: rebias the exponent and round the 13 dropped bits
        // to nearest even (the carry may run into the exponent: correct).
        let odd = (magnitude &>> 13) & 1
        let normal = (magnitude &+ (UInt32(bitPattern: (15 - 127) << 23) &+ 0xFFF) &+ odd) &>> 13
        // Subnormal results (|x| < 2^-14): adding 0.5 aligns the value to
        // the binary16 subnormal spacing 2^-24 and rounds to nearest even.
        let magic: UInt32 = ((127 - 15) + (23 - 10) + 1) << 23
        let aligned = unsafeBitCast(magnitude, to: SIMD16<Float>.self) + Float(bitPattern: magic)
        let subnormal = unsafeBitCast(aligned, to: SIMD16<UInt32>.self) &- magic
        var result = normal
        result.replace(with: subnormal, where: lanes(magnitude, lessThan: 113 << 23))
        result.replace(with: SIMD16<UInt32>(repeating: 0x7C00), where: .!lanes(magnitude, lessThan: (127 + 16) << 23))
        return narrow(result | (sign &>> 16))
    }

    /// Float(b) for bfloat16 bit patterns: a shift.
    @inlinable @inline(__always)
    static func floatFromBFloat16(_ b: SIMD16<UInt16>) -> SIMD16<Float> {
        unsafeBitCast(widen(b) &<< 16, to: SIMD16<Float>.self)
    }

    /// BFloat16(x) as bit patterns: `BFloat16.init(_: Float)` lane by lane
    /// for non-NaN x (round to nearest even on the 16 dropped bits).
    @inlinable @inline(__always)
    static func bfloat16FromFloat(_ x: SIMD16<Float>) -> SIMD16<UInt16> {
        let bits = unsafeBitCast(x, to: SIMD16<UInt32>.self)
        let lsb = (bits &>> 16) & 1
        return narrow((bits &+ 0x7FFF &+ lsb) &>> 16)
    }
}

/// The lane conversions of a 16-bit format, as a type: the 16-bit batches take
/// it as a generic parameter so that the conversions are inlined into the
/// loop. (Passed as closures, `VectorSupport.floatFromBinary16` and the others
/// stayed out-of-line calls with -target-cpu native, their SIMD16 arguments
/// and results split into four xmm registers, and the whole kernel ran on
/// 4-lane xmm operations: binary16 exp [Span] 1.61 ns/element against 0.997
/// inlined, evomath-bench --quick, loaded.)
@usableFromInline
protocol FloatLanes16 {
    static func toFloat(_ h: SIMD16<UInt16>) -> SIMD16<Float>
    static func fromFloat(_ x: SIMD16<Float>) -> SIMD16<UInt16>
}

extension VectorSupport {
    /// binary16: `floatFromBinary16`, `binary16FromFloat`.
    @usableFromInline
    enum Binary16Lanes: FloatLanes16 {
        @inlinable @inline(__always)
        static func toFloat(_ h: SIMD16<UInt16>) -> SIMD16<Float> { floatFromBinary16(h) }
        @inlinable @inline(__always)
        static func fromFloat(_ x: SIMD16<Float>) -> SIMD16<UInt16> { binary16FromFloat(x) }
    }

    /// bfloat16: `floatFromBFloat16`, `bfloat16FromFloat`.
    @usableFromInline
    enum BFloat16Lanes: FloatLanes16 {
        @inlinable @inline(__always)
        static func toFloat(_ h: SIMD16<UInt16>) -> SIMD16<Float> { floatFromBFloat16(h) }
        #if EVOMATH_AVX512
        @inlinable @inline(__always)
        static func fromFloat(_ x: SIMD16<Float>) -> SIMD16<UInt16> { bfloat16FromFloat(x) }
        #else
        // Out of line without AVX-512, as before the conversions were inlined:
        // inlined, the default build's bfloat16 log [Span] went from 1.39 to
        // 1.57 ns/element (2.45x -> 2.08x glibc logf via binary32; SSE2's 16
        // registers, the loop spilling; evomath-bench --quick, loaded,
        // alternating runs).
        @inlinable @inline(never)
        static func fromFloat(_ x: SIMD16<Float>) -> SIMD16<UInt16> { bfloat16FromFloat(x) }
        #endif
    }
}

/// The batch entries of the 16-bit formats work on bit patterns.
extension VectorSupport {
    /// `withBuffers` for a 16-bit format, as UInt16 bit patterns.
    @inlinable @inline(__always)
    static func withBitBuffers<T>(_ input: Span<T>, _ output: inout MutableSpan<T>,
                                  _ body: (UnsafePointer<UInt16>, UnsafeMutablePointer<UInt16>, Int) -> Void) {
        precondition(MemoryLayout<T>.size == 2 && MemoryLayout<T>.stride == 2)
        withBuffers(input, &output) { source, destination, count in
            source.withMemoryRebound(to: UInt16.self, capacity: count) { source in
                destination.withMemoryRebound(to: UInt16.self, capacity: count) { destination in
                    body(source, destination, count)
                }
            }
        }
    }

    /// `array` for a 16-bit format, as UInt16 bit patterns.
    @inlinable @inline(__always)
    static func bitArray<T>(_ input: [T], _ body: (UnsafePointer<UInt16>, UnsafeMutablePointer<UInt16>, Int) -> Void) -> [T] {
        precondition(MemoryLayout<T>.size == 2 && MemoryLayout<T>.stride == 2)
        return array(input) { source, destination, count in
            source.withMemoryRebound(to: UInt16.self, capacity: count) { source in
                destination.withMemoryRebound(to: UInt16.self, capacity: count) { destination in
                    body(source, destination, count)
                }
            }
        }
    }
}

#if EVOMATH_AVX512 && EVOMATH_FMA && arch(x86_64) && canImport(_Builtin_intrinsics.intel)
extension VectorSupport {
    /// `table[i[j] & 15]` for 8 lanes, the 16 entries held in two registers (`low`: entries
    /// 0…7, `high`: 8…15): one `vpermt2pd`, which reads only each index's low 4 bits. Swift's
    /// SIMD swizzle subscript is a generic call (Tables/vector-table-load.md), so this is the
    /// intrinsic itself.
    @inlinable @inline(__always)
    static func select16(_ low: SIMD8<Double>, _ high: SIMD8<Double>, _ i: SIMD8<UInt64>) -> SIMD8<Double> {
        _mm512_permutex2var_pd(low, unsafeBitCast(i, to: SIMD8<Int64>.self), high)
    }

    /// A Float table of up to 64 entries in four 16-lane registers (entries past `count` are 0).
    @usableFromInline
    struct RegisterTable64 {
        @usableFromInline let t0, t1, t2, t3: SIMD16<Float>
        @inlinable init(_ table: UnsafePointer<Float>, count: Int) {
            precondition(count <= 64)
            var v = (SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>(), SIMD16<Float>())
            for j in 0..<min(count, 16) { v.0[j] = table[j] }
            for j in 16..<max(min(count, 32), 16) { v.1[j - 16] = table[j] }
            for j in 32..<max(min(count, 48), 32) { v.2[j - 32] = table[j] }
            for j in 48..<max(min(count, 64), 48) { v.3[j - 48] = table[j] }
            t0 = v.0; t1 = v.1; t2 = v.2; t3 = v.3
        }
    }

    /// `table[i[j]]` for 16 lanes, i in 0..<2^bits (bits ≤ 6): one `vpermt2ps` (it reads the low
    /// 5 bits of each index) for up to 32 entries, two and a blend on bit 5 for up to 64.
    @inlinable @inline(__always)
    static func select(_ t: RegisterTable64, _ i: SIMD16<Int32>, bits: Int) -> SIMD16<Float> {
        let index = unsafeBitCast(i, to: SIMD8<Int64>.self)
        let a = _mm512_permutex2var_ps(t.t0, index, t.t1)
        if bits <= 5 { return a }
        let b = _mm512_permutex2var_ps(t.t2, index, t.t3)
        return _mm512_mask_blend_ps(_mm512_test_epi32_mask(index, _mm512_set1_epi32(32)), a, b)
    }
}
#endif

/// The lanes of the binary64 batch entries (`ExpVector.swift`, `LogVector.swift`):
/// 4 (one AVX2 register, two SSE2 ones), or 8 — one AVX-512 register — when
/// the compilation condition `EVOMATH_AVX512` is set (BuildConfiguration.swift).
@usableFromInline
enum Lanes64 {
    #if EVOMATH_AVX512
    @usableFromInline typealias Double = SIMD8<Swift.Double>
    @usableFromInline typealias UInt64 = SIMD8<Swift.UInt64>
    @usableFromInline typealias Int64 = SIMD8<Swift.Int64>
    #else
    @usableFromInline typealias Double = SIMD4<Swift.Double>
    @usableFromInline typealias UInt64 = SIMD4<Swift.UInt64>
    @usableFromInline typealias Int64 = SIMD4<Swift.Int64>
    #endif
    @inlinable static var count: Int { Double.scalarCount }
}

extension VectorSupport {
    /// The binary64 batch, pipelined (`pipelinedMap`), at `Lanes64.count` lanes.
    @inlinable @inline(__always)
    static func map64<Reduced>(_ source: UnsafePointer<Double>, _ destination: UnsafeMutablePointer<Double>, _ count: Int,
                               reduce: (Lanes64.Double) -> Reduced,
                               finish: (Reduced) -> (Lanes64.Double, SIMDMask<Lanes64.Int64>), scalar: (Double) -> Double) {
        pipelinedMap(source, destination, count, Lanes64.Double.self, reduce: reduce, finish: finish,
                     anyLane: anyLane, fixFlagged: { fixFlagged(&$0, $1, $2, scalar) }, scalar: scalar)
    }

    /// The binary64 batch at `Lanes64.count` lanes, not pipelined: binary64 exp
    /// went from 3.64 to 3.86 ns/element with `map64(reduce:finish:)` (4 lanes,
    /// when the loop still carried the inputs across trips).
    @inlinable @inline(__always)
    static func map64(_ source: UnsafePointer<Double>, _ destination: UnsafeMutablePointer<Double>, _ count: Int,
                      vector: (Lanes64.Double) -> (Lanes64.Double, SIMDMask<Lanes64.Int64>), scalar: (Double) -> Double) {
        let lanes = Lanes64.count
        var i = 0
        while i + lanes <= count {
            let x = UnsafeRawPointer(source + i).loadUnaligned(as: Lanes64.Double.self)
            var (y, flagged) = vector(x)
            if _slowPath(anyLane(flagged)) { fixFlagged(&y, x, flagged, scalar) }
            UnsafeMutableRawPointer(destination + i).storeBytes(of: y, as: Lanes64.Double.self)
            i += lanes
        }
        while i < count {
            destination[i] = scalar(source[i])
            i += 1
        }
    }
}
