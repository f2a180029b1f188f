// libFuzzer harness: the search's checkpoint reader, as `evomath search
// --resume` reads a checkpoint, and the restored state as the search uses it
// next (every individual's table size must be one the problem has samples
// for, its program must evaluate).
//
// Properties, on any bytes:
// - nothing traps (no crash, no sanitizer report);
// - a refused checkpoint's message names the file;
// - an accepted checkpoint restores only individuals the engine can use.
//   (The untyped reader failed this at once: it accepted any `tableBits`, which
//   the engine then looked up in `problem.kernelSamples[t]!`; the typed reader
//   refuses it. EVOMATH_FUZZ_KNOWN=tableBits still steps over it, for old runs.)
// A violation aborts, so libFuzzer records the input as a crash.
//
// The reader under test is `readCheckpoint` below, the only line that names
// it: today `Checkpoint.restore` (EvoMathSearch/Run/Checkpoint.swift), which
// reads from a path; a typed reader replaces that one line.
//
// The engine is the one of Fuzz/checkpoint.recipe.json (seed 1; the shipped
// Generators/recipes/exp.binary16.correctlyRounded.json with 2 islands of 4, so
// that a checkpoint is about 3 KB and an execution is quick), set up once; `EVOMATH_FUZZ_WRITE_SEED=PATH` writes that engine's
// checkpoint after its initial generation (with `Checkpoint.save`, as
// `evomath search --stop-after` does) to PATH and exits: the seed corpus
// (`evomath search --recipe Fuzz/checkpoint.recipe.json --seed 1 --stop-after N`
// writes checkpoints for it too).
// Dictionary: Fuzz/json.dict.
// Build and run: Scripts/fuzz run checkpoint SECONDS
import EvoMathReference
import EvoMathSearch
import EvoMathSpec
import Foundation
#if canImport(Glibc)
import Glibc
#endif

let recipePath = "Fuzz/checkpoint.recipe.json"
/// The file the reader reads (in memory: /dev/shm; written without fsync).
let scratch = "/dev/shm/evomath-fuzz-checkpoint-\(getpid()).json"

let engine: SearchEngine = {
    do {
        let recipe = try Recipe.load(path: recipePath)
        return SearchEngine(recipe: recipe, problem: Problem(recipe: recipe), seed: 1)
    } catch {
        fputs("checkpoint fuzz: \(error)\n", stderr)
        exit(2)
    }
}()

/// The checkpoint reader under test: the contents `data` of a checkpoint
/// file `scratch`, restored into `engine`.
func readCheckpoint(_ data: Data) throws {
    write(data, to: scratch)
    try Checkpoint.restore(engine, from: scratch, budgetGenerations: nil)
}

func write(_ data: Data, to path: String) {
    guard let f = fopen(path, "wb") else { fail("cannot write \(path)") }
    data.withUnsafeBytes { _ = fwrite($0.baseAddress, 1, $0.count, f) }
    fclose(f)
}

/// Known bugs of the reader to step over, so that a long run can look for
/// others: `EVOMATH_FUZZ_KNOWN=tableBits` (the reader accepts an individual's
/// table size that the recipe does not have; issue 10, item 5). Scripts/fuzz
/// records the setting with the run.
let knownBugs: Set<String> = {
    guard let env = getenv("EVOMATH_FUZZ_KNOWN") else { return [] }
    return Set(String(cString: env).split(separator: ",").map(String.init))
}()

func fail(_ message: String) -> Never {
    fputs("checkpoint fuzz: \(message)\n", stderr)
    abort()
}

@_cdecl("LLVMFuzzerInitialize")
public func checkpointFuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    if let env = getenv("EVOMATH_FUZZ_WRITE_SEED") {
        engine.initialize()
        do { try Checkpoint.save(engine, to: String(cString: env), elapsed: 1.5) } catch { fail("\(error)") }
        exit(0)
    }
    _ = engine
    atexit { unlink(scratch) }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func checkpointFuzzTest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    engine.islands = []
    engine.archive = [:]
    do {
        try readCheckpoint(Data(bytes: data, count: size))
    } catch {
        let message = "\(error)"
        if !message.contains(scratch) { fail("a refused checkpoint's message does not name the file: \(message)") }
        return 0
    }
    // What the search does next with each restored individual: its table
    // size picks the problem's samples, its program is evaluated.
    let tableBits = Set(engine.recipe.tableBits)
    for individual in engine.islands.flatMap(\.population) + Array(engine.archive.values) {
        if !tableBits.contains(individual.tableBits) && !knownBugs.contains("tableBits") {
            fail("accepted an individual with tableBits \(individual.tableBits), not one of the recipe's \(engine.recipe.tableBits)")
        }
        if individual.program.instructions.isEmpty { fail("accepted an empty program") }
        _ = individual.program.evaluate(0.25, fused: false)
    }
    return 0
}
