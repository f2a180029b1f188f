import EvoMath
import EvoMathReference
import Testing

/// log K_v(x) in binary64 in Steed's region (v < 20, 1 <= x < 25 or 35: Steed's continued fraction and the
/// forward recurrence in v, `LogBessel.steedForward`) against the MPFR ground truth, in the log-Bessel metric
/// |y − L| / (ε·max(1, |L|)), ε = 2^−52. The points the binary64 recurrence got most wrong (`evomath verify
/// logBesselK --type binary64 --grid none --no-spots --boost none --points FILE` on random pairs, before the
/// recurrence was moved to double-double) must be within the bound 4 (they are now at most 0.86); 400 seeded
/// random pairs of the region within 2 (the binary64 recurrence exceeded 2 on 8 of them, max 4.04; now 1.35).
@Suite struct LogBesselSteedRegionTests {
    /// (v, x, the error before): README's 6.733 point and the worst of three random sets (4.41, 5.32, 5.83).
    static let formerWorst: [(v: Double, x: Double, before: Double)] = [
        (0x1.2e32882100d69p+4, 0x1.68b035ffd5074p+3, 6.733),
        (0x1.19258c0f09c46p+4, 0x1.6de62d87c5d4bp+3, 5.829),
        (0x1.3ffbb0b21615p+4, 0x1.9522ea663c4c9p+3, 5.323),
        (0x1.22d2340fd23d9p+4, 0x1.6647f4709e5f6p+3, 4.407),
    ]

    @Test func formerWorstPointsWithinTheBound() {
        let reference = LogBesselReference(.k)
        for p in Self.formerWorst {
            let y = Evolved.logBesselK(order: p.v, p.x)
            let error = reference.logBesselError(of: y, order: p.v, p.x, in: .binary64)
            #expect(error <= 4, "logBesselK(v: \(p.v), x: \(p.x)) = \(y): error \(error) (was \(p.before))")
        }
    }

    @Test func randomPairsOfTheRegion() {
        let reference = LogBesselReference(.k)
        var rng = SplitMix64(seed: 9)
        var worst = (error: 0.0, v: 0.0, x: 0.0)
        for _ in 0..<400 {
            let v = Double.random(in: 0..<20, using: &rng)
            let x = Double.random(in: 1..<(v < 13 ? 25 : 35), using: &rng)
            let y = Evolved.logBesselK(order: v, x)
            let error = reference.logBesselError(of: y, order: v, x, in: .binary64)
            if error > worst.error { worst = (error, v, x) }
        }
        #expect(worst.error <= 2, "max error \(worst.error) at v = \(worst.v), x = \(worst.x)")
    }
}
