// evomath-bench: EvoMath's functions side by side with glibc libm, libmvec,
// SLEEF, GSL and (optionally) CORE-MATH, measured round-robin in one process.
// See Benchmarks/README.md.
import CPeers
import EvoMath
import Foundation

let usage = """
usage: evomath-bench [options]
  --quick                 5 repetitions, 1 Mi large arrays, 1 ms samples
  --repetitions N         repetitions per group (default 11)
  --sample-ms X           minimum time of one sample (default 4)
  --large N               elements of the large arrays (default 8388608)
  --functions a,b         subset of exp,log,logBesselI,logBesselK
  --formats a,b           subset of binary32,binary64,binary16,bfloat16
  --modes a,b             subset of batch-L2,batch-large,scalar-throughput,scalar-latency
  --baseline LIB          library of the ratio columns (default "glibc libm")
  --second-baseline LIB   library of a second ratio column (default "CORE-MATH" when --coremath is given)
  --merge FILE            add another process's results (scipy_bench.py --json)
  --json FILE             write the JSON report (atomically)
  --markdown FILE         write the Markdown report (atomically); stdout if neither is given
  --command TEXT          the command line to record in the report
  --build-flags TEXT      the build flags to record in the report
  --harness-check         also time glibc called from a Swift loop, and a trivial kernel
  --coremath LIB          also time CORE-MATH's cr_exp, cr_log, cr_expf, cr_logf from the shared
                          library LIB (Scripts/benchmark builds it when EVOMATH_COREMATH_DIR is set);
                          they are first checked against glibc (at most 1 ULP apart) on ~4100 inputs
  --coremath-version TEXT the CORE-MATH version (commit) to record in the report
"""

var config = HarnessConfig()
var jsonPath: String? = nil, markdownPath: String? = nil, mergePaths: [String] = []
var command = CommandLine.arguments.joined(separator: " ")
var buildFlags = "unknown (pass --build-flags)"
var harnessCheck = false
var quick = false
var coreMathPath: String? = nil
var coreMathVersion = "unknown (pass --coremath-version)"

var args = CommandLine.arguments.dropFirst()
func value() -> String {
    guard let v = args.popFirst() else { fputs(usage + "\n", stderr); exit(2) }
    return v
}
while let a = args.popFirst() {
    switch a {
    case "--quick": quick = true
    case "--repetitions": config.repetitions = Int(value())!
    case "--sample-ms": config.targetSampleNanoseconds = Double(value())! * 1e6
    case "--large": config.largeCount = Int(value())!
    case "--functions": config.functions = value().split(separator: ",").map { Function(rawValue: String($0))! }
    case "--formats": config.formats = value().split(separator: ",").map(String.init)
    case "--modes": config.modes = value().split(separator: ",").map { Mode(rawValue: String($0))! }
    case "--baseline": config.baselineLibrary = value()
    case "--second-baseline": config.secondBaselineLibrary = value()
    case "--merge": mergePaths.append(value())
    case "--json": jsonPath = value()
    case "--markdown": markdownPath = value()
    case "--command": command = value()
    case "--build-flags": buildFlags = value()
    case "--harness-check": harnessCheck = true
    case "--coremath":
        coreMathPath = value()
        if config.secondBaselineLibrary == nil { config.secondBaselineLibrary = "CORE-MATH" }
    case "--coremath-version": coreMathVersion = value()
    case "-h", "--help": print(usage); exit(0)
    default: fputs("unknown option \(a)\n\(usage)\n", stderr); exit(2)
    }
}
if quick {
    if !CommandLine.arguments.contains("--repetitions") { config.repetitions = 5 }
    if !CommandLine.arguments.contains("--large") { config.largeCount = 1 << 20 }
    if !CommandLine.arguments.contains("--sample-ms") { config.targetSampleNanoseconds = 1e6 }
}
// Zero, but only known at run time (for the dependent chains).
runtimeZero = UInt64(CommandLine.arguments.count >> 30)

let gslVersion = String(cString: cpeers_gsl_init())
var registry = Registry()
if let path = coreMathPath, let failure = registry.loadCoreMath(path: path) {
    fputs("evomath-bench: --coremath \(path): \(failure)\n", stderr)
    exit(1)
}
registry.registerCPeers()
registry.registerSwiftPeers()
registry.registerEvolved()
if harnessCheck { registry.registerHarnessCheck() }
// A wrong build of CORE-MATH (bad flags, truncated source) must not be timed as if it were CORE-MATH.
let coreMathChecks = registry.checkCoreMathAgainstGlibc()
for c in coreMathChecks {
    fputs("[bench] \(c.implementation) vs \(c.reference): \(c.inputs) inputs, at most \(c.maxULP) ULP apart\n", stderr)
    if c.maxULP > 1 {
        fputs("""
            evomath-bench: \(c.implementation) (\(c.format), from \(coreMathPath ?? "")) and \(c.reference) differ by \
            \(c.maxULP == .max ? "NaN against a number" : "\(c.maxULP) ULP") at x = \(c.worst.x): \(c.worst.got) against \
            \(c.worst.want); both should be within 1 ULP of exact, so this build of CORE-MATH is wrong: not benchmarking it.

            """, stderr)
        exit(1)
    }
}

let started = Date()
let groups = runAll(registry, config)
fputs("[bench] done in \(Int(Date().timeIntervalSince(started))) s (sink \(String(sink, radix: 16)))\n", stderr)

var coreMathNote: [String] = []
if let path = coreMathPath {
    let checked = coreMathChecks.map { "\($0.implementation) vs \($0.reference) at most \($0.maxULP) ULP apart on \($0.inputs) inputs" }
    coreMathNote = ["CORE-MATH rows: \(registry.implementations.filter { $0.library == "CORE-MATH" }.map(\.name).joined(separator: ", ")), from \(path) (optional peer, built by Scripts/benchmark from a CORE-MATH checkout; see Benchmarks/README.md). Checked against glibc before timing: \(checked.joined(separator: "; "))."]
}

if let second = config.secondBaselineLibrary {
    coreMathNote.append("× \(second) columns: the speed-up over \(second)'s implementation of the same function and format, paired the same way as ×; empty where \(second) has none.")
}

let isaNames: [String] = ["avx2", "avx512f"]
let features = isaNames.filter { cpeers_cpu_has($0) != 0 }
var stubNote: [String] = []
#if EVOMATH_BENCH_STUB_EVOLVED
stubNote = ["**STUB BUILD**: the Evolved rows call glibc stand-ins (EVOMATH_BENCH_STUB_EVOLVED=1); they say nothing about EvoMath."]
#endif
#if !EVOMATH_HAS_EVOLVED
stubNote.append("EvoMath rows: the functions it ships (Evolved.exp in binary32, binary16, bfloat16 and binary64; Evolved.Fast.exp in binary32 and binary64; Evolved.log in every format, Evolved.Fast.log in binary32 and binary64; the Span batch entries of exp and log in every format, of Fast.exp and Fast.log in binary32 and binary64).")
#endif

var report = Report(
    command: command,
    date: ISO8601DateFormatter().string(from: started),
    cpu: cpuModel(),
    logicalCores: ProcessInfo.processInfo.activeProcessorCount,
    cpuFeatures: features + (cpeers_cpu_has("avx2") != 0 ? ["fma"] : []),
    // The kernels EvoMath was compiled with, as it reports them: shows that -DEVOMATH_FMA reached the module.
    buildFlags: buildFlags + "; Evolved.configuration: \(Evolved.configuration)",
    versions: ["glibc": String(cString: cpeers_glibc_version()), "GSL": gslVersion, "SLEEF": "3.5.1"]
        .merging(coreMathPath == nil ? [:] : ["CORE-MATH": coreMathVersion]) { a, _ in a },
    method: stubNote + coreMathNote + [
        "Times are the median over \(config.repetitions) repetitions, with the interquartile range in parentheses. Units: ns per element (batch, scalar throughput) or ns per call (latency).",
        "Within one (function, format, inputs, mode) group all implementations run in the same process, round-robin: each repetition takes one sample of each, starting from a different implementation each time. A sample lasts at least \(fmt0(config.targetSampleNanoseconds / 1e6)) ms (or one pass over the large array).",
        "×: speed-up over the baseline (glibc libm for exp/log, GSL for the Bessel functions) = baseline time ÷ this time, the median of the per-repetition ratios of samples taken side by side. † marks a ratio of medians from another process (Python); those are less reliable on a busy machine.",
        "batch-L2: out[k] = f(in[k]) over \(config.smallCount) elements (in L2). batch-large: the same over \(config.largeCount) elements (memory-bound for the fast ones). scalar-throughput: independent calls of the scalar function, results XOR-folded. scalar-latency: dependent chain, the next argument is the next input with the previous result's bits ANDed with a run-time zero ORed in (the chain adds ~2 integer ops and two register moves per call).",
        "Vector functions (libmvec, SLEEF …avx2/…avx512f) take part in the batch modes only; binary16/bfloat16 peers are glibc's binary32 function with conversions.",
    ],
    repetitions: config.repetitions,
    skipped: registry.skipped,
    groups: groups)

func fmt0(_ x: Double) -> String { String(format: "%g", x) }

for path in mergePaths {
    do {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        merge(try JSONDecoder().decode(ExternalReport.self, from: data), into: &report)
    } catch {
        fputs("[bench] cannot merge \(path): \(error)\n", stderr)
        report.skipped.append(Skipped(function: "*", format: "*", implementation: path, reason: "could not be merged: \(error)"))
    }
}

let markdown = renderMarkdown(report)
let encoder = JSONEncoder()
encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
let json = String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
if let p = jsonPath { try writeAtomically(json, to: p) }
if let p = markdownPath { try writeAtomically(markdown, to: p) }
if jsonPath == nil && markdownPath == nil { print(markdown) }
