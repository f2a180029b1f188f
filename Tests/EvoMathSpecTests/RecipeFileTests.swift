import EvoMathSpec
import Foundation
import Testing

/// The repository root (for the shipped recipes and specs).
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The error reading `text` as `T` from a file named `file`.
func readError<T: Decodable>(_ type: T.Type, _ text: String, file: String = "test.json") -> SpecFileError? {
    do {
        _ = try SpecReader.decode(T.self, from: Data(text.utf8), file: file)
        return nil
    } catch let e as SpecFileError {
        return e
    } catch {
        Issue.record("not a SpecFileError: \(error)")
        return nil
    }
}

@Suite struct RecipeFileTests {
    static let minimal = #"{"function": "exp", "format": "binary16"}"#

    /// Every shipped recipe reads.
    @Test func shippedRecipesRead() throws {
        let dir = root.appendingPathComponent("Generators/recipes").path
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".json") }
        #expect(names.count >= 8)
        for name in names {
            let recipe = try SpecReader.read(RecipeFile.self, at: dir + "/" + name)
            // A kernel searched alone for a format (reduction `none`, binary64)
            // approximates what its family says (checked where the family is
            // known: EvoMathSearchTests' RecipeTests and Binary64KernelFamilyTests).
            if recipe.reduction?.family == "none" && recipe.format != "real" {
                #expect(recipe.kernel?.approximates != nil, "\(name)")
                continue
            }
            #expect(recipe.kernel?.approximates == recipe.reduction?.family.flatMap { RecipeFile.kernelTarget(family: $0, function: recipe.function) }, "\(name)")
        }
    }

    @Test func defaultsStayUnset() throws {
        let r = try SpecReader.decode(RecipeFile.self, from: Data(Self.minimal.utf8), file: "r.json")
        #expect(r.function == "exp" && r.format == "binary16")
        #expect(r.tier == nil && r.budget == nil && r.operations == nil)
    }

    /// A typo is refused, at the top and inside an object, naming the file,
    /// the key path and the keys expected.
    @Test func unknownKeysAreRefused() throws {
        let top = try #require(readError(RecipeFile.self, #"{"function": "exp", "format": "binary16", "budjet": {}}"#, file: "r.json"))
        #expect(top.file == "r.json" && top.keyPath == "budjet")
        #expect(top.description.contains("unknown key") && top.description.contains("budget"))
        let nested = try #require(readError(RecipeFile.self, #"{"function": "exp", "format": "binary16", "budget": {"isalnds": 2}}"#))
        #expect(nested.keyPath == "budget.isalnds")
        #expect(nested.description.contains("islands"))
        let cost = try #require(readError(RecipeFile.self, #"{"function": "exp", "format": "binary16", "cost": {"fmaa": 2}}"#))
        #expect(cost.keyPath == "cost.fmaa")
        let tuning = try #require(readError(RecipeFile.self, #"{"function": "exp", "format": "binary16", "tuning": {"polish": "walk", "sigmaa": 1}}"#))
        #expect(tuning.keyPath == "tuning.sigmaa")
    }

    @Test func wrongTypesNameWhatWasExpected() throws {
        let e = try #require(readError(RecipeFile.self, #"{"function": "exp", "format": "binary16", "budget": {"islands": "two"}}"#))
        #expect(e.keyPath == "budget.islands" && e.message == "expected an integer")
        let f = try #require(readError(RecipeFile.self, #"{"function": 3, "format": "binary16"}"#))
        #expect(f.keyPath == "function" && f.message == "expected a string")
        let missing = try #require(readError(RecipeFile.self, #"{"format": "binary16"}"#))
        #expect(missing.keyPath == "function" && missing.message.contains("missing"))
        let tier = try #require(readError(RecipeFile.self, #"{"function": "exp", "format": "binary16", "tier": "accurate"}"#))
        #expect(tier.keyPath == "tier" && tier.message.contains("correctlyRounded, fast, minimax"))
        let json = try #require(readError(RecipeFile.self, #"{"function": "exp", "#, file: "broken.json"))
        #expect(json.file == "broken.json" && json.message.contains("not valid JSON"))
        let array = try #require(readError(RecipeFile.self, #"["exp"]"#))
        #expect(array.message.contains("expected an object"))
    }

    /// Ranges and empty lists are errors, never a trap later.
    @Test func rangesAreChecked() throws {
        func error(_ fragment: String) -> SpecFileError? {
            readError(RecipeFile.self, #"{"function": "exp", "format": "binary16", "# + fragment + "}")
        }
        #expect(error(#""reduction": {"tableBits": [9]}"#)?.keyPath == "reduction.tableBits")
        #expect(error(#""reduction": {"tableBits": [-1]}"#)?.keyPath == "reduction.tableBits")
        #expect(error(#""reduction": {"tableBits": []}"#)?.keyPath == "reduction.tableBits")
        #expect(error(#""reduction": {"tableBits": [3, 3]}"#)?.keyPath == "reduction.tableBits")
        #expect(error(#""operations": []"#)?.keyPath == "operations")
        #expect(error(#""operations": ["add", "input"]"#)?.keyPath == "operations")
        #expect(error(#""budget": {"islands": 0}"#)?.message == "expected an integer in 1...64, found 0")
        #expect(error(#""budget": {"maxCost": -1}"#)?.keyPath == "budget.maxCost")
        #expect(error(#""domain": [1, 0]"#)?.keyPath == "domain")
        #expect(error(#""domain": ["0x1p-1"]"#)?.keyPath == "domain")
        #expect(error(#""domain": ["zero", 1]"#)?.keyPath == "domain[0]")
        #expect(error(#""maxExceptions": 5000"#)?.keyPath == "maxExceptions")
        #expect(error(#""tuning": {"sigma": 0}"#)?.keyPath == "tuning.sigma")
        #expect(error(#""cost": {"add": -1}"#)?.keyPath == "cost.add")
        #expect(error(#""name": "a/b""#)?.keyPath == "name")
        #expect(error(#""evaluation": {"type": "binary128"}"#)?.keyPath == "evaluation.type")
        #expect(error(#""domain": ["0x1p-3", "0x1p-1"], "reduction": {"tableBits": [0, 8]}"#) == nil)
    }

    /// The opt-in vector price of a table load: by the table's size when
    /// present, the one scalar `tableLoad` weight (today's pricing) when not.
    @Test func vectorTableLoadPricesByTableSize() throws {
        func cost(_ fragment: String) throws -> CostModel {
            let text = #"{"function": "exp", "format": "binary32", "cost": "# + fragment + "}"
            return try #require(try SpecReader.decode(RecipeFile.self, from: Data(text.utf8), file: "r.json").cost)
        }
        let scalar = try cost(#"{"add": 1, "tableLoad": 1}"#)
        #expect(scalar.vectorTableLoad == nil)
        #expect([0, 3, 4, 6].map { scalar.tableLoadCost(tableBits: $0) } == [0, 1, 1, 1])
        let vector = try cost(#"{"tableLoad": 1, "vectorTableLoad": {"smallTableBits": 4, "small": 2, "large": 7}}"#)
        #expect(vector.vectorTableLoad == VectorTableLoad(smallTableBits: 4, small: 2, large: 7))
        #expect([0, 3, 4, 5, 6].map { vector.tableLoadCost(tableBits: $0) } == [0, 2, 2, 7, 7])
    }

    @Test func badVectorTableLoadIsRefused() throws {
        func error(_ vector: String) -> SpecFileError? {
            readError(RecipeFile.self, #"{"function": "exp", "format": "binary32", "cost": {"vectorTableLoad": "# + vector + "}}",
                      file: "r.json")
        }
        let typo = try #require(error(#"{"smallTableBits": 4, "small": 2, "larg": 7}"#))
        #expect(typo.file == "r.json" && typo.keyPath == "cost.vectorTableLoad.larg")
        #expect(typo.description.contains("unknown key") && typo.description.contains("large"))
        #expect(error(#"{"smallTableBits": 4, "small": 2}"#)?.keyPath == "cost.vectorTableLoad.large")
        #expect(error(#"{"smallTableBits": 17, "small": 2, "large": 7}"#)?.keyPath == "cost.vectorTableLoad.smallTableBits")
        #expect(error(#"{"smallTableBits": 4, "small": -2, "large": 7}"#)?.keyPath == "cost.vectorTableLoad.small")
        #expect(error(#"{"smallTableBits": 4, "small": 2, "large": "high"}"#)?.keyPath == "cost.vectorTableLoad.large")
        #expect(error(#"7"#)?.keyPath == "cost.vectorTableLoad")
    }

    @Test func missingFileIsNamed() {
        #expect(throws: SpecFileError.self) { try SpecReader.read(RecipeFile.self, at: "/nonexistent/recipe.json") }
    }
}
