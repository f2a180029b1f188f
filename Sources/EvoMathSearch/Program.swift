import EvoMathReference

/// An operation of a straight-line program.
public enum Operation: String, Codable, CaseIterable, Sendable {
    /// The program's `index`-th input (the reduced argument).
    case input
    /// A learnable constant.
    case constant = "const"
    case add, sub, mul, div
    /// Fused multiply-add `a·b + c` (one rounding when the recipe says fused,
    /// two otherwise).
    case fma
    case neg
    case sqrt

    /// How many operands the operation reads.
    public var arity: Int {
        switch self {
        case .input, .constant: return 0
        case .neg, .sqrt: return 1
        case .add, .sub, .mul, .div: return 2
        case .fma: return 3
        }
    }

    public var isArithmetic: Bool { arity > 0 }
}

/// One instruction: an operation and the indexes of its operands (earlier
/// instructions), or the input index / constant value.
public struct Instruction: Hashable, Sendable {
    public var op: Operation
    public var a: Int
    public var b: Int
    public var c: Int
    /// The constant's value (`.constant`), or the input's index (`.input`).
    public var value: Double

    public init(_ op: Operation, _ a: Int = 0, _ b: Int = 0, _ c: Int = 0, value: Double = 0) {
        self.op = op; self.a = a; self.b = b; self.c = c; self.value = value
    }

    public static func input(_ index: Int) -> Instruction { Instruction(.input, value: Double(index)) }
    public static func constant(_ v: Double) -> Instruction { Instruction(.constant, value: v) }

    /// Operand indexes actually read.
    public var operands: [Int] {
        switch op.arity {
        case 1: return [a]
        case 2: return [a, b]
        case 3: return [a, b, c]
        default: return []
        }
    }

    public mutating func setOperand(_ slot: Int, _ index: Int) {
        switch slot {
        case 0: a = index
        case 1: b = index
        default: c = index
        }
    }

    /// Bit-exact identity (constants compared by bit pattern).
    func sameAs(_ o: Instruction) -> Bool {
        op == o.op && value.bitPattern == o.value.bitPattern && operands == o.operands
    }
}

/// A straight-line program: a DAG in topological order whose first
/// `inputCount` instructions are the inputs and whose last instruction is the
/// output. Every operand refers to an earlier instruction.
public struct Program: Sendable, CustomStringConvertible {
    public var inputNames: [String]
    public var instructions: [Instruction]

    public init(inputNames: [String] = ["r"], instructions: [Instruction]) {
        self.inputNames = inputNames
        self.instructions = instructions
    }

    public var inputCount: Int { inputNames.count }
    public var count: Int { instructions.count }
    public var output: Int { instructions.count - 1 }

    /// The program `x` (identity) over the inputs.
    public static func identity(inputs: [String] = ["r"]) -> Program {
        Program(inputNames: inputs, instructions: inputs.indices.map { .input($0) })
    }

    /// Whether operands point backwards and inputs come first.
    public var isWellFormed: Bool {
        guard instructions.count >= inputCount else { return false }
        for (i, ins) in instructions.enumerated() {
            if i < inputCount {
                if ins.op != .input || Int(ins.value) != i { return false }
                continue
            }
            if ins.op == .input { return false }
            for o in ins.operands where o < 0 || o >= i { return false }
        }
        return true
    }

    /// Which instructions depend on an input.
    public func inputDependence() -> [Bool] {
        var dep = [Bool](repeating: false, count: count)
        for (i, ins) in instructions.enumerated() {
            dep[i] = ins.op == .input || ins.operands.contains { dep[$0] }
        }
        return dep
    }

    /// Which instructions the output reads (directly or not).
    public func liveness() -> [Bool] {
        var live = [Bool](repeating: false, count: count)
        guard count > 0 else { return live }
        live[output] = true
        for i in stride(from: output, through: 0, by: -1) where live[i] {
            for o in instructions[i].operands { live[o] = true }
        }
        for i in 0..<inputCount { live[i] = true }
        return live
    }

    /// Whether the output depends on an input (a constant program is not an
    /// approximation of anything).
    public var isConnected: Bool { inputDependence()[output] }

    /// The cost: the weighted count of operations that depend on an input.
    /// (Constant subexpressions fold away; `canonicalized` folds them.)
    public func cost(_ weights: CostModel) -> Double {
        let dep = inputDependence()
        let live = liveness()
        var total = 0.0
        for (i, ins) in instructions.enumerated() where ins.op.isArithmetic && dep[i] && live[i] {
            total += weights.weight(ins.op)
        }
        return total
    }

    /// Indexes of the constant instructions (the learnable parameters).
    public var constantIndexes: [Int] { instructions.indices.filter { instructions[$0].op == .constant } }

    public var constants: [Double] {
        get { constantIndexes.map { instructions[$0].value } }
        set {
            for (k, i) in constantIndexes.enumerated() { instructions[i].value = newValue[k] }
        }
    }

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

    /// Bit-exact equality of structure and constants.
    public func sameAs(_ other: Program) -> Bool {
        count == other.count && zip(instructions, other.instructions).allSatisfy { $0.sameAs($1) }
    }

    /// A structural hash (ignoring constant values).
    public var structureKey: String {
        instructions.map { i in
            i.op == .constant ? "c" : i.op == .input ? "x\(Int(i.value))" : "\(i.op.rawValue)(\(i.operands.map(String.init).joined(separator: ",")))"
        }.joined(separator: ";")
    }

    /// A readable one-line form, e.g. `fma(r, 0x1p-1, 0x1p+0)`; operations
    /// used more than once are named first (`v3 = r*r; fma(v3, v3, r)`).
    public var description: String {
        var uses = [Int](repeating: 0, count: count)
        for x in instructions { for o in x.operands { uses[o] += 1 } }
        var names: [Int: String] = [:]
        var bindings: [String] = []
        for i in 0..<output where instructions[i].op.isArithmetic && uses[i] > 1 {
            bindings.append("v\(i) = \(expression(of: i, names: names))")
            names[i] = "v\(i)"
        }
        return (bindings + [expression(of: output, names: names)]).joined(separator: "; ")
    }

    func expression(of i: Int, names: [Int: String]) -> String {
        if let n = names[i] { return n }
        let x = instructions[i]
        func e(_ j: Int) -> String { expression(of: j, names: names) }
        switch x.op {
        case .input: return inputNames[Int(x.value)]
        case .constant: return HexFloat.format(x.value)
        case .add: return "(\(e(x.a)) + \(e(x.b)))"
        case .sub: return "(\(e(x.a)) - \(e(x.b)))"
        case .mul: return "\(e(x.a))*\(e(x.b))"
        case .div: return "\(e(x.a))/\(e(x.b))"
        case .fma: return "fma(\(e(x.a)), \(e(x.b)), \(e(x.c)))"
        case .neg: return "-\(e(x.a))"
        case .sqrt: return "sqrt(\(e(x.a)))"
        }
    }

    /// A readable listing, one instruction per line with shared nodes named.
    public var listing: String {
        var lines: [String] = []
        for (i, x) in instructions.enumerated() {
            let ops = x.operands.map { "v\($0)" }.joined(separator: ", ")
            switch x.op {
            case .input: lines.append("v\(i) = \(inputNames[Int(x.value)])")
            case .constant: lines.append("v\(i) = \(HexFloat.format(x.value))")
            default: lines.append("v\(i) = \(x.op.rawValue)(\(ops))")
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// Weights of operations in the cost of a program.
public struct CostModel: Codable, Equatable, Sendable {
    public var add: Double = 1
    public var sub: Double = 1
    public var mul: Double = 1
    public var div: Double = 1
    public var fma: Double = 2
    public var neg: Double = 1
    public var sqrt: Double = 4
    /// Cost of one table load (range reductions with a table).
    public var tableLoad: Double = 0

    public init() {}

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        add = try c.decodeIfPresent(Double.self, forKey: .add) ?? 1
        sub = try c.decodeIfPresent(Double.self, forKey: .sub) ?? 1
        mul = try c.decodeIfPresent(Double.self, forKey: .mul) ?? 1
        div = try c.decodeIfPresent(Double.self, forKey: .div) ?? 1
        fma = try c.decodeIfPresent(Double.self, forKey: .fma) ?? 2
        neg = try c.decodeIfPresent(Double.self, forKey: .neg) ?? 1
        sqrt = try c.decodeIfPresent(Double.self, forKey: .sqrt) ?? 4
        tableLoad = try c.decodeIfPresent(Double.self, forKey: .tableLoad) ?? 0
    }

    public func weight(_ op: Operation) -> Double {
        switch op {
        case .input, .constant: return 0
        case .add: return add
        case .sub: return sub
        case .mul: return mul
        case .div: return div
        case .fma: return fma
        case .neg: return neg
        case .sqrt: return sqrt
        }
    }
}

// MARK: JSON

extension Program {
    /// The JSON form: `{"inputs": ["r"], "instructions": [...], "output": n}`
    /// with constants as hex floats and operands by index.
    public var json: JSON {
        var list: [JSON] = []
        for x in instructions {
            switch x.op {
            case .input: list.append(.object([("op", .string("input")), ("name", .string(inputNames[Int(x.value)]))]))
            case .constant: list.append(.object([("op", .string("const")), ("value", .string(HexFloat.format(x.value)))]))
            default: list.append(.object([("op", .string(x.op.rawValue)), ("args", .array(x.operands.map { .integer($0) }))]))
            }
        }
        return .object([("inputs", .array(inputNames.map { .string($0) })), ("instructions", .array(list)),
                        ("output", .integer(output))])
    }

    public init(jsonObject: Any) throws {
        guard let o = jsonObject as? [String: Any], let names = o["inputs"] as? [String],
              let list = o["instructions"] as? [Any] else {
            throw SearchError.invalid("program: expected {\"inputs\", \"instructions\", \"output\"}")
        }
        var ins: [Instruction] = []
        for (i, item) in list.enumerated() {
            guard let d = item as? [String: Any], let opName = d["op"] as? String, let op = Operation(rawValue: opName) else {
                throw SearchError.invalid("program: instruction \(i) has no valid \"op\"")
            }
            switch op {
            case .input:
                guard let n = d["name"] as? String, let k = names.firstIndex(of: n) else {
                    throw SearchError.invalid("program: instruction \(i) names an unknown input")
                }
                ins.append(.input(k))
            case .constant:
                guard let s = d["value"] as? String, let v = HexFloat.parse(Substring(s)) else {
                    throw SearchError.invalid("program: instruction \(i) has no valid hex \"value\"")
                }
                ins.append(.constant(v))
            default:
                guard let args = d["args"] as? [Int], args.count == op.arity else {
                    throw SearchError.invalid("program: instruction \(i) (\(opName)) needs \(op.arity) args")
                }
                var x = Instruction(op)
                for (s, a) in args.enumerated() { x.setOperand(s, a) }
                ins.append(x)
            }
        }
        self.init(inputNames: names, instructions: ins)
        if let out = o["output"] as? Int, out != output {
            throw SearchError.invalid("program: the output must be the last instruction")
        }
        guard isWellFormed else { throw SearchError.invalid("program: not a DAG in topological order with inputs first") }
    }
}

public enum SearchError: Error, CustomStringConvertible {
    case invalid(String)
    case checkpoint(String)
    public var description: String {
        switch self {
        case .invalid(let m): return m
        case .checkpoint(let m): return m
        }
    }
}

extension Program {
    /// The program on one input in the arithmetic of `T`, one rounding per
    /// operation (multiply-add fused only when `fused`), exactly as the
    /// emitted Swift computes it: the scalar reference the complete
    /// functions (`CompleteExp`, `CompleteLog`) are verified with.
    public func evaluate<T: BinaryFloatingPoint>(_ r: T, fused: Bool) -> T {
        withUnsafeTemporaryAllocation(of: T.self, capacity: count) { reg in
            for (i, x) in instructions.enumerated() {
                switch x.op {
                case .input: reg[i] = r
                case .constant: reg[i] = T(x.value)
                case .add: reg[i] = reg[x.a] + reg[x.b]
                case .sub: reg[i] = reg[x.a] - reg[x.b]
                case .mul: reg[i] = reg[x.a] * reg[x.b]
                case .div: reg[i] = reg[x.a] / reg[x.b]
                case .fma: reg[i] = fused ? reg[x.c].addingProduct(reg[x.a], reg[x.b]) : reg[x.a] * reg[x.b] + reg[x.c]
                case .neg: reg[i] = -reg[x.a]
                case .sqrt: reg[i] = reg[x.a].squareRoot()
                }
            }
            return reg[output]
        }
    }
}
