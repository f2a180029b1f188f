import EvoMathSpec

extension Program {
    /// The same program with constant subexpressions folded (evaluated once in
    /// the evaluation type, exactly as the emitted code would compute them),
    /// dead instructions removed and identical operations merged (constants stay
    /// separate, so each can be tuned on its own). The result is the unique form the search and the
    /// emitter work with.
    public func canonicalized(evaluation: EvaluationType, fused: Bool) -> Program {
        var ins = instructions
        let dep = inputDependence()
        for i in inputCount..<ins.count where ins[i].op.isArithmetic && !dep[i] {
            let v = Interpreter.evaluateScalar(ins[i].op, ins[i].operands.map { ins[$0].value },
                                               evaluation: evaluation, fused: fused)
            ins[i] = .constant(v)
        }
        var p = Program(inputNames: inputNames, instructions: ins)
        let live = p.liveness()
        var map = [Int](repeating: -1, count: ins.count)
        var out: [Instruction] = []
        out.reserveCapacity(ins.count)
        for i in ins.indices where live[i] {
            var x = ins[i]
            x.a = x.op.arity >= 1 ? map[x.a] : 0
            x.b = x.op.arity >= 2 ? map[x.b] : 0
            x.c = x.op.arity >= 3 ? map[x.c] : 0
            // Reuse an identical earlier instruction (common subexpression).
            if x.op.isArithmetic, let j = out.firstIndex(where: { $0.sameAs(x) }) {
                map[i] = j
            } else {
                map[i] = out.count
                out.append(x)
            }
        }
        // The output must stay last.
        let outIndex = map[ins.count - 1]
        if outIndex != out.count - 1 {
            // Only possible when the output duplicates an earlier node: the
            // program is then that node's program.
            out = Array(out[0...outIndex])
            p = Program(inputNames: inputNames, instructions: out)
            return p.canonicalized(evaluation: evaluation, fused: fused)
        }
        return Program(inputNames: inputNames, instructions: out)
    }

}
