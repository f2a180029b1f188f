// Exhaustive bit-identity check of the batch entries against the scalar
// functions of the same build: every binary32 input (2^32) through
// `Evolved.exp(_:into:)`, `Evolved.Fast.exp(_:into:)`, `Evolved.log(_:into:)`
// and the `[Float]` entries, and every 16-bit input through the 16-bit batch
// entries. Run in release (Scripts/accuracy-checks):
//   swift run -c release evomath-batch-check [exp|fast-exp|log ...]
// Exit status 1 if any result differs (NaN results must both be NaN).
import Dispatch
import Glibc
import EvoMath

typealias Batch = (Span<Float>, inout MutableSpan<Float>) -> Void

let functions: [(String, (Float) -> Float, Batch, ([Float]) -> [Float])] = [
    ("exp", { Evolved.exp($0) }, { Evolved.exp($0, into: &$1) }, { Evolved.exp($0) }),
    ("fast-exp", { Evolved.Fast.exp($0) }, { Evolved.Fast.exp($0, into: &$1) }, { Evolved.Fast.exp($0) }),
    ("log", { Evolved.log($0) }, { Evolved.log($0, into: &$1) }, { Evolved.log($0) }),
]

func same(_ a: Float, _ b: Float) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }

let selected = CommandLine.arguments.dropFirst()
var failed = false
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
if failed { exit(1) }
