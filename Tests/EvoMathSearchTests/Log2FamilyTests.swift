import EvoMathReference
@testable import EvoMathSearch
import Foundation
import Testing

/// The second real-number target: log2(x) on [1, 2], absolute error, the
/// exp2 recipe's engine settings.
@Suite(.serialized) struct Log2FamilyTests {
    static let recipe = """
    { "name": "log2.tiny", "function": "log2", "format": "real", "tier": "minimax", "domain": [1, 2],
      "evaluation": { "type": "real" }, "kernel": { "approximates": "log2(x)", "error": "absolute" },
      "operations": ["add", "sub", "mul", "div", "fma", "neg"],
      "cost": { "add": 1, "sub": 1, "mul": 1, "div": 1, "fma": 2, "neg": 1 },
      "budget": { "islands": 2, "populationPerIsland": 32, "generations": 40, "maxCost": 6, "samples": 64, "migrationInterval": 2 } }
    """

    @Test func recipeChecks() {
        func parse(_ s: String) throws { _ = try Recipe.parse(Data(s.utf8)) }
        #expect(throws: Never.self) { try parse(Self.recipe) }
        // log2(1) = 0 inside the domain: a relative error is refused.
        #expect { try parse(Self.recipe.replacingOccurrences(of: "\"absolute\"", with: "\"relative\"")) } throws: {
            "\($0)".contains("kernel.error") && "\($0)".contains("absolute")
        }
        #expect { try parse(Self.recipe.replacingOccurrences(of: "\"log2(x)\"", with: "\"2^x\"")) } throws: {
            "\($0)".contains("kernel.approximates") && "\($0)".contains("log2(x)")
        }
        #expect { try parse(Self.recipe.replacingOccurrences(of: "[1, 2]", with: "[0, 2]")) } throws: { "\($0)".contains("domain") }
        #expect { try parse(#"{"function": "log2", "format": "binary32"}"#) } throws: { "\($0)".contains("real") }
    }

    /// A tiny search from scratch finds, within 6 operations, a program more
    /// accurate than the minimax quadratic (Horner, 4 operations) — the
    /// engine and the family's samples work together.
    @Test func tinySearchBeatsTheQuadratic() throws {
        let (dir, path) = try temporaryRecipe(Self.recipe)
        var o = SearchOptions(recipePath: path)
        o.seed = 3
        o.output = dir + "/log2.tiny.json"
        o.tables = dir
        o.checkpointInterval = 0
        let outcome = try SearchRunner.run(o)
        let quadratic = Remez.minimax(degree: 2, on: (1, 2), relative: false, function: { log2($0) }).error
        #expect(outcome.best.cost <= 6)
        #expect(outcome.best.error < quadratic, "found \(outcome.best.error) at cost \(outcome.best.cost); quadratic \(quadratic)")
        let spec = try String(contentsOfFile: dir + "/log2.tiny.json", encoding: .utf8)
        #expect(spec.contains("\"approximates\": \"log2(x)\""))
    }
}
