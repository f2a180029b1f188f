import EvoMathReference
import Foundation

/// Turns specs into Swift source for `Sources/EvoMath/Generated/`: one enum
/// per spec conforming to the runtime's kernel protocol, one operation per
/// statement (nested expressions defeat the type checker), `addingProduct`
/// where the recipe assumed a fused multiply-add (Swift never fuses `a*b+c`).
/// Kernels evaluated in binary64 (`ExpKernel64`) get Double constants and
/// tables and their exceptions as a switch on the input's bit pattern.
public enum Emitter {
    /// Emits `specs` (default: every `Generators/*.json` spec of exp or log
    /// in a format) and returns the files written.
    public static func emit(specs: [String]?, generatorsDirectory: String, outputDirectory: String) throws -> [String] {
        var paths = specs ?? []
        if specs == nil {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: generatorsDirectory)) ?? []
            paths = names.filter { ($0.hasPrefix("exp.") || $0.hasPrefix("log.")) && $0.hasSuffix(".json") && !$0.contains(".real.") }.sorted()
                .map { generatorsDirectory + "/" + $0 }
        }
        var sources: [(String, String)] = []
        for p in paths {
            let (name, text) = try source(SpecFile.read(at: p), specPath: p)
            sources.append((outputDirectory + "/" + name, text))
        }
        // Only after every spec was read and checked: no partial output.
        for (path, text) in sources { try writeAtomically(text, to: path) }
        return sources.map(\.0)
    }

    /// The Swift type name of a spec: `exp.binary16.correctlyRounded` → `ExpBinary16CorrectlyRounded`.
    public static func typeName(_ specName: String) -> String {
        specName.split(separator: ".").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The generated file (name, text) for one spec.
    public static func source(specData: Data, specPath: String) throws -> (String, String) {
        try source(SpecReader.decode(SpecFile.self, from: specData, file: specPath), specPath: specPath)
    }

    /// The generated file (name, text) for one spec read from `specPath`.
    public static func source(_ spec: SpecFile, specPath: String) throws -> (String, String) {
        func bad(_ keyPath: String, _ m: String) -> SpecFileError { SpecFileError(file: specPath, keyPath: keyPath, m) }
        let evaluation = spec.evaluation.type
        switch (spec.function, spec.reduction) {
        case ("log", .logSplit(let red)):
            if spec.format == "binary32" && evaluation == .binary64 && red.isBinary64 {
                return try sourceLog64(spec, red, specPath: specPath)
            }
            guard evaluation == .binary32, !red.isBinary64 else {
                throw bad("evaluation.type", "a log kernel is evaluated in binary32 (binary64 for binary32, with the logc64 table)")
            }
            return sourceLog(spec, red, specPath: specPath)
        case ("exp", .expTable(let red)):
            if evaluation == .binary64 {
                guard spec.format == "binary32", !red.isSplit else {
                    throw bad("evaluation.type", "only binary32 with the exp-table reduction is evaluated in binary64")
                }
                return source64(spec, red, specPath: specPath)
            }
            guard evaluation == .binary32 else { throw bad("evaluation.type", "expected binary32 or binary64") }
            return sourceExp(spec, red, specPath: specPath)
        default:
            throw bad("reduction.family", "no emitter for \(spec.function) with the \(spec.reduction.family) reduction")
        }
    }

    /// An exp kernel evaluated in binary32 (`ExpKernel`, or `ExpSplitKernel`
    /// for `exp-table-split`).
    static func sourceExp(_ spec: SpecFile, _ red: ExpTableConstants, specPath: String) -> (String, String) {
        let t = red.tableBits
        let program = spec.program
        let tableValues = red.table.map { literal($0.value) }
        let type = typeName(spec.name)
        let summary = verificationSummary(spec, label: "verification")
        var s = provenanceHeader(spec, specPath: specPath) + """
        //
        // \(spec.function) in \(spec.format), tier \(spec.tier.rawValue): kernel cost \(spec.cost), table of 2^\(t) entries,
        // kernel error \(spec.kernelError) (relative, on the reduced interval);
        // \(summary).

        @usableFromInline
        enum \(type): \(red.isSplit ? "ExpSplitKernel" : "ExpKernel") {
            /// 2^T / ln 2 with T = \(t).
            @inlinable static var tableBits: Int { \(t) }
            @inlinable static var inverseStep: Float { \(literal(red.inverseStep.value)) }
            /// ln2 / 2^T split so that k·stepHigh is exact.
            @inlinable static var stepHigh: Float { \(literal(red.stepHigh.value)) }
            @inlinable static var stepLow: Float { \(literal(red.stepLow.value)) }
            /// The largest input with a finite result, the smallest with a non-zero one.
            @inlinable static var overflowThreshold: Float { \(literal(red.overflowThreshold.value)) }
            @inlinable static var underflowThreshold: Float { \(literal(red.underflowThreshold.value)) }

        """
        if t == 0 {
            s += "    @inlinable static func table(_ i: Int) -> Float { 1 }\n"
        } else if !red.isSplit {
            s += "    /// 2^(i/2^T), correctly rounded to Float.\n"
            s += tableFunction("table", "Float", tableValues)
        }
        if red.isSplit, let low = red.tableLow {
            let pairs = zip(red.table, low).map { (h, l) -> String in
                let bits = UInt64(Float(h.value).bitPattern) << 32 | UInt64(Float(l.value).bitPattern)
                return "0x" + String(bits, radix: 16, uppercase: true).leftPadded(to: 16) + " /* \(literal(h.value)), \(literal(l.value)) */"
            }
            s += "    /// 2^(i/2^T) = high + low: high correctly rounded to Float, low the\n"
            s += "    /// rest rounded to Float, packed as the bit patterns high << 32 | low.\n"
            s += tableFunction("splitTableBits", "UInt64", pairs)
            s += """
                @inlinable @inline(__always)
                static func splitTable(_ i: Int) -> (high: Float, low: Float) {
                    let bits = splitTableBits(i)
                    return (Float(bitPattern: UInt32(truncatingIfNeeded: bits >> 32)), Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
                }
                @inlinable static func table(_ i: Int) -> Float { splitTable(i).high }

            """
        }
        s += "\n    /// \(red.isSplit ? "exp(r) − 1" : "exp(r)") for |r| ≤ ln2/2^\(t + 1): \(program.description)\n"
        s += "    @inlinable @inline(__always)\n    static func kernel(_ r: Float) -> Float {\n"
        s += kernelBody(program, fused: spec.evaluation.fusedMultiplyAdd, indent: "        ")
        s += "    }\n}\n"
        return ("\(type).generated.swift", s)
    }

    static func literal(_ v: Double) -> String { HexFloat.format(Double(Float(v))) }

    /// The spec's `exceptions` (binary32 inputs whose Double result rounds the
    /// wrong way) as (input bits, x, correctly rounded result), sorted.
    static func specExceptions(_ spec: SpecFile) -> [(UInt32, Double, Double)] {
        spec.exceptionList.map { (Float($0.x).bitPattern, $0.x, $0.y) }.sorted { $0.0 < $1.0 }
    }

    /// `exception(_:)`: the exceptions as a switch on the input's bit pattern.
    static func exceptionFunction(_ exceptions: [(UInt32, Double, Double)]) -> String {
        var s = "\n    /// The inputs whose result Float(z) misrounds (binary32 bit pattern → correctly\n"
        s += "    /// rounded result); consulted only when z is within 2^-43 of a rounding boundary.\n"
        s += "    @inlinable\n    static func exception(_ bits: UInt32) -> Float? {\n"
        if exceptions.isEmpty {
            s += "        nil\n    }\n"
        } else {
            s += "        switch bits {\n"
            for (b, x, y) in exceptions {
                s += "        case 0x\(String(b, radix: 16, uppercase: true).leftPadded(to: 8)): return \(literal(y))  // x = \(literal(x))\n"
            }
            s += "        default: return nil\n        }\n    }\n"
        }
        return s
    }

    /// A log kernel (`LogKernel`, reduction `log-split`): the split ln 2, the
    /// table of (invc, logcHigh, logcLow) entries, and log1p(r).
    static func sourceLog(_ spec: SpecFile, _ red: LogSplitConstants, specPath: String) -> (String, String) {
        let t = red.tableBits
        let program = spec.program
        let type = typeName(spec.name)
        let summary = verificationSummary(spec, label: "verification")
        var s = provenanceHeader(spec, specPath: specPath) + """
        //
        // log in \(spec.format), tier \(spec.tier.rawValue): kernel cost \(spec.cost), table of 2^\(t) entries,
        // kernel error \(spec.kernelError) (relative, log1p(r) on the reduced interval);
        // \(summary).

        @usableFromInline
        enum \(type): LogKernel {
            /// Table bits T: the index is the top T significand bits of bits(x) − bits(√½).
            @inlinable static var tableBits: Int { \(t) }
            /// ln 2 split so that e·ln2High is exact for |e| < 2^8.
            @inlinable static var ln2High: Float { \(literal(red.ln2High.value)) }
            @inlinable static var ln2Low: Float { \(literal(red.ln2Low.value)) }

        """
        if t == 0 {
            s += "    @inlinable static func table(_ i: Int) -> (invc: Float, logcHigh: Float, logcLow: Float) { (1, 0, 0) }\n"
        } else {
            // One switch returning the three entries: LLVM turns it into three
            // lookup tables indexed alike; separate switches on the same index
            // got threaded into branches on some cases (unpredictable).
            let high = red.logcHigh ?? [], low = red.logcLow ?? []
            let entries = (0..<(1 << t)).map { k -> String in
                "(\(literal(red.invc[k].value)), \(literal(high[k].value)), \(literal(low[k].value)))"
            }
            s += "    /// invc ≈ 1/c (12 significand bits, so m·invc is exact); −log(invc) =\n"
            s += "    /// logcHigh (a multiple of 2^-16) + logcLow (the rest, rounded to Float).\n"
            s += tableFunction("table", "(invc: Float, logcHigh: Float, logcLow: Float)", entries)
        }
        s += "\n    /// log1p(r) for r in [\(HexFloat.format(red.interval[0].value)), \(HexFloat.format(red.interval[1].value))]: \(program.description)\n"
        s += "    @inlinable @inline(__always)\n    static func kernel(_ r: Float) -> Float {\n"
        s += kernelBody(program, fused: spec.evaluation.fusedMultiplyAdd, indent: "        ")
        s += "    }\n}\n"
        return ("\(type).generated.swift", s)
    }

    /// A binary32 log evaluated in binary64 (`LogKernel64`): Double ln 2
    /// split, table of (invc, logc) in Double, kernel in Double, and the
    /// spec's exceptions as a switch on the input's bit pattern.
    static func sourceLog64(_ spec: SpecFile, _ red: LogSplitConstants, specPath: String) throws -> (String, String) {
        let t = red.tableBits
        guard t > 0, let logc = red.logc64, let ln2High = red.ln2High64, let ln2Low = red.ln2Low64 else {
            throw SpecFileError(file: specPath, keyPath: "reduction.tableBits", "expected a table (tableBits > 0) of invc and logc64")
        }
        let program = spec.program
        let exceptions = specExceptions(spec)
        let entries = (0..<(1 << t)).map { k -> String in
            "(\(HexFloat.format(red.invc[k].value)), \(HexFloat.format(logc[k].value)))"
        }
        let type = typeName(spec.name)
        let summary = verificationSummary(spec, label: "verification (with the exceptions)")
        var s = provenanceHeader(spec, specPath: specPath) + """
        //
        // log in binary32, tier \(spec.tier.rawValue), evaluated in binary64: kernel cost \(spec.cost),
        // table of 2^\(t) entries, kernel error \(spec.kernelError) (relative, log1p(r) on the reduced interval);
        // \(exceptions.count) exceptions; \(summary).

        @usableFromInline
        enum \(type): LogKernel64 {
            /// Table bits T: the index is the top T significand bits of bits(x) − bits(√½).
            @inlinable static var tableBits: Int { \(t) }
            /// ln 2 split so that e·ln2High is exact for |e| < 2^11.
            @inlinable static var ln2High: Double { \(HexFloat.format(ln2High.value)) }
            @inlinable static var ln2Low: Double { \(HexFloat.format(ln2Low.value)) }
            /// invc ≈ 1/c (12 significand bits, so m·invc is exact in Double) and
            /// logc = −log(invc) rounded to Double.

        """
        s += tableFunction("table", "(invc: Double, logc: Double)", entries)
        s += exceptionFunction(exceptions)
        s += "\n    /// log1p(r) for r in [\(HexFloat.format(red.interval[0].value)), \(HexFloat.format(red.interval[1].value))], in Double: \(program.description)\n"
        s += "    @inlinable @inline(__always)\n    static func kernel(_ r: Double) -> Double {\n"
        s += kernelBody(program, fused: spec.evaluation.fusedMultiplyAdd, indent: "        ", type: "Double")
        s += "    }\n}\n"
        return ("\(type).generated.swift", s)
    }

    /// A binary32 exp evaluated in binary64 (`ExpKernel64`): Double constants,
    /// table and kernel, and the exceptions of the spec as a switch on the
    /// input's bit pattern.
    static func source64(_ spec: SpecFile, _ red: ExpTableConstants, specPath: String) -> (String, String) {
        let t = red.tableBits
        let program = spec.program
        let tableValues = red.table.map { e -> String in
            "0x" + String(e.value.bitPattern, radix: 16, uppercase: true).leftPadded(to: 16) + " /* \(HexFloat.format(e.value)) */"
        }
        let exceptions = specExceptions(spec)
        let type = typeName(spec.name)
        let summary = verificationSummary(spec, label: "verification (with the exceptions)")
        var s = provenanceHeader(spec, specPath: specPath) + """
        //
        // exp in binary32, tier \(spec.tier.rawValue), evaluated in binary64: kernel cost \(spec.cost),
        // table of 2^\(t) entries, kernel error \(spec.kernelError) (relative, on the reduced interval);
        // \(exceptions.count) exceptions; \(summary).

        @usableFromInline
        enum \(type): ExpKernel64 {
            /// 2^T / ln 2 with T = \(t).
            @inlinable static var tableBits: Int { \(t) }
            @inlinable static var inverseStep: Double { \(HexFloat.format(red.inverseStep.value)) }
            /// ln2 / 2^T split so that k·stepHigh is exact.
            @inlinable static var stepHigh: Double { \(HexFloat.format(red.stepHigh.value)) }
            @inlinable static var stepLow: Double { \(HexFloat.format(red.stepLow.value)) }
            /// The largest input with a finite result, the smallest with a non-zero one.
            @inlinable static var overflowThreshold: Float { \(literal(red.overflowThreshold.value)) }
            @inlinable static var underflowThreshold: Float { \(literal(red.underflowThreshold.value)) }

        """
        if t == 0 {
            s += "    @inlinable static func table(_ i: Int) -> Double { 1 }\n"
        } else {
            // As bit patterns, in switches of at most 64 cases combined by a
            // branch-free select: one 128-case switch was lowered as two
            // lookup tables behind a branch on bit 6 of the index, which is
            // unpredictable for random inputs (3× slower on large arrays).
            s += "    /// 2^(i/2^T), correctly rounded to Double, as bit patterns.\n"
            let chunk = 64
            if tableValues.count <= chunk {
                s += tableFunction("tableEntryBits", "UInt64", tableValues)
            } else {
                let parts = tableValues.count / chunk
                for c in 0..<parts {
                    s += tableFunction("tableEntryBits\(c)", "UInt64", Array(tableValues[(c * chunk)..<((c + 1) * chunk)]))
                }
                s += "    @inlinable @inline(__always)\n    static func tableEntryBits(_ i: Int) -> UInt64 {\n"
                s += "        let part = (i >> 6) & \(parts - 1)\n"
                s += (0..<parts).map { c in
                    "        let m\(c) = 0 &- UInt64(truncatingIfNeeded: (part ^ \(c)) == 0 ? 1 : 0)\n"
                }.joined()
                s += "        return " + (0..<parts).map { "(tableEntryBits\($0)(i) & m\($0))" }.joined(separator: " | ") + "\n    }\n"
            }
            s += "    @inlinable @inline(__always)\n"
            s += "    static func table(_ i: Int) -> Double { Double(bitPattern: tableEntryBits(i)) }\n"

        }
        s += exceptionFunction(exceptions)
        s += "\n    /// exp(r) for |r| ≤ ln2/2^\(t + 1), in Double: \(program.description)\n"
        s += "    @inlinable @inline(__always)\n    static func kernel(_ r: Double) -> Double {\n"
        s += kernelBody(program, fused: spec.evaluation.fusedMultiplyAdd, indent: "        ", type: "Double")
        s += "    }\n}\n"
        return ("\(type).generated.swift", s)
    }

    /// One `let` per instruction.
    public static func kernelBody(_ p: Program, fused: Bool, indent: String, type: String = "Float") -> String {
        var s = ""
        func name(_ i: Int) -> String { p.instructions[i].op == .input ? p.inputNames[Int(p.instructions[i].value)] : "v\(i)" }
        for (i, x) in p.instructions.enumerated() {
            let v = name(i)
            switch x.op {
            case .input: continue
            case .constant: s += "\(indent)let \(v): \(type) = \(type == "Float" ? literal(x.value) : HexFloat.format(x.value))\n"
            case .add: s += "\(indent)let \(v) = \(name(x.a)) + \(name(x.b))\n"
            case .sub: s += "\(indent)let \(v) = \(name(x.a)) - \(name(x.b))\n"
            case .mul: s += "\(indent)let \(v) = \(name(x.a)) * \(name(x.b))\n"
            case .div: s += "\(indent)let \(v) = \(name(x.a)) / \(name(x.b))\n"
            case .neg: s += "\(indent)let \(v) = -\(name(x.a))\n"
            case .sqrt: s += "\(indent)let \(v) = \(name(x.a)).squareRoot()\n"
            case .fma:
                if fused {
                    s += "\(indent)let \(v) = \(name(x.c)).addingProduct(\(name(x.a)), \(name(x.b)))\n"
                } else {
                    s += "\(indent)let \(v)p = \(name(x.a)) * \(name(x.b))\n"
                    s += "\(indent)let \(v) = \(v)p + \(name(x.c))\n"
                }
            }
        }
        s += "\(indent)return \(name(p.output))\n"
        return s
    }
}

/// A table as a `switch` over the masked index: LLVM turns it into a constant
/// lookup table, with no lazy global initialisation, no bounds check and no
/// call across modules (a `static let` array costs all three per element, and
/// an `InlineArray` local is rebuilt on the stack at every call).
func tableFunction(_ name: String, _ type: String, _ values: [String]) -> String {
    var s = "    @inlinable @inline(__always)\n    static func \(name)(_ i: Int) -> \(type) {\n"
    s += "        switch i & \(values.count - 1) {\n"
    for (i, v) in values.enumerated() {
        s += i == values.count - 1 ? "        default: return \(v)\n" : "        case \(i): return \(v)\n"
    }
    s += "        }\n    }\n"
    return s
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// The first lines of every generated file: `DO NOT EDIT`, the spec it came
/// from, the command that regenerates it and the search that found it.
func provenanceHeader(_ spec: SpecFile, specPath: String) -> String {
    let specFile = URL(fileURLWithPath: specPath).lastPathComponent
    return """
    // DO NOT EDIT: generated by `evomath emit` from Generators/\(specFile).
    // Regenerate: swift run evomath emit Generators/\(specFile)
    // Found by: \(spec.search.command)

    """
}

/// The spec's verification in one line: method, inputs, max ULP and where,
/// misrounded count.
func verificationSummary(_ spec: SpecFile, label: String) -> String {
    let ver = spec.verification
    var summary = "\(label): \(ver.method), \(ver.inputs) inputs"
    if let m = ver.maxULP { summary += ", max \(m == m.rounded() && abs(m) < 1e15 ? String(Int(m)) : "\(m)") ULP" }
    if let w = ver.worst { summary += " at x = \(w.x)" }
    if let m = ver.misrounded { summary += ", \(m) misrounded" }
    return summary
}
