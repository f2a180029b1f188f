import EvoMathReference
@testable import EvoMathSearch
import Foundation
import Testing

/// binary32 log from scratch (Generators/recipes/log.binary32.correctlyRounded.scratch.json):
/// why the `extend` move lets the search reach the format stage's kernel gate (relative error
/// below 2^-46) that the default edits did not reach in 100 generations.
@Suite struct LogScratchTests {
    static let recipePath = GeneratedSourcesTests.root.path + "/Generators/recipes/log.binary32.correctlyRounded.scratch.json"

    /// The recipe's kernel samples on the 64-entry table.
    static func setting() throws -> (Recipe, KernelSamples) {
        let recipe = try Recipe.load(path: recipePath)
        return (recipe, LogFamily.samples(reduction: LogReduction(tableBits: 6), count: recipe.samples, recipe: recipe))
    }

    /// The program with its constants tuned as a child's are (Lawson), and its max relative error.
    static func tuned(_ p0: Program, _ samples: KernelSamples, iterations: Int = 16) -> (Program, Double) {
        var ws = Tuner.Workspace()
        var p = p0
        let t = Tuner.minimax(p, x: samples.x, target: samples.target, weight: samples.weight, iterations: iterations,
                              workspace: &ws)
        p.constants = t.constants
        return (p, t.error)
    }

    /// r·q(r), q of degree `d − 1` in Horner form, every coefficient `c`.
    static func horner(degree d: Int, constant c: Double) -> Program {
        var p = Remez.horner([Double](repeating: c, count: d), fused: false)
        p.instructions.append(Instruction(.mul, p.output, 0))
        return p
    }

    /// Five `extend`s from r·c, each child tuned as the search tunes it (16 Lawson iterations
    /// from its parent's constants), build r·q(r) with q of degree 5 in Horner form, below
    /// 2^-46 (the format stage's gate; the seeded recipe's shipped shape), each degree at least
    /// 16× better than the one before.
    @Test func extendGrowsTheHornerKernelToTheGate() throws {
        let (recipe, samples) = try Self.setting()
        let mutator = Mutator(recipe: recipe)
        var rng = SplitMix64(seed: 1)
        var p = Self.horner(degree: 1, constant: 1)
        var errors: [Double] = []
        for _ in 1...5 {
            let (q, e) = Self.tuned(mutator.extendPolynomial(p, rng: &rng), samples)
            p = q
            errors.append(e)
        }
        // Five multiplications and additions of the Horner steps, the product with r: 11.
        #expect(p.cost(CostModel()) == 11 && p.constants.count == 6)
        #expect(errors[4] < 0x1p-46, "\(errors)")
        #expect(zip(errors, errors.dropFirst()).allSatisfy { $1 < $0 / 16 }, "\(errors)")
    }

    /// The tuner is not what stalls the default search: the same degree-6 Horner structure from
    /// uniform constants (0.5) is fitted below the gate by the child's 16 iterations too (the
    /// program is linear in its constants, so each Lawson step is an exact least-squares
    /// solve). What the default edits lack is the structure: a chain of five multiply-adds that
    /// random insertions on random edges rarely build.
    @Test func theHornerStructureFitsFromUniformConstants() throws {
        let (_, samples) = try Self.setting()
        let (_, e) = Self.tuned(Self.horner(degree: 6, constant: 0.5), samples)
        #expect(e < 0x1p-46, "\(e)")
    }
}
