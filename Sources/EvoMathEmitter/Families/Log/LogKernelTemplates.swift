import EvoMathSpec

/// log's templates: kernels evaluated in binary32 (`LogKernel`) and binary32
/// kernels evaluated in binary64 (`LogKernel64`), for the `log-split`
/// reduction.
public enum LogKernelTemplate: KernelTemplate {
    public static let function = "log"

    public static func source(_ spec: SpecFile, specPath: String) throws -> (String, String) {
        guard case .logSplit(let red) = spec.reduction else {
            throw SpecFileError(file: specPath, keyPath: "reduction.family", "log has no template for the \(spec.reduction.family) reduction")
        }
        if spec.format == "binary32" && spec.evaluation.type == .binary64 && red.isBinary64 {
            return try sourceLog64(spec, red, specPath: specPath)
        }
        guard spec.evaluation.type == .binary32, !red.isBinary64 else {
            throw SpecFileError(file: specPath, keyPath: "evaluation.type",
                                "a log kernel is evaluated in binary32 (binary64 for binary32, with the logc64 table)")
        }
        return sourceLog(spec, red, specPath: specPath)
    }


    /// A log kernel (`LogKernel`, reduction `log-split`): the split ln 2, the
    /// table of (invc, logcHigh, logcLow) entries, and log1p(r).
    static func sourceLog(_ spec: SpecFile, _ red: LogSplitConstants, specPath: String) -> (String, String) {
        let t = red.tableBits
        let program = spec.program
        let type = Emitter.typeName(spec.name)
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
            @inlinable static var ln2High: Float { \(Emitter.literal(red.ln2High.value)) }
            @inlinable static var ln2Low: Float { \(Emitter.literal(red.ln2Low.value)) }

        """
        if t == 0 {
            s += "    @inlinable static func table(_ i: Int) -> (invc: Float, logcHigh: Float, logcLow: Float) { (1, 0, 0) }\n"
        } else {
            // One switch returning the three entries: LLVM turns it into three
            // lookup tables indexed alike; separate switches on the same index
            // got threaded into branches on some cases (unpredictable).
            let high = red.logcHigh ?? [], low = red.logcLow ?? []
            let entries = (0..<(1 << t)).map { k -> String in
                "(\(Emitter.literal(red.invc[k].value)), \(Emitter.literal(high[k].value)), \(Emitter.literal(low[k].value)))"
            }
            s += "    /// invc ≈ 1/c (12 significand bits, so m·invc is exact); −log(invc) =\n"
            s += "    /// logcHigh (a multiple of 2^-16) + logcLow (the rest, rounded to Float).\n"
            s += tableFunction("table", "(invc: Float, logcHigh: Float, logcLow: Float)", entries)
        }
        s += "\n    /// log1p(r) for r in [\(HexFloat.format(red.interval[0].value)), \(HexFloat.format(red.interval[1].value))]: \(program.description)\n"
        s += "    @inlinable @inline(__always)\n    static func kernel(_ r: Float) -> Float {\n"
        s += Emitter.kernelBody(program, fused: spec.evaluation.fusedMultiplyAdd, indent: "        ")
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
        let exceptions = Emitter.specExceptions(spec)
        let entries = (0..<(1 << t)).map { k -> String in
            "(\(HexFloat.format(red.invc[k].value)), \(HexFloat.format(logc[k].value)))"
        }
        let type = Emitter.typeName(spec.name)
        let summary = verificationSummary(spec, label: "verification (with the exceptions)")
        var s = provenanceHeader(spec, specPath: specPath) + """
        //
        // log in binary32, tier \(spec.tier.rawValue), evaluated in binary64: kernel cost \(spec.cost),
        // table of 2^\(t) entries, kernel error \(spec.kernelError) (relative, log1p(r) on the reduced interval);
        // \(exceptions.count) exceptions; \(summary).
        \(ErrorBudget.of(spec)!.comment(exceptions: exceptions.count))
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
        s += Emitter.exceptionFunction(exceptions)
        s += "\n    /// log1p(r) for r in [\(HexFloat.format(red.interval[0].value)), \(HexFloat.format(red.interval[1].value))], in Double: \(program.description)\n"
        s += "    @inlinable @inline(__always)\n    static func kernel(_ r: Double) -> Double {\n"
        s += Emitter.kernelBody(program, fused: spec.evaluation.fusedMultiplyAdd, indent: "        ", type: "Double")
        s += "    }\n}\n"
        return ("\(type).generated.swift", s)
    }
}
