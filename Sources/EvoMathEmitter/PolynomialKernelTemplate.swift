import EvoMathSpec
import Foundation

/// A template for kernels the runtime calls as a polynomial q of its reduced
/// variable (`evaluate(_:squared:)`, the caller holding v² already): an enum
/// of q's coefficients, named for the monomials they multiply in the
/// runtime's formula (c3, c4, … when the runtime forms v³·q(v)), and q by
/// Estrin's scheme in Double, scalar and on 4 lanes (the same operations in
/// the same order). A spec whose recipe assumed a fused multiply-add
/// (`evaluation.fusedMultiplyAdd`, the `EVOMATH_FMA` build's kernels) gets
/// the enum's name with `Fma` appended (after a variant's name, the spec name's
/// components after the tier other than `fma`) and every step of the scheme as one
/// `addingProduct` (one rounding each). The spec's program is read as a polynomial
/// (`Program.monomialCoefficients`): a search that scores it in double-double
/// scores exactly the polynomial emitted; the runtime's error analysis bounds
/// the Estrin evaluation's rounding. A family conforms with its names.
public protocol PolynomialKernelTemplate: KernelTemplate {
    /// The reduced variable's name in the runtime (`r`, `u`).
    static var variable: String { get }
    /// Per tier: the enum the runtime calls, what it approximates (its doc
    /// line), and the monomial of q's constant term.
    static var enums: [RecipeFile.Tier: (name: String, what: String, firstMonomial: Int)] { get }
    /// How the spec's kernel error is measured (for the enum's doc line).
    static var errorMeaning: String { get }
    /// Comment lines after the summary (`//`-prefixed, each ending in a
    /// newline), from the spec and its coefficients: empty by default.
    static func headerNotes(_ spec: SpecFile, coefficients: [Double], error: Double) -> String
    /// Members after the coefficients (indented, each ending in a newline):
    /// none by default.
    static func extraMembers(_ spec: SpecFile, coefficients: [Double], error: Double) -> String
}

extension PolynomialKernelTemplate {
    public static var appendsVectorKernel: Bool { false }

    public static func headerNotes(_ spec: SpecFile, coefficients: [Double], error: Double) -> String { "" }

    public static func extraMembers(_ spec: SpecFile, coefficients: [Double], error: Double) -> String { "" }

    public static func source(_ spec: SpecFile, specPath: String) throws -> (String, String) {
        func bad(_ keyPath: String, _ m: String) -> SpecFileError { SpecFileError(file: specPath, keyPath: keyPath, m) }
        guard case .none = spec.reduction else {
            throw bad("reduction.family", "expected none (the kernel is searched on the runtime's reduced interval)")
        }
        guard let (name, what, first) = enums[spec.tier] else {
            throw bad("tier", "expected one of: \(enums.keys.map(\.rawValue).sorted().joined(separator: ", ")) (the runtime's polynomials)")
        }
        guard let q = spec.program.monomialCoefficients, q.count >= 2 else {
            throw bad("program", "expected a polynomial of degree ≥ 1 in \(variable) with Double coefficients (no div or sqrt, every constant product exact): \(spec.expression)")
        }
        guard let error = spec.verification.maxError?.value else {
            throw bad("verification.maxError", "missing (the kernel's approximation error on the dense grid)")
        }
        let fused = spec.evaluation.fusedMultiplyAdd
        // A variant of the tier's kernel (a spec named function.format.tier.variant, say
        // exp.binary64.correctlyRounded.vector) gets its own enum: the variant's name appended.
        let variant = spec.name.split(separator: ".").dropFirst(3).filter { $0 != "fma" }
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        let enumName = name + variant + (fused ? "Fma" : "")
        let scheme = fused ? "Estrin's scheme, each step one fused multiply-add (`addingProduct`)" : "Estrin's scheme"
        let v = variable
        let specFile = URL(fileURLWithPath: specPath).lastPathComponent
        let monomials = q.indices.map { $0 + first }
        let names = monomials.map { "c\($0)" }
        var s = provenanceHeader(spec, specPath: specPath) + """
        //
        // \(spec.function) in \(spec.format), tier \(spec.tier.rawValue): the polynomial q of the reduction's kernel,
        // \(origin(spec));
        // \(summary(spec)).
        \(headerNotes(spec, coefficients: q, error: error))
        /// \(what): the coefficients of monomials [\(monomials.map(String.init).joined(separator: ", "))]
        /// (\(specFile)), \(errorMeaning) \(String(format: "%.3e", error)) ≈ 2^\(String(format: "%.2f", log2(error))).
        @usableFromInline
        enum \(enumName) {

        """
        for (m, c) in zip(monomials, q) {
            s += "    @inlinable static var c\(m): Double { \(HexFloat.format(c)) }\n"
        }
        s += extraMembers(spec, coefficients: q, error: error)
        s += """

            /// q(\(v)) = c\(monomials[0]) + c\(monomials[1])·\(v) + …, by \(scheme) in Double (\(v)2 = \(v)·\(v) rounded).
            @inlinable @inline(__always)
            static func evaluate(_ \(v): Double, squared \(v)2: Double) -> Double {
                return \(estrin(names, fused: fused))
            }

            /// The same operations in the same order on 4 lanes (the batch entries): bit for bit the scalar result.
            @inlinable @inline(__always)
            static func evaluate(_ \(v): SIMD4<Double>, squared \(v)2: SIMD4<Double>) -> SIMD4<Double> {

        """
        let (lines, result) = estrinStatements(names, vector: "SIMD4<Double>", fused: fused)
        for line in lines { s += "        \(line)\n" }
        s += "        return \(result)\n    }\n"
        s += """

            /// The same on 8 lanes (the batch entries built with EVOMATH_AVX512: one AVX-512 register).
            @inlinable @inline(__always)
            static func evaluate(_ \(v): SIMD8<Double>, squared \(v)2: SIMD8<Double>) -> SIMD8<Double> {

        """
        let (lines8, result8) = estrinStatements(names, vector: "SIMD8<Double>", fused: fused)
        for line in lines8 { s += "        \(line)\n" }
        s += "        return \(result8)\n    }\n}\n"
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

    static func summary(_ spec: SpecFile) -> String {
        let v = spec.verification
        return "verification: \(v.method), max error \(v.maxErrorDecimal ?? "?") ≤ targetError \(spec.recipe.targetError.map { String(format: "%.4e", $0) } ?? "?")"
    }

    /// c0 + c1·v + c2·v² + … by Estrin's scheme on pairs: (c0 + v·c1) + v2·((c2 + v·c3) + …);
    /// fused, each a + b·c is one multiply-add: c0.addingProduct(v, c1).addingProduct(v2, …).
    static func estrin(_ cs: [String], fused: Bool = false) -> String {
        func step(_ a: String, _ b: String, _ c: String) -> String {
            fused ? "\(a).addingProduct(\(b), \(c))" : "(\(a) + \(b) * \(c))"
        }
        var pairs: [String] = []
        for j in stride(from: 0, to: cs.count, by: 2) {
            pairs.append(j + 1 < cs.count ? step(cs[j], variable, cs[j + 1]) : cs[j])
        }
        var expr = pairs.last!
        for p in pairs.dropLast().reversed() { expr = step(p, "\(variable)2", expr) }
        return expr
    }

    /// `estrin` one operation per statement, for the lanes; the lines and the result's name.
    static func estrinStatements(_ cs: [String], vector: String, fused: Bool = false) -> ([String], String) {
        var lines: [String] = [], names: [String] = []
        for j in stride(from: 0, to: cs.count, by: 2) {
            if j + 1 < cs.count && fused {
                lines.append("let p\(j) = \(vector)(repeating: \(cs[j])).addingProduct(\(variable), \(cs[j + 1]))")
                names.append("p\(j)")
            } else if j + 1 < cs.count {
                lines.append("let m\(j) = \(variable) * \(cs[j + 1])")
                lines.append("let p\(j) = \(cs[j]) + m\(j)")
                names.append("p\(j)")
            } else {
                names.append("\(vector)(repeating: \(cs[j]))")
            }
        }
        var expr = names.last!
        for (k, p) in names.dropLast().enumerated().reversed() {
            if fused {
                lines.append("let e\(k) = \(p).addingProduct(\(variable)2, \(expr))")
            } else {
                lines.append("let h\(k) = \(variable)2 * \(expr)")
                lines.append("let e\(k) = \(p) + h\(k)")
            }
            expr = "e\(k)"
        }
        return (lines, expr)
    }
}
