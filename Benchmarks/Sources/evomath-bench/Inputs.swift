import EvoMath

/// The functions benchmarked.
enum Function: String, CaseIterable {
    case exp, log, logBesselI, logBesselK

    var arity: Int { self == .exp || self == .log ? 1 : 2 }
}

/// Input distributions: "wide" covers the useful domain, "narrow" a short
/// interval near the centre of the reduction.
enum Distribution: String, CaseIterable {
    case wide, narrow
}

/// Deterministic SplitMix64.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
    mutating func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * unit() }
}

/// Exponent range (of the positive normal numbers) per format, for log-uniform sampling.
private func binades(_ format: String) -> (Double, Double) {
    switch format {
    case "binary64": return (-1022, 1024)
    case "binary16": return (-14, 16)
    default: return (-126, 128)  // binary32, bfloat16
    }
}

/// The wide domain of exp: results neither overflow nor flush to zero.
private func expDomain(_ format: String) -> (Double, Double) {
    switch format {
    case "binary64": return (-700, 700)
    case "binary16": return (-17, 11)
    default: return (-87, 88)
    }
}

/// Human-readable description of a distribution, as stated in the tables.
func describe(_ f: Function, _ format: String, _ d: Distribution) -> String {
    switch (f, d) {
    case (.exp, .wide):
        let (lo, hi) = expDomain(format)
        return "x uniform in [\(Int(lo)), \(Int(hi))]"
    case (.exp, .narrow): return "x uniform in [-1, 1]"
    case (.log, .wide):
        let (lo, hi) = binades(format)
        return "x = 2^u, u uniform in [\(Int(lo)), \(Int(hi))) (log-uniform over the normal binades)"
    case (.log, .narrow): return "x uniform in [0.5, 2]"
    case (_, .wide): return "v uniform in [0, 50], x = 2^u, u uniform in [-4, 10]"
    case (_, .narrow): return "v uniform in [0, 2], x uniform in [0.5, 2]"
    }
}

/// Draws one input (or one pair (v, x)) as Doubles.
private func draw(_ f: Function, _ format: String, _ d: Distribution, _ rng: inout SplitMix64) -> [Double] {
    switch (f, d) {
    case (.exp, .wide):
        let (lo, hi) = expDomain(format)
        return [rng.uniform(lo, hi)]
    case (.exp, .narrow): return [rng.uniform(-1, 1)]
    case (.log, .wide):
        let (lo, hi) = binades(format)
        let u = rng.uniform(lo, hi)
        let e = u.rounded(.down)
        // 2^e * 2^(u-e), exact scaling, so the whole range is reachable.
        return [Double(sign: .plus, exponent: Int(e), significand: _pow2frac(u - e))]
    case (.log, .narrow): return [rng.uniform(0.5, 2)]
    case (_, .wide): return [rng.uniform(0, 50), _pow2(rng.uniform(-4, 10))]
    case (_, .narrow): return [rng.uniform(0, 2), rng.uniform(0.5, 2)]
    }
}

/// 2^t for t in [0, 1), without Foundation.
private func _pow2frac(_ t: Double) -> Double {
    // exp(t ln 2) by a short Taylor series: plenty for sampling purposes.
    let y = t * 0.693_147_180_559_945_3
    var term = 1.0, sum = 1.0
    for k in 1...20 { term *= y / Double(k); sum += term }
    return sum
}

private func _pow2(_ u: Double) -> Double {
    let e = u.rounded(.down)
    return Double(sign: .plus, exponent: Int(e), significand: _pow2frac(u - e))
}

/// An aligned buffer of `count` elements (pairs for two-argument functions)
/// of one format, filled from a fixed seed.
final class InputBuffer {
    let pointer: UnsafeMutableRawPointer
    let count: Int
    let bytes: Int

    init(_ f: Function, _ format: String, _ d: Distribution, count: Int, seed: UInt64) {
        self.count = count
        let size = byteSize(ofFormat: format)
        bytes = count * f.arity * size
        pointer = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 4096)
        var rng = SplitMix64(state: seed)
        var k = 0
        for _ in 0..<count {
            for v in draw(f, format, d, &rng) {
                switch format {
                case "binary64": pointer.storeBytes(of: v, toByteOffset: k * 8, as: Double.self)
                case "binary32": pointer.storeBytes(of: Float(v), toByteOffset: k * 4, as: Float.self)
                case "binary16": pointer.storeBytes(of: Float16(v), toByteOffset: k * 2, as: Float16.self)
                default: pointer.storeBytes(of: BFloat16(v).bitPattern, toByteOffset: k * 2, as: UInt16.self)
                }
                k += 1
            }
        }
    }

    deinit { pointer.deallocate() }
}
