import EvoMathEmitter
import EvoMathSpec
@testable import EvoMathSearch
import Foundation
import Testing

/// binary64 exp's kernels as a family: the recipes read, the searches start
/// from the recipes' seeds (Sollya's fpminimax polynomials), reproduce their
/// specs, fail loudly below their error budget, and the emitter writes the
/// shipped kernels from the specs.
@Suite(.serialized) struct ExpBinary64FamilyTests {
    static let root = GeneratedSourcesTests.root.path
    static let tiers = ["correctlyRounded", "fast"]
    static func recipePath(_ tier: String) -> String { root + "/Generators/recipes/exp.binary64.\(tier).json" }
    static func specPath(_ tier: String) -> String { root + "/Generators/exp.binary64.\(tier).json" }

    /// The seeds are the polynomials generate.py recorded, and the budgets
    /// are the runtime's: 2^-77.25 (second stage) and 2^-63.9 (first stage
    /// and fast tier; Exp+Double.swift's error analysis).
    @Test func recipesRead() throws {
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.root + "/Generators/binary64/binary64.json"))) as! [String: Any]
        let exp = record["exp"] as! [String: Any]
        for (tier, key, budget) in [("correctlyRounded", "accurate", pow(2.0, -77.25)), ("fast", "fast", pow(2.0, -63.9))] {
            let recipe = try Recipe.load(path: Self.recipePath(tier))
            #expect(recipe.family == ExpBinary64Family.self)
            #expect(recipe.kernelOnly && recipe.start == "seeds" && recipe.evaluation == .real)
            #expect(recipe.gate == recipe.targetError && recipe.gate <= budget)
            let seed = try #require(recipe.seedPrograms?.first?.monomialCoefficients)
            let sollya = ((exp[key] as! [String: Any])["coefficients"] as! [String]).map { HexFloat.parse(Substring($0))! }
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
    /// polynomial's error on the dense grid is within 0.1% of Sollya's
    /// dirtyinfnorm, and the spec's program is its seed.
    @Test func specsRecordTheMeasuredError() throws {
        for (tier, sollya) in [("correctlyRounded", 5.561209961856357e-24), ("fast", 5.794903184515608e-20)] {
            let spec = try SpecFile.read(at: Self.specPath(tier))
            let e = try #require(spec.verification.maxError?.value)
            #expect(spec.verification.passed && e <= spec.recipe.targetError!)
            #expect(abs(e - sollya) < 1e-3 * sollya, "\(tier): \(e) against Sollya's \(sollya)")
            #expect(spec.search.origin == .seeds)
        }
    }

    /// The emitter writes the shipped kernels from the specs.
    @Test func emitterOutputIsTheShippedFile() throws {
        for tier in Self.tiers {
            let (name, text) = try Emitter.source(SpecFile.read(at: Self.specPath(tier)), specPath: "Generators/exp.binary64.\(tier).json")
            let shipped = try String(contentsOfFile: Self.root + "/Sources/EvoMath/Generated/" + name, encoding: .utf8)
            #expect(text == shipped, "run: swift run evomath emit Generators/exp.binary64.\(tier).json")
        }
    }
}
