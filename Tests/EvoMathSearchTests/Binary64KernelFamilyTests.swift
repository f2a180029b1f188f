import EvoMathEmitter
import EvoMathSpec
@testable import EvoMathSearch
import Foundation
import Testing

/// binary64 exp's and log's kernels as families: the recipes read, the
/// searches start from the recipes' seeds (Sollya's fpminimax polynomials),
/// reproduce their specs, fail loudly below their error budget, and the
/// emitter writes the shipped kernels from the specs.
@Suite(.serialized) struct Binary64KernelFamilyTests {
    static let root = GeneratedSourcesTests.root.path
    static let tiers = ["correctlyRounded", "fast"]
    static func recipePath(_ tier: String, _ function: String = "exp") -> String {
        root + "/Generators/recipes/\(function).binary64.\(tier).json"
    }
    static func specPath(_ tier: String, _ function: String = "exp") -> String { root + "/Generators/\(function).binary64.\(tier).json" }

    /// Per kernel: its family, generate.py's record of the seed ("accurate"
    /// or "fast"), the budget the runtime's error analysis takes for it
    /// (Exp+Double.swift: 2^-77.25 second stage, 2^-63.9 first stage and fast
    /// tier; Log+Double.swift: 2^-73.8 and 2^-65.2 relative to |u|) and the
    /// record's measurement of the seed's error in the same sense.
    static let kernels: [(function: String, tier: String, family: any KernelFamily.Type, key: String, budget: Double, measured: String)] = [
        ("exp", "correctlyRounded", ExpBinary64Family.self, "accurate", pow(2.0, -77.25), "sollyaDirtyInfNorm"),
        ("exp", "fast", ExpBinary64Family.self, "fast", pow(2.0, -63.9), "sollyaDirtyInfNorm"),
        ("log", "correctlyRounded", LogBinary64Family.self, "accurate", pow(2.0, -73.8), "mpmathMaxErrorOverU20001Points"),
        ("log", "fast", LogBinary64Family.self, "fast", pow(2.0, -65.2), "mpmathMaxErrorOverU20001Points"),
    ]

    static func record(_ function: String, _ key: String) throws -> [String: Any] {
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.root + "/Generators/binary64/binary64.json"))) as! [String: Any]
        return (record[function] as! [String: Any])[key] as! [String: Any]
    }

    /// The seeds are the polynomials generate.py recorded, and the gates the
    /// runtime's budgets.
    @Test func recipesRead() throws {
        for k in Self.kernels {
            let recipe = try Recipe.load(path: Self.recipePath(k.tier, k.function))
            #expect(recipe.family == k.family)
            #expect(recipe.kernelOnly && recipe.start == "seeds" && recipe.evaluation == .real)
            #expect(recipe.gate == recipe.targetError && recipe.gate <= k.budget)
            let seed = try #require(recipe.seedPrograms?.first?.monomialCoefficients)
            let sollya = (try Self.record(k.function, k.key)["coefficients"] as! [String]).map { HexFloat.parse(Substring($0))! }
            #expect(seed == sollya)
        }
    }

    @Test func badRecipesAreRefused() throws {
        let text = try String(contentsOfFile: Self.recipePath("fast"), encoding: .utf8)
        func parse(_ s: String) throws { _ = try Recipe.parse(Data(s.utf8), origin: "r.json") }
        #expect { try parse(text.replacingOccurrences(of: "\"targetError\": 5.8100e-20,", with: "")) } throws: {
            "\($0)".contains("targetError") && "\($0)".contains("missing")
        }
        #expect { try parse(text.replacingOccurrences(of: "\"type\": \"real\"", with: "\"type\": \"binary64\"")) } throws: {
            "\($0)".contains("evaluation.type")
        }
        #expect { try parse(text.replacingOccurrences(of: "\"absolute\"", with: "\"relative\"")) } throws: { "\($0)".contains("kernel.error") }
        #expect { try parse(text.replacingOccurrences(of: "(expm1(r) - r - r^2/2)/r^3", with: "exp(r)")) } throws: {
            "\($0)".contains("kernel.approximates")
        }
        #expect { try parse(text.replacingOccurrences(of: "\"start\": \"seeds\"", with: "\"start\": \"scratch\"")) } throws: {
            "\($0)".contains("seedPrograms")
        }
        #expect { try parse(text.replacingOccurrences(of: "\"format\": \"binary64\"", with: "\"format\": \"binary8\"")) } throws: {
            "\($0)".contains("binary16, bfloat16, binary32, binary64")
        }
        // log: each tier's own kernel, its error relative to |u|.
        let log = try String(contentsOfFile: Self.recipePath("fast", "log"), encoding: .utf8)
        #expect(throws: Never.self) { try parse(log) }
        #expect { try parse(log.replacingOccurrences(of: "\"relative\"", with: "\"absolute\"")) } throws: { "\($0)".contains("kernel.error") }
        #expect { try parse(log.replacingOccurrences(of: "(log1p(u) - u)/u^2", with: "(log1p(u) - u + u^2/2)/u^3")) } throws: {
            "\($0)".contains("kernel.approximates") && "\($0)".contains("(log1p(u) - u)/u^2")
        }
    }

    static func options(_ recipePath: String, dir: String, name: String) -> SearchOptions {
        var o = SearchOptions(recipePath: recipePath)
        o.seed = 1
        o.output = dir + "/" + name + ".json"
        o.tables = dir
        o.checkpointInterval = .infinity
        return o
    }

    /// The recorded search, re-run, writes the shipped spec byte for byte
    /// (the recipe's path as the spec records it). The fast tier here (about
    /// 20 s in a debug build); both in CI's `Scripts/reproduce` run.
    @Test func searchFromSeedsReproducesTheSpec() throws {
        let dir = try temporaryRecipe("{}").dir
        for tier in ["fast"] {
            let outcome = try SearchRunner.run(Self.options(Self.recipePath(tier), dir: dir, name: tier))
            #expect(outcome.finished)
            let fresh = try String(contentsOfFile: outcome.specPath, encoding: .utf8)
                .replacingOccurrences(of: Self.recipePath(tier), with: "Generators/recipes/exp.binary64.\(tier).json")
            let shipped = try String(contentsOfFile: Self.specPath(tier), encoding: .utf8)
            #expect(fresh == shipped, "re-run of exp.binary64.\(tier) differs from Generators/exp.binary64.\(tier).json; run: Scripts/reproduce --only exp.binary64.\(tier)")
        }
    }

    /// A budget below what the seed (and the search) reach: the search fails,
    /// says by how much, and writes no spec.
    @Test func searchBelowTheBudgetFailsLoudly() throws {
        let text = try String(contentsOfFile: Self.recipePath("fast"), encoding: .utf8)
            .replacingOccurrences(of: "\"targetError\": 5.8100e-20", with: "\"targetError\": 1e-21")
            .replacingOccurrences(of: "\"generations\": 30", with: "\"generations\": 2")
        let (dir, path) = try temporaryRecipe(text)
        let o = Self.options(path, dir: dir, name: "exp.binary64.fast")
        #expect { _ = try SearchRunner.run(o) } throws: { "\($0)".contains("requires a max error ≤ 1.000e-21") }
        #expect(!FileManager.default.fileExists(atPath: o.output!))
        #expect(FileManager.default.fileExists(atPath: failedSpecPath(o.output!)))
    }

    /// The spec's kernel error is measured, not copied: the shipped
    /// polynomial's error on the dense grid (32,768 points, double-double)
    /// is within 0.1% of generate.py's measurement of the seed, and within
    /// the budget.
    @Test func specsRecordTheMeasuredError() throws {
        for k in Self.kernels {
            let spec = try SpecFile.read(at: Self.specPath(k.tier, k.function))
            let e = try #require(spec.verification.maxError?.value)
            let seed = try Self.record(k.function, k.key)[k.measured] as! Double
            #expect(spec.verification.passed && e <= spec.recipe.targetError! && e <= k.budget)
            #expect(abs(e - seed) < 1e-3 * seed, "\(k.function) \(k.tier): \(e) against the seed's \(seed)")
            #expect(spec.search.origin == .seeds)
        }
    }

    /// The emitter writes the shipped kernels from the specs.
    @Test func emitterOutputIsTheShippedFile() throws {
        for k in Self.kernels {
            let relative = "Generators/\(k.function).binary64.\(k.tier).json"
            let (name, text) = try Emitter.source(SpecFile.read(at: Self.root + "/" + relative), specPath: relative)
            let shipped = try String(contentsOfFile: Self.root + "/Sources/EvoMath/Generated/" + name, encoding: .utf8)
            #expect(text == shipped, "run: swift run evomath emit \(relative)")
        }
    }
}
