import EvoMathSpec

/// log in binary64: the polynomials q the runtime (`Log+Double.swift`) calls,
/// `LogBinary64Polynomial` (log1p(u) − u + u²/2 ≈ u³·q(u), the accurate
/// tier's second stage) and `LogBinary64FastPolynomial` (log1p(u) − u ≈
/// u²·q(u), its first stage and the fast tier).
public enum LogBinary64KernelTemplate: PolynomialKernelTemplate {
    public static let function = "log"
    public static var formats: [String]? { ["binary64"] }
    public static var variable: String { "u" }
    public static var enums: [RecipeFile.Tier: (name: String, what: String, firstMonomial: Int)] {
        [.correctlyRounded: ("LogBinary64Polynomial", "log1p(u) − u + u²/2 ≈ u³·p(u) for the accurate tier", 3),
         .fast: ("LogBinary64FastPolynomial", "log1p(u) − u ≈ u²·p(u) for the fast tier", 2)]
    }
    public static var errorMeaning: String { "error relative to |u|" }
}
