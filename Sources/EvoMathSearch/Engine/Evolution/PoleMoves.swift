import EvoMathReference

extension Mutator {
    /// The `pole` move: `s → s + b/(y − r)` on an edge, with `b = 0` (the
    /// program's value is unchanged, so the parent's fitted constants stay a
    /// good start: a homotopy in `b`) and `r` a new constant away from zero;
    /// the tuner then moves `b` and `r`. `y` is an earlier square
    /// (`mul(a, a)`, an even subexpression) two times in three when one
    /// exists, else a new square of an earlier non-constant node one time in
    /// three, else any earlier non-constant node. Three operations (four with
    /// a new square). On an edge that carries a pole's denominator the move
    /// appends a continued-fraction level: `y − r → (y − r) + b/(y′ − q)`.
    ///
    /// Why: 2^x = (K + x)/(K − x) exactly for an even K, and K ≈ α + Σ bᵢ/(x² − rᵢ)
    /// (partial fractions of a rational in x²) reaches the 10-operation
    /// record; polynomial edits and the `pair` move alone do not build it.
    func insertPole(_ p: Program, rng: inout SplitMix64) -> Program {
        spliceOnEdge(p, rng: &rng) { s, q, pos, rng in
            let earlier = (0..<pos).filter { q.instructions[$0].op != .constant }
            let squares = earlier.filter { q.instructions[$0].op == .mul && q.instructions[$0].a == q.instructions[$0].b }
            var chain: [Instruction] = []
            var y: Int
            if !squares.isEmpty && Int.random(in: 0..<3, using: &rng) != 0 {
                y = squares[Int.random(in: 0..<squares.count, using: &rng)]
            } else {
                y = earlier[Int.random(in: 0..<earlier.count, using: &rng)]
            }
            // Constants first (before the chain), then the chain at `pos`.
            let magnitude = Double(sign: .plus, exponent: Int.random(in: -1...6, using: &rng), significand: 1)
            let r = (rng.next() & 1 == 0 ? -1 : 1) * magnitude * (1 + Double(rng.next() >> 11) * 0x1p-53)
            q = Mutator.inserting(.constant(r), at: pos, in: q)
            q = Mutator.inserting(.constant(0), at: pos + 1, in: q)
            let (rIndex, bIndex) = (pos, pos + 1)
            pos += 2
            if Int.random(in: 0..<3, using: &rng) == 0 {
                var square = Instruction(.mul)
                square.a = y; square.b = y
                chain.append(square)
                y = pos
            }
            var difference = Instruction(.sub), quotient = Instruction(.div), sum = Instruction(.add)
            difference.a = y; difference.b = rIndex
            quotient.a = bIndex; quotient.b = pos + chain.count
            sum.a = s; sum.b = pos + chain.count + 1
            return chain + [difference, quotient, sum]
        }
    }
}
