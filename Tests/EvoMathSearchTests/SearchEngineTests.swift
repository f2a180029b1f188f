import EvoMathReference
@testable import EvoMathSearch
import Foundation
import Testing

/// A recipe written to a temp file, for the CLI-level tests.
func temporaryRecipe(_ text: String, name: String = "recipe.json") throws -> (dir: String, path: String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("evomath-test-\(getpid())-\(UInt64.random(in: 0..<UInt64.max))").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return (dir, path)
}

let tinyRealRecipe = """
{ "name": "exp2.tiny", "function": "exp2", "format": "real", "tier": "minimax", "domain": [0, 1],
  "evaluation": { "type": "binary64" }, "operations": ["add", "mul", "fma"],
  "cost": { "add": 1, "mul": 1, "fma": 2 },
  "budget": { "islands": 2, "populationPerIsland": 12, "generations": 6, "maxCost": 6, "samples": 64, "migrationInterval": 2 } }
"""

@Suite struct InterpreterTests {
    /// fma(a, b, c) = a·b + c with a = 1 + 2^-23, b = 1 − 2^-23, c = −1: the
    /// product is 1 − 2^-46, which rounds to 1 in Float (two roundings give
    /// 0) but is kept by a fused multiply-add (−2^-46).
    @Test func floatFusedAndUnfused() {
        let p = Program(inputNames: ["a", "b", "c"], instructions: [.input(0), .input(1), .input(2), Instruction(.fma, 0, 1, 2)])
        let a: [Float] = [1 + 0x1p-23], b: [Float] = [1 - 0x1p-23], c: [Float] = [-1]
        for (fused, want) in [(false, Float(0)), (true, -0x1p-46)] {
            var reg = [Float](repeating: 0, count: p.count)
            a.withUnsafeBufferPointer { ap in b.withUnsafeBufferPointer { bp in c.withUnsafeBufferPointer { cp in
                reg.withUnsafeMutableBufferPointer { r in
                    Interpreter.run(p, inputs: [ap.baseAddress!, bp.baseAddress!, cp.baseAddress!], count: 1, fused: fused, registers: r.baseAddress!)
                }
            } } }
            #expect(reg[3] == want, "fused \(fused)")
        }
    }

    @Test func doubleArithmeticRoundsLikeSwift() {
        // (x + 1e16) − 1e16 loses x = 1 in Double; x/3 rounds once.
        let p = Program(inputNames: ["x"], instructions: [.input(0), .constant(1e16), Instruction(.add, 0, 1),
                                                          Instruction(.sub, 2, 1), .constant(3), Instruction(.div, 3, 4)])
        let x: [Double] = [1, 3]
        var reg = [Double](repeating: 0, count: p.count * 2)
        x.withUnsafeBufferPointer { xp in reg.withUnsafeMutableBufferPointer { r in
            Interpreter.run(p, inputs: [xp.baseAddress!], count: 2, fused: false, registers: r.baseAddress!)
        } }
        #expect(reg[5 * 2] == ((1 + 1e16) - 1e16) / 3)
        #expect(reg[5 * 2 + 1] == ((3 + 1e16) - 1e16) / 3)
        #expect(Interpreter.evaluateScalar(.fma, [0.1, 10, -1], evaluation: .binary64, fused: true) == (-1.0).addingProduct(0.1, 10))
        #expect(Interpreter.evaluateScalar(.fma, [0.1, 10, -1], evaluation: .binary64, fused: false) == 0.1 * 10 - 1)
    }

    @Test func doubleDoubleKeepsWhatDoubleLoses() {
        let p = Program(inputNames: ["x"], instructions: [.input(0), .constant(1e16), Instruction(.add, 0, 1), Instruction(.sub, 2, 1)])
        let x = [DoubleDouble(1)]
        var reg = [DoubleDouble](repeating: DoubleDouble(0), count: p.count)
        x.withUnsafeBufferPointer { xp in reg.withUnsafeMutableBufferPointer { r in
            Interpreter.runReal(p, inputs: [xp.baseAddress!], count: 1, registers: r.baseAddress!)
        } }
        #expect(reg[3].value == 1)
        let third = DoubleDouble(1) / DoubleDouble(3)
        #expect(abs(((third * DoubleDouble(3)) - DoubleDouble(1)).value) < 1e-31)
    }
}

@Suite struct ProgramTests {
    @Test func mutationsKeepProgramsWellFormedConnectedAndCanonical() {
        let mutator = Mutator(operations: [.add, .sub, .mul, .div, .fma, .neg], tableBits: [0, 3])
        var rng = SplitMix64(seed: 7)
        var p = mutator.randomProgram(inputs: ["r"], rng: &rng)
        var t = 0
        let weights = CostModel()
        for _ in 0..<2000 {
            let (q, nt) = mutator.mutate(p, tableBits: t, rng: &rng)
            #expect(q.isWellFormed)
            #expect(q.isConnected)
            #expect(!q.sameAs(p) || nt != t, "mutation must change the program")
            // Canonical: re-canonicalizing changes nothing, every instruction is live.
            #expect(q.canonicalized(evaluation: .binary64, fused: false).sameAs(q))
            #expect(q.liveness().allSatisfy { $0 })
            // Cost counts exactly the input-dependent operations.
            let dep = q.inputDependence()
            let expected = q.instructions.indices.filter { q.instructions[$0].op.isArithmetic }.reduce(0.0) { s, i in
                #expect(dep[i], "constant subexpressions must be folded")
                return s + weights.weight(q.instructions[i].op)
            }
            #expect(q.cost(weights) == expected)
            p = q.count > 40 ? mutator.randomProgram(inputs: ["r"], rng: &rng) : q
            t = nt
        }
    }

    @Test func constantSubexpressionsFoldAndCostNothing() {
        // (2·3)·x + 1: the product of constants folds into one constant.
        let p = Program(instructions: [.input(0), .constant(2), .constant(3), Instruction(.mul, 1, 2),
                                       Instruction(.mul, 3, 0), .constant(1), Instruction(.add, 4, 5)])
        let c = p.canonicalized(evaluation: .binary32, fused: false)
        #expect(c.cost(CostModel()) == 2)
        #expect(c.constants.contains(6))
        #expect(p.cost(CostModel()) == 2)
    }

    /// The opt-in latency term: Horner's degree-4 chain is 8 deep, Estrin's
    /// 5 (one more multiply); with `latency` 0 the cost is the plain count.
    @Test func latencyWeightPricesTheCriticalPath() throws {
        // Horner: (((c4·r + c3)·r + c2)·r + c1)·r + c0.
        var horner: [Instruction] = [.input(0), .constant(4)]
        for c in [3.0, 2, 1, 0] {
            horner += [Instruction(.mul, horner.count - 1, 0), .constant(c)]
            horner.append(Instruction(.add, horner.count - 2, horner.count - 1))
        }
        // Estrin: (c0 + c1·r) + r²·((c2 + c3·r) + c4·r²).
        let estrin: [Instruction] = [.input(0), Instruction(.mul, 0, 0), .constant(1), Instruction(.mul, 0, 2), .constant(0),
                                     Instruction(.add, 3, 4), .constant(3), Instruction(.mul, 0, 6), .constant(2),
                                     Instruction(.add, 7, 8), .constant(4), Instruction(.mul, 1, 10), Instruction(.add, 9, 11),
                                     Instruction(.mul, 12, 1), Instruction(.add, 13, 5)]
        let h = Program(instructions: horner), e = Program(instructions: estrin)
        #expect(h.isWellFormed && e.isWellFormed)
        #expect(h.criticalPath() == 8 && e.criticalPath() == 5)
        #expect(h.cost(CostModel()) == 8 && e.cost(CostModel()) == 9)
        var weights = CostModel()
        weights.latency = 1
        #expect(h.cost(weights) == 16 && e.cost(weights) == 14)
        // The key decodes, and a negative weight is refused like the others.
        let text = #"{"function": "exp", "format": "binary32", "cost": {"add": 1, "latency": 0.5}}"#
        let decoded = try #require(try SpecReader.decode(RecipeFile.self, from: Data(text.utf8), file: "r.json").cost)
        #expect(decoded.latency == 0.5)
        let bad = #"{"function": "exp", "format": "binary32", "cost": {"latency": -1}}"#
        #expect(throws: (any Error).self) { try SpecReader.decode(RecipeFile.self, from: Data(bad.utf8), file: "r.json") }
    }

    @Test func jsonRoundTrip() throws {
        let p = Program(instructions: [.input(0), .constant(0x1.5555555555555p-3), Instruction(.mul, 0, 0),
                                       Instruction(.fma, 2, 1, 0), .constant(-0.0), Instruction(.div, 3, 4),
                                       Instruction(.neg, 5), Instruction(.sqrt, 6)])
        let text = p.json.rendered()
        let back = try SpecReader.decode(Program.self, from: Data(text.utf8), file: "test")
        #expect(back.sameAs(p))
        #expect(back.json.rendered() == text)
        #expect(text.contains("0x1.5555555555555p-3"))
        let forward = #"{"inputs": ["r"], "instructions": [{"op": "input", "name": "r"}, {"op": "add", "args": [0, 5]}], "output": 1}"#
        #expect(throws: SpecFileError.self) { try SpecReader.decode(Program.self, from: Data(forward.utf8), file: "test") }
    }
}

@Suite struct TuningTests {
    /// Remez reproduces the known minimax errors of 2^x on [0, 1] (Sollya:
    /// 7.5e-8 at degree 5, 1.9e-9 at degree 6).
    @Test func remezMatchesSollya() {
        let e5 = Remez.minimax(degree: 5, on: (0, 1), relative: true, function: { exp2($0) }).error
        let e6 = Remez.minimax(degree: 6, on: (0, 1), relative: true, function: { exp2($0) }).error
        #expect(abs(e5 / 7.5e-8 - 1) < 0.05, "\(e5)")
        #expect(abs(e6 / 1.9e-9 - 1) < 0.05, "\(e6)")
    }

    /// The Lawson step finds the minimax line of a linear program.
    @Test func lawsonFindsTheMinimaxOfALinearProgram() {
        let line = Program(instructions: [.input(0), .constant(1), .constant(0), Instruction(.fma, 0, 1, 2)])
        let xs = (0...64).map { Double($0) / 64 }
        var ws = Tuner.Workspace()
        let r = Tuner.minimax(line, x: xs, target: xs.map { exp2($0) }, weight: xs.map { _ in 1 }, iterations: 60, workspace: &ws)
        let remez = Remez.minimax(degree: 1, on: (0, 1), relative: false, function: { exp2($0) }, grid: 64).error
        #expect(abs(r.error / remez - 1) < 1e-2, "\(r.error) vs \(remez)")
    }
}

@Suite(.serialized) struct SearchRunTests {
    func run(_ path: String, dir: String, output: String, generations: Int? = nil, stopAfter: Int? = nil,
             resume: Bool = false) throws -> SearchOutcome {
        var o = SearchOptions(recipePath: path)
        o.seed = 3
        o.generations = generations
        o.output = dir + "/" + output
        o.tables = dir
        o.stopAfter = stopAfter
        o.resume = resume
        o.checkpointInterval = 0
        return try SearchRunner.run(o)
    }

    @Test func sameSeedSameBytes() throws {
        let (dir, path) = try temporaryRecipe(tinyRealRecipe)
        _ = try run(path, dir: dir, output: "a.json")
        _ = try run(path, dir: dir, output: "b.json")
        let a = try String(contentsOfFile: dir + "/a.json", encoding: .utf8)
        let b = try String(contentsOfFile: dir + "/b.json", encoding: .utf8)
        #expect(a == b.replacingOccurrences(of: "b.json", with: "a.json"))
        #expect(!a.isEmpty)
    }

    @Test func resumeAfterInterruptionGivesTheUninterruptedResult() throws {
        let (dir, path) = try temporaryRecipe(tinyRealRecipe)
        _ = try run(path, dir: dir, output: "straight.json")
        // Interrupted after 2 generations (the checkpoint stays), then resumed
        // by a fresh engine.
        let partial = try run(path, dir: dir, output: "resumed.json", stopAfter: 2)
        #expect(!partial.finished)
        #expect(FileManager.default.fileExists(atPath: dir + "/resumed.json.checkpoint"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/resumed.json"))
        _ = try run(path, dir: dir, output: "resumed.json", resume: true)
        let a = try String(contentsOfFile: dir + "/straight.json", encoding: .utf8)
        let b = try String(contentsOfFile: dir + "/resumed.json", encoding: .utf8)
        #expect(a == b)
    }

    @Test func corruptOrForeignCheckpointsAreRefused() throws {
        let (dir, path) = try temporaryRecipe(tinyRealRecipe)
        _ = try run(path, dir: dir, output: "c.json", stopAfter: 1)
        let checkpoint = dir + "/c.json.checkpoint"
        var text = try String(contentsOfFile: checkpoint, encoding: .utf8)
        text.removeLast(40)
        try text.write(toFile: checkpoint, atomically: true, encoding: .utf8)
        #expect {
            _ = try run(path, dir: dir, output: "c.json", resume: true)
        } throws: { error in "\(error)".contains("corrupt") }
        // A checkpoint of another seed.
        _ = try run(path, dir: dir, output: "d.json", stopAfter: 1)
        var o = SearchOptions(recipePath: path)
        o.seed = 4; o.output = dir + "/d.json"; o.tables = dir; o.resume = true
        #expect { _ = try SearchRunner.run(o) } throws: { error in "\(error)".contains("seed") }
        #expect(!FileManager.default.fileExists(atPath: dir + "/c.json"))
    }

    @Test func badRecipesAreRefusedClearly() throws {
        #expect { _ = try Recipe.load(path: "/nonexistent/recipe.json") } throws: { "\($0)".contains("no such file") }
        #expect { _ = try Recipe.parse(Data("{".utf8)) } throws: { "\($0)".contains("not valid JSON") }
        #expect { _ = try Recipe.parse(Data(#"{"function": "sin", "format": "binary16"}"#.utf8)) } throws: { "\($0)".contains("sin") }
        #expect { _ = try Recipe.parse(Data(#"{"function": "exp", "format": "binary16", "budget": {"islands": 0}}"#.utf8)) } throws: {
            "\($0)".contains("islands")
        }
    }

    /// A tiny search must find a known answer: from scratch, 2^x on [0, 1]
    /// within 6 operations to better than the degree-3 minimax polynomial's
    /// relative error (8.8e-5 with 6 operations in Horner form).
    @Test func tinySearchBeatsTheCubic() throws {
        let (dir, path) = try temporaryRecipe(tinyRealRecipe.replacingOccurrences(of: "\"generations\": 6", with: "\"generations\": 40")
            .replacingOccurrences(of: "\"populationPerIsland\": 12", with: "\"populationPerIsland\": 32"))
        let outcome = try run(path, dir: dir, output: "tiny.json")
        let cubic = Remez.minimax(degree: 3, on: (0, 1), relative: true, function: { exp2($0) }).error
        #expect(outcome.best.cost <= 6)
        #expect(outcome.best.error < cubic * 1.02, "found \(outcome.best.error) at cost \(outcome.best.cost); cubic \(cubic)")
    }
}
