import EvoMathSpec
import Foundation

/// Vector kernels: from the same spec as the scalar kernel, the same program
/// over Swift SIMD lanes and the reduction's tables as static arrays, for the
/// runtime's batch entries (`ExpVector.swift`, `LogVector.swift`). Appended
/// after the scalar kernel (`Emitter.source`), so the scalar output is unchanged.
///
/// Lane widths: kernels evaluated in binary32 get `SIMD16<Float>` (one
/// AVX-512 register, four SSE registers), kernels evaluated in binary64
/// `SIMD8<Double>` (eight binary32 inputs per step). Tables are arrays read
/// through an `UnsafePointer`, one load per lane: with `-target-cpu native`
/// LLVM can turn the lane loop into one gather, while the scalar kernels'
/// `switch` lookups do not vectorize.
extension Emitter {
    /// The extension holding a spec's vector kernel and table arrays.
    static func vectorSource(_ spec: SpecFile, specPath: String) throws -> String {
        func bad(_ keyPath: String, _ m: String) -> SpecFileError { SpecFileError(file: specPath, keyPath: keyPath, m) }
        let binary64 = spec.evaluation.type == .binary64
        let fused = spec.evaluation.fusedMultiplyAdd
        let program = spec.program
        let type = typeName(spec.name)
        let lane = binary64 ? "SIMD8<Double>" : "SIMD16<Float>"
        func values(_ list: [HexNumber]?, _ key: String) throws -> [Double] {
            guard let list else { throw bad("reduction.\(key)", "missing (the vector kernel needs it)") }
            return list.map(\.value)
        }
        var conformance: String
        var tables: [(name: String, doc: String, values: [Double])] = []
        switch spec.reduction {
        case .expTable(let red):
            let t = red.tableBits
            if binary64 {
                conformance = "ExpVectorKernel64"
                tables.append(("vectorTable", "2^(i/2^T), correctly rounded to Double", t == 0 ? [1] : try values(red.table, "table")))
            } else if red.family == ExpTableConstants.splitFamily {
                conformance = "ExpSplitVectorKernel"
                tables.append(("vectorTableHigh", "2^(i/2^T) = high + low: high", try values(red.table, "table")))
                tables.append(("vectorTableLow", "2^(i/2^T) = high + low: low", try values(red.tableLow, "tableLow")))
            } else {
                conformance = "ExpVectorKernel"
                tables.append(("vectorTable", "2^(i/2^T), correctly rounded to Float", t == 0 ? [1] : try values(red.table, "table")))
            }
        case .logSplit(let red):
            let t = red.tableBits
            if binary64 {
                conformance = "LogVectorKernel64"
                tables.append(("vectorInvc", "invc ≈ 1/c", try values(red.invc, "invc")))
                tables.append(("vectorLogc", "logc = −log(invc), rounded to Double", try values(red.logc64, "logc64")))
            } else {
                conformance = "LogVectorKernel"
                tables.append(("vectorInvc", "invc ≈ 1/c", t == 0 ? [1] : try values(red.invc, "invc")))
                tables.append(("vectorLogcHigh", "logcHigh, −log(invc) to a multiple of 2^-16", t == 0 ? [0] : try values(red.logcHigh, "logcHigh")))
                tables.append(("vectorLogcLow", "logcLow, the rest", t == 0 ? [0] : try values(red.logcLow, "logcLow")))
            }
        case .none:
            return ""
        }
        let scalar = binary64 ? "Double" : "Float"
        var s = "\n// Vector kernel: the same program over \(lane) lanes, and the tables as arrays\n"
        s += "// for per-lane loads (one gather with -target-cpu native). Used by the batch entries.\n"
        s += "extension \(type): \(conformance) {\n"
        for table in tables {
            s += "    /// \(table.doc), entry i for i in 0..<\(table.values.count).\n"
            s += "    @usableFromInline static let \(table.name): [\(scalar)] = [\n"
            let items = table.values.map { binary64 ? HexFloat.format($0) : literal($0) }
            var line = "       "
            for item in items {
                if line.count + item.count + 2 > 110 { s += line + "\n"; line = "       " }
                line += " " + item + ","
            }
            s += line + "\n    ]\n"
        }
        s += "\n    /// The scalar `kernel(_:)`, lane by lane, with the same operations in the same order.\n"
        s += "    @inlinable @inline(__always)\n    static func kernel(_ r: \(lane)) -> \(lane) {\n"
        s += vectorKernelBody(program, fused: fused, lane: lane, binary64: binary64, indent: "        ")
        s += "    }\n}\n"
        return s
    }

    /// One `let` per instruction (the scalar kernel's body), constants broadcast to every lane.
    static func vectorKernelBody(_ p: Program, fused: Bool, lane: String, binary64: Bool, indent: String) -> String {
        kernelBody(p, fused: fused, indent: indent) { v, value in
            "let \(v) = \(lane)(repeating: \(binary64 ? HexFloat.format(value) : literal(value)))"
        }
    }
}
