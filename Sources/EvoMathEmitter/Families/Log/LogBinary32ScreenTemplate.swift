import EvoMathSpec
import Foundation

/// log in binary32, tier `screen`: the first stage of the two-stage
/// correctly rounded log (`LogSupport.screened`), the polynomial
/// q(r) ≈ log1p(r)/r on the log-split reduction's interval (x = 2^e·c_i·(1 + r),
/// the accurate kernel's table), `LogBinary32ScreenPolynomial`, with the
/// error budget of the stage's Double result z = (e·ln2 + log c_i) + r·q(r)
/// and the rounding test's window derived from it.
public enum LogBinary32ScreenTemplate: PolynomialKernelTemplate {
    public static let function = "log"
    public static var formats: [String]? { ["binary32"] }
    public static var tiers: [RecipeFile.Tier]? { [.screen] }
    public static var variable: String { "r" }
    public static var enums: [RecipeFile.Tier: (name: String, what: String, firstMonomial: Int)] {
        [.screen: ("LogBinary32ScreenPolynomial", "log1p(r)/r for the correctly rounded tier's first stage (x = 2^e·c·(1 + r))", 0)]
    }
    public static var errorMeaning: String { "error relative to log1p(r)/r" }

    public static func headerNotes(_ spec: SpecFile, coefficients: [Double], error: Double) -> String {
        let b = LogScreenBudget(spec, coefficients: coefficients, approximation: error)
        func t(_ v: Double) -> String { ErrorBudget.text(v) }
        return """
        //
        // Error budget of z = (e·ln2 + log c) + r·q(r), the first stage's Double result (relative), for
        // positive normal x (e in [-126, 127]) with the table of LogBinary32CorrectlyRounded (T = 6):
        //   q(r) ≈ log1p(r)/r, approximation (the spec's dense-grid error)   \(t(error))
        //   q's Estrin evaluation in Double (running bound)                   \(t(b.evaluation))
        //   ε_p, p = r·q(r) against log1p(r) (the above and the product)      \(t(b.polynomial))
        // By case (|log c| ≤ \(LogScreenBudget.logcBound) over the table):
        //   e = 0, c = 1 (0x1.fe09e6p-1 ≤ x < 0x1.0209e6p+0): z = p, ε_p + 2^-53   \(t(b.central))
        //   e = 0, c ≠ 1 (|log x| ≥ \(LogScreenBudget.zMinimum)): (2^-54·|log c| + ε_p·|p|)/|log x| + 2^-53   \(t(b.nearOne))
        //   |e| ≥ 1 (|log x| ≥ (|e| − 1/2)·ln2; worst at |e| = 1): ln2 in Double, e·ln2 and + log c
        //   rounded, log c's 2^-54, ε_p·|p|, z rounded                               \(t(b.far))
        //   S, the largest                                                          \(t(b.total))
        // Rounding test: a binary32 midpoint between z and log(x) is within S·|z| < S·2^53 ulps of z,
        // so Float(z) is the correctly rounded result unless the low 29 bits of z are within
        // W = ⌈S·2^53⌉ = \(b.window) of 0x10000000 (the midpoint's pattern): those, about
        // 2W/2^29 = \(String(format: "%.2e", b.fallbackFraction)) of the results, take the second stage.

        """
    }

    public static func extraMembers(_ spec: SpecFile, coefficients: [Double], error: Double) -> String {
        let b = LogScreenBudget(spec, coefficients: coefficients, approximation: error)
        return """

            /// W = ⌈S·2^53⌉: z within W Double ulps of a binary32 midpoint takes the second stage (S: the header's).
            @inlinable static var roundingTestWindow: UInt64 { \(b.window) }

        """
    }
}

/// The log screen's error budget (the header's cases) and window.
public struct LogScreenBudget: Sendable {
    /// max |log c_i| over the accurate kernel's table (log √2 = 0.3466 and
    /// the 12-bit invc's rounding; `LogScreenTests` checks it on the table).
    public static let logcBound = 0.35
    /// A lower bound on |log x| for e = 0 outside the entry with c = 1
    /// (0x3F7F04F3 ≤ bits(x) < 0x3F8104F3): the nearest such x is
    /// 0x1.fe09e4p-1, |log x| = 0.0038381; `LogScreenTests` checks it on
    /// the split.
    public static let zMinimum = 0.00383

    public var evaluation: Double
    public var polynomial: Double
    public var central: Double
    public var nearOne: Double
    public var far: Double
    public var total: Double { max(central, nearOne, far) }
    public var window: UInt64 { UInt64((total * 0x1p53).rounded(.up)) }
    public var fallbackFraction: Double { 2 * Double(window) * 0x1p-29 }

    public init(_ spec: SpecFile, coefficients q: [Double], approximation: Double) {
        let interval: (Double, Double)
        if case .none(let i) = spec.reduction { interval = (i.interval[0].value, i.interval[1].value) } else { interval = (-0x1p-7, 0x1p-7) }
        let rMax = max(-interval.0, interval.1)
        let u = 0x1p-53
        // q's smallest value: log1p(r)/r at the interval's high end, less the approximation error.
        let qMin = log1p(interval.1) / interval.1 * (1 - approximation)
        evaluation = ScreenBudget.estrinError(q, hMax: rMax, fused: spec.evaluation.fusedMultiplyAdd) / qMin
        // r·q rounds once more; |p| ≤ |log1p(r)|·(1 + ε_p) ≤ rMax·(1 + 2^-20).
        polynomial = approximation + evaluation + u
        let pMax = -log1p(-rMax) * (1 + 0x1p-20)
        central = polynomial + u
        nearOne = (u / 2 * Self.logcBound + polynomial * pMax) / Self.zMinimum + u
        // |e| = 1 is the worst: e·ln2 (ln2 in Double, off by ≤ 2^-54, and the
        // product rounded), the sum with log c (2^-54 in the table, the sum
        // rounded), p, z rounded; over |log x| ≥ ln2/2.
        let ln2 = log(2.0)
        far = (u / 2 + u * ln2 + u / 2 * Self.logcBound + u * (ln2 + Self.logcBound) + polynomial * pMax) / (ln2 / 2) + u
    }
}
