import EvoMathSpec
import Foundation

/// The error budget of a binary32 function evaluated in binary64, written
/// into its generated header from the spec (the numbers), while the
/// reasoning that the terms are the right ones stays in the hand-written
/// glue next to the runtime.
public struct ErrorBudget: Sendable {
    public struct Term: Sendable {
        public var name: String
        /// A bound on the relative error.
        public var bound: Double
    }

    public var terms: [Term]
    /// Whether the terms add to a bound on z's relative error (exp); for
    /// log the glue derives the bound from them (cancellation between e·ln2,
    /// log c and log1p(r) scales the table's term).
    public var adds: Bool

    /// The sum of the terms.
    public var total: Double { terms.reduce(0) { $0 + $1.bound } }

    /// The budget of `spec` (a binary32 spec evaluated in binary64), nil for
    /// other specs.
    public static func of(_ spec: SpecFile) -> ErrorBudget? {
        guard spec.evaluation.type == .binary64, spec.format == "binary32" else { return nil }
        switch spec.reduction {
        case .expTable:
            return ErrorBudget(terms: [
                Term(name: "kernel exp(r), measured in binary64 (the spec's kernelError)", bound: spec.kernelErrorValue),
                Term(name: "table entry 2^(i/2^T), correctly rounded to Double", bound: 0x1p-54),
                Term(name: "product table·kernel, rounded once (the scaling by 2^e is exact)", bound: 0x1p-53),
            ], adds: true)
        case .logSplit:
            return ErrorBudget(terms: [
                Term(name: "kernel log1p(r), measured in binary64 (the spec's kernelError)", bound: spec.kernelErrorValue),
                Term(name: "table entry logc = −log(invc), correctly rounded to Double", bound: 0x1p-54),
            ], adds: false)
        case .none:
            return nil
        }
    }

    /// `v` as `2.502e-15 = 2^-48.51`.
    static func text(_ v: Double) -> String { String(format: "%.3e = 2^%.2f", v, log2(v)) }

    /// The header lines (`// ` comments).
    func comment(exceptions: Int) -> String {
        let width = terms.map(\.name.count).max()! + 2
        func pad(_ s: String) -> String { s + String(repeating: " ", count: max(1, width - s.count)) }
        var s = "//\n// Error budget of z, the Double result before its one rounding to Float (relative):\n"
        for t in terms { s += "//   \(pad(t.name))\(Self.text(t.bound))\n" }
        if adds {
            s += "//   \(pad("sum"))\(Self.text(total)), below the rare-path window \(RarePath.windowText)\n"
        }
        s += "// Float(z) is correctly rounded unless the exact value lies within z's error of a rounding\n"
        s += "// boundary; only when z lies within \(RarePath.windowText) of one are the \(exceptions) exceptions consulted,\n"
        s += "// found by the search's scan of every input within \(RarePath.scanWidthText) of a boundary.\n"
        return s
    }
}
