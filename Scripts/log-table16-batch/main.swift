// Full-function batch time of the correctly rounded binary32 log with three kernels, one process:
// LogSupport.mapCorrectlyRounded (8 lanes: reduction with its two table gathers, kernel, reconstruction,
// rounding test; flagged lanes through the scalar function) over the same inputs, round-robin.
#if canImport(Glibc)
import Glibc
#endif
let count = 1 << 14
var state: UInt64 = 0x9E3779B97F4A7C15
func next() -> UInt64 { state &+= 0x9E3779B97F4A7C15; var z = state; z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9; z = (z ^ (z >> 27)) &* 0x94D049BB133111EB; return z ^ (z >> 31) }
func now() -> UInt64 { var t = timespec(); clock_gettime(CLOCK_MONOTONIC, &t); return UInt64(t.tv_sec) &* 1_000_000_000 &+ UInt64(t.tv_nsec) }
// Positive normal binary32 inputs, bit patterns uniform (every binade equally likely).
let inputs: [Float] = (0..<count).map { _ in Float(bitPattern: UInt32(0x0080_0000) + UInt32(next() % UInt64(0x7F00_0000))) }
var output = [Float](repeating: 0, count: count)
var sink: Float = 0
func median(_ v: [Double]) -> Double { let s = v.sorted(); return s[s.count / 2] }
@inline(never) func run16() { inputs.withUnsafeBufferPointer { s in output.withUnsafeMutableBufferPointer { d in
    LogSupport.mapCorrectlyRounded(s.baseAddress!, d.baseAddress!, count, LogBinary32CorrectlyRoundedTable16.self) { Evolved.log($0, kernel: LogBinary32CorrectlyRoundedTable16.self) } } } }
@inline(never) func runScratch() { inputs.withUnsafeBufferPointer { s in output.withUnsafeMutableBufferPointer { d in
    LogSupport.mapCorrectlyRounded(s.baseAddress!, d.baseAddress!, count, LogBinary32CorrectlyRoundedScratch.self) { Evolved.log($0, kernel: LogBinary32CorrectlyRoundedScratch.self) } } } }
@inline(never) func runShipped() { inputs.withUnsafeBufferPointer { s in output.withUnsafeMutableBufferPointer { d in
    LogSupport.mapCorrectlyRounded(s.baseAddress!, d.baseAddress!, count, LogBinary32CorrectlyRounded.self) { Evolved.log($0, kernel: LogBinary32CorrectlyRounded.self) } } } }
let names = ["16 entries (LogBinary32CorrectlyRoundedTable16, cost 20)", "64 entries (LogBinary32CorrectlyRoundedScratch, cost 16)",
             "64 entries (LogBinary32CorrectlyRounded, seeded spec, cost 16)"]
let runs: [() -> Void] = [run16, runScratch, runShipped]
var times = [[Double]](repeating: [], count: runs.count)
let reps = Int(CommandLine.arguments.dropFirst().first ?? "101") ?? 101
for _ in 0..<reps {
    for k in runs.indices {
        let a = now(); runs[k](); let b = now()
        sink += output[Int(next() % UInt64(count))]
        times[k].append(Double(b - a) / Double(count))
    }
}
for k in runs.indices { print(names[k], (median(times[k]) * 1000).rounded() / 1000, "ns/element") }
print("ratio 16 / 64 (scratch):", (median(times[0]) / median(times[1]) * 1000).rounded() / 1000,
      " 16 / 64 (seeded):", (median(times[0]) / median(times[2]) * 1000).rounded() / 1000)
if sink.isNaN { print("nan") }
