import EvoMath

/// A floating-point format the harness can generate inputs for and sink results of.
protocol BenchFormat {
    /// The IEEE 754 name used in the tables ("binary32", ...).
    static var formatName: String { get }
    /// Rounds a Double to this format.
    init(rounding value: Double)
    /// The bit pattern, zero-extended (for XOR sinks and dependent chains).
    var bits64: UInt64 { get }
    init(bits64: UInt64)
}

extension Float: BenchFormat {
    static var formatName: String { "binary32" }
    @inline(__always) init(rounding value: Double) { self = Float(value) }
    @inline(__always) var bits64: UInt64 { UInt64(bitPattern) }
    @inline(__always) init(bits64: UInt64) { self.init(bitPattern: UInt32(truncatingIfNeeded: bits64)) }
}

extension Double: BenchFormat {
    static var formatName: String { "binary64" }
    @inline(__always) init(rounding value: Double) { self = value }
    @inline(__always) var bits64: UInt64 { bitPattern }
    @inline(__always) init(bits64: UInt64) { self.init(bitPattern: bits64) }
}

extension Float16: BenchFormat {
    static var formatName: String { "binary16" }
    @inline(__always) init(rounding value: Double) { self = Float16(value) }
    @inline(__always) var bits64: UInt64 { UInt64(bitPattern) }
    @inline(__always) init(bits64: UInt64) { self.init(bitPattern: UInt16(truncatingIfNeeded: bits64)) }
}

extension BFloat16: BenchFormat {
    static var formatName: String { "bfloat16" }
    @inline(__always) init(rounding value: Double) { self = BFloat16(value) }
    @inline(__always) var bits64: UInt64 { UInt64(bitPattern) }
    @inline(__always) init(bits64: UInt64) { self.init(bitPattern: UInt16(truncatingIfNeeded: bits64)) }
}

/// Byte size of one element of a format.
func byteSize(ofFormat format: String) -> Int {
    switch format {
    case "binary64": return 8
    case "binary32": return 4
    default: return 2
    }
}
