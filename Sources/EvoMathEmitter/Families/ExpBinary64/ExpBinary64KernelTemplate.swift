import EvoMathSpec

/// exp in binary64: the polynomial q of exp(r) − 1 − r − r²/2 ≈ r³·q(r) as
/// the runtime (`Exp+Double.swift`) calls it, `ExpBinary64Polynomial` (the
/// accurate tier's second stage) and `ExpBinary64FastPolynomial` (its first
/// stage and the fast tier).
public enum ExpBinary64KernelTemplate: PolynomialKernelTemplate {
    public static let function = "exp"
    public static var formats: [String]? { ["binary64"] }
    public static var variable: String { "r" }
    public static var enums: [RecipeFile.Tier: (name: String, what: String, firstMonomial: Int)] {
        [.correctlyRounded: ("ExpBinary64Polynomial", "exp(r) − 1 − r − r²/2 ≈ r³·q(r) for the accurate tier", 3),
         .fast: ("ExpBinary64FastPolynomial", "exp(r) − 1 − r − r²/2 ≈ r³·q(r) for the fast tier", 3)]
    }
    public static var errorMeaning: String { "error" }
}
