import EvoMathSpec
import Foundation

/// Turns specs into Swift source for `Sources/EvoMath/Generated/`: one enum
/// per spec conforming to the runtime's kernel protocol, one operation per
/// statement (nested expressions defeat the type checker), `addingProduct`
/// where the recipe assumed a fused multiply-add (Swift never fuses `a*b+c`).
/// Kernels evaluated in binary64 (`ExpKernel64`) get Double constants and
/// tables and their exceptions as a switch on the input's bit pattern.
public enum Emitter {
    /// Emits `specs` (default: every `Generators/*.json` spec whose family
    /// has a template) and returns the files written.
    public static func emit(specs: [String]?, generatorsDirectory: String, outputDirectory: String) throws -> [String] {
        var paths = specs ?? []
        if specs == nil {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: generatorsDirectory)) ?? []
            // `<name>.failed.json` is a failed search's result, not a spec that ships.
            paths = names.filter { $0.hasSuffix(".json") && !$0.hasSuffix(".failed.json") }.sorted()
                .map { generatorsDirectory + "/" + $0 }
        }
        var sources: [(String, String)] = []
        for p in paths {
            let spec = try SpecFile.read(at: p)
            try requirePassed(spec, at: p)
            // By default only the specs with a runtime (a kernel over the
            // reals has none); a spec named explicitly must have one.
            if specs == nil && template(for: spec.function, format: spec.format, tier: spec.tier) == nil { continue }
            let (name, text) = try source(spec, specPath: p)
            sources.append((outputDirectory + "/" + name, text))
        }
        // Only after every spec was read and checked, and all or nothing:
        // every file is staged and flushed before any is replaced.
        try DurableFile.writeAll(sources.map { (path: $0.0, data: Data($0.1.utf8)) })
        return sources.map(\.0)
    }

    /// Refuses a spec whose verification did not pass: nothing is emitted from it.
    static func requirePassed(_ spec: SpecFile, at path: String) throws {
        guard spec.verification.passed else {
            throw SpecFileError(file: path, keyPath: "verification.passed",
                                "the spec's verification did not pass (\(failureSummary(spec.verification))); emit refuses it and wrote nothing")
        }
    }

    static func failureSummary(_ v: SpecFile.Verification) -> String {
        if let e = v.maxErrorDecimal { return "max error \(e)" }
        return "\(v.misrounded ?? 0) of \(v.inputs) inputs misrounded, max \(v.maxULP ?? .nan) ULP"
    }

    /// The Swift type name of a spec: `exp.binary16.correctlyRounded` → `ExpBinary16CorrectlyRounded`.
    public static func typeName(_ specName: String) -> String {
        specName.split(separator: ".").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The generated file (name, text) for one spec.
    public static func source(specData: Data, specPath: String) throws -> (String, String) {
        try source(SpecReader.decode(SpecFile.self, from: specData, file: specPath), specPath: specPath)
    }

    /// The generated file (name, text) for one spec read from `specPath`:
    /// its family's template.
    public static func source(_ spec: SpecFile, specPath: String) throws -> (String, String) {
        guard let template = template(for: spec.function, format: spec.format, tier: spec.tier) else {
            throw SpecFileError(file: specPath, keyPath: "function", "no emitter template for \(spec.function) (templates: \(templates.map { $0.function }.joined(separator: ", ")))")
        }
        let (name, text) = try template.source(spec, specPath: specPath)
        guard template.appendsVectorKernel else { return (name, text) }
        // The same program over SIMD lanes for the batch entries, after the scalar kernel.
        return (name, text + (try vectorSource(spec, specPath: specPath)))
    }

    /// The families' templates: one line each.
    public static let templates: [any KernelTemplate.Type] = [ExpBinary64KernelTemplate.self, ExpBinary32ScreenTemplate.self,
                                                           ExpKernelTemplate.self,
                                                           LogBinary64KernelTemplate.self, LogBinary32ScreenTemplate.self,
                                                           LogKernelTemplate.self]

    /// The template of `function` in `format`: the first that claims the
    /// format, else the function's template for every format.
    public static func template(for function: String, format: String) -> (any KernelTemplate.Type)? {
        templates.first { $0.function == function && ($0.formats?.contains(format) ?? true) && $0.tiers == nil }
    }

    /// The template of `function` in `format` and `tier`: the first that
    /// claims the format and the tier, else `template(for:format:)`.
    public static func template(for function: String, format: String, tier: RecipeFile.Tier) -> (any KernelTemplate.Type)? {
        templates.first { $0.function == function && ($0.formats?.contains(format) ?? true) && ($0.tiers?.contains(tier) ?? false) }
            ?? template(for: function, format: format)
    }
}

/// A family's half in the emitter: the Swift source of a spec of the family.
public protocol KernelTemplate {
    /// The spec's `function`.
    static var function: String { get }
    /// The formats the template emits; nil: every format of the function
    /// that no template before it in `Emitter.templates` claims.
    static var formats: [String]? { get }
    /// The tiers the template emits; nil: every tier that no template
    /// before it claims.
    static var tiers: [RecipeFile.Tier]? { get }
    /// Whether the batch entries' vector kernel (`vectorSource`, the same
    /// program over SIMD lanes) follows the scalar kernel; a template that
    /// writes its own lanes says no.
    static var appendsVectorKernel: Bool { get }
    /// The generated file (name, text).
    static func source(_ spec: SpecFile, specPath: String) throws -> (String, String)
}

extension KernelTemplate {
    public static var formats: [String]? { nil }
    public static var tiers: [RecipeFile.Tier]? { nil }
    public static var appendsVectorKernel: Bool { true }
}
