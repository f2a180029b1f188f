// Calls every public function of EvoMath, as a user's code would, with nothing but the standard library.
//
//   Consumer FUNCTION FORMAT TIER [--batch]   reads hex floats from standard input, prints f(x) a line
//   Consumer --list                           prints the FUNCTION FORMAT TIER [batch] lines it serves
//
// FUNCTION: exp, log; FORMAT: binary16, bfloat16, binary32; TIER: accurate (Evolved), fast (Evolved.Fast).
// `--batch` calls a batch entry point (Span or [T]) on all inputs at once.
import EvoMath

/// A unary function of one floating-point type, run on values given and returned as Double.
struct Entry {
    var function: String, format: String, tier: String
    var scalar: (Double) -> Double
    var batch: (([Double]) -> [Double])?
}

func entry<T: BinaryFloatingPoint>(_ function: String, _ format: String, _ tier: String, _ type: T.Type,
                                   _ f: @escaping (T) -> T) -> Entry {
    Entry(function: function, format: format, tier: tier, scalar: { Double(f(T($0))) }, batch: nil)
}

func bfloat16(_ function: String, _ tier: String, _ f: @escaping (BFloat16) -> BFloat16) -> Entry {
    Entry(function: function, format: "bfloat16", tier: tier,
          scalar: { Double(f(BFloat16(Float($0)))) }, batch: nil)
}

/// The Span batch entry points of binary32.
func floatBatch(_ f: @escaping (Span<Float>, inout MutableSpan<Float>) -> Void) -> ([Double]) -> [Double] {
    return { values in
        let input = values.map { Float($0) }
        var output = [Float](repeating: .nan, count: input.count)
        var out = output.mutableSpan
        f(input.span, &out)
        _ = consume out
        return output.map { Double($0) }
    }
}

/// The Span batch entry points of any format.
func spanBatch<T>(_ make: @escaping (Double) -> T, _ value: @escaping (T) -> Double,
                  _ f: @escaping (Span<T>, inout MutableSpan<T>) -> Void) -> ([Double]) -> [Double] {
    return { values in
        let input = values.map(make)
        var output = input
        var out = output.mutableSpan
        f(input.span, &out)
        _ = consume out
        return output.map(value)
    }
}

/// The `[T] -> [T]` batch entry points of any format.
func arrayBatch<T>(_ make: @escaping (Double) -> T, _ value: @escaping (T) -> Double,
                   _ f: @escaping ([T]) -> [T]) -> ([Double]) -> [Double] {
    return { values in f(values.map(make)).map(value) }
}

let half: (Double) -> Float16 = { Float16($0) }, halfValue: (Float16) -> Double = { Double($0) }
let brain: (Double) -> BFloat16 = { BFloat16(Float($0)) }, brainValue: (BFloat16) -> Double = { Double($0) }
let single: (Double) -> Float = { Float($0) }, singleValue: (Float) -> Double = { Double($0) }

var entries: [Entry] = [
    entry("exp", "binary16", "accurate", Float16.self) { Evolved.exp($0) },
    entry("exp", "binary16", "fast", Float16.self) { Evolved.Fast.exp($0) },
    bfloat16("exp", "accurate") { Evolved.exp($0) },
    bfloat16("exp", "fast") { Evolved.Fast.exp($0) },
    entry("exp", "binary32", "accurate", Float.self) { Evolved.exp($0) },
    entry("exp", "binary32", "fast", Float.self) { Evolved.Fast.exp($0) },
    entry("log", "binary16", "accurate", Float16.self) { Evolved.log($0) },
    entry("log", "binary16", "fast", Float16.self) { Evolved.Fast.log($0) },
    bfloat16("log", "accurate") { Evolved.log($0) },
    bfloat16("log", "fast") { Evolved.Fast.log($0) },
    entry("log", "binary32", "accurate", Float.self) { Evolved.log($0) },
    entry("log", "binary32", "fast", Float.self) { Evolved.Fast.log($0) },
    entry("exp", "binary64", "accurate", Double.self) { Evolved.exp($0) },
    entry("exp", "binary64", "fast", Double.self) { Evolved.Fast.exp($0) },
    entry("log", "binary64", "accurate", Double.self) { Evolved.log($0) },
    entry("log", "binary64", "fast", Double.self) { Evolved.Fast.log($0) },
]
entries[4].batch = floatBatch { Evolved.exp($0, into: &$1) }
entries[5].batch = floatBatch { Evolved.Fast.exp($0, into: &$1) }
entries[0].batch = spanBatch(half, halfValue) { Evolved.exp($0, into: &$1) }
entries[1].batch = arrayBatch(half, halfValue) { Evolved.Fast.exp($0) }
entries[2].batch = spanBatch(brain, brainValue) { Evolved.exp($0, into: &$1) }
entries[3].batch = arrayBatch(brain, brainValue) { Evolved.Fast.exp($0) }
entries[6].batch = spanBatch(half, halfValue) { Evolved.log($0, into: &$1) }
entries[7].batch = arrayBatch(half, halfValue) { Evolved.Fast.log($0) }
entries[8].batch = spanBatch(brain, brainValue) { Evolved.log($0, into: &$1) }
entries[9].batch = arrayBatch(brain, brainValue) { Evolved.Fast.log($0) }
entries[10].batch = spanBatch(single, singleValue) { Evolved.log($0, into: &$1) }
entries[11].batch = arrayBatch(single, singleValue) { Evolved.Fast.log($0) }

/// C99 hex text of `x` as `evomath eval` prints it: `0x1.hhhp±e` for every non-zero finite value.
func hex(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    let sign = x.sign == .minus ? "-" : ""
    if x == 0 { return sign + "0x0p+0" }
    let e = Int(x.magnitude.exponent)
    var f = Double(sign: .plus, exponent: -e, significand: x.magnitude).significandBitPattern
    var count = 13
    while count > 0 && f & 0xF == 0 { f >>= 4; count -= 1 }
    var digits = ""
    if count > 0 {
        let s = String(f, radix: 16)
        digits = "." + String(repeating: "0", count: count - s.count) + s
    }
    return "\(sign)0x1\(digits)p\(e >= 0 ? "+" : "")\(e)"
}

func fail(_ message: String) -> Never {
    print("Consumer: \(message)")
    exit(64)
}

@_silgen_name("exit") func exit(_ status: Int32) -> Never

/// `--bessel`: the log-Bessel functions (Double and Float) against their closed forms at order 1/2,
/// log I_{1/2}(x) = log(sinh x) + ½·log(2/(πx)) and log K_{1/2}(x) = ½·log(π/(2x)) − x, evaluated here with
/// the accurate exp and log (I from x = 2 on, where sinh does not cancel); prints the largest difference in the
/// design's log-Bessel metric |y − L|/(ε·max(1, |L|)), binary64 then binary32. The closed forms carry a few ε
/// of rounding themselves: this is a smoke test of the entry points; their accuracy is proven against MPFR
/// (`evomath verify logBesselI|logBesselK`: Tables/logBessel{I,K}.{binary64,binary32}.evolved.md).
func besselSelfCheck() -> (Double, Double) {
    var worst = (0.0, 0.0)
    let pi = 0x1.921fb54442d18p+1
    var x = 0x1p-20
    while x < 600 {
        let logK = 0.5 * Evolved.log(pi / (2 * x)) - x
        // sinh x = e^x (1 − e^(−2x)) / 2 without cancellation from x = 2 on.
        let logI = x + Evolved.log((1 - Evolved.exp(-2 * x)) / 2) + 0.5 * Evolved.log(2 / (pi * x))
        var pairs = [(Evolved.logBesselK(order: 0.5, x), logK)]
        if x >= 2 { pairs.append((Evolved.logBesselI(order: 0.5, x), logI)) }
        for (got, want) in pairs {
            worst.0 = max(worst.0, abs(got - want) / (0x1p-52 * max(1, abs(want))))
        }
        let xf = Float(x)
        let wantK = 0.5 * Evolved.log(pi / (2 * Double(xf))) - Double(xf)
        let gotK = Double(Evolved.logBesselK(order: Float(0.5), xf))
        worst.1 = max(worst.1, abs(gotK - wantK) / (0x1p-23 * max(1, abs(wantK))))
        x *= 1.37
    }
    return worst
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments == ["--bessel"] {
    let (double, float) = besselSelfCheck()
    print(double, float)
    exit(0)
}
if arguments == ["--list"] {
    for e in entries { print(e.function, e.format, e.tier, e.batch == nil ? "" : "batch") }
    exit(0)
}
guard arguments.count == 3 || (arguments.count == 4 && arguments[3] == "--batch") else {
    fail("usage: Consumer FUNCTION FORMAT TIER [--batch] | --list")
}
guard let chosen = entries.first(where: { [$0.function, $0.format, $0.tier] == Array(arguments.prefix(3)) }) else {
    fail("no entry \(arguments.prefix(3).joined(separator: " ")) (see --list)")
}
var values: [Double] = []
while let line = readLine() {
    for token in line.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
        guard let v = Double(String(token)) else { fail("'\(token)' is not a number") }
        values.append(v)
    }
}
let results: [Double]
if arguments.count == 4 {
    guard let batch = chosen.batch else { fail("no batch entry for \(arguments.prefix(3).joined(separator: " "))") }
    results = batch(values)
} else {
    results = values.map(chosen.scalar)
}
print(results.map(hex).joined(separator: "\n"))
