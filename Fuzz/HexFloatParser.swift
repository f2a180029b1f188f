// libFuzzer harness: the hex-float reader (HexFloat.parse), which reads every
// value the command line takes (eval's standard input, --hard-cases files).
//
// Properties, on any bytes:
// - parse never traps, and returns nil or a number;
// - whatever parses formats back (HexFloat.format) to text that parses to
//   the same value, bit for bit (any NaN for a NaN);
// - the first 8 bytes as a Double survive format → parse bit for bit.
// A violation aborts, so libFuzzer records the input as a crash.
//
// Build and run: Scripts/fuzz run hexfloat SECONDS
import EvoMathReference
#if canImport(Glibc)
import Glibc
#endif

func fail(_ message: String) -> Never {
    fputs("hexfloat fuzz: \(message)\n", stderr)
    abort()
}

func sameValue(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

@_cdecl("LLVMFuzzerTestOneInput")
public func hexFloatFuzzTest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    if let v = HexFloat.parse(Substring(text)) {
        let printed = HexFloat.format(v)
        guard let back = HexFloat.parse(Substring(printed)) else { fail("'\(text)' → \(v) → '\(printed)' does not parse") }
        guard sameValue(back, v) else { fail("'\(text)' → \(v) → '\(printed)' → \(back)") }
    }
    if size >= 8 {
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        let x = Double(bitPattern: bits)
        let printed = HexFloat.format(x)
        guard let back = HexFloat.parse(Substring(printed)) else { fail("\(bits) → '\(printed)' does not parse") }
        guard sameValue(back, x) else { fail("0x\(String(bits, radix: 16)) → '\(printed)' → 0x\(String(back.bitPattern, radix: 16))") }
    }
    return 0
}
