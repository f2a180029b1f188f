import EvoMath
import EvoMathReference
import Foundation

/// Which method the log-Bessel runtime uses where, and with how many terms: an ordered list of rules per
/// function (the first rule whose bounds hold for (v, x) is used; the last rule has no bounds), plus the
/// runtime's shared scalars. Evaluated with the runtime's own method implementations
/// (`LogBessel.seriesICounted`, `hankelCounted`, `debyeCounted`, `temmeKCounted`, `quadratureKCounted`),
/// so two configurations differ only in the configuration.
public struct LogBesselRegionConfiguration: Codable, Equatable, Sendable {
    /// A method of the runtime. `series` (power series of I in log space) is for I only; `temme`
    /// (Temme's series below `temmeSeriesMaxX`, Steed's continued fraction above, each with the forward
    /// recurrence in v) and `quadrature` (trapezoid rule on K's integral) for K only; `hankel` (large-x
    /// expansion) and `debye` (uniform expansion) for both.
    public enum Method: String, Codable, Sendable, CaseIterable {
        case series, hankel, debye, temme, quadrature

        /// The methods a rule of `kind` may use.
        public static func allowed(for kind: LogBesselKind) -> [Method] {
            kind == .i ? [.series, .hankel, .debye] : [.temme, .quadrature, .hankel, .debye]
        }
    }

    /// One region: `vAtLeast <= v < vBelow` and `xAtLeast <= x < xBelow` (a missing bound holds always).
    public struct Rule: Codable, Equatable, Sendable {
        public var method: Method
        public var vAtLeast: Double?
        public var vBelow: Double?
        public var xAtLeast: Double?
        public var xBelow: Double?
        /// Fixed number of terms (hankel: exactly this many; debye: u_1 … u_terms, 1…16). Missing: the
        /// runtime's choice (hankel and the series stop at `tolerance`; debye min(debyeTerms(v), debyeTermsByS(s))).
        public var terms: Int?
        /// Why this rule is here (for the paper's transcription: where each bound comes from).
        public var note: String?

        public init(_ method: Method, vAtLeast: Double? = nil, vBelow: Double? = nil, xAtLeast: Double? = nil,
                    xBelow: Double? = nil, terms: Int? = nil, note: String? = nil) {
            self.method = method
            self.vAtLeast = vAtLeast
            self.vBelow = vBelow
            self.xAtLeast = xAtLeast
            self.xBelow = xBelow
            self.terms = terms
            self.note = note
        }

        @inline(__always)
        func holds(_ v: Double, _ x: Double) -> Bool {
            if let b = vAtLeast, !(v >= b) { return false }
            if let b = vBelow, !(v < b) { return false }
            if let b = xAtLeast, !(x >= b) { return false }
            if let b = xBelow, !(x < b) { return false }
            return true
        }
    }

    /// Relative size of the last term kept by the adaptive loops (series, Temme, Steed, adaptive Hankel).
    public var tolerance: Double
    /// Temme's series below this x, Steed's continued fraction above (method `temme`).
    public var temmeSeriesMaxX: Double
    /// Upper bound on the terms of an adaptive Hankel rule.
    public var hankelMaxTerms: Int
    public var i: [Rule]
    public var k: [Rule]

    public init(tolerance: Double, temmeSeriesMaxX: Double, hankelMaxTerms: Int, i: [Rule], k: [Rule]) {
        self.tolerance = tolerance
        self.temmeSeriesMaxX = temmeSeriesMaxX
        self.hankelMaxTerms = hankelMaxTerms
        self.i = i
        self.k = k
    }

    public func rules(_ kind: LogBesselKind) -> [Rule] { kind == .i ? i : k }

    /// What is wrong with the configuration, or nil: every rule's method allowed for its function, term
    /// counts in range, the last rule unbounded, the scalars in range.
    public func problem() -> String? {
        for kind in LogBesselKind.allCases {
            let rules = rules(kind)
            guard let last = rules.last else { return "no rules for log \(kind == .i ? "I" : "K")" }
            if last.vAtLeast != nil || last.vBelow != nil || last.xAtLeast != nil || last.xBelow != nil {
                return "the last rule for log \(kind == .i ? "I" : "K") has bounds (it must hold everywhere)"
            }
            for (n, rule) in rules.enumerated() {
                if !Method.allowed(for: kind).contains(rule.method) {
                    return "rule \(n + 1) for log \(kind == .i ? "I" : "K"): method '\(rule.method.rawValue)' is not one of "
                        + Method.allowed(for: kind).map(\.rawValue).joined(separator: ", ")
                }
                if let t = rule.terms {
                    let range = rule.method == .debye ? 1...16 : rule.method == .hankel ? 1...60 : 0...0
                    if !range.contains(t) {
                        return "rule \(n + 1) for log \(kind == .i ? "I" : "K"): terms \(t) "
                            + (range == 0...0 ? "is not allowed for '\(rule.method.rawValue)'" : "is outside \(range.lowerBound)…\(range.upperBound)")
                    }
                }
                for b in [rule.vAtLeast, rule.vBelow, rule.xAtLeast, rule.xBelow] {
                    if let b, !b.isFinite { return "rule \(n + 1) for log \(kind == .i ? "I" : "K"): a bound is not finite" }
                }
            }
        }
        if !(tolerance > 0 && tolerance < 1) { return "tolerance \(tolerance) is not in (0, 1)" }
        if !(temmeSeriesMaxX >= 0 && temmeSeriesMaxX <= 2) { return "temmeSeriesMaxX \(temmeSeriesMaxX) is not in [0, 2]" }
        if !(1...60).contains(hankelMaxTerms) { return "hankelMaxTerms \(hankelMaxTerms) is not in 1…60" }
        return nil
    }

    /// log I_v(x) or log K_v(x) (v >= 0, x > 0, both finite) and the counted operations of the evaluation
    /// (`LogBesselCostModel`).
    @inline(__always)
    public func evaluate(_ kind: LogBesselKind, _ v: Double, _ x: Double) -> (value: Double, cost: Double) {
        let rules = kind == .i ? i : k
        var r = rules.count - 1
        for (n, rule) in rules.enumerated() where rule.holds(v, x) {
            r = n
            break
        }
        let rule = rules[r]
        let isK = kind == .k
        switch rule.method {
        case .series:
            let e = LogBessel.seriesICounted(v, x, tolerance: tolerance)
            return (e.value, LogBesselCostModel.series(terms: e.terms, order: v))
        case .hankel:
            let e = LogBessel.hankelCounted(v, x, isK: isK, maxTerms: rule.terms ?? hankelMaxTerms,
                                            tolerance: rule.terms == nil ? tolerance : 0)
            return (e.value, LogBesselCostModel.hankel(terms: e.terms))
        case .debye:
            let e = LogBessel.debyeCounted(v, x, isK: isK, terms: rule.terms)
            return (e.value, LogBesselCostModel.debye(terms: e.terms))
        case .temme:
            // Steed's path scales by 2^-round(x/ln 2) through the exponent field: defined for x < ~700
            // only (the runtime uses it for x < 35). A configuration that puts it above gets NaN there.
            if x > 500 { return (.nan, 0) }
            let e = LogBessel.temmeKCounted(v, x, seriesMaxX: temmeSeriesMaxX, tolerance: tolerance)
            return (e.value, LogBesselCostModel.temme(steps: e.terms, seriesPath: x < temmeSeriesMaxX))
        case .quadrature:
            let e = LogBessel.quadratureKCounted(v, x)
            return (e.value, LogBesselCostModel.quadrature(nodes: e.terms))
        }
    }
}

/// The cost model of a log-Bessel evaluation: counted floating-point operations, weighted add, subtract,
/// multiply, fused multiply-add 1, divide and square root 4, one call of the runtime's log, log1p or exp
/// (`LogBessel.log` …) 20, one double-double operation 10. Each method's fixed part and per-term part are
/// counted from its source in Sources/EvoMath/LogBessel/LogBessel.swift (estimates of the straight-line
/// code, not measured times); the terms are the ones the method actually ran for the point. The same
/// model prices every configuration.
public enum LogBesselCostModel {
    /// seriesI: per term 2 mul, 1 add, 1 div, 1 compare-add (≈ 8); fixed: rgamma1p (≈ 25), two logs and a
    /// log1p or log (60), the product of the round(v) factors v − i in double-double (≈ 10 each).
    public static func series(terms: Int, order v: Double) -> Double {
        85 + 8 * Double(terms) + 10 * (v + 0.5).rounded(.down)
    }
    /// hankel: per term 3 mul, 1 sub, 1 div, 1 add, 1 compare (≈ 9); fixed: one log, products (≈ 30).
    public static func hankel(terms: Int) -> Double { 30 + 9 * Double(terms) }
    /// debye: term k is a polynomial in t² of degree about k (≈ 2(k + 1) operations); fixed: a square root, a
    /// division, two logs and about 12 operations (≈ 60); v·eta in double-double (`debyeDD`, negative
    /// `terms`) ≈ 150 more.
    public static func debye(terms: Int) -> Double {
        let n = Double(abs(terms))
        return 60 + n * (n + 3) + (terms < 0 ? 150 : 0)
    }
    /// temme: Temme's series (exp, log, sine and gamma series ≈ 100 fixed, ≈ 20 per term) or Steed's
    /// continued fraction with its compensated forward recurrence (≈ 120 fixed, ≈ 20 per step).
    public static func temme(steps: Int, seriesPath: Bool) -> Double {
        (seriesPath ? 100 : 120) + 20 * Double(steps)
    }
    /// quadrature: per node two exps and ≈ 10 operations (50); fixed: asinh, an exp and a log (≈ 70).
    public static func quadrature(nodes: Int) -> Double { 70 + 50 * Double(nodes) }
}
