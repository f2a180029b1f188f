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
            guard let data = FileManager.default.contents(atPath: p) else { throw SearchError.invalid("cannot read spec \(p)") }
            let (name, text) = try sourceWithVectorKernels(specData: data, specPath: p)
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
        let any = try JSON.parse(specData, what: "spec \(specPath)")
        func bad(_ m: String) -> SearchError { .invalid("spec \(specPath): \(m)") }
        guard let o = any as? [String: Any], let name = o["name"] as? String, let function = o["function"] as? String,
              let format = o["format"] as? String, let tier = o["tier"] as? String,
              let programObject = o["program"], let red = o["reduction"] as? [String: Any],
              let ev = o["evaluation"] as? [String: Any] else { throw bad("missing name/function/format/tier/program/reduction/evaluation") }
        let family = red["family"] as? String ?? ""
        if function == "log" {
            if family == "log-split" && format == "binary32" && ev["type"] as? String == "binary64" {
                return try sourceLog64(o, name: name, red: red, program: try Program(jsonObject: programObject),
                                       fused: ev["fusedMultiplyAdd"] as? Bool ?? false, specPath: specPath)
            }
            guard family == "log-split", ev["type"] as? String == "binary32" else {
                throw bad("a log kernel has the log-split reduction and is evaluated in binary32 (binary64 for binary32)")
            }
            return try sourceLog(o, name: name, red: red, program: try Program(jsonObject: programObject),
                                 fused: ev["fusedMultiplyAdd"] as? Bool ?? false, specPath: specPath)
        }
        guard function == "exp", ["exp-table", "exp-table-split"].contains(family) else { throw bad("only exp with an exp-table reduction has an emitter") }
        let binary64 = ev["type"] as? String == "binary64"
        guard ev["type"] as? String == "binary32" || (binary64 && format == "binary32" && family == "exp-table") else {
            throw bad("only kernels evaluated in binary32 (or binary64 for binary32 with an exp-table reduction) can be emitted")
        }
        let fused = ev["fusedMultiplyAdd"] as? Bool ?? false
        let program = try Program(jsonObject: programObject)
        if binary64 { return try source64(o, name: name, red: red, program: program, fused: fused, specPath: specPath) }
        func hex(_ key: String) throws -> String {
            guard let s = red[key] as? String, let v = HexFloat.parse(Substring(s)) else { throw bad("reduction.\(key) missing") }
            return literal(v)
        }
        guard let t = red["tableBits"] as? Int, let table = red["table"] as? [String], table.count == 1 << t else {
            throw bad("reduction.tableBits/table missing or inconsistent")
        }
        let tableValues = try table.map { s -> String in
            guard let v = HexFloat.parse(Substring(s)) else { throw bad("bad table entry \(s)") }
            return literal(v)
        }
        let type = typeName(name)
        let summary = verificationSummary(o, label: "verification")
        var s = provenanceHeader(o, specPath: specPath) + """
        //
        // \(function) in \(format), tier \(tier): kernel cost \(o["cost"] as? Double ?? 0), table of 2^\(t) entries,
        // kernel error \(o["kernelError"] as? String ?? "?") (relative, on the reduced interval);
        // \(summary).

        @usableFromInline
        enum \(type): \(family == "exp-table-split" ? "ExpSplitKernel" : "ExpKernel") {
            /// 2^T / ln 2 with T = \(t).
            @inlinable static var tableBits: Int { \(t) }
            @inlinable static var inverseStep: Float { \(try hex("inverseStep")) }
            /// ln2 / 2^T split so that k·stepHigh is exact.
            @inlinable static var stepHigh: Float { \(try hex("stepHigh")) }
            @inlinable static var stepLow: Float { \(try hex("stepLow")) }
            /// The largest input with a finite result, the smallest with a non-zero one.
            @inlinable static var overflowThreshold: Float { \(try hex("overflowThreshold")) }
            @inlinable static var underflowThreshold: Float { \(try hex("underflowThreshold")) }

        """
        if t == 0 {
            s += "    @inlinable static func table(_ i: Int) -> Float { 1 }\n"
        } else if family != "exp-table-split" {
            s += "    /// 2^(i/2^T), correctly rounded to Float.\n"
            s += tableFunction("table", "Float", tableValues)
        }
        if family == "exp-table-split" {
            guard let low = red["tableLow"] as? [String], low.count == 1 << t else { throw bad("reduction.tableLow missing") }
            let pairs = try zip(table, low).map { (h, l) -> String in
                guard let hv = HexFloat.parse(Substring(h)), let lv = HexFloat.parse(Substring(l)) else {
                    throw bad("bad table entry \(h) / \(l)")
                }
                let bits = UInt64(Float(hv).bitPattern) << 32 | UInt64(Float(lv).bitPattern)
                return "0x" + String(bits, radix: 16, uppercase: true).leftPadded(to: 16) + " /* \(literal(hv)), \(literal(lv)) */"
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
        s += "\n    /// \(family == "exp-table-split" ? "exp(r) − 1" : "exp(r)") for |r| ≤ ln2/2^\(t + 1): \(program.description)\n"
        s += "    @inlinable @inline(__always)\n    static func kernel(_ r: Float) -> Float {\n"
        s += kernelBody(program, fused: fused, indent: "        ")
        s += "    }\n}\n"
        return ("\(type).generated.swift", s)
    }

    static func literal(_ v: Double) -> String { HexFloat.format(Double(Float(v))) }

    /// The spec's `exceptions` (binary32 inputs whose Double result rounds the
    /// wrong way) as (input bits, x, correctly rounded result), sorted.
    static func specExceptions(_ spec: [String: Any], _ bad: (String) -> SearchError) throws -> [(UInt32, Double, Double)] {
        let ex = spec["exceptions"] as? [String: Any] ?? [:]
        let list = ex["inputs"] as? [[String: Any]] ?? []
        guard (ex["count"] as? Int ?? 0) == list.count else { throw bad("exceptions.count differs from the list") }
        return try list.map { e -> (UInt32, Double, Double) in
            guard let x = (e["x"] as? String).flatMap({ HexFloat.parse(Substring($0)) }),
                  let y = (e["y"] as? String).flatMap({ HexFloat.parse(Substring($0)) }) else { throw bad("bad exception entry") }
            return (Float(x).bitPattern, x, y)
        }.sorted { $0.0 < $1.0 }
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
    static func sourceLog(_ o: [String: Any], name: String, red: [String: Any], program: Program, fused: Bool,
                          specPath: String) throws -> (String, String) {
        func bad(_ m: String) -> SearchError { .invalid("spec \(specPath): \(m)") }
        func value(_ key: String) throws -> Double {
            guard let s = red[key] as? String, let v = HexFloat.parse(Substring(s)) else { throw bad("reduction.\(key) missing") }
            return v
        }
        guard let t = red["tableBits"] as? Int, let invc = red["invc"] as? [String], let logc = red["logcHigh"] as? [String],
              let logcLow = red["logcLow"] as? [String], invc.count == 1 << t, logc.count == 1 << t, logcLow.count == 1 << t else {
            throw bad("reduction.tableBits/invc/logcHigh/logcLow missing or inconsistent")
        }
        let interval = (red["interval"] as? [String] ?? []).compactMap { HexFloat.parse(Substring($0)) }
        guard interval.count == 2 else { throw bad("reduction.interval missing") }
        let type = typeName(name)
        let summary = verificationSummary(o, label: "verification")
        var s = provenanceHeader(o, specPath: specPath) + """
        //
        // log in \(o["format"] as? String ?? "?"), tier \(o["tier"] as? String ?? "?"): kernel cost \(o["cost"] as? Double ?? 0), table of 2^\(t) entries,
        // kernel error \(o["kernelError"] as? String ?? "?") (relative, log1p(r) on the reduced interval);
        // \(summary).

        @usableFromInline
        enum \(type): LogKernel {
            /// Table bits T: the index is the top T significand bits of bits(x) − bits(√½).
            @inlinable static var tableBits: Int { \(t) }
            /// ln 2 split so that e·ln2High is exact for |e| < 2^8.
            @inlinable static var ln2High: Float { \(literal(try value("ln2High"))) }
            @inlinable static var ln2Low: Float { \(literal(try value("ln2Low"))) }

        """
        if t == 0 {
            s += "    @inlinable static func table(_ i: Int) -> (invc: Float, logcHigh: Float, logcLow: Float) { (1, 0, 0) }\n"
        } else {
            // One switch returning the three entries: LLVM turns it into three
            // lookup tables indexed alike; separate switches on the same index
            // got threaded into branches on some cases (unpredictable).
            let entries = try (0..<(1 << t)).map { k -> String in
                guard let a = HexFloat.parse(Substring(invc[k])), let b = HexFloat.parse(Substring(logc[k])),
                      let c = HexFloat.parse(Substring(logcLow[k])) else {
                    throw bad("bad table entry \(k)")
                }
                return "(\(literal(a)), \(literal(b)), \(literal(c)))"
            }
            s += "    /// invc ≈ 1/c (12 significand bits, so m·invc is exact); −log(invc) =\n"
            s += "    /// logcHigh (a multiple of 2^-16) + logcLow (the rest, rounded to Float).\n"
            s += tableFunction("table", "(invc: Float, logcHigh: Float, logcLow: Float)", entries)
        }
        s += "\n    /// log1p(r) for r in [\(HexFloat.format(interval[0])), \(HexFloat.format(interval[1]))]: \(program.description)\n"
        s += "    @inlinable @inline(__always)\n    static func kernel(_ r: Float) -> Float {\n"
        s += kernelBody(program, fused: fused, indent: "        ")
        s += "    }\n}\n"
        return ("\(type).generated.swift", s)
    }

    /// A binary32 log evaluated in binary64 (`LogKernel64`): Double ln 2
    /// split, table of (invc, logc) in Double, kernel in Double, and the
    /// spec's exceptions as a switch on the input's bit pattern.
    static func sourceLog64(_ o: [String: Any], name: String, red: [String: Any], program: Program, fused: Bool,
                            specPath: String) throws -> (String, String) {
        func bad(_ m: String) -> SearchError { .invalid("spec \(specPath): \(m)") }
        func value(_ key: String) throws -> Double {
            guard let s = red[key] as? String, let v = HexFloat.parse(Substring(s)) else { throw bad("reduction.\(key) missing") }
            return v
        }
        guard let t = red["tableBits"] as? Int, t > 0, let invc = red["invc"] as? [String], let logc = red["logc64"] as? [String],
              invc.count == 1 << t, logc.count == 1 << t else {
            throw bad("reduction.tableBits/invc/logc64 missing or inconsistent")
        }
        let interval = (red["interval"] as? [String] ?? []).compactMap { HexFloat.parse(Substring($0)) }
        guard interval.count == 2 else { throw bad("reduction.interval missing") }
        let exceptions = try specExceptions(o, bad)
        let entries = try (0..<(1 << t)).map { k -> String in
            guard let a = HexFloat.parse(Substring(invc[k])), let b = HexFloat.parse(Substring(logc[k])) else {
                throw bad("bad table entry \(k)")
            }
            return "(\(HexFloat.format(a)), \(HexFloat.format(b)))"
        }
        let type = typeName(name)
        let summary = verificationSummary(o, label: "verification (with the exceptions)")
        var s = provenanceHeader(o, specPath: specPath) + """
        //
        // log in binary32, tier \(o["tier"] as? String ?? "?"), evaluated in binary64: kernel cost \(o["cost"] as? Double ?? 0),
        // table of 2^\(t) entries, kernel error \(o["kernelError"] as? String ?? "?") (relative, log1p(r) on the reduced interval);
        // \(exceptions.count) exceptions; \(summary).

        @usableFromInline
        enum \(type): LogKernel64 {
            /// Table bits T: the index is the top T significand bits of bits(x) − bits(√½).
            @inlinable static var tableBits: Int { \(t) }
            /// ln 2 split so that e·ln2High is exact for |e| < 2^11.
            @inlinable static var ln2High: Double { \(HexFloat.format(try value("ln2High64"))) }
            @inlinable static var ln2Low: Double { \(HexFloat.format(try value("ln2Low64"))) }
            /// invc ≈ 1/c (12 significand bits, so m·invc is exact in Double) and
            /// logc = −log(invc) rounded to Double.

        """
        s += tableFunction("table", "(invc: Double, logc: Double)", entries)
        s += exceptionFunction(exceptions)
        s += "\n    /// log1p(r) for r in [\(HexFloat.format(interval[0])), \(HexFloat.format(interval[1]))], in Double: \(program.description)\n"
        s += "    @inlinable @inline(__always)\n    static func kernel(_ r: Double) -> Double {\n"
        s += kernelBody(program, fused: fused, indent: "        ", type: "Double")
        s += "    }\n}\n"
        return ("\(type).generated.swift", s)
    }

    /// A binary32 exp evaluated in binary64 (`ExpKernel64`): Double constants,
    /// table and kernel, and the exceptions of the spec as a switch on the
    /// input's bit pattern.
    static func source64(_ o: [String: Any], name: String, red: [String: Any], program: Program, fused: Bool,
                         specPath: String) throws -> (String, String) {
        func bad(_ m: String) -> SearchError { .invalid("spec \(specPath): \(m)") }
        func value(_ key: String) throws -> Double {
            guard let s = red[key] as? String, let v = HexFloat.parse(Substring(s)) else { throw bad("reduction.\(key) missing") }
            return v
        }
        guard let t = red["tableBits"] as? Int, let table = red["table"] as? [String], table.count == 1 << t else {
            throw bad("reduction.tableBits/table missing or inconsistent")
        }
        let tableValues = try table.map { s -> String in
            guard let v = HexFloat.parse(Substring(s)) else { throw bad("bad table entry \(s)") }
            return "0x" + String(v.bitPattern, radix: 16, uppercase: true).leftPadded(to: 16) + " /* \(HexFloat.format(v)) */"
        }
        let exceptions = try specExceptions(o, bad)
        let type = typeName(name)
        let summary = verificationSummary(o, label: "verification (with the exceptions)")
        var s = provenanceHeader(o, specPath: specPath) + """
        //
        // exp in binary32, tier \(o["tier"] as? String ?? "?"), evaluated in binary64: kernel cost \(o["cost"] as? Double ?? 0),
        // table of 2^\(t) entries, kernel error \(o["kernelError"] as? String ?? "?") (relative, on the reduced interval);
        // \(exceptions.count) exceptions; \(summary).

        @usableFromInline
        enum \(type): ExpKernel64 {
            /// 2^T / ln 2 with T = \(t).
            @inlinable static var tableBits: Int { \(t) }
            @inlinable static var inverseStep: Double { \(HexFloat.format(try value("inverseStep"))) }
            /// ln2 / 2^T split so that k·stepHigh is exact.
            @inlinable static var stepHigh: Double { \(HexFloat.format(try value("stepHigh"))) }
            @inlinable static var stepLow: Double { \(HexFloat.format(try value("stepLow"))) }
            /// The largest input with a finite result, the smallest with a non-zero one.
            @inlinable static var overflowThreshold: Float { \(literal(try value("overflowThreshold"))) }
            @inlinable static var underflowThreshold: Float { \(literal(try value("underflowThreshold"))) }

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
        s += kernelBody(program, fused: fused, indent: "        ", type: "Double")
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

/// The interpreter's throughput, for the report.
public enum InterpreterBenchmark {
    /// Program-sample evaluations per second of a degree-6 Horner program
    /// (12 operations) in each arithmetic, one core.
    public static func run(recipe: Recipe) -> String {
        let coefficients = (0...6).map { 1 / Double((1...max(1, $0)).reduce(1, *)) }
        var lines: [String] = []
        for fused in [false, true] {
            let p = Remez.horner(coefficients, fused: fused)
            let n = 4096
            let ops = p.instructions.filter { $0.op.isArithmetic }.count
            func measure(_ label: String, _ body: () -> Void) {
                var reps = 0
                let start = Date()
                while Date().timeIntervalSince(start) < 0.5 { body(); reps += 1 }
                let seconds = Date().timeIntervalSince(start)
                let rate = Double(reps * n) / seconds
                lines.append(String(format: "%@ %@: %.3g program-sample evaluations/s (%.3g operations/s, %d operations per program)",
                                    label, fused ? "fused" : "unfused", rate, rate * Double(ops), ops))
            }
            let xf = (0..<n).map { Float($0) / Float(n) }
            var rf = [Float](repeating: 0, count: p.count * n)
            measure("binary32") {
                xf.withUnsafeBufferPointer { ip in rf.withUnsafeMutableBufferPointer { r in
                    Interpreter.run(p, inputs: [ip.baseAddress!], count: n, fused: fused, registers: r.baseAddress!)
                } }
            }
            let xd = xf.map(Double.init)
            var rd = [Double](repeating: 0, count: p.count * n)
            measure("binary64") {
                xd.withUnsafeBufferPointer { ip in rd.withUnsafeMutableBufferPointer { r in
                    Interpreter.run(p, inputs: [ip.baseAddress!], count: n, fused: fused, registers: r.baseAddress!)
                } }
            }
            if !fused {
                let xx = xd.map { DoubleDouble($0) }
                var rr = [DoubleDouble](repeating: DoubleDouble(0), count: p.count * n)
                measure("real (double-double)") {
                    xx.withUnsafeBufferPointer { ip in rr.withUnsafeMutableBufferPointer { r in
                        Interpreter.runReal(p, inputs: [ip.baseAddress!], count: n, registers: r.baseAddress!)
                    } }
                }
            }
        }
        return lines.joined(separator: "\n")
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
func provenanceHeader(_ spec: [String: Any], specPath: String) -> String {
    let search = spec["search"] as? [String: Any] ?? [:]
    let specFile = URL(fileURLWithPath: specPath).lastPathComponent
    return """
    // DO NOT EDIT: generated by `evomath emit` from Generators/\(specFile).
    // Regenerate: swift run evomath emit Generators/\(specFile)
    // Found by: \(search["command"] as? String ?? "evomath search")

    """
}

/// The spec's verification in one line: method, inputs, max ULP and where,
/// misrounded count.
func verificationSummary(_ spec: [String: Any], label: String) -> String {
    let ver = spec["verification"] as? [String: Any] ?? [:]
    var summary = "\(label): \(ver["method"] as? String ?? "?"), \(ver["inputs"] as? Int ?? 0) inputs"
    if let m = ver["maxULP"] { summary += ", max \(m) ULP" }
    if let w = ver["worst"] as? [String: Any], let x = w["x"] as? String { summary += " at x = \(x)" }
    if let m = ver["misrounded"] as? Int { summary += ", \(m) misrounded" }
    return summary
}
