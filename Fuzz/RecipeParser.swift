// libFuzzer harness: the recipe reader (`Recipe.parse`: the strict typed
// `RecipeFile` through `SpecReader`, then the whole-recipe checks), as
// `evomath search --recipe` reads a recipe, and what the search does with an
// accepted recipe before its first evaluation (fingerprint, gate, the
// mutator's first random programs).
//
// Properties, on any bytes:
// - nothing traps (no crash, no sanitizer report);
// - a refused recipe's message names the file.
// A violation aborts, so libFuzzer records the input as a crash.
//
// Seeds: Generators/recipes/*.json; dictionary: Fuzz/json.dict.
// Build and run: Scripts/fuzz run recipe SECONDS
import EvoMathReference
import EvoMathSearch
import EvoMathSpec
import Foundation

let file = "fuzz-input.recipe.json"

@_cdecl("LLVMFuzzerTestOneInput")
public func recipeFuzzTest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    let recipe: Recipe
    do {
        recipe = try Recipe.parse(bytes, origin: file)
    } catch {
        let message = "\(error)"
        if !message.contains(file) {
            fputs("recipe fuzz: a refused recipe's message does not name the file: \(message)\n", stderr)
            abort()
        }
        return 0
    }
    _ = recipe.fingerprint
    _ = recipe.gate
    let mutator = Mutator(recipe: recipe)
    var rng = SplitMix64(seed: UInt64(size))
    let p = mutator.randomProgram(inputs: ["r"], rng: &rng)
    _ = mutator.mutate(p, tableBits: recipe.tableBits[0], rng: &rng)
    return 0
}
