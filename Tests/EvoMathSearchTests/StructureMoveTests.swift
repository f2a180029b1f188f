import EvoMathReference
@testable import EvoMathSearch
import Foundation
import Testing

/// The opt-in structure moves (`"moves"` in a recipe): `pair`, `square` and `extend`.
@Suite struct StructureMoveTests {
    /// The program's value at `x` in Double.
    func value(_ p: Program, _ x: Double) -> Double {
        var reg = [Double](repeating: 0, count: p.count)
        [x].withUnsafeBufferPointer { xp in reg.withUnsafeMutableBufferPointer { r in
            Interpreter.run(p, inputs: [xp.baseAddress!], count: 1, fused: false, registers: r.baseAddress!)
        } }
        return reg[p.output]
    }

    /// `pair` on the program `x` (only the output edge exists) gives
    /// (x + v)/(x − v): three operations, the sum and the difference reading
    /// the same two operands.
    @Test func pairOnTheInputIsACayleyTransform() {
        let mutator = Mutator(operations: [.add, .sub, .mul, .div], moves: [.pair])
        for seed in 0..<50 {
            var rng = SplitMix64(seed: UInt64(seed))
            let q = mutator.insertPair(Program.identity(inputs: ["r"]), rng: &rng)
            #expect(q.isWellFormed && q.isConnected)
            let div = q.instructions[q.output]
            #expect(div.op == .div)
            let (s, d) = (q.instructions[div.a], q.instructions[div.b])
            #expect(s.op == .add && d.op == .sub && s.a == d.a && s.b == d.b)
            let v = q.instructions[s.b].op == .constant ? q.instructions[s.b].value : 0.3
            let expected = (0.3 + v) / (0.3 - v)
            #expect(value(q, 0.3) == expected, "seed \(seed): \(value(q, 0.3)) vs \(expected)")
        }
    }

    /// `pair` anywhere in a larger program: the consumer of the chosen edge
    /// reads the ratio, both sums share their operands, the program stays
    /// well formed; evaluated, the new program is the old one with one
    /// subexpression u replaced by (u + v)/(u − v), so it differs.
    @Test func pairInsideAProgramSharesItsOperands() {
        let mutator = Mutator(operations: [.add, .sub, .mul, .div, .fma], moves: [.pair])
        var rng = SplitMix64(seed: 11)
        var pairs = 0
        for _ in 0..<300 {
            let p = mutator.randomProgram(inputs: ["r"], rng: &rng)
            let q = mutator.insertPair(p, rng: &rng)
            #expect(q.isWellFormed && q.isConnected)
            #expect(q.count == p.count + 3 || q.count == p.count + 4)  // a new constant v, or an earlier node
            let found = q.instructions.contains { x in
                guard x.op == .div else { return false }
                let s = q.instructions[x.a], d = q.instructions[x.b]
                return s.op == .add && d.op == .sub && s.a == d.a && s.b == d.b
            }
            #expect(found)
            if found { pairs += 1 }
        }
        #expect(pairs == 300)
    }

    /// `square` on the output of `x` gives x^(2^k), k = 1…3, as k multiplications.
    @Test func squareIsRepeatedSquaring() {
        let mutator = Mutator(operations: [.add, .mul], moves: [.square])
        var seen = Set<Int>()
        for seed in 0..<40 {
            var rng = SplitMix64(seed: UInt64(seed))
            let q = mutator.insertSquarings(Program.identity(inputs: ["r"]), rng: &rng)
            let k = q.count - 1
            #expect((1...3).contains(k))
            #expect(q.instructions.dropFirst().allSatisfy { $0.op == .mul && $0.a == $0.b })
            #expect(value(q, 1.5) == pow(1.5, Double(1 << k)))
            seen.insert(k)
        }
        #expect(seen == [1, 2, 3])
    }

    /// `extend` on a Horner polynomial appends one degree at its leading
    /// coefficient (c5 → c5 + a·r, a = 0): the child computes exactly its
    /// parent's values, and with a ≠ 0 it is the polynomial of one degree more.
    @Test func extendAppendsADegreeToAHornerPolynomial() {
        let coefficients = [0.0, 1.0, -0.5, 1.0 / 3, -0.25, 0.2, -1.0 / 6]
        let horner = Remez.horner(coefficients, fused: false)
        for fused in [false, true] {
            let mutator = Mutator(operations: [.add, .sub, .mul, .fma], fused: fused, moves: [.extend])
            var rng = SplitMix64(seed: 3)
            let q = mutator.extendPolynomial(horner, rng: &rng)
            #expect(q.isWellFormed && q.isConnected)
            #expect(q.count == horner.count + (fused ? 2 : 3))
            for x in [-0.01, 0.003, 0.25] { #expect(value(q, x) == value(horner, x)) }
            // The new constant multiplies the input and is added to the old
            // leading coefficient: setting it gives the next degree.
            let a = q.constantIndexes.first { q.instructions[$0].value == 0 && $0 > 1 }!
            var r = q
            r.instructions[a].value = 1.0 / 7
            let x = 0.125
            let expected = coefficients.reversed().reduce(1.0 / 7) { $0 * x + $1 }
            #expect(abs(value(r, x) - expected) <= 0x1p-50, "fused \(fused): \(value(r, x)) vs \(expected)")
        }
    }

    /// `extend` on a program without constants falls back to an insertion.
    @Test func extendWithoutConstantsInserts() {
        let mutator = Mutator(operations: [.add, .mul], moves: [.extend])
        var rng = SplitMix64(seed: 1)
        let q = mutator.extendPolynomial(Program.identity(inputs: ["r"]), rng: &rng)
        #expect(q.count > 1 && q.isWellFormed && q.isConnected)
    }

    /// Recipes read the child tuning's Lawson iterations (`"tuning":
    /// {"iterations": N}`); without the key the engine keeps its 16.
    @Test func recipesSetTheTuningIterations() throws {
        let base = #"{"function": "exp2", "format": "real", "domain": [0, 1]"#
        let plain = try Recipe.parse(Data((base + "}").utf8))
        #expect(plain.tuningIterations == nil)
        #expect(SearchEngine(recipe: plain, problem: Problem(recipe: plain), seed: 1).tuningIterations == 16)
        let set = try Recipe.parse(Data((base + #", "tuning": {"iterations": 40}}"#).utf8))
        #expect(SearchEngine(recipe: set, problem: Problem(recipe: set), seed: 1).tuningIterations == 40)
        #expect { _ = try Recipe.parse(Data((base + #", "tuning": {"iterations": -1}}"#).utf8)) } throws: { _ in true }
    }

    /// With the moves on, every mutation still keeps programs well formed,
    /// connected and canonical, and the moves do happen.
    @Test func mutationsWithMovesKeepTheInvariants() {
        let mutator = Mutator(operations: [.add, .sub, .mul, .div, .fma, .neg], moves: [.pair, .square, .extend])
        var rng = SplitMix64(seed: 5)
        var p = mutator.randomProgram(inputs: ["r"], rng: &rng)
        var squares = 0, ratios = 0
        for _ in 0..<1500 {
            let (q, _) = mutator.mutate(p, tableBits: 0, rng: &rng)
            #expect(q.isWellFormed && q.isConnected)
            #expect(!q.sameAs(p))
            #expect(q.canonicalized(evaluation: .binary64, fused: false).sameAs(q))
            squares += q.instructions.filter { $0.op == .mul && $0.a == $0.b && $0.a != 0 }.isEmpty ? 0 : 1
            ratios += q.instructions.contains { $0.op == .div } ? 1 : 0
            p = q.count > 40 ? mutator.randomProgram(inputs: ["r"], rng: &rng) : q
        }
        #expect(squares > 0 && ratios > 0)
    }

    /// Recipes: no key, no moves (the default edits); a named move list is
    /// read; an unknown move is refused with its name and the choices.
    @Test func recipesNameTheirMoves() throws {
        let base = #"{"function": "exp2", "format": "real", "domain": [0, 1]"#
        #expect(try Recipe.parse(Data((base + "}").utf8)).moves.isEmpty)
        #expect(Mutator(recipe: try Recipe.parse(Data((base + "}").utf8))).moves.isEmpty)
        #expect(try Recipe.parse(Data((base + #", "moves": ["pair", "square"]}"#).utf8)).moves == [.pair, .square])
        #expect { _ = try Recipe.parse(Data((base + #", "moves": ["swap"]}"#).utf8)) } throws: {
            "\($0)".contains("'swap' is not one of: pair, square, pole, extend")
        }
        #expect { _ = try Recipe.parse(Data((base + #", "moves": ["pair", "pair"]}"#).utf8)) } throws: {
            "\($0)".contains("distinct")
        }
    }
}
