#if canImport(Glibc)
import Glibc
#endif

/// What is measured.
enum Mode: String, CaseIterable, Codable {
    /// out[k] = f(in[k]) over an array that stays in L2 (4096 elements).
    case batchL2 = "batch-L2"
    /// The same over an array much larger than the caches (8 Mi elements).
    case batchLarge = "batch-large"
    /// Independent scalar calls in a loop, results XOR-folded (no stores).
    case scalarThroughput = "scalar-throughput"
    /// Dependent chain of scalar calls: each input is the next array element
    /// with the previous result's bits ANDed with a run-time zero ORed in.
    case scalarLatency = "scalar-latency"

    var unit: String { self == .scalarLatency ? "ns/call" : "ns/element" }
}

struct Stats: Codable {
    var median: Double
    var q1: Double
    var q3: Double
    var min: Double
    var max: Double

    init(_ values: [Double]) {
        let s = values.sorted()
        func quantile(_ q: Double) -> Double {
            let pos = q * Double(s.count - 1)
            let lo = Int(pos.rounded(.down)), hi = Swift.min(lo + 1, s.count - 1)
            return s[lo] + (s[hi] - s[lo]) * (pos - Double(lo))
        }
        median = quantile(0.5); q1 = quantile(0.25); q3 = quantile(0.75)
        min = s.first!; max = s.last!
    }
}

struct Result: Codable {
    var implementation: String
    var library: String
    /// "swift" for the harness process, "python" for scipy_bench.py.
    var process: String
    var nsPerElement: Stats
    /// Baseline time ÷ this time. "paired": median over repetitions of the ratio
    /// of the two measurements taken in the same repetition of the same process;
    /// "cross-process": ratio of medians from different processes (less reliable).
    var speedup: Stats?
    var speedupMethod: String?
    /// Second-baseline time ÷ this time, paired the same way (see `Group.secondBaseline`).
    var speedupOverSecondBaseline: Stats?
    var samples: [Double]
}

struct Group: Codable {
    var function: String
    var format: String
    var distribution: String
    var inputs: String
    var mode: Mode
    var elements: Int
    var unit: String
    var baseline: String?
    /// The implementation of a second reference library (`--second-baseline`,
    /// CORE-MATH when it is loaded), when the group has one.
    var secondBaseline: String?
    var results: [Result]
}

@inline(__always) func nowNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
}

/// Results are XOR-folded into this, and it is printed at the end, so no
/// measured call can be removed as dead code.
var sink: UInt64 = 0
/// Always zero, but not known to the compiler (see `Mode.scalarLatency`).
var runtimeZero: UInt64 = 0

struct HarnessConfig {
    var repetitions = 11
    var smallCount = 4096
    var largeCount = 8 << 20
    var targetSampleNanoseconds: Double = 4_000_000
    /// Library whose implementation is the reference of the ratio columns.
    var baselineLibrary = "glibc libm"
    /// Library of the second ratio column, if any (e.g. "CORE-MATH").
    var secondBaselineLibrary: String? = nil
    var functions = Function.allCases
    var formats = ["binary32", "binary64", "binary16", "bfloat16"]
    var distributions = Distribution.allCases
    var modes = Mode.allCases
    var progress = true
}

/// Runs every (function, format, distribution, mode) group: within a group the
/// implementations are measured round-robin, one sample each per repetition,
/// starting from a different one each repetition.
func runAll(_ registry: Registry, _ config: HarnessConfig) -> [Group] {
    var groups: [Group] = []
    let maxBytes = config.largeCount * 8 * 2
    // Inputs are page-aligned; the output starts half a page further, so the
    // relative placement of loads and stores (4 KiB aliasing) is the same in every run.
    let outputBase = UnsafeMutableRawPointer.allocate(byteCount: maxBytes + 4096, alignment: 4096)
    defer { outputBase.deallocate() }
    memset(outputBase, 0, maxBytes + 4096)  // fault the pages in before any timing
    let output = outputBase + 2048

    for function in config.functions {
        let formats = function.arity == 1 ? config.formats : config.formats.filter { $0 == "binary64" || $0 == "binary32" }
        for format in formats {
            let candidates = registry.implementations.filter { $0.function == function && $0.format == format }
            if candidates.isEmpty { continue }
            for distribution in config.distributions {
                var inputCache: [Int: InputBuffer] = [:]
                for mode in config.modes {
                    if mode == .batchLarge && function.arity != 1 { continue }
                    let impls = candidates.filter {
                        switch mode {
                        case .batchL2, .batchLarge: return true
                        case .scalarThroughput: return $0.kernels.sum != nil
                        case .scalarLatency: return $0.kernels.chain != nil
                        }
                    }
                    if impls.isEmpty { continue }
                    let count = mode == .batchLarge ? config.largeCount : config.smallCount
                    let seed = UInt64(truncatingIfNeeded: (function.rawValue + format + distribution.rawValue).hashValueStable)
                    let input = inputCache[count] ?? InputBuffer(function, format, distribution, count: count, seed: seed)
                    inputCache[count] = input
                    if config.progress {
                        fputs("[bench] \(function.rawValue) \(format) \(distribution.rawValue) \(mode.rawValue): \(impls.count) implementations\n", stderr)
                    }
                    groups.append(runGroup(impls, mode: mode, input: input, output: output,
                                           function: function, format: format, distribution: distribution, config: config))
                }
            }
        }
    }
    return groups
}

private func runGroup(_ impls: [Implementation], mode: Mode, input: InputBuffer, output: UnsafeMutableRawPointer,
                      function: Function, format: String, distribution: Distribution, config: HarnessConfig) -> Group {
    let n = input.count
    let inPtr = UnsafeRawPointer(input.pointer)
    let runs: [() -> UInt64] = impls.map { impl in
        switch mode {
        case .batchL2, .batchLarge:
            let batch = impl.kernels.batch
            let last = (n - 1) * byteSize(ofFormat: format)
            return {
                batch(inPtr, output, n)
                return UInt64(output.load(as: UInt16.self)) ^ UInt64(output.load(fromByteOffset: last, as: UInt16.self))
            }
        case .scalarThroughput:
            let sum = impl.kernels.sum!
            return { sum(inPtr, n) }
        case .scalarLatency:
            let chain = impl.kernels.chain!
            return { chain(inPtr, n, runtimeZero) }
        }
    }
    // Calibrate: one warm-up call, then enough calls per sample to reach the target time.
    var iterations: [Int] = []
    for run in runs {
        sink ^= run()
        let t0 = nowNanoseconds()
        sink ^= run()
        let t = Double(nowNanoseconds() - t0)
        iterations.append(max(1, Int((config.targetSampleNanoseconds / max(t, 1)).rounded(.up))))
    }
    var samples = [[Double]](repeating: [], count: runs.count)
    for rep in 0..<config.repetitions {
        for j in 0..<runs.count {
            let i = (j + rep) % runs.count
            let run = runs[i], iters = iterations[i]
            var acc: UInt64 = 0
            let t0 = nowNanoseconds()
            for _ in 0..<iters { acc ^= run() }
            let t = nowNanoseconds() - t0
            sink ^= acc
            samples[i].append(Double(t) / Double(iters * n))
        }
    }
    // The baseline: the chosen library's implementation, else GSL's (Bessel functions).
    let baselineIndex = impls.firstIndex { $0.library == config.baselineLibrary }
        ?? impls.firstIndex { $0.library.hasPrefix("GSL") }
    let secondIndex = config.secondBaselineLibrary.flatMap { second in impls.firstIndex { $0.library == second } }
    func paired(_ b: Int?, _ i: Int) -> Stats? { b.map { b in Stats(zip(samples[b], samples[i]).map { $0 / $1 }) } }
    var results: [Result] = []
    for (i, impl) in impls.enumerated() {
        results.append(Result(implementation: impl.name, library: impl.library, process: "swift",
                              nsPerElement: Stats(samples[i]), speedup: paired(baselineIndex, i),
                              speedupMethod: baselineIndex == nil ? nil : "paired",
                              speedupOverSecondBaseline: paired(secondIndex, i),
                              samples: samples[i].map { ($0 * 10_000).rounded() / 10_000 }))
    }
    return Group(function: function.rawValue, format: format, distribution: distribution.rawValue,
                 inputs: describe(function, format, distribution), mode: mode, elements: n, unit: mode.unit,
                 baseline: baselineIndex.map { impls[$0].name }, secondBaseline: secondIndex.map { impls[$0].name },
                 results: results)
}

extension String {
    /// FNV-1a (String.hashValue is randomly seeded per process).
    var hashValueStable: UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }
}
