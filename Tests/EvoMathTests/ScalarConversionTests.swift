@testable import EvoMath
import Testing

/// The integer conversions of the scalar 16-bit functions give the values of
/// the library conversions (`Float(Float16)`, `Float16(Float)`) bit for bit,
/// and `BFloat16(Float)` rounds to nearest even: every binary16, and the
/// Floats at, beside and between consecutive 16-bit values (where rounding
/// decides), plus a stride over all bit patterns.
@Suite struct ScalarConversionTests {
    /// Floats where a conversion to a format with `dropped` fewer significand
    /// bits decides: each value of the narrow format (`narrow(k)` as a Float
    /// bit pattern), the midpoint to the next one, and their neighbours;
    /// then every 4093rd bit pattern.
    static func boundaryFloats(count: Int, dropped: Int, narrow: (Int) -> UInt32) -> [Float] {
        var bits: [UInt32] = []
        for k in 0..<count {
            let v = narrow(k), mid = v &+ (1 << (dropped - 1))
            for base in [v, mid] {
                for d: UInt32 in [0, 1, 2] { bits += [base &+ d, base &- d] }
            }
        }
        bits += Array(stride(from: UInt32(0), through: UInt32.max - 4093, by: 4093))
        return bits.map { Float(bitPattern: $0) }
    }

    @Test func floatFromBinary16() {
        var bad: [String] = []
        for h in 0...UInt16.max {
            // The build's conversion (F16C with EVOMATH_FMA) and the integer one.
            for got in [ScalarConversion.float(binary16: h), ScalarConversion.floatInteger(binary16: h)] {
                let want = Float(Float16(bitPattern: h))
                let same = want.isNaN ? got.isNaN : got.bitPattern == want.bitPattern
                if !same && bad.count < 10 { bad.append("0x\(String(h, radix: 16)): \(got.bitPattern) want \(want.bitPattern)") }
            }
        }
        #expect(bad.isEmpty, "\(bad)")
    }

    @Test func binary16FromFloat() {
        // Every binary16 as a Float (including ±∞ and NaNs, whose payloads
        // the library keeps), the midpoints to the next, and their neighbours.
        let xs = Self.boundaryFloats(count: 1 << 16, dropped: 13) {
            Float(Float16(bitPattern: UInt16(truncatingIfNeeded: $0))).bitPattern
        }
        var bad: [String] = []
        for x in xs where (ScalarConversion.binary16(x) != Float16(x).bitPattern
                           || ScalarConversion.binary16Integer(x) != Float16(x).bitPattern) && bad.count < 10 {
            bad.append("0x\(String(x.bitPattern, radix: 16)) → 0x\(String(ScalarConversion.binary16Integer(x), radix: 16))")
        }
        #expect(xs.count > 700_000)
        #expect(bad.isEmpty, "\(bad)")
    }

    /// BFloat16(x) against rounding to nearest, ties to even, done in Double:
    /// the two bfloat16 neighbours of x by truncation, and the nearer one.
    @Test func bfloat16FromFloat() {
        let xs = Self.boundaryFloats(count: 1 << 16, dropped: 16) { UInt32($0) << 16 }
        var bad: [String] = []
        for x in xs {
            let got = BFloat16(x).bitPattern
            if x.isNaN {
                // NaN → quiet NaN with the sign and the top payload bits.
                if got != UInt16(x.bitPattern >> 16) | 0x40 && bad.count < 10 { bad.append("NaN 0x\(String(x.bitPattern, radix: 16))") }
                continue
            }
            let down = x.bitPattern >> 16
            let low = Double(Float(bitPattern: down << 16)), high = Double(Float(bitPattern: (down + 1) << 16))
            let xd = Double(x)
            let want: UInt32
            if x.isInfinite || xd == low { want = down }
            else if high.isInfinite { want = abs(xd) >= 0x1.ffp+127 ? down + 1 : down }  // beyond the largest finite bfloat16
            else if abs(xd - low) != abs(high - xd) { want = abs(xd - low) < abs(high - xd) ? down : down + 1 }
            else { want = down & 1 == 0 ? down : down + 1 }
            if UInt32(got) != want && bad.count < 10 { bad.append("0x\(String(x.bitPattern, radix: 16)) → 0x\(String(got, radix: 16))") }
        }
        #expect(bad.isEmpty, "\(bad)")
    }
}
