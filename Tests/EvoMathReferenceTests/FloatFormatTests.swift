import EvoMath
import EvoMathReference
import Testing

@Suite struct FloatFormatTests {
    @Test func standardFormatsMatchTheirSwiftTypes() {
        #expect(FloatFormat.binary16.greatestFiniteMagnitude == Double(Float16.greatestFiniteMagnitude))
        #expect(FloatFormat.binary16.leastNonzeroMagnitude == Double(Float16.leastNonzeroMagnitude))
        #expect(FloatFormat.binary16.leastNormalMagnitude == Double(Float16.leastNormalMagnitude))
        #expect(FloatFormat.binary32.greatestFiniteMagnitude == Double(Float.greatestFiniteMagnitude))
        #expect(FloatFormat.binary32.leastNonzeroMagnitude == Double(Float.leastNonzeroMagnitude))
        #expect(FloatFormat.binary64.greatestFiniteMagnitude == Double.greatestFiniteMagnitude)
        #expect(FloatFormat.binary64.leastNonzeroMagnitude == Double.leastNonzeroMagnitude)
        #expect(FloatFormat.bfloat16.greatestFiniteMagnitude == Double(Float(bitPattern: 0x7F7F_0000)))
        #expect(FloatFormat.bfloat16.leastNonzeroMagnitude == 0x1p-133)
        #expect(FloatFormat.binary16.bitWidth == 16 && FloatFormat.bfloat16.bitWidth == 16)
        #expect(FloatFormat.binary32.bitWidth == 32 && FloatFormat.binary64.bitWidth == 64)
        #expect(FloatFormat.binary16.epsilon == Double(Float16.ulpOfOne))
    }

    @Test func namesAndAliases() {
        #expect(FloatFormat(named: "float") == .binary32)
        #expect(FloatFormat(named: "double") == .binary64)
        #expect(FloatFormat(named: "float16") == .binary16)
        #expect(FloatFormat(named: "BFloat16") == .bfloat16)
        #expect(FloatFormat(named: "p11e5") == .binary16)
        #expect(FloatFormat(named: "p12e5")?.precision == 12)
        #expect(FloatFormat(named: "p12e5")?.maxExponent == 15)
        #expect(FloatFormat(named: "binary128") == nil)
        #expect(FloatFormat(named: "p60e11") == nil)
        #expect(FloatFormat(named: "") == nil)
    }

    /// Every binary16 encoding decodes to Swift's Float16 value and encodes back.
    @Test func binary16EncodingIsIEEE() {
        for bits in 0..<UInt64(1 << 16) {
            let x = FloatFormat.binary16.decode(bits)
            let swift = Double(Float16(bitPattern: UInt16(bits)))
            #expect(same(x, swift))
            if !x.isNaN { #expect(FloatFormat.binary16.encode(x) == bits) }
        }
    }

    @Test func bfloat16EncodingIsTheTopOfBinary32() {
        for bits in 0..<UInt64(1 << 16) {
            let x = FloatFormat.bfloat16.decode(bits)
            #expect(same(x, Double(Float(bitPattern: UInt32(bits) << 16))))
            if !x.isNaN { #expect(FloatFormat.bfloat16.encode(x) == bits) }
        }
    }

    @Test func binary32EncodingSample() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<100_000 {
            let bits = UInt64(UInt32(truncatingIfNeeded: rng.next()))
            #expect(same(FloatFormat.binary32.decode(bits), Double(Float(bitPattern: UInt32(bits)))))
        }
    }

    /// The format's rounding of a Double agrees with the hardware conversion
    /// to Float and Float16 (one rounding, ties to even, overflow, subnormals).
    @Test func roundingMatchesHardwareConversions() {
        var rng = SplitMix64(seed: 11)
        for i in 0..<200_000 {
            var d = Double(bitPattern: rng.next())
            if !d.isFinite { continue }
            if i % 2 == 0 { d = Double(sign: d.sign, exponent: Int.random(in: -160...130, using: &rng), significand: d.significand) }
            #expect(same(FloatFormat.binary32.round(d), Double(Float(d))))
            if i % 4 == 0 {
                let e = Int.random(in: -30...17, using: &rng)
                let h = Double(sign: d.sign, exponent: e, significand: d.significand)
                #expect(same(FloatFormat.binary16.round(h), Double(Float16(h))))
            }
        }
        // Ties to even, at the largest finite value and between subnormals.
        #expect(FloatFormat.binary16.round(65520) == .infinity)
        #expect(FloatFormat.binary16.round(65519.99) == 65504)
        #expect(FloatFormat.binary16.round(0x1p-25) == 0)
        #expect(FloatFormat.binary16.round(0x1.0000001p-25) == 0x1p-24)
        #expect(FloatFormat.binary16.round(0x3p-25) == 0x1p-23)
    }

    @Test func neighboursAndUlps() {
        let f = FloatFormat.binary16
        #expect(f.nextUp(1) == 1 + 0x1p-10)
        #expect(f.nextDown(1) == 1 - 0x1p-11)
        #expect(f.nextUp(-1) == -(1 - 0x1p-11))
        #expect(f.nextUp(f.greatestFiniteMagnitude) == .infinity)
        #expect(f.nextUp(0) == 0x1p-24)
        #expect(f.nextDown(0x1p-24) == 0)
        #expect(f.ulp(of: 1) == 0x1p-10)
        #expect(f.ulp(of: 0x1p-20) == 0x1p-24)  // subnormal spacing
        #expect(f.ulp(of: 0x1.8p-3) == 0x1p-13)
    }

    /// Enumerating a custom format visits exactly its values.
    @Test func customFormatEnumeration() {
        let f = FloatFormat(named: "p5e4")!
        var finite = Set<UInt64>()
        var nans = 0
        for bits in 0..<f.encodingCount {
            let x = f.decode(bits)
            if x.isNaN { nans += 1; continue }
            #expect(f.contains(x))
            finite.insert(x.bitPattern)
        }
        // 2 signs × (2^4 - 1 exponent codes) × 2^4 fractions, minus nothing:
        // every non-NaN code is a distinct value (±0 and ±inf included).
        #expect(finite.count == 2 * 15 * 16 + 2)
        #expect(nans == 2 * 15)
    }
}

@Suite struct BFloat16Tests {
    /// Float → BFloat16 agrees with the format's round-to-nearest-even.
    @Test func conversionFromFloatRoundsToNearestEven() {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<300_000 {
            let f = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))
            let b = BFloat16(f)
            if f.isNaN { #expect(b.floatValue.isNaN); continue }
            #expect(same(Double(b.floatValue), FloatFormat.bfloat16.round(Double(f))), "\(f)")
        }
        // Ties: 1 + 2^-8 is halfway between 1 and 1 + 2^-7: to even (1).
        #expect(BFloat16(Float(1 + 0x1p-8)).floatValue == 1)
        #expect(BFloat16(Float(1 + 0x3p-8)).floatValue == 1 + 0x1p-6)
        #expect(BFloat16(Float.greatestFiniteMagnitude).floatValue == .infinity)
        #expect(BFloat16(-Float.infinity).floatValue == -.infinity)
        #expect(BFloat16(Float(-0.0)).bitPattern == 0x8000)
        #expect(BFloat16(Float.nan).floatValue.isNaN)
        #expect(BFloat16(Float(bitPattern: 0x7F80_0001)).floatValue.isNaN)  // signalling NaN stays NaN
    }

    /// Double → BFloat16 rounds once (not through Float).
    @Test func conversionFromDoubleRoundsOnce() {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<200_000 {
            let d = Double(sign: .plus, exponent: Int.random(in: -140...128, using: &rng),
                           significand: 1 + Double(rng.next() >> 12) * 0x1p-52)
            #expect(same(Double(BFloat16(d).floatValue), FloatFormat.bfloat16.round(d)), "\(d)")
        }
        // Just above a tie after rounding to Float would tie: must go up.
        let d = 1 + 0x1p-8 + 0x1p-40
        #expect(BFloat16(d).floatValue == 1 + 0x1p-7)
    }

    @Test func everyValueRoundTrips() {
        for bits in 0...UInt16.max {
            let b = BFloat16(bitPattern: bits)
            if b.floatValue.isNaN { continue }
            #expect(BFloat16(b.floatValue).bitPattern == bits)
        }
    }
}
