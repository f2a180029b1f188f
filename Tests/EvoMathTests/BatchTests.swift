import EvoMath
import Testing

/// The batch entries give the scalar function's result, bit for bit: every
/// input of the 16-bit formats here (each at an offset, so every tail length
/// and lane position is exercised), binary32 on a sample of special and
/// random inputs (all 2^32 in release: `swift run -c release evomath-batch-check`,
/// run by Scripts/accuracy-checks).
@Suite struct BatchTests {
    /// Runs `batch` over `input` split at several lengths; returns the mismatches.
    static func mismatches<T>(_ input: [T], batch: (Span<T>, inout MutableSpan<T>) -> Void, array: ([T]) -> [T],
                              scalar: (T) -> T, same: (T, T) -> Bool) -> [String] {
        var bad: [String] = []
        let want = input.map(scalar)
        let fromArray = array(input)
        for k in input.indices where !same(fromArray[k], want[k]) && bad.count < 10 {
            bad.append("array: x = \(input[k]) → \(fromArray[k]), scalar \(want[k])")
        }
        for cut in [0, 1, 7, 15, 17] where cut <= input.count {
            var output = input
            output.withUnsafeMutableBufferPointer { destination in
                input.withUnsafeBufferPointer { source in
                    for (lo, hi) in [(0, cut), (cut, input.count)] where lo < hi {
                        var o = MutableSpan(_unsafeElements: UnsafeMutableBufferPointer(rebasing: destination[lo..<hi]))
                        batch(Span(_unsafeElements: UnsafeBufferPointer(rebasing: source[lo..<hi])), &o)
                    }
                }
            }
            for k in input.indices where !same(output[k], want[k]) && bad.count < 10 {
                bad.append("span (cut \(cut)): x = \(input[k]) → \(output[k]), scalar \(want[k])")
            }
        }
        return bad
    }

    static let allBinary16 = (0...UInt16.max).map { Float16(bitPattern: $0) }
    static let allBFloat16 = (0...UInt16.max).map { BFloat16(bitPattern: $0) }
    static func same(_ a: Float16, _ b: Float16) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }
    static func same(_ a: BFloat16, _ b: BFloat16) -> Bool {
        a.bitPattern == b.bitPattern || (a.floatValue.isNaN && b.floatValue.isNaN)
    }
    static func same(_ a: Float, _ b: Float) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

    @Test func expBinary16() {
        let bad = Self.mismatches(Self.allBinary16, batch: { Evolved.exp($0, into: &$1) }, array: { Evolved.exp($0) },
                                  scalar: { Evolved.exp($0) }, same: Self.same)
        #expect(bad.isEmpty, "\(bad)")
    }

    @Test func logBinary16() {
        let bad = Self.mismatches(Self.allBinary16, batch: { Evolved.log($0, into: &$1) }, array: { Evolved.log($0) },
                                  scalar: { Evolved.log($0) }, same: Self.same)
        #expect(bad.isEmpty, "\(bad)")
    }

    @Test func expBFloat16() {
        let bad = Self.mismatches(Self.allBFloat16, batch: { Evolved.exp($0, into: &$1) }, array: { Evolved.exp($0) },
                                  scalar: { Evolved.exp($0) }, same: Self.same)
        #expect(bad.isEmpty, "\(bad)")
    }

    @Test func logBFloat16() {
        let bad = Self.mismatches(Self.allBFloat16, batch: { Evolved.log($0, into: &$1) }, array: { Evolved.log($0) },
                                  scalar: { Evolved.log($0) }, same: Self.same)
        #expect(bad.isEmpty, "\(bad)")
    }

    /// Special values, the thresholds and their neighbours, the spec's
    /// exceptions, subnormals, and pseudo-random bit patterns.
    static let binary32Sample: [Float] = {
        var xs: [Float] = [.nan, -.nan, .infinity, -.infinity, 0, -0, 1, -1, .leastNonzeroMagnitude,
                           .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                           0x1.62e42ep+6, Float(0x1.62e42ep+6).nextUp, -0x1.9fe368p+6, Float(-0x1.9fe368p+6).nextDown,
                           0x1.8d7cb6p-12, 0x1.97f0f6p+4, -0x1.c1c4b8p-10,  // exp exceptions
                           0x1.827a74p-7, 0x1.2f1fd6p+3, 0x1.cb534cp+13, 0x1.d1309cp+62, 0x1.b121a6p+76, 0x1.6351d8p+95]  // log
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<200_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            xs.append(Float(bitPattern: UInt32(truncatingIfNeeded: state >> 32)))
        }
        for k in 0..<50_000 { xs.append(Float(k - 25_000) * 0x1p-8) }  // the exp range, densely
        for k in 0..<50_000 { xs.append(Float(bitPattern: 0x3F00_0000 + UInt32(k) * 160)) }  // log near 1
        return xs
    }()

    @Test func expBinary32() {
        let bad = Self.mismatches(Self.binary32Sample, batch: { Evolved.exp($0, into: &$1) }, array: { Evolved.exp($0) },
                                  scalar: { Evolved.exp($0) }, same: Self.same)
        #expect(bad.isEmpty, "\(bad)")
    }

    @Test func fastExpBinary32() {
        let bad = Self.mismatches(Self.binary32Sample, batch: { Evolved.Fast.exp($0, into: &$1) },
                                  array: { Evolved.Fast.exp($0) }, scalar: { Evolved.Fast.exp($0) }, same: Self.same)
        #expect(bad.isEmpty, "\(bad)")
    }

    @Test func logBinary32() {
        let bad = Self.mismatches(Self.binary32Sample, batch: { Evolved.log($0, into: &$1) }, array: { Evolved.log($0) },
                                  scalar: { Evolved.log($0) }, same: Self.same)
        #expect(bad.isEmpty, "\(bad)")
    }

    /// binary64: special values, the thresholds, pseudo-random bit patterns,
    /// the exp range and log near 1 (2^26 more inputs and the hard cases in
    /// release: evomath-batch-check).
    static let binary64Sample: [Double] = {
        var xs: [Double] = [.nan, -.nan, .signalingNaN, .infinity, -.infinity, 0, -0, 1, -1, 0x1p-1074, 0x1p-1022,
                            Double(0x1p-1022).nextDown, .greatestFiniteMagnitude, 0x1.62e42fefa39efp+9,
                            Double(0x1.62e42fefa39efp+9).nextUp, -0x1.74910d52d3051p+9, 0x1.6232bdd7abcd2p+9,
                            Double(0x1.6232bdd7abcd2p+9).nextDown, -0x1.6232bdd7abcd2p+9, Double(1).nextUp,
                            Double(1).nextDown]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<100_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            xs.append(Double(bitPattern: state))
        }
        for k in 0..<100_000 { xs.append(Double(k - 50_000) * 0x1.dcp-6 + 0x1p-20) }  // exp's range, densely
        for k in 0..<100_000 { xs.append(1 + Double(k - 50_000) * 0x1p-22) }  // log near 1
        return xs
    }()
    static func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

    @Test func expBinary64() {
        let bad = Self.mismatches(Self.binary64Sample, batch: { Evolved.exp($0, into: &$1) }, array: { Evolved.exp($0) },
                                  scalar: { Evolved.exp($0) }, same: Self.same)
        #expect(bad.isEmpty, "\(bad)")
    }

    @Test func fastExpBinary64() {
        let bad = Self.mismatches(Self.binary64Sample, batch: { Evolved.Fast.exp($0, into: &$1) },
                                  array: { Evolved.Fast.exp($0) }, scalar: { Evolved.Fast.exp($0) }, same: Self.same)
        #expect(bad.isEmpty, "\(bad)")
    }

    @Test func logBinary64() {
        let bad = Self.mismatches(Self.binary64Sample, batch: { Evolved.log($0, into: &$1) }, array: { Evolved.log($0) },
                                  scalar: { Evolved.log($0) }, same: Self.same)
        #expect(bad.isEmpty, "\(bad)")
    }

    @Test func fastLogBinary64() {
        let bad = Self.mismatches(Self.binary64Sample, batch: { Evolved.Fast.log($0, into: &$1) },
                                  array: { Evolved.Fast.log($0) }, scalar: { Evolved.Fast.log($0) }, same: Self.same)
        #expect(bad.isEmpty, "\(bad)")
    }

    @Test func emptyAndMismatchedCounts() {
        #expect(Evolved.exp([Float]()).isEmpty)
        #expect(Evolved.log([Float16]()).isEmpty)
        #expect(Evolved.exp([Double]()).isEmpty)
        #expect(Evolved.Fast.log([Double]()).isEmpty)
    }
}
