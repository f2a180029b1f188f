import EvoMathReference

/// Random edits of programs. Every edit keeps the program a well-formed DAG
/// in topological order; the caller canonicalizes and checks that the result
/// differs from the parent and still depends on an input.
public struct Mutator: Sendable {
    public var operations: [EvoMathSpec.Operation]
    public var tableBits: [Int]
    public var evaluation: EvaluationType
    public var fused: Bool
    /// The recipe's extra structure moves (`"moves"`); empty: the default
    /// edits only, with the same random draws as without the key.
    public var moves: [RecipeFile.Move]

    public init(recipe: Recipe) {
        operations = recipe.operations
        tableBits = recipe.tableBits
        evaluation = recipe.evaluation
        fused = recipe.fusedMultiplyAdd
        moves = recipe.moves
    }

    public init(operations: [EvoMathSpec.Operation], tableBits: [Int] = [0], evaluation: EvaluationType = .binary64,
                fused: Bool = false, moves: [RecipeFile.Move] = []) {
        self.operations = operations
        self.tableBits = tableBits
        self.evaluation = evaluation
        self.fused = fused
        self.moves = moves
    }

    /// A changed copy of `program` (and maybe another table size): retries
    /// until the canonical result differs from the parent and is connected.
    public func mutate(_ program: Program, tableBits t: Int, rng: inout SplitMix64) -> (Program, Int) {
        for _ in 0..<50 {
            var q = program
            var nt = t
            if tableBits.count > 1 && Int.random(in: 0..<20, using: &rng) == 0 {
                nt = tableBits[Int.random(in: 0..<tableBits.count, using: &rng)]
            }
            let edits = Int.random(in: 0..<4, using: &rng) == 0 ? 2 : 1
            for _ in 0..<edits { q = edit(q, rng: &rng) }
            q = q.canonicalized(evaluation: evaluation, fused: fused)
            guard q.isConnected, q.isWellFormed else { continue }
            if !q.sameAs(program) || nt != t { return (q, nt) }
        }
        return (program, t)
    }

    /// A random program from scratch: the input with one to four operations
    /// inserted.
    public func randomProgram(inputs: [String], rng: inout SplitMix64) -> Program {
        var p = Program.identity(inputs: inputs)
        let n = Int.random(in: 1...4, using: &rng)
        for _ in 0..<n { p = insertOnEdge(p, rng: &rng) }
        p = p.canonicalized(evaluation: evaluation, fused: fused)
        return p.isConnected ? p : Program.identity(inputs: inputs)
    }

    func edit(_ p: Program, rng: inout SplitMix64) -> Program {
        // Opt-in structure moves: one edit in five (no draw without them).
        if !moves.isEmpty && Int.random(in: 0..<5, using: &rng) == 0 {
            switch moves[Int.random(in: 0..<moves.count, using: &rng)] {
            case .pair: return insertPair(p, rng: &rng)
            case .square: return insertSquarings(p, rng: &rng)
            case .pole: return insertPole(p, rng: &rng)
            case .extend: return extendPolynomial(p, rng: &rng)
            }
        }
        let size = p.instructions.filter { $0.op.isArithmetic }.count
        // Size-dependent rates: grow small programs, shrink large ones.
        let insert = size < 3 ? 45 : 28
        let remove = min(10 + 2 * size, 30)
        let roll = Int.random(in: 0..<100, using: &rng)
        if roll < insert || size == 0 { return insertOnEdge(p, rng: &rng) }
        if roll < insert + remove { return removeOperation(p, rng: &rng) }
        let rest = Int.random(in: 0..<3, using: &rng)
        switch rest {
        case 0: return changeOperation(p, rng: &rng)
        case 1: return rewire(p, rng: &rng)
        default: return perturbConstant(p, rng: &rng)
        }
    }

    func randomConstant(_ rng: inout SplitMix64) -> Double {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return 1
        case 1: return 0.5
        case 2: return -1
        default:
            let u = Double(rng.next() >> 11) * 0x1p-53
            let e = Int.random(in: -8...2, using: &rng)
            return (rng.next() & 1 == 0 ? 1 : -1) * (0.5 + u) * Double(sign: .plus, exponent: e, significand: 1)
        }
    }

    /// Inserts `x` before position `pos`, shifting later references.
    static func inserting(_ x: Instruction, at pos: Int, in p: Program) -> Program {
        var ins = p.instructions
        for i in pos..<ins.count {
            var y = ins[i]
            if y.op.arity >= 1, y.a >= pos { y.a += 1 }
            if y.op.arity >= 2, y.b >= pos { y.b += 1 }
            if y.op.arity >= 3, y.c >= pos { y.c += 1 }
            ins[i] = y
        }
        ins.insert(x, at: pos)
        return Program(inputNames: p.inputNames, instructions: ins)
    }

    /// An operand for a new node at `pos`: a new constant (inserted first;
    /// returns the shifted program) or an earlier node.
    func operand(for p: inout Program, at pos: inout Int, rng: inout SplitMix64) -> Int {
        if Int.random(in: 0..<10, using: &rng) < 6 {
            p = Mutator.inserting(.constant(randomConstant(&rng)), at: pos, in: p)
            pos += 1
            return pos - 1
        }
        return Int.random(in: 0..<pos, using: &rng)
    }

    /// Puts a new operation on an edge `o → i` (or on the output): the
    /// consumer reads `op(o, …)` instead of `o`.
    func insertOnEdge(_ p0: Program, rng: inout SplitMix64) -> Program {
        var p = p0
        let (consumer, slot, source) = chooseEdge(p, rng: &rng)
        let op = operations[Int.random(in: 0..<operations.count, using: &rng)]
        var pos = consumer == p.count ? p.count : consumer
        var node = Instruction(op)
        switch op.arity {
        case 1:
            node.a = source
        case 2:
            let other = operand(for: &p, at: &pos, rng: &rng)
            // Constants go in at or after the consumer, so the source keeps its index.
            let src = source
            if Int.random(in: 0..<2, using: &rng) == 0 || op == .add || op == .mul {
                node.a = src; node.b = other
            } else {
                node.a = other; node.b = src
            }
        default:
            let x = operand(for: &p, at: &pos, rng: &rng)
            let y = operand(for: &p, at: &pos, rng: &rng)
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: node.a = source; node.b = x; node.c = y
            case 1: node.a = x; node.b = y; node.c = source
            default: node.a = source; node.b = source; node.c = x
            }
        }
        p = Mutator.inserting(node, at: pos, in: p)
        let newIndex = pos
        if consumer == p0.count {
            // The new node is the output (it was appended).
            return p
        }
        // The consumer moved by the inserted instructions.
        let shift = pos - consumer + 1
        var ins = p.instructions
        ins[consumer + shift].setOperand(slot, newIndex)
        return Program(inputNames: p.inputNames, instructions: ins)
    }

    /// A random edge `source → consumer` (slot `slot`; consumer `count`: the
    /// program's output), two in three on an arithmetic node's operand.
    func chooseEdge(_ p: Program, rng: inout SplitMix64) -> (consumer: Int, slot: Int, source: Int) {
        let arithmetic = p.instructions.indices.filter { p.instructions[$0].op.isArithmetic }
        var consumer = p.count
        var slot = 0
        if !arithmetic.isEmpty && Int.random(in: 0..<3, using: &rng) != 0 {
            consumer = arithmetic[Int.random(in: 0..<arithmetic.count, using: &rng)]
            slot = Int.random(in: 0..<p.instructions[consumer].op.arity, using: &rng)
        }
        return (consumer, slot, consumer == p.count ? p.output : p.instructions[consumer].operands[slot])
    }

    /// Puts the chain `nodes` on a random edge (at the consumer's position,
    /// or appended for the output): `nodes(source, pos)` builds the chain
    /// whose first node will sit at `pos`, may first insert constants
    /// through `operand(for:at:rng:)`, and the consumer reads its last node.
    func spliceOnEdge(_ p0: Program, rng: inout SplitMix64,
                      nodes: (Int, inout Program, inout Int, inout SplitMix64) -> [Instruction]) -> Program {
        var p = p0
        let (consumer, slot, source) = chooseEdge(p, rng: &rng)
        var pos = consumer == p.count ? p.count : consumer
        let chain = nodes(source, &p, &pos, &rng)
        for (k, node) in chain.enumerated() { p = Mutator.inserting(node, at: pos + k, in: p) }
        if consumer == p0.count { return p }
        var ins = p.instructions
        ins[consumer + (p.count - p0.count)].setOperand(slot, pos + chain.count - 1)
        return Program(inputNames: p.inputNames, instructions: ins)
    }

    /// The `pair` move: `u → (u + v)/(u − v)` on an edge, `v` a new constant
    /// or an earlier node (three operations; the sum and the difference
    /// share both operands).
    func insertPair(_ p: Program, rng: inout SplitMix64) -> Program {
        spliceOnEdge(p, rng: &rng) { u, q, pos, rng in
            let v = operand(for: &q, at: &pos, rng: &rng)
            var sum = Instruction(.add), difference = Instruction(.sub), ratio = Instruction(.div)
            sum.a = u; sum.b = v
            difference.a = u; difference.b = v
            ratio.a = pos; ratio.b = pos + 1
            return [sum, difference, ratio]
        }
    }

    /// The `square` move: `u → u·u` on an edge, one to three times.
    func insertSquarings(_ p: Program, rng: inout SplitMix64) -> Program {
        spliceOnEdge(p, rng: &rng) { u, _, pos, rng in
            let k = Int.random(in: 1...3, using: &rng)
            return (0..<k).map { i in
                var m = Instruction(.mul)
                m.a = i == 0 ? u : pos + i - 1
                m.b = m.a
                return m
            }
        }
    }

    /// The `extend` move: the deepest constant `c` (longest path to the
    /// output; ties drawn at random) becomes `c + a·x`, `x` the first input
    /// and `a = 0`, so the child starts at its parent's function and the
    /// tuner fits `a` from there. On a Horner polynomial the deepest constant
    /// is the leading coefficient: the move appends one degree.
    func extendPolynomial(_ p: Program, rng: inout SplitMix64) -> Program {
        // Longest path (in operations) from each node to the output.
        var depth = [Int](repeating: -1, count: p.count)
        depth[p.output] = 0
        for i in stride(from: p.output, through: 0, by: -1) where depth[i] >= 0 {
            for o in p.instructions[i].operands { depth[o] = max(depth[o], depth[i] + 1) }
        }
        let constants = p.constantIndexes.filter { depth[$0] > 0 }
        guard let deepest = constants.map({ depth[$0] }).max() else { return insertOnEdge(p, rng: &rng) }
        let candidates = constants.filter { depth[$0] == deepest }
        let k = candidates[Int.random(in: 0..<candidates.count, using: &rng)]
        var q = Mutator.inserting(.constant(0), at: k + 1, in: p)
        let useFMA = fused && operations.contains(.fma)
        if useFMA {
            q = Mutator.inserting(Instruction(.fma, k + 1, 0, k), at: k + 2, in: q)
        } else {
            q = Mutator.inserting(Instruction(.mul, k + 1, 0), at: k + 2, in: q)
            q = Mutator.inserting(Instruction(.add, k, k + 2), at: k + 3, in: q)
        }
        let sum = useFMA ? k + 2 : k + 3
        var ins = q.instructions
        for j in (sum + 1)..<ins.count {
            for s in 0..<ins[j].op.arity where ins[j].operands[s] == k { ins[j].setOperand(s, sum) }
        }
        return Program(inputNames: q.inputNames, instructions: ins)
    }

    /// Removes an operation: its consumers read one of its operands instead.
    func removeOperation(_ p: Program, rng: inout SplitMix64) -> Program {
        let arithmetic = p.instructions.indices.filter { p.instructions[$0].op.isArithmetic }
        guard !arithmetic.isEmpty else { return p }
        let i = arithmetic[Int.random(in: 0..<arithmetic.count, using: &rng)]
        let ops = p.instructions[i].operands
        let keep = ops[Int.random(in: 0..<ops.count, using: &rng)]
        if i == p.output {
            return Program(inputNames: p.inputNames, instructions: Array(p.instructions[0...keep]))
        }
        var ins = p.instructions
        for j in (i + 1)..<ins.count {
            var y = ins[j]
            if y.op.arity >= 1, y.a == i { y.a = keep }
            if y.op.arity >= 2, y.b == i { y.b = keep }
            if y.op.arity >= 3, y.c == i { y.c = keep }
            ins[j] = y
        }
        return Program(inputNames: p.inputNames, instructions: ins)
    }

    /// Changes an operation (adding or dropping operands as the arity says).
    func changeOperation(_ p0: Program, rng: inout SplitMix64) -> Program {
        var p = p0
        let arithmetic = p.instructions.indices.filter { p.instructions[$0].op.isArithmetic }
        guard !arithmetic.isEmpty else { return p }
        var i = arithmetic[Int.random(in: 0..<arithmetic.count, using: &rng)]
        let old = p.instructions[i]
        let op = operations[Int.random(in: 0..<operations.count, using: &rng)]
        var node = Instruction(op)
        let ops = old.operands
        var pos = i
        var extra: [Int] = []
        while ops.count + extra.count < op.arity { extra.append(operand(for: &p, at: &pos, rng: &rng)) }
        i = pos
        let all = ops + extra
        for s in 0..<op.arity { node.setOperand(s, all[s]) }
        var ins = p.instructions
        ins[i] = node
        return Program(inputNames: p.inputNames, instructions: ins)
    }

    /// Points an operand at another earlier node.
    func rewire(_ p: Program, rng: inout SplitMix64) -> Program {
        let arithmetic = p.instructions.indices.filter { p.instructions[$0].op.isArithmetic }
        guard !arithmetic.isEmpty else { return p }
        let i = arithmetic[Int.random(in: 0..<arithmetic.count, using: &rng)]
        var ins = p.instructions
        let slot = Int.random(in: 0..<ins[i].op.arity, using: &rng)
        ins[i].setOperand(slot, Int.random(in: 0..<i, using: &rng))
        return Program(inputNames: p.inputNames, instructions: ins)
    }

    /// Moves a constant (the tuner re-optimizes it; this escapes local
    /// optima of nonlinear programs).
    func perturbConstant(_ p: Program, rng: inout SplitMix64) -> Program {
        let cs = p.constantIndexes
        guard !cs.isEmpty else { return insertOnEdge(p, rng: &rng) }
        var ins = p.instructions
        let i = cs[Int.random(in: 0..<cs.count, using: &rng)]
        if Int.random(in: 0..<5, using: &rng) == 0 {
            ins[i].value = randomConstant(&rng)
        } else {
            let u = Double(rng.next() >> 11) * 0x1p-53 - 0.5
            ins[i].value *= 1 + 0.5 * u
        }
        return Program(inputNames: p.inputNames, instructions: ins)
    }
}
