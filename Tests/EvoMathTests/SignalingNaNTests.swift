import EvoMath
import Testing

/// IEEE 754 §6.2: an operation given a signalling NaN delivers a quiet NaN.
/// Every signalling-NaN encoding of every format goes through every shipped
/// exp and log (both tiers) and must come out a quiet NaN.
@Suite struct SignalingNaNTests {
    /// All signalling NaNs of a format with `fractionBits` fraction bits:
    /// exponent all ones, quiet bit (the top fraction bit) clear, payload
    /// non-zero, either sign — every one for the 16-bit formats, and for
    /// binary32 every payload of 10 chosen bits plus a stride over the rest.
    static func signalingPatterns(exponentBits: Int, fractionBits: Int, stride: UInt64 = 1) -> [UInt64] {
        let quietBit: UInt64 = 1 << (fractionBits - 1)
        let exponent: UInt64 = ((1 << exponentBits) - 1) << fractionBits
        let sign: UInt64 = 1 << (exponentBits + fractionBits)
        var payloads = Array(Swift.stride(from: UInt64(1), to: quietBit, by: Int(stride)))
        payloads += [quietBit - 1, 1, 2, quietBit >> 1]
        return payloads.flatMap { [exponent | $0, sign | exponent | $0] }
    }

    @Test func patternsAreSignalingNaNs() {
        for bits in Self.signalingPatterns(exponentBits: 5, fractionBits: 10) {
            #expect(Float16(bitPattern: UInt16(bits)).isSignalingNaN)
        }
        for bits in Self.signalingPatterns(exponentBits: 8, fractionBits: 23, stride: 4099) {
            #expect(Float(bitPattern: UInt32(bits)).isSignalingNaN)
        }
        #expect(Self.signalingPatterns(exponentBits: 5, fractionBits: 10).count >= 2 * 511)
        #expect(Self.signalingPatterns(exponentBits: 8, fractionBits: 7).count >= 2 * 63)
    }

    @Test func binary16() {
        let functions: [(String, (Float16) -> Float16)] = [
            ("exp", { Evolved.exp($0) }), ("Fast.exp", { Evolved.Fast.exp($0) }),
            ("log", { Evolved.log($0) }), ("Fast.log", { Evolved.Fast.log($0) }),
        ]
        for (name, f) in functions {
            for bits in Self.signalingPatterns(exponentBits: 5, fractionBits: 10) {
                let x = Float16(bitPattern: UInt16(bits))
                let y = f(x)
                #expect(y.isNaN && !y.isSignalingNaN, "\(name)(sNaN 0x\(String(bits, radix: 16))) = 0x\(String(y.bitPattern, radix: 16))")
            }
        }
    }

    @Test func bfloat16() {
        let functions: [(String, (BFloat16) -> BFloat16)] = [
            ("exp", { Evolved.exp($0) }), ("Fast.exp", { Evolved.Fast.exp($0) }),
            ("log", { Evolved.log($0) }), ("Fast.log", { Evolved.Fast.log($0) }),
        ]
        for (name, f) in functions {
            for bits in Self.signalingPatterns(exponentBits: 8, fractionBits: 7) {
                let x = BFloat16(bitPattern: UInt16(bits))
                #expect(Float(x).isNaN && x.bitPattern & 0x0040 == 0)
                let y = f(x).bitPattern
                // NaN: exponent all ones, fraction non-zero; quiet: bit 6 set.
                let isQuietNaN = y & 0x7F80 == 0x7F80 && y & 0x7F != 0 && y & 0x0040 != 0
                #expect(isQuietNaN, "\(name)(sNaN 0x\(String(bits, radix: 16))) = 0x\(String(y, radix: 16))")
            }
        }
    }

    @Test func binary32() {
        let functions: [(String, (Float) -> Float)] = [
            ("exp", { Evolved.exp($0) }), ("Fast.exp", { Evolved.Fast.exp($0) }),
            ("log", { Evolved.log($0) }), ("Fast.log", { Evolved.Fast.log($0) }),
        ]
        for (name, f) in functions {
            var failures = 0
            for bits in Self.signalingPatterns(exponentBits: 8, fractionBits: 23, stride: 257) {
                let y = f(Float(bitPattern: UInt32(bits)))
                if !(y.isNaN && !y.isSignalingNaN) {
                    failures += 1
                    if failures <= 5 { Issue.record("\(name)(sNaN 0x\(String(bits, radix: 16))) = 0x\(String(y.bitPattern, radix: 16))") }
                }
            }
            #expect(failures == 0, "\(name): \(failures) signalling NaNs not quieted")
        }
        // The batch entry points quiet too.
        let input: [Float] = [Float(bitPattern: 0x7F80_0001), Float(bitPattern: 0xFFA0_0000)]
        for fast in [false, true] {
            var output = [Float](repeating: 0, count: input.count)
            var span = output.mutableSpan
            if fast { Evolved.Fast.exp(input.span, into: &span) } else { Evolved.exp(input.span, into: &span) }
            _ = consume span
            #expect(output.allSatisfy { $0.isNaN && !$0.isSignalingNaN })
        }
    }
}
