// libFuzzer harness: every shipped binary16, bfloat16 and binary32 exp and
// log (both tiers) against MPFR, on fuzzer-chosen bit patterns.
//
// The input's bytes are a bit pattern (little-endian, 2 or 4 bytes; more
// bytes are ignored, fewer are zero-filled); each execution checks it and
// the 63 patterns after it (coverage cannot see a misrounding, so a run of
// inputs per execution gives the search its power). EVOMATH_FUZZ_TARGET picks one
// function (`exp.binary32.evolved`, `log.bfloat16.fast`, …); unset, the
// first byte picks one and the next bytes are the pattern.
// Checks, per the shipped claims: the correctly rounded tiers give MPFR's
// correctly rounded value bit for bit (NaN for NaN, and a quiet one); the
// binary32 fast exp is within 1 ULP. A violation aborts (a libFuzzer crash).
//
// Build and run: Scripts/fuzz run differential SECONDS [TARGET]
import EvoMath
import EvoMathReference
#if canImport(Glibc)
import Glibc
#endif

struct Target {
    var name: String
    var format: FloatFormat
    var function: String
    var bound: Double?  // nil: correctly rounded
    var evaluate: (UInt32) -> (x: Double, y: Double, inputSignaling: Bool, outputQuietOrNumber: Bool)
}

func f16(_ f: @escaping (Float16) -> Float16) -> (UInt32) -> (Double, Double, Bool, Bool) {
    { bits in
        let x = Float16(bitPattern: UInt16(truncatingIfNeeded: bits)), y = f(x)
        return (Double(x), Double(y), x.isSignalingNaN, !y.isSignalingNaN)
    }
}
func bf16(_ f: @escaping (BFloat16) -> BFloat16) -> (UInt32) -> (Double, Double, Bool, Bool) {
    { bits in
        let x = BFloat16(bitPattern: UInt16(truncatingIfNeeded: bits)), y = f(x)
        let xs = Float(x).isNaN && x.bitPattern & 0x40 == 0
        let yq = !Float(y).isNaN || y.bitPattern & 0x40 != 0
        return (Double(x), Double(y), xs, yq)
    }
}
func f32(_ f: @escaping (Float) -> Float) -> (UInt32) -> (Double, Double, Bool, Bool) {
    { bits in
        let x = Float(bitPattern: bits), y = f(x)
        return (Double(x), Double(y), x.isSignalingNaN, !y.isSignalingNaN)
    }
}

let targets: [Target] = [
    Target(name: "exp.binary16.evolved", format: .binary16, function: "exp", bound: nil, evaluate: f16 { Evolved.exp($0) }),
    Target(name: "exp.binary16.fast", format: .binary16, function: "exp", bound: nil, evaluate: f16 { Evolved.Fast.exp($0) }),
    Target(name: "log.binary16.evolved", format: .binary16, function: "log", bound: nil, evaluate: f16 { Evolved.log($0) }),
    Target(name: "log.binary16.fast", format: .binary16, function: "log", bound: nil, evaluate: f16 { Evolved.Fast.log($0) }),
    Target(name: "exp.bfloat16.evolved", format: .bfloat16, function: "exp", bound: nil, evaluate: bf16 { Evolved.exp($0) }),
    Target(name: "exp.bfloat16.fast", format: .bfloat16, function: "exp", bound: nil, evaluate: bf16 { Evolved.Fast.exp($0) }),
    Target(name: "log.bfloat16.evolved", format: .bfloat16, function: "log", bound: nil, evaluate: bf16 { Evolved.log($0) }),
    Target(name: "log.bfloat16.fast", format: .bfloat16, function: "log", bound: nil, evaluate: bf16 { Evolved.Fast.log($0) }),
    Target(name: "exp.binary32.evolved", format: .binary32, function: "exp", bound: nil, evaluate: f32 { Evolved.exp($0) }),
    Target(name: "exp.binary32.fast", format: .binary32, function: "exp", bound: 1, evaluate: f32 { Evolved.Fast.exp($0) }),
    Target(name: "log.binary32.evolved", format: .binary32, function: "log", bound: nil, evaluate: f32 { Evolved.log($0) }),
    Target(name: "log.binary32.fast", format: .binary32, function: "log", bound: nil, evaluate: f32 { Evolved.Fast.log($0) }),
    // Self-test (not run by `Scripts/fuzz all`): glibc's expf, which is not
    // correctly rounded, held to the correctly rounded claim — the harness
    // must report a mismatch.
    Target(name: "selftest.glibc-expf", format: .binary32, function: "exp", bound: nil, evaluate: f32 { expf($0) }),
]

let references: [String: CorrectlyRoundedReference] = [
    "exp": CorrectlyRoundedReference(ExpFunction()), "log": CorrectlyRoundedReference(LogFunction()),
]

let fixedTarget: Target? = {
    guard let env = getenv("EVOMATH_FUZZ_TARGET") else { return nil }
    let name = String(cString: env)
    guard let t = targets.first(where: { $0.name == name }) else {
        fputs("differential fuzz: unknown EVOMATH_FUZZ_TARGET '\(name)'; known: \(targets.map(\.name).joined(separator: ", "))\n", stderr)
        exit(2)
    }
    return t
}()

func fail(_ message: String) -> Never {
    fputs("differential fuzz: \(message)\n", stderr)
    abort()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func differentialFuzzTest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let target: Target
    if let t = fixedTarget {
        target = t
    } else {
        guard let first = bytes.first else { return 0 }
        target = targets[Int(first) % targets.count]
        bytes.removeFirst()
    }
    var start: UInt32 = 0
    for i in 0..<min(bytes.count, target.format.bitWidth / 8) { start |= UInt32(bytes[i]) << (8 * UInt32(i)) }
    let mask: UInt32 = target.format.bitWidth == 32 ? .max : (1 << UInt32(target.format.bitWidth)) - 1
    let reference = references[target.function]!
    let hex = HexFloat.format
    // The chosen pattern and the next `inputsPerExecution - 1`: coverage
    // cannot see a misrounding, so each execution checks a run of inputs.
    for step in 0..<UInt32(inputsPerExecution) {
        let bits = (start &+ step) & mask
        let (x, y, inputSignaling, outputQuiet) = target.evaluate(bits)
        let want = reference.value(at: x, in: target.format)
        if inputSignaling && !outputQuiet { fail("\(target.name)(sNaN 0x\(String(bits, radix: 16))) is a signalling NaN") }
        if let bound = target.bound {
            let error = reference.ulpError(of: y, at: x, in: target.format)
            if !(error < bound) { fail("\(target.name)(\(hex(x))) = \(hex(y)): \(error) ULP, claimed < \(bound) (want \(hex(want)))") }
        } else if !(y.bitPattern == want.bitPattern || (y.isNaN && want.isNaN)) {
            fail("\(target.name)(\(hex(x))) = \(hex(y)), correctly rounded: \(hex(want))")
        }
    }
    return 0
}

/// Inputs checked per execution (the chosen bit pattern and the ones after it).
let inputsPerExecution = 64
