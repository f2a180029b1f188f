import EvoMathSpec
import Foundation

/// exp in binary32, tier `screen`: the first stage of the two-stage
/// correctly rounded exp (`ExpSupport.inRangeScreened`), the polynomial
/// p(h) ≈ 2^h on |h| ≤ 2^-(T+1) (x/ln2 = k/2^T + h), `ExpBinary32ScreenPolynomial`,
/// with the error budget of the stage's Double result z and the rounding
/// test's window derived from it: Float(z) is taken only when z lies more
/// than `roundingTestWindow` Double ulps from a binary32 rounding boundary.
public enum ExpBinary32ScreenTemplate: PolynomialKernelTemplate {
    public static let function = "exp"
    public static var formats: [String]? { ["binary32"] }
    public static var tiers: [RecipeFile.Tier]? { [.screen] }
    public static var variable: String { "h" }
    public static var enums: [RecipeFile.Tier: (name: String, what: String, firstMonomial: Int)] {
        [.screen: ("ExpBinary32ScreenPolynomial", "2^h for the correctly rounded tier's first stage (x/ln2 = k/2^T + h)", 0)]
    }
    public static var errorMeaning: String { "error relative to 2^h" }

    public static func headerNotes(_ spec: SpecFile, coefficients: [Double], error: Double) -> String {
        let budget = ScreenBudget(spec, coefficients: coefficients, approximation: error)
        let width = budget.terms.map(\.name.count).max()! + 2
        func pad(_ s: String) -> String { s + String(repeating: " ", count: max(1, width - s.count)) }
        var s = "//\n// Error budget of z = 2^e·table[i]·p(h), the first stage's Double result (relative; |x| < 2^7·ln2):\n"
        for t in budget.terms { s += "//   \(pad(t.name))\(ErrorBudget.text(t.bound))\n" }
        s += "//   \(pad("sum S"))\(ErrorBudget.text(budget.total))\n"
        s += "// Rounding test: a rounding boundary m of binary32 (a midpoint) between z and exp(x) is within\n"
        s += "// S·z < S·2^53 ulps of z (z's binade), so Float(z) is the correctly rounded result unless the\n"
        s += "// low 29 bits of z are within W = ⌈S·2^53⌉ = \(budget.window) of 0x10000000 (the midpoint's pattern):\n"
        s += "// those, about 2W/2^29 = \(String(format: "%.2e", budget.fallbackFraction)) of the results, take the second stage.\n"
        return s
    }

    public static func extraMembers(_ spec: SpecFile, coefficients: [Double], error: Double) -> String {
        let budget = ScreenBudget(spec, coefficients: coefficients, approximation: error)
        return """

            /// W = ⌈S·2^53⌉: z within W Double ulps of a binary32 midpoint takes the second stage (S: the header's sum).
            @inlinable static var roundingTestWindow: UInt64 { \(budget.window) }

        """
    }
}

/// The screen's error budget from its spec: the terms of the header, their
/// sum and the rounding test's window.
public struct ScreenBudget: Sendable {
    public var terms: [ErrorBudget.Term]
    public var total: Double { terms.reduce(0) { $0 + $1.bound } }
    /// ⌈S·2^53⌉.
    public var window: UInt64 { UInt64((total * 0x1p53).rounded(.up)) }
    /// 2W/2^29: the share of results whose z falls in the window.
    public var fallbackFraction: Double { 2 * Double(window) * 0x1p-29 }

    public init(_ spec: SpecFile, coefficients q: [Double], approximation: Double) {
        let interval: (Double, Double)
        if case .none(let i) = spec.reduction { interval = (i.interval[0].value, i.interval[1].value) } else { interval = (-0x1p-7, 0x1p-7) }
        let hMax = max(-interval.0, interval.1)
        // p's smallest value on the interval: 2^h at the low end, less the approximation error.
        let pMin = exp2(interval.0) * (1 - approximation)
        let evaluation = Self.estrinError(q, hMax: hMax, fused: spec.evaluation.fusedMultiplyAdd) / pMin
        terms = [
            ErrorBudget.Term(name: "p(h) ≈ 2^h, approximation (the spec's dense-grid error)", bound: approximation),
            // a = x·(2^T/ln2)/2^T rounds once (|a| < 2^7: ≤ 2^-47) and the
            // Double 2^T/ln2 is 2^-53 relative off (≤ 2^-46 of |a|); k/2^T
            // and h = a − k/2^T are exact, so 2^h is off by ≤ ln2·3·2^-47.
            ErrorBudget.Term(name: "h = x/ln2 − k/2^T: x·(1/ln2) rounded, 1/ln2 in Double", bound: 0x1.8p-46 * log(2.0) * (1 + 0x1p-40)),
            ErrorBudget.Term(name: "p's Estrin evaluation in Double (running bound)", bound: evaluation),
            ErrorBudget.Term(name: "table entry 2^(i/2^T), correctly rounded to Double", bound: 0x1p-54),
            ErrorBudget.Term(name: "product entry·p, rounded once (e added to the entry's exponent: exact)", bound: 0x1p-53),
        ]
    }

    /// A bound on the absolute rounding error of `PolynomialKernelTemplate.estrin`
    /// in Double for |h| ≤ hMax (each operation: its operands' propagated
    /// errors plus 2^-53 of its result's magnitude).
    static func estrinError(_ q: [Double], hMax: Double, fused: Bool) -> Double {
        let u = 0x1p-53
        typealias Bound = (m: Double, e: Double)
        func mul(_ a: Bound, _ b: Bound) -> Bound {
            let m = a.m * b.m, e = a.e * b.m + b.e * a.m + a.e * b.e
            return (m, e + u * (m + e))
        }
        func add(_ a: Bound, _ b: Bound) -> Bound {
            let m = a.m + b.m, e = a.e + b.e
            return (m, e + u * (m + e))
        }
        // a + b·c: fused, one rounding; else the product rounds first.
        func step(_ a: Bound, _ b: Bound, _ c: Bound) -> Bound {
            if !fused { return add(a, mul(b, c)) }
            let m = a.m + b.m * c.m, e = a.e + b.e * c.m + c.e * b.m + b.e * c.e
            return (m, e + u * (m + e))
        }
        let h: Bound = (hMax, 0)
        let h2 = mul(h, h)
        let c = q.map { (m: abs($0), e: 0.0) }
        var pairs: [Bound] = []
        for j in stride(from: 0, to: c.count, by: 2) { pairs.append(j + 1 < c.count ? step(c[j], h, c[j + 1]) : c[j]) }
        var r = pairs.last!
        for p in pairs.dropLast().reversed() { r = step(p, h2, r) }
        return r.e
    }
}
