import EvoMathSearch
import Foundation
import Testing

/// A recipe's fields together: the function with its format, evaluation and
/// reduction, and what the kernel approximates.
@Suite struct RecipeTests {
    static func error(_ text: String) -> SpecFileError? {
        do {
            _ = try Recipe.parse(Data(text.utf8), origin: "r.json")
            return nil
        } catch let e as SpecFileError {
            return e
        } catch {
            Issue.record("not a SpecFileError: \(error)")
            return nil
        }
    }

    @Test func kernelApproximatesIsChecked() throws {
        let split = #"{"function": "exp", "format": "binary32", "tier": "fast", "reduction": {"family": "exp-table-split"}, "kernel": {"approximates": "exp(r)"}}"#
        let e = try #require(Self.error(split))
        #expect(e.file == "r.json" && e.keyPath == "kernel.approximates" && e.message.contains("expm1(r)"))
        #expect(Self.error(split.replacingOccurrences(of: "\"exp(r)\"", with: "\"expm1(r)\"")) == nil)
        #expect(Self.error(#"{"function": "log", "format": "binary16", "kernel": {"approximates": "log(r)"}}"#)?.keyPath == "kernel.approximates")
        // Every shipped recipe says what its reduction's kernel approximates.
        let dir = GeneratedSourcesTests.root.path + "/Generators/recipes"
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) where name.hasSuffix(".json") {
            _ = try Recipe.load(path: dir + "/" + name)
        }
    }

    @Test func fieldsMustFitTogether() throws {
        #expect(Self.error(#"{"function": "sin", "format": "binary16"}"#)?.keyPath == "function")
        #expect(Self.error(#"{"function": "exp", "format": "binary8"}"#)?.keyPath == "format")
        // binary64's kernels are searched alone: the runtime's error budget is required.
        #expect(Self.error(#"{"function": "exp", "format": "binary64"}"#)?.keyPath == "targetError")
        #expect(Self.error(#"{"function": "log", "format": "binary64"}"#)?.keyPath == "targetError")
        #expect(Self.error(#"{"function": "exp", "format": "binary16", "reduction": {"family": "log-split"}}"#)?.keyPath == "reduction.family")
        #expect(Self.error(#"{"function": "log", "format": "binary32"}"#)?.keyPath == "evaluation.type")
        #expect(Self.error(#"{"function": "exp", "format": "real"}"#)?.keyPath == "format")
        #expect(Self.error(#"{"function": "exp", "format": "binary16", "budget": {"islandz": 1}}"#)?.keyPath == "budget.islandz")
    }

    /// A custom format (`pPeE`): exp, correctly rounded, evaluated in binary64, values that are Floats, no exceptions.
    @Test func customFormats() throws {
        let good = #"{"function": "exp", "format": "p12e8", "evaluation": {"type": "binary64"}}"#
        let recipe = try Recipe.parse(Data(good.utf8), origin: "r.json")
        #expect(recipe.isCustomFormat && recipe.maxExceptions == 0 && recipe.gate == 0.5 && recipe.verifyExhaustively)
        #expect(Self.error(good.replacingOccurrences(of: "binary64", with: "binary32"))?.keyPath == "evaluation.type")
        #expect(Self.error(good.replacingOccurrences(of: "\"exp\"", with: "\"log\""))?.keyPath == "format")
        #expect(Self.error(good.replacingOccurrences(of: "p12e8", with: "p30e8"))?.keyPath == "format")
        #expect(Self.error(good.replacingOccurrences(of: "p12e8", with: "p12e9"))?.keyPath == "format")
        #expect(Self.error(good.replacingOccurrences(of: "}}", with: "}, \"maxExceptions\": 3}"))?.keyPath == "maxExceptions")
        #expect(Self.error(good.replacingOccurrences(of: "}}", with: "}, \"tier\": \"fast\"}"))?.keyPath == "evaluation.type")
        #expect(Self.error(good.replacingOccurrences(of: "p12e8", with: "P12E8"))?.message.contains("\"p12e8\"") == true)
        // A standard format's pPeE name: the standard name is asked for.
        #expect(Self.error(good.replacingOccurrences(of: "p12e8", with: "p8e8"))?.message.contains("bfloat16") == true)
        #expect(try !Recipe.parse(Data(#"{"function": "exp", "format": "bfloat16"}"#.utf8)).isCustomFormat)
    }
}
