/// A small, fast, seedable generator (SplitMix64), so sampled runs and the
/// search are reproducible for a seed on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Inputs for sampled verification.
public enum SampleSet {
    /// The format's special and boundary values: ±0, ±inf, NaN, ±1, the
    /// least subnormal, the least normal, the largest finite, and their
    /// neighbours.
    public static func specialValues(of format: FloatFormat) -> [Double] {
        let f = format
        var values: [Double] = [0, .infinity, .nan, 1, f.leastNonzeroMagnitude, f.leastNormalMagnitude,
                                f.greatestFiniteMagnitude, 2, 0.5]
        values += [f.nextUp(1), f.nextDown(1), f.nextUp(f.leastNonzeroMagnitude), f.nextDown(f.leastNormalMagnitude),
                   f.nextDown(f.greatestFiniteMagnitude)]
        return values + values.map { -$0 }
    }

    /// `count` random values of the format: 97% spread evenly over the
    /// function's interesting binades (uniform significand within a binade),
    /// 3% over every finite value of the format; then the special values.
    public static func inputs(for function: any ReferenceFunction, in format: FloatFormat, count: Int, seed: UInt64) -> [Double] {
        var rng = SplitMix64(seed: seed)
        let ranges = function.samplingBinades
        var result: [Double] = []
        result.reserveCapacity(count + 32)
        let minE = format.minExponent - format.precision + 1
        for i in 0..<count {
            let wide = i % 33 == 32
            let sign: FloatingPointSign
            var e: Int
            if wide {
                sign = Bool.random(using: &rng) ? .minus : .plus
                e = Int.random(in: minE...format.maxExponent, using: &rng)
            } else {
                let r = ranges[Int.random(in: 0..<ranges.count, using: &rng)]
                sign = r.sign
                e = Int.random(in: max(r.low, minE)...min(r.high, format.maxExponent), using: &rng)
            }
            // A uniform significand in [1, 2) with p bits, rounded into the
            // format (subnormal binades lose their low bits).
            let fraction = Double(rng.next() >> UInt64(64 - (format.precision - 1))) * Double(sign: .plus, exponent: 1 - format.precision, significand: 1)
            e = min(e, format.maxExponent)
            var v = format.round(Double(sign: .plus, exponent: e, significand: 1 + fraction))
            if sign == .minus { v = -v }
            result.append(v)
        }
        return result + specialValues(of: format)
    }
}
