// Exhaustive bit-identity check of the batch entries against the scalar
// functions of the same build: every binary32 input (2^32) through
// `Evolved.exp(_:into:)`, `Evolved.Fast.exp(_:into:)`, `Evolved.log(_:into:)`,
// `Evolved.Fast.log(_:into:)` and the `[Float]` entries, and every 16-bit input through the 16-bit batch
// entries; binary64 (both tiers) on a 2^26 sample plus the hard cases (below).
// Run in release from the package root (Scripts/accuracy-checks):
//   swift run -c release evomath-batch-check [exp|fast-exp|log|fast-log ...]
// Exit status 1 if any result differs (NaN results must both be NaN) or a hard-case file is missing.
import Dispatch
import Glibc
import EvoMath

typealias Batch = (Span<Float>, inout MutableSpan<Float>) -> Void

let functions: [(String, (Float) -> Float, Batch, ([Float]) -> [Float])] = [
    ("exp", { Evolved.exp($0) }, { Evolved.exp($0, into: &$1) }, { Evolved.exp($0) }),
    ("fast-exp", { Evolved.Fast.exp($0) }, { Evolved.Fast.exp($0, into: &$1) }, { Evolved.Fast.exp($0) }),
    ("log", { Evolved.log($0) }, { Evolved.log($0, into: &$1) }, { Evolved.log($0) }),
    ("fast-log", { Evolved.Fast.log($0) }, { Evolved.Fast.log($0, into: &$1) }, { Evolved.Fast.log($0) }),
]

func same(_ a: Float, _ b: Float) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

let selected = CommandLine.arguments.dropFirst()
var failed = false
// Which kernels this build compiled (BuildConfiguration.swift): "fma" with -DEVOMATH_FMA.
print("EvoMath configuration: \(Evolved.configuration)")
for (name, scalar, batch, array) in functions where selected.isEmpty || selected.contains(name) {
    // 2^32 inputs in 4096 chunks of 2^20; each chunk is cut at an odd length
    // (2^20 − 3) plus a 3-element batch, so the tails are exercised too.
    let chunks = 4096, chunk = 1 << 20
    let lock = DispatchQueue(label: "mismatches")
    var mismatches = 0
    var first: [String] = []
    DispatchQueue.concurrentPerform(iterations: chunks) { c in
        var input = [Float](repeating: 0, count: chunk)
        for k in 0..<chunk { input[k] = Float(bitPattern: UInt32(c * chunk + k)) }
        var output = [Float](repeating: 0, count: chunk)
        input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                let cut = chunk - 3
                var head = MutableSpan(_unsafeElements: UnsafeMutableBufferPointer(rebasing: destination[0..<cut]))
                batch(Span(_unsafeElements: UnsafeBufferPointer(rebasing: source[0..<cut])), &head)
                var tail = MutableSpan(_unsafeElements: UnsafeMutableBufferPointer(rebasing: destination[cut...]))
                batch(Span(_unsafeElements: UnsafeBufferPointer(rebasing: source[cut...])), &tail)
            }
        }
        // Every fourth chunk also through the [Float] entry.
        let viaArray = c % 4 == 0 ? array(input) : nil
        var local = 0
        var examples: [String] = []
        for k in 0..<chunk {
            let want = scalar(input[k])
            let bad = !same(output[k], want) || (viaArray.map { !same($0[k], want) } ?? false)
            if bad {
                local += 1
                if examples.count < 5 {
                    examples.append("x = \(input[k]) (0x\(String(input[k].bitPattern, radix: 16))): batch \(output[k]), array \(viaArray.map { "\($0[k])" } ?? "-"), scalar \(want)")
                }
            }
        }
        if local > 0 { lock.sync { mismatches += local; first += examples } }
    }
    print("\(name) binary32: 4294967296 inputs, \(mismatches) batch results differ from the scalar function")
    for line in first.prefix(10) { print("  " + line) }
    if mismatches > 0 { failed = true }
}
// The 16-bit formats: all 65,536 inputs each (also in the debug tests; here
// in release, where the vector code is what ships).
func check16<T>(_ name: String, _ all: [T], _ bits: (T) -> UInt16, _ isNaN: (T) -> Bool,
                _ scalar: (T) -> T, _ array: ([T]) -> [T]) {
    guard selected.isEmpty || selected.contains(name) else { return }
    let got = array(all)
    var differ = 0
    for k in all.indices {
        let want = scalar(all[k])
        if bits(got[k]) != bits(want) && !(isNaN(got[k]) && isNaN(want)) { differ += 1 }
    }
    print("\(name): 65536 inputs, \(differ) batch results differ from the scalar function")
    if differ > 0 { failed = true }
}
let all16 = (0...UInt16.max).map { Float16(bitPattern: $0) }
let allB16 = (0...UInt16.max).map { BFloat16(bitPattern: $0) }
check16("exp-binary16", all16, { $0.bitPattern }, { $0.isNaN }, { Evolved.exp($0) }, { Evolved.exp($0) })
check16("log-binary16", all16, { $0.bitPattern }, { $0.isNaN }, { Evolved.log($0) }, { Evolved.log($0) })
check16("exp-bfloat16", allB16, { $0.bitPattern }, { $0.floatValue.isNaN }, { Evolved.exp($0) }, { Evolved.exp($0) })
check16("log-bfloat16", allB16, { $0.bitPattern }, { $0.floatValue.isNaN }, { Evolved.log($0) }, { Evolved.log($0) })

// binary64: exhaustive is impossible; a fixed pseudo-random sample (SplitMix64,
// seed 1) of 2^25 bit patterns over every class (NaN, infinities, zeros,
// subnormals, negatives) and 2^25 inputs where the function is defined and
// finite (exp: uniform in [-746, 710]; log: log-uniform positive normals and
// 1 + small), every hard case of Data/hard-cases/{exp,log}.binary64.txt
// (when the file is found from the working directory) with its neighbours,
// and the thresholds. Both tiers, through the Span entry (cut at odd lengths)
// and the [Double] entry.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}

/// The hex floats of a hard-case file ('#' starts a comment), or nil if it cannot be opened.
func hardCases(_ path: String) -> [Double]? {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var values: [Double] = []
    var line: UnsafeMutablePointer<CChar>? = nil
    var capacity = 0
    while getline(&line, &capacity, file) > 0 {
        let text = String(cString: line!).split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "," }) {
            if let v = Double(word) { values.append(v) }
        }
    }
    free(line)
    return values
}

func check64(_ name: String, _ special: [Double], _ inDomain: (inout SplitMix64) -> Double, hardCaseFile: String,
             _ scalar: (Double) -> Double, _ batch: (Span<Double>, inout MutableSpan<Double>) -> Void,
             _ array: ([Double]) -> [Double]) {
    guard selected.isEmpty || selected.contains(name) else { return }
    var random = SplitMix64(state: 1)
    var input = special
    let hard = hardCases(hardCaseFile)
    for h in hard ?? [] { input += [h, h.nextUp, h.nextDown, -h] }
    for _ in 0..<(1 << 25) { input.append(Double(bitPattern: random.next())) }
    for _ in 0..<(1 << 25) { input.append(inDomain(&random)) }
    var output = [Double](repeating: 0, count: input.count)
    input.withUnsafeBufferPointer { source in
        output.withUnsafeMutableBufferPointer { destination in
            // Cut at odd places, so that every tail length and lane position occurs.
            var start = 0, step = 1
            while start < source.count {
                let end = min(source.count, start + step)
                var o = MutableSpan(_unsafeElements: UnsafeMutableBufferPointer(rebasing: destination[start..<end]))
                batch(Span(_unsafeElements: UnsafeBufferPointer(rebasing: source[start..<end])), &o)
                start = end
                step = step < 1000 ? step * 3 + 1 : 1 << 20
            }
        }
    }
    let viaArray = array(input)
    var differ = 0
    var examples: [String] = []
    for k in input.indices {
        let want = scalar(input[k])
        let ok = { (got: Double) in got.bitPattern == want.bitPattern || (got.isNaN && want.isNaN) }
        if !ok(output[k]) || !ok(viaArray[k]) {
            differ += 1
            if examples.count < 10 {
                examples.append("x = \(input[k]) (0x\(String(input[k].bitPattern, radix: 16))): batch \(output[k]), array \(viaArray[k]), scalar \(want)")
            }
        }
    }
    let hardNote = hard.map { "\($0.count) hard cases ×4 from \(hardCaseFile)" }
        ?? "\(hardCaseFile) not found (run from the package root): FAILED"
    if hard == nil { failed = true }
    print("\(name) binary64: \(input.count) inputs (\(hardNote); seed 1), \(differ) batch results differ from the scalar function")
    for line in examples { print("  " + line) }
    if differ > 0 { failed = true }
}
let special64: [Double] = [.nan, -.nan, .signalingNaN, .infinity, -.infinity, 0, -0, 1, -1, 0x1p-1074, 0x1p-1022,
                           Double(0x1p-1022).nextDown, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                           0x1.62e42fefa39efp+9, Double(0x1.62e42fefa39efp+9).nextUp,
                           -0x1.74910d52d3051p+9, Double(-0x1.74910d52d3051p+9).nextDown,
                           0x1.6232bdd7abcd2p+9, Double(0x1.6232bdd7abcd2p+9).nextDown,
                           -0x1.6232bdd7abcd2p+9, Double(-0x1.6232bdd7abcd2p+9).nextUp, 0x1p-60, -0x1p-60, 0x1p-54,
                           Double(1).nextUp, Double(1).nextDown, 0x1.6p-1, 0x1.6p+0]
let expDomain: (inout SplitMix64) -> Double = { -746 + 1456 * $0.unit() }
let logDomain: (inout SplitMix64) -> Double = { random in
    // Every other input near 1 (1 ± 2^-k), the rest log-uniform over the normals.
    if random.next() & 1 == 0 { return 1 + (random.unit() - 0.5) * Double(sign: .plus, exponent: -Int(random.next() % 60), significand: 1) }
    return Double(sign: .plus, exponent: Int(random.next() % 2046) - 1022, significand: 1 + random.unit())
}
check64("exp-binary64", special64, expDomain, hardCaseFile: "Data/hard-cases/exp.binary64.txt",
        { Evolved.exp($0) }, { Evolved.exp($0, into: &$1) }, { Evolved.exp($0) })
check64("fast-exp-binary64", special64, expDomain, hardCaseFile: "Data/hard-cases/exp.binary64.txt",
        { Evolved.Fast.exp($0) }, { Evolved.Fast.exp($0, into: &$1) }, { Evolved.Fast.exp($0) })
check64("log-binary64", special64, logDomain, hardCaseFile: "Data/hard-cases/log.binary64.txt",
        { Evolved.log($0) }, { Evolved.log($0, into: &$1) }, { Evolved.log($0) })
check64("fast-log-binary64", special64, logDomain, hardCaseFile: "Data/hard-cases/log.binary64.txt",
        { Evolved.Fast.log($0) }, { Evolved.Fast.log($0, into: &$1) }, { Evolved.Fast.log($0) })
if failed { exit(1) }
