import EvoMathSpec
import Foundation

/// Turns specs into Swift source for `Sources/EvoMath/Generated/`: one enum
/// per spec conforming to the runtime's kernel protocol, one operation per
/// statement (nested expressions defeat the type checker), `addingProduct`
/// where the recipe assumed a fused multiply-add (Swift never fuses `a*b+c`).
/// Kernels evaluated in binary64 (`ExpKernel64`) get Double constants and
/// tables and their exceptions as a switch on the input's bit pattern.
public enum Emitter {
    /// Emits `specs` (default: every `Generators/*.json` spec of exp or log
    /// in a format) and returns the files written.
    public static func emit(specs: [String]?, generatorsDirectory: String, outputDirectory: String) throws -> [String] {
        var paths = specs ?? []
        if specs == nil {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: generatorsDirectory)) ?? []
            paths = names.filter { ($0.hasPrefix("exp.") || $0.hasPrefix("log.")) && $0.hasSuffix(".json") && !$0.contains(".real.") }.sorted()
                .map { generatorsDirectory + "/" + $0 }
        }
        var sources: [(String, String)] = []
        for p in paths {
            let (name, text) = try source(SpecFile.read(at: p), specPath: p)
            sources.append((outputDirectory + "/" + name, text))
        }
        // Only after every spec was read and checked: no partial output.
        for (path, text) in sources { try writeAtomically(text, to: path) }
        return sources.map(\.0)
    }

    /// The Swift type name of a spec: `exp.binary16.correctlyRounded` → `ExpBinary16CorrectlyRounded`.
    public static func typeName(_ specName: String) -> String {
        specName.split(separator: ".").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The generated file (name, text) for one spec.
    public static func source(specData: Data, specPath: String) throws -> (String, String) {
        try source(SpecReader.decode(SpecFile.self, from: specData, file: specPath), specPath: specPath)
    }

    /// The generated file (name, text) for one spec read from `specPath`.
    public static func source(_ spec: SpecFile, specPath: String) throws -> (String, String) {
        func bad(_ keyPath: String, _ m: String) -> SpecFileError { SpecFileError(file: specPath, keyPath: keyPath, m) }
        let evaluation = spec.evaluation.type
        switch (spec.function, spec.reduction) {
        case ("log", .logSplit(let red)):
            if spec.format == "binary32" && evaluation == .binary64 && red.isBinary64 {
                return try sourceLog64(spec, red, specPath: specPath)
            }
            guard evaluation == .binary32, !red.isBinary64 else {
                throw bad("evaluation.type", "a log kernel is evaluated in binary32 (binary64 for binary32, with the logc64 table)")
            }
            return sourceLog(spec, red, specPath: specPath)
        case ("exp", .expTable(let red)):
            if evaluation == .binary64 {
                guard spec.format == "binary32", !red.isSplit else {
                    throw bad("evaluation.type", "only binary32 with the exp-table reduction is evaluated in binary64")
                }
                return source64(spec, red, specPath: specPath)
            }
            guard evaluation == .binary32 else { throw bad("evaluation.type", "expected binary32 or binary64") }
            return sourceExp(spec, red, specPath: specPath)
        default:
            throw bad("reduction.family", "no emitter for \(spec.function) with the \(spec.reduction.family) reduction")
        }
    }
}
