import EvoMathSpec
import Foundation

/// exp in binary64: the polynomial q of exp(r) − 1 − r − r²/2 ≈ r³·q(r) as
/// the runtime (`Exp+Double.swift`) calls it, an enum of its coefficients
/// (c3, c4, … named for their monomials) and `evaluate(_:squared:)` by
/// Estrin's scheme in Double, scalar and on 4 lanes (the same operations in
/// the same order). The spec's program is read as a polynomial
/// (`Program.monomialCoefficients`); the runtime's error analysis bounds the
/// Estrin evaluation's rounding, the spec the approximation error.
public enum ExpBinary64KernelTemplate: KernelTemplate {
    public static let function = "exp"
    public static var formats: [String]? { ["binary64"] }
    public static var appendsVectorKernel: Bool { false }

    /// The enum the runtime calls for each tier.
    static let enumNames: [RecipeFile.Tier: (name: String, what: String)] = [
        .correctlyRounded: ("ExpBinary64Polynomial", "exp(r) − 1 − r − r²/2 ≈ r³·q(r) for the accurate tier"),
        .fast: ("ExpBinary64FastPolynomial", "exp(r) − 1 − r − r²/2 ≈ r³·q(r) for the fast tier"),
    ]

    public static func source(_ spec: SpecFile, specPath: String) throws -> (String, String) {
        func bad(_ keyPath: String, _ m: String) -> SpecFileError { SpecFileError(file: specPath, keyPath: keyPath, m) }
        guard case .none = spec.reduction else {
            throw bad("reduction.family", "expected none (the binary64 kernel is searched on the runtime's reduced interval)")
        }
        guard let (name, what) = enumNames[spec.tier] else {
            throw bad("tier", "expected correctlyRounded or fast (the runtime's two polynomials)")
        }
        guard let q = spec.program.monomialCoefficients, q.count >= 2 else {
            throw bad("program", "expected a polynomial of degree ≥ 1 in r with Double coefficients (no div or sqrt, every constant product exact): \(spec.expression)")
        }
        guard let error = spec.verification.maxError?.value else {
            throw bad("verification.maxError", "missing (the kernel's approximation error on the dense grid)")
        }
        let specFile = URL(fileURLWithPath: specPath).lastPathComponent
        let monomials = q.indices.map { $0 + 3 }
        let names = monomials.map { "c\($0)" }
        var s = provenanceHeader(spec, specPath: specPath) + """
        //
        // \(spec.function) in \(spec.format), tier \(spec.tier.rawValue): the polynomial q of the reduction's kernel,
        // \(origin(spec));
        // \(verificationSummary(spec)).

        /// \(what): the coefficients of monomials [\(monomials.map(String.init).joined(separator: ", "))]
        /// (\(specFile)), error \(String(format: "%.3e", error)) ≈ 2^\(String(format: "%.2f", log2(error))).
        @usableFromInline
        enum \(name) {

        """
        for (m, c) in zip(monomials, q) {
            s += "    @inlinable static var c\(m): Double { \(HexFloat.format(c)) }\n"
        }
        s += """

            /// q(r) = c\(monomials[0]) + c\(monomials[1])·r + …, by Estrin's scheme in Double (r2 = r·r rounded).
            @inlinable @inline(__always)
            static func evaluate(_ r: Double, squared r2: Double) -> Double {
                return \(estrin(names))
            }

            /// The same operations in the same order on 4 lanes (the batch entries): bit for bit the scalar result.
            @inlinable @inline(__always)
            static func evaluate(_ r: SIMD4<Double>, squared r2: SIMD4<Double>) -> SIMD4<Double> {

        """
        let (lines, result) = estrinStatements(names, vector: "SIMD4<Double>")
        for line in lines { s += "        \(line)\n" }
        s += "        return \(result)\n    }\n}\n"
        return ("\(Emitter.typeName(spec.name)).generated.swift", s)
    }

    /// Where the winner came from: the recipe's seed kept as it was, a
    /// program evolved from the seeds, or from scratch.
    static func origin(_ spec: SpecFile) -> String {
        guard spec.search.origin == .seeds, let seeds = spec.recipe.seedPrograms else { return "searched from \(spec.search.origin.rawValue)" }
        return seeds.contains(spec.program)
            ? "searched from the recipe's seed, which won unchanged (no evolved program did better at its cost)"
            : "searched from the recipe's seed; the winner was evolved from it"
    }

    static func verificationSummary(_ spec: SpecFile) -> String {
        let v = spec.verification
        return "verification: \(v.method), max error \(v.maxErrorDecimal ?? "?") ≤ targetError \(spec.recipe.targetError.map { String(format: "%.4e", $0) } ?? "?")"
    }

    /// c0 + c1·r + c2·r² + … by Estrin's scheme on pairs: (c0 + r·c1) + r2·((c2 + r·c3) + …).
    static func estrin(_ cs: [String]) -> String {
        var pairs: [String] = []
        for j in stride(from: 0, to: cs.count, by: 2) {
            pairs.append(j + 1 < cs.count ? "(\(cs[j]) + r * \(cs[j + 1]))" : cs[j])
        }
        var expr = pairs.last!
        for p in pairs.dropLast().reversed() { expr = "(\(p) + r2 * \(expr))" }
        return expr
    }

    /// `estrin` one operation per statement, for the lanes; the lines and the result's name.
    static func estrinStatements(_ cs: [String], vector: String) -> ([String], String) {
        var lines: [String] = [], names: [String] = []
        for j in stride(from: 0, to: cs.count, by: 2) {
            if j + 1 < cs.count {
                lines.append("let m\(j) = r * \(cs[j + 1])")
                lines.append("let p\(j) = \(cs[j]) + m\(j)")
                names.append("p\(j)")
            } else {
                names.append("\(vector)(repeating: \(cs[j]))")
            }
        }
        var expr = names.last!
        for (k, p) in names.dropLast().enumerated().reversed() {
            lines.append("let h\(k) = r2 * \(expr)")
            lines.append("let e\(k) = \(p) + h\(k)")
            expr = "e\(k)"
        }
        return (lines, expr)
    }
}
