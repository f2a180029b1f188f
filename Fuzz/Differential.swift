// libFuzzer harness: every shipped binary16, bfloat16, binary32 and binary64
// exp and log (both tiers) against MPFR, on fuzzer-chosen bit patterns.
//
// The input's bytes are a bit pattern (little-endian, 2, 4 or 8 bytes; fewer
// are zero-filled); each execution checks it and the 63 patterns after it
// (coverage cannot see a misrounding, so a run of inputs per execution gives
// the search its power). For binary64, 4 more bytes, if present, give the
// step between the 64 patterns (1 + their value, so runs can span up to 2^32
// ULPs); otherwise the step is 1. EVOMATH_FUZZ_TARGET picks one function
// (`exp.binary32.evolved`, `log.binary64.fast`, …); unset or empty, the first
// byte picks one of the shipped functions and the next bytes are the pattern.
// Checks, per the shipped claims (README, Scripts/accuracy-claims): the
// correctly rounded tiers give MPFR's correctly rounded value bit for bit (NaN
// for NaN, and a quiet one); the binary32 and binary64 fast exp and fast log
// are within 1 ULP (`< 1`). A violation aborts (a libFuzzer
// crash).
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
    var evaluate: (UInt64) -> (x: Double, y: Double, inputSignaling: Bool, outputQuietOrNumber: Bool)
}

func f16(_ f: @escaping (Float16) -> Float16) -> (UInt64) -> (Double, Double, Bool, Bool) {
    { bits in
        let x = Float16(bitPattern: UInt16(truncatingIfNeeded: bits)), y = f(x)
        return (Double(x), Double(y), x.isSignalingNaN, !y.isSignalingNaN)
    }
}
func bf16(_ f: @escaping (BFloat16) -> BFloat16) -> (UInt64) -> (Double, Double, Bool, Bool) {
    { bits in
        let x = BFloat16(bitPattern: UInt16(truncatingIfNeeded: bits)), y = f(x)
        let xs = Float(x).isNaN && x.bitPattern & 0x40 == 0
        let yq = !Float(y).isNaN || y.bitPattern & 0x40 != 0
        return (Double(x), Double(y), xs, yq)
    }
}
func f32(_ f: @escaping (Float) -> Float) -> (UInt64) -> (Double, Double, Bool, Bool) {
    { bits in
        let x = Float(bitPattern: UInt32(truncatingIfNeeded: bits)), y = f(x)
        return (Double(x), Double(y), x.isSignalingNaN, !y.isSignalingNaN)
    }
}
func f64(_ f: @escaping (Double) -> Double) -> (UInt64) -> (Double, Double, Bool, Bool) {
    { bits in
        let x = Double(bitPattern: bits), y = f(x)
        return (x, y, x.isSignalingNaN, !y.isSignalingNaN)
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
    Target(name: "log.binary32.fast", format: .binary32, function: "log", bound: 1, evaluate: f32 { Evolved.Fast.log($0) }),
    Target(name: "exp.binary64.evolved", format: .binary64, function: "exp", bound: nil, evaluate: f64 { Evolved.exp($0) }),
    Target(name: "exp.binary64.fast", format: .binary64, function: "exp", bound: 1, evaluate: f64 { Evolved.Fast.exp($0) }),
    Target(name: "log.binary64.evolved", format: .binary64, function: "log", bound: nil, evaluate: f64 { Evolved.log($0) }),
    Target(name: "log.binary64.fast", format: .binary64, function: "log", bound: 1, evaluate: f64 { Evolved.Fast.log($0) }),
    // Self-tests (not run by `Scripts/fuzz all`): false claims the harness
    // must report as mismatches. glibc's expf and exp are not correctly
    // rounded; the binary64 fast exp is not within 0.5 ULP (it reaches
    // 0.5066 ULP, README).
    Target(name: "selftest.glibc-expf", format: .binary32, function: "exp", bound: nil, evaluate: f32 { expf($0) }),
    Target(name: "selftest.glibc-exp", format: .binary64, function: "exp", bound: nil, evaluate: f64 { Glibc.exp($0) }),
    Target(name: "selftest.fast-exp-binary64-half-ulp", format: .binary64, function: "exp", bound: 0.5,
           evaluate: f64 { Evolved.Fast.exp($0) }),
]

/// The targets a run without EVOMATH_FUZZ_TARGET chooses from (no self-test).
let shippedTargets = targets.filter { !$0.name.hasPrefix("selftest.") }

let references: [String: CorrectlyRoundedReference] = [
    "exp": CorrectlyRoundedReference(ExpFunction()), "log": CorrectlyRoundedReference(LogFunction()),
]

let fixedTarget: Target? = {
    guard let env = getenv("EVOMATH_FUZZ_TARGET"), env.pointee != 0 else { return nil }
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
        target = shippedTargets[Int(first) % shippedTargets.count]
        bytes.removeFirst()
    }
    let width = target.format.bitWidth / 8
    var start: UInt64 = 0
    for i in 0..<min(bytes.count, width) { start |= UInt64(bytes[i]) << (8 * UInt64(i)) }
    // binary64: the step between the patterns from the next 4 bytes, if any.
    var stride: UInt64 = 1
    if width == 8 && bytes.count >= 12 {
        var s: UInt64 = 0
        for i in 0..<4 { s |= UInt64(bytes[8 + i]) << (8 * UInt64(i)) }
        stride = 1 + s
    }
    let mask: UInt64 = width == 8 ? .max : (1 << UInt64(target.format.bitWidth)) - 1
    let reference = references[target.function]!
    let hex = HexFloat.format
    // The chosen pattern and the next `inputsPerExecution - 1`: coverage
    // cannot see a misrounding, so each execution checks a run of inputs.
    for step in 0..<UInt64(inputsPerExecution) {
        let bits = (start &+ step &* stride) & mask
        let (x, y, inputSignaling, outputQuiet) = target.evaluate(bits)
        if inputSignaling && !outputQuiet { fail("\(target.name)(sNaN 0x\(String(bits, radix: 16))) is a signalling NaN") }
        if let bound = target.bound {
            let error = reference.ulpError(of: y, at: x, in: target.format)
            if !(error < bound) {
                let want = reference.value(at: x, in: target.format)
                fail("\(target.name)(\(hex(x))) = \(hex(y)): \(error) ULP, claimed < \(bound) (correctly rounded: \(hex(want)))")
            }
        } else {
            let want = reference.value(at: x, in: target.format)
            if !(y.bitPattern == want.bitPattern || (y.isNaN && want.isNaN)) {
                fail("\(target.name)(\(hex(x))) = \(hex(y)), correctly rounded: \(hex(want))")
            }
        }
    }
    return 0
}

/// Inputs checked per execution (the chosen bit pattern and the ones after it).
let inputsPerExecution = 64
