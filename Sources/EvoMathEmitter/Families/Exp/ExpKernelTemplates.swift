import EvoMathSpec

/// exp's templates: kernels evaluated in binary32 (`ExpKernel`,
/// `ExpSplitKernel`) and binary32 kernels evaluated in binary64
/// (`ExpKernel64`), for the `exp-table` and `exp-table-split` reductions.
public enum ExpKernelTemplate: KernelTemplate {
    public static let function = "exp"

    public static func source(_ spec: SpecFile, specPath: String) throws -> (String, String) {
        guard case .expTable(let red) = spec.reduction else {
            throw SpecFileError(file: specPath, keyPath: "reduction.family", "exp has no template for the \(spec.reduction.family) reduction")
        }
        switch spec.evaluation.type {
        case .binary64:
            guard spec.format == "binary32" || Emitter.customFormat(spec) != nil, !red.isSplit else {
                throw SpecFileError(file: specPath, keyPath: "evaluation.type",
                                    "only binary32 or a custom format pPeE, with the exp-table reduction, is evaluated in binary64")
            }
            return source64(spec, red, specPath: specPath)
        case .binary32:
            return sourceExp(spec, red, specPath: specPath)
        case .real:
            throw SpecFileError(file: specPath, keyPath: "evaluation.type", "expected binary32 or binary64")
        }
    }


    /// An exp kernel evaluated in binary32 (`ExpKernel`, or `ExpSplitKernel`
    /// for `exp-table-split`).
    static func sourceExp(_ spec: SpecFile, _ red: ExpTableConstants, specPath: String) -> (String, String) {
        let t = red.tableBits
        let program = spec.program
        let tableValues = red.table.map { Emitter.literal($0.value) }
        let type = Emitter.typeName(spec.name)
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
            @inlinable static var inverseStep: Float { \(Emitter.literal(red.inverseStep.value)) }
            /// ln2 / 2^T split so that k·stepHigh is exact.
            @inlinable static var stepHigh: Float { \(Emitter.literal(red.stepHigh.value)) }
            @inlinable static var stepLow: Float { \(Emitter.literal(red.stepLow.value)) }
            /// The largest input with a finite result, the smallest with a non-zero one.
            @inlinable static var overflowThreshold: Float { \(Emitter.literal(red.overflowThreshold.value)) }
            @inlinable static var underflowThreshold: Float { \(Emitter.literal(red.underflowThreshold.value)) }

        """
        if t == 0 {
            s += "    @inlinable static func table(_ i: Int) -> Float { 1 }\n"
        } else if !red.isSplit {
            s += "    /// 2^(i/2^T), correctly rounded to Float.\n"
            s += tableFunction("table", "Float", tableValues)
        }
        if red.isSplit, t == 0 {
            // No table (T = 0): the one entry, 1 = 1 + 0, as constants (the
            // scalar and vector reconstructions take no lookup then).
            s += "    @inlinable @inline(__always)\n"
            s += "    static func splitTable(_ i: Int) -> (high: Float, low: Float) { (1, 0) }\n"
        } else if red.isSplit, let low = red.tableLow {
            let pairs = zip(red.table, low).map { (h, l) -> String in
                let bits = UInt64(Float(h.value).bitPattern) << 32 | UInt64(Float(l.value).bitPattern)
                return "0x" + String(bits, radix: 16, uppercase: true).leftPadded(to: 16) + " /* \(Emitter.literal(h.value)), \(Emitter.literal(l.value)) */"
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
        s += Emitter.kernelBody(program, fused: spec.evaluation.fusedMultiplyAdd, indent: "        ")
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
        let exceptions = Emitter.specExceptions(spec)
        let type = Emitter.typeName(spec.name)
        let summary = verificationSummary(spec, label: "verification (with the exceptions)")
        var s = provenanceHeader(spec, specPath: specPath) + """
        //
        // exp in \(spec.format), tier \(spec.tier.rawValue), evaluated in binary64: kernel cost \(spec.cost),
        // table of 2^\(t) entries, kernel error \(spec.kernelError) (relative, on the reduced interval);
        // \(exceptions.count) exceptions; \(summary).
        \(ErrorBudget.of(spec)?.comment(exceptions: exceptions.count) ?? Emitter.customFormatComment(spec))
        @usableFromInline
        enum \(type): ExpKernel64 {
            /// 2^T / ln 2 with T = \(t).
            @inlinable static var tableBits: Int { \(t) }
            @inlinable static var inverseStep: Double { \(HexFloat.format(red.inverseStep.value)) }
            /// ln2 / 2^T split so that k·stepHigh is exact.
            @inlinable static var stepHigh: Double { \(HexFloat.format(red.stepHigh.value)) }
            @inlinable static var stepLow: Double { \(HexFloat.format(red.stepLow.value)) }
            /// The largest input with a finite result, the smallest with a non-zero one.
            @inlinable static var overflowThreshold: Float { \(Emitter.literal(red.overflowThreshold.value)) }
            @inlinable static var underflowThreshold: Float { \(Emitter.literal(red.underflowThreshold.value)) }

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
        s += Emitter.exceptionFunction(exceptions)
        s += "\n    /// exp(r) for |r| ≤ ln2/2^\(t + 1), in Double: \(program.description)\n"
        s += "    @inlinable @inline(__always)\n    static func kernel(_ r: Double) -> Double {\n"
        s += Emitter.kernelBody(program, fused: spec.evaluation.fusedMultiplyAdd, indent: "        ", type: "Double")
        s += "    }\n}\n"
        return ("\(type).generated.swift", s)
    }
}
