
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

    /// The operation's latency in units of one add or multiply (about 4
    /// cycles on current x86 cores), for `Program.criticalPath`: fma counts
    /// 2 (a multiply then an add without the instruction; with it, a
    /// little more than one), div and sqrt 4 (13 to 20 cycles).
    public var latencySteps: Int {
        switch self {
        case .input, .constant: return 0
        case .add, .sub, .mul, .neg: return 1
        case .fma: return 2
        case .div, .sqrt: return 4
        }
    }
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
    public func sameAs(_ o: Instruction) -> Bool {
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

    /// The cost: the weighted count of operations that depend on an input,
    /// plus, when the weights ask for it (`latency` > 0), `latency` times the
    /// program's critical path (`criticalPath`). (Constant subexpressions
    /// fold away; `canonicalized` folds them.)
    public func cost(_ weights: CostModel) -> Double {
        let dep = inputDependence()
        let live = liveness()
        var total = 0.0
        for (i, ins) in instructions.enumerated() where ins.op.isArithmetic && dep[i] && live[i] {
            total += weights.weight(ins.op)
        }
        if weights.latency > 0 { total += weights.latency * Double(criticalPath(dependence: dep)) }
        return total
    }

    /// The length of the longest chain of dependent operations from an input
    /// to the output, each operation counted by `Operation.latencySteps`
    /// (operations on constants only fold away and count nothing): the
    /// latency of one evaluation on an out-of-order CPU, in units of one
    /// add or multiply (Horner's scheme of degree d: 2d; Estrin's: about
    /// 2·⌈log2(d + 1)⌉ + 1).
    public func criticalPath() -> Int { criticalPath(dependence: inputDependence()) }

    func criticalPath(dependence dep: [Bool]) -> Int {
        guard count > 0 else { return 0 }
        var depth = [Int](repeating: 0, count: count)
        for (i, ins) in instructions.enumerated() where ins.op.isArithmetic && dep[i] {
            depth[i] = ins.op.latencySteps + (ins.operands.map { depth[$0] }.max() ?? 0)
        }
        return depth[output]
    }

    /// Indexes of the constant instructions (the learnable parameters).
    public var constantIndexes: [Int] { instructions.indices.filter { instructions[$0].op == .constant } }

    public var constants: [Double] {
        get { constantIndexes.map { instructions[$0].value } }
        set {
            for (k, i) in constantIndexes.enumerated() { instructions[i].value = newValue[k] }
        }
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
    enum CodingKeys: String, CodingKey, CaseIterable { case add, sub, mul, div, fma, neg, sqrt, tableLoad, vectorTableLoad, latency }
    public var add: Double = 1
    public var sub: Double = 1
    public var mul: Double = 1
    public var div: Double = 1
    public var fma: Double = 2
    public var neg: Double = 1
    public var sqrt: Double = 4
    /// Cost of one table load (range reductions with a table), whatever the
    /// table's size: the scalar price.
    public var tableLoad: Double = 0
    /// Opt-in vector price of the table load (`"vectorTableLoad"`), which
    /// replaces `tableLoad` when present: nil prices as `tableLoad`.
    public var vectorTableLoad: VectorTableLoad? = nil
    /// Opt-in weight of the program's critical path (`"latency"`,
    /// `Program.criticalPath`), added to the operation count so that a
    /// search can prefer short dependent chains (what a scalar call's time
    /// follows); 0, the default, leaves the cost the plain weighted count.
    public var latency: Double = 0

    public init() {}

    /// Unknown operations are refused; a weight is a number ≥ 0.
    public init(from decoder: Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        for key in CodingKeys.allCases where key != .vectorTableLoad && c.contains(key) {
            let w = try c.decode(Double.self, forKey: key)
            guard w >= 0, w.isFinite else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "expected a finite weight ≥ 0")
            }
        }
        add = try c.decodeIfPresent(Double.self, forKey: .add) ?? 1
        sub = try c.decodeIfPresent(Double.self, forKey: .sub) ?? 1
        mul = try c.decodeIfPresent(Double.self, forKey: .mul) ?? 1
        div = try c.decodeIfPresent(Double.self, forKey: .div) ?? 1
        fma = try c.decodeIfPresent(Double.self, forKey: .fma) ?? 2
        neg = try c.decodeIfPresent(Double.self, forKey: .neg) ?? 1
        sqrt = try c.decodeIfPresent(Double.self, forKey: .sqrt) ?? 4
        tableLoad = try c.decodeIfPresent(Double.self, forKey: .tableLoad) ?? 0
        vectorTableLoad = try c.decodeIfPresent(VectorTableLoad.self, forKey: .vectorTableLoad)
        latency = try c.decodeIfPresent(Double.self, forKey: .latency) ?? 0
    }

    /// The price of the reduction's table load for a table of 2^`tableBits`
    /// entries (0: no table, no load): `tableLoad`, or with
    /// `vectorTableLoad` the small-table or the large-table price by its size.
    public func tableLoadCost(tableBits: Int) -> Double {
        guard tableBits > 0 else { return 0 }
        guard let v = vectorTableLoad else { return tableLoad }
        return tableBits <= v.smallTableBits ? v.small : v.large
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

/// What a table load costs in a vector loop, where every lane loads its own
/// entry (`VectorSupport.gather`): a table of at most 2^`smallTableBits`
/// entries (a few cache lines) is priced `small`, a larger one `large`. The
/// weights are in the units of the arithmetic weights and include the
/// reconstruction's product with the entry; Tables/vector-table-load.md
/// measures them (Benchmarks/Sources/table-load).
public struct VectorTableLoad: Codable, Equatable, Sendable {
    enum CodingKeys: String, CodingKey, CaseIterable { case smallTableBits, small, large }
    /// The largest table (in index bits) priced `small`.
    public var smallTableBits: Int
    public var small: Double
    public var large: Double

    public init(smallTableBits: Int, small: Double, large: Double) {
        self.smallTableBits = smallTableBits
        self.small = small
        self.large = large
    }

    /// Every key is required; unknown keys are refused; weights are finite
    /// and ≥ 0; `smallTableBits` is in 0...16.
    public init(from decoder: Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        smallTableBits = try c.decode(Int.self, forKey: .smallTableBits)
        guard (0...16).contains(smallTableBits) else {
            throw DecodingError.dataCorruptedError(forKey: .smallTableBits, in: c,
                                                   debugDescription: "expected an integer in 0...16")
        }
        small = try c.decode(Double.self, forKey: .small)
        large = try c.decode(Double.self, forKey: .large)
        for (key, w) in [(CodingKeys.small, small), (.large, large)] where !(w >= 0 && w.isFinite) {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "expected a finite weight ≥ 0")
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

}

extension Program: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable { case inputs, instructions, output }
    enum InstructionKeys: String, CodingKey, CaseIterable { case op, name, value, args }

    /// Reads the JSON form strictly: unknown keys, unknown operations, operands
    /// that do not point backwards and an output other than the last
    /// instruction are refused, with the key path of the fault.
    public init(from decoder: Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let names = try c.decode([String].self, forKey: .inputs)
        guard !names.isEmpty, Set(names).count == names.count, names.allSatisfy({ !$0.isEmpty }) else {
            throw DecodingError.dataCorruptedError(forKey: .inputs, in: c,
                                                   debugDescription: "expected at least one input, named uniquely")
        }
        var list = try c.nestedUnkeyedContainer(forKey: .instructions)
        var ins: [Instruction] = []
        while !list.isAtEnd {
            let i = ins.count
            let item = try list.superDecoder()
            try item.refuseUnknownKeys(InstructionKeys.self)
            let d = try item.container(keyedBy: InstructionKeys.self)
            let op = try d.decodeChoice(Operation.self, forKey: .op)
            func refuse(_ key: InstructionKeys, _ what: String) throws {
                if d.contains(key) { throw DecodingError.dataCorruptedError(forKey: key, in: d, debugDescription: what) }
            }
            switch op {
            case .input:
                let n = try d.decode(String.self, forKey: .name)
                guard i < names.count, names[i] == n else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .name, in: d, debugDescription: "expected the inputs first, in order (\(names.joined(separator: ", ")))")
                }
                try refuse(.value, "an input has no value"); try refuse(.args, "an input has no args")
                ins.append(.input(i))
            case .constant:
                let value = try d.decode(HexNumber.self, forKey: .value).value
                guard value.isFinite else {
                    throw DecodingError.dataCorruptedError(forKey: .value, in: d, debugDescription: "expected a finite constant, found \(value)")
                }
                ins.append(.constant(value))
                try refuse(.name, "a constant has no name"); try refuse(.args, "a constant has no args")
            default:
                let args = try d.decode([Int].self, forKey: .args)
                guard args.count == op.arity, args.allSatisfy({ (0..<i).contains($0) }) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .args, in: d,
                        debugDescription: "expected \(op.arity) indexes of earlier instructions (0..<\(i)) for \(op.rawValue)")
                }
                try refuse(.name, "an operation has no name"); try refuse(.value, "an operation has no value")
                var x = Instruction(op)
                for (s, a) in args.enumerated() { x.setOperand(s, a) }
                ins.append(x)
            }
        }
        guard ins.count >= names.count else {
            throw DecodingError.dataCorruptedError(forKey: .instructions, in: c,
                                                   debugDescription: "expected an instruction for each input, then the operations")
        }
        self.init(inputNames: names, instructions: ins)
        let out = try c.decode(Int.self, forKey: .output)
        guard out == output else {
            throw DecodingError.dataCorruptedError(forKey: .output, in: c,
                                                   debugDescription: "expected \(output), the index of the last instruction")
        }
        guard isWellFormed else {
            throw DecodingError.dataCorruptedError(forKey: .instructions, in: c,
                                                   debugDescription: "expected a DAG in topological order with the inputs first")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(inputNames, forKey: .inputs)
        var list = c.nestedUnkeyedContainer(forKey: .instructions)
        for x in instructions {
            var d = list.nestedContainer(keyedBy: InstructionKeys.self)
            try d.encode(x.op.rawValue, forKey: .op)
            switch x.op {
            case .input: try d.encode(inputNames[Int(x.value)], forKey: .name)
            case .constant: try d.encode(HexFloat.format(x.value), forKey: .value)
            default: try d.encode(x.operands, forKey: .args)
            }
        }
        try c.encode(output, forKey: .output)
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
