/// Conversions between the 16-bit formats and Float for the scalar functions,
/// in integer arithmetic (with EVOMATH_FMA, the F16C instructions instead,
/// BuildConfiguration.swift): without F16C (default flags) `Float(h)` and
/// `Float16(x)` are library calls (`__extendhfsf2`, `__truncsfhf2`), which
/// cost more than the whole binary16 exp; `BFloat16(x)` was not inlined.
/// Same values as those conversions, bit for bit, except that `float(binary16:)`
/// is only required to give a NaN for a NaN (the functions' special paths
/// quiet it): `ScalarConversionTests` compares every binary16, and every
/// Float near a binary16 rounding boundary. The lane versions are in
/// VectorSupport.swift.
@usableFromInline
enum ScalarConversion {
    /// Float(h) for a binary16 bit pattern, exact: the fields placed in a
    /// Float (sign kept) and the exponent rebiased by an integer addition for
    /// normal numbers; zeros and subnormals rebiased by a multiplication by
    /// 2^112 (exact), ±∞ and NaN by the bits (a signalling NaN stays
    /// signalling; the functions' special path quiets it), on a rare path.
    @inlinable @inline(__always)
    static func float(binary16 h: UInt16) -> Float {
        #if EVOMATH_FMA
        // F16C (every x86-64 CPU with FMA3, BuildConfiguration.swift): one
        // `vcvtph2ps`, as the batch entries' lane conversion of this build.
        return Float(Float16(bitPattern: h))
        #else
        return floatInteger(binary16: h)
        #endif
    }

    /// `float(binary16:)` in integer arithmetic (the default build's).
    @inlinable @inline(__always)
    static func floatInteger(binary16 h: UInt16) -> Float {
        let bits = UInt32(h)
        let sign = (bits & 0x8000) << 16, fields = (bits & 0x7FFF) << 13
        let exponent = bits & 0x7C00
        if _slowPath(exponent == 0 || exponent == 0x7C00) {
            if exponent == 0 { return Float(bitPattern: sign | fields) * 0x1p112 }
            return Float(bitPattern: sign | fields | 0x7F80_0000)
        }
        return Float(bitPattern: sign | (fields &+ UInt32((127 - 15) << 23)))
    }

    /// Float16(x) as a bit pattern: rounded to nearest even, overflow to ±∞
    /// (F. Giesen's float_to_half_fast3_rtne); NaN by `Float16(x)` itself (a
    /// rare path), so the payload is the library's.
    @inlinable @inline(__always)
    static func binary16(_ x: Float) -> UInt16 {
        #if EVOMATH_FMA
        // F16C: one `vcvtps2ph`, rounding by MXCSR (to nearest even unless a
        // program changed the mode), as the batch entries' lane conversion.
        return Float16(x).bitPattern
        #else
        return binary16Integer(x)
        #endif
    }

    /// `binary16(_:)` in integer arithmetic (the default build's).
    @inlinable @inline(__always)
    static func binary16Integer(_ x: Float) -> UInt16 {
        let bits = x.bitPattern
        let sign = bits & 0x8000_0000
        let magnitude = bits ^ sign
        if _slowPath(magnitude > 0x7F80_0000) { return Float16(x).bitPattern }
        // Normal results: rebias the exponent and round the 13 dropped bits
        // to nearest even (a carry into the exponent is correct, up to ∞).
        let odd = (magnitude >> 13) & 1
        let normal = (magnitude &+ (UInt32(bitPattern: (15 - 127) << 23) &+ 0xFFF) &+ odd) >> 13
        // Subnormal results (|x| < 2^-14): adding 1/2 aligns |x| to the
        // binary16 subnormal spacing 2^-24 and rounds to nearest even.
        let magic: UInt32 = ((127 - 15) + (23 - 10) + 1) << 23
        let subnormal = (Float(bitPattern: magnitude) + Float(bitPattern: magic)).bitPattern &- magic
        let result = magnitude < 113 << 23 ? subnormal : magnitude < (127 + 16) << 23 ? normal : 0x7C00
        return UInt16(truncatingIfNeeded: result | (sign >> 16))
    }
}

extension ScalarConversion {
    /// f(Float(x)) rounded to binary16, both conversions in integer arithmetic.
    @inlinable @inline(__always)
    static func binary16(_ x: Float16, _ f: (Float) -> Float) -> Float16 {
        Float16(bitPattern: binary16(f(float(binary16: x.bitPattern))))
    }
}
