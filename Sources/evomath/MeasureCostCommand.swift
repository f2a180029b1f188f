import ArgumentParser
import EvoMathEmitter
import EvoMathSearch
import EvoMathSpec
import Foundation

/// `evomath measure-cost`: times the emitted kernel of every finalist of a
/// finished search on this machine (issue 11, item 3) and ranks them by that
/// measured cost beside the search's counted one. The timings go to
/// `Tables/measured-cost.<name>[.native].md`, never into the spec.
struct MeasureCostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure-cost",
        abstract: "Time each finalist's emitted kernel (scalar and vector) and rank the finalists by measured cost.",
        discussion: """
        The finalists are the search's Pareto archive — the most accurate program found at each counted cost — \
        which `evomath search --front FILE` writes when its generations end, before the finalist's verification \
        (the final state, in the checkpoint format; the spec's bytes do not change). Each finalist's kernel is emitted as `evomath emit` would \
        (one operation per statement, constants rounded to the evaluation type, addingProduct for a recipe's \
        fused multiply-add) into a scratch package, built with `swift build -c release` (plus \
        `-Xswiftc -target-cpu -Xswiftc native` with --native) and timed round-robin: scalar (independent calls, \
        the result multiplied by a table entry at a pseudo-random index, for a table-driven finalist) and \
        vector (8 lanes per step, table entries loaded lane by lane), ns per element, medians over the \
        repetitions, inputs uniform over the kernel's reduced interval. Kernels evaluated in double-double \
        (real-number recipes) are timed in binary64.

        Writes Tables/measured-cost.<recipe name>.md (…native.md with --native): every finalist's counted cost, \
        error, measured times and ranks, and which finalist meeting the recipe's requirement each cost model \
        picks. Timings depend on the machine and its load; they are a ranking aid, not part of any spec.

        --spec adds the kernel of a finished spec of the same function, format and evaluation (for example the \
        table-driven kernel a small-table search is compared with) to the same timing process, as a reference row \
        outside the ranking, with the time ratios of each cost model's pick to it.
        """)

    @Option(help: ArgumentHelp("The finished search's final state (`evomath search --front FILE`).", valueName: "file"))
    var front: String

    @Option(help: ArgumentHelp("The recipe the search ran.", valueName: "file"))
    var recipe: String

    @Option(help: ArgumentHelp("Folder for the table.", valueName: "dir"))
    var tables: String = "Tables"

    @Flag(help: "Build the timing program with -target-cpu native.")
    var native = false

    @Option(help: "Timing repetitions per finalist (median reported).")
    var repetitions: Int = 15

    @Option(name: .customLong("spec"),
            help: ArgumentHelp("Also time this spec's kernel in the same process (a reference row, not ranked); repeatable.",
                               valueName: "file"))
    var specs: [String] = []

    @Option(help: ArgumentHelp("Keep the scratch package in this folder (default: a temporary folder, removed).", valueName: "dir"))
    var keep: String?

    func validate() throws {
        if !(1...1000).contains(repetitions) { throw ValidationError("--repetitions must be in 1…1000") }
    }

    func run() throws {
        do {
            try measure()
        } catch let e as SpecFileError {
            throw CLIError(e.description)
        } catch let e as SearchError {
            throw CLIError(e.description)
        }
    }

    private func measure() throws {
        let recipe = try Recipe.load(path: self.recipe)
        let file = try CheckpointFile.read(at: front)
        guard file.recipe == recipe.fingerprint else {
            throw CLIError("\(front): written by a search of another recipe than \(self.recipe) (its recipe fingerprint differs)")
        }
        let finalists = file.archive.filter { $0.error.isFinite }.sorted { ($0.cost, $0.error) < ($1.cost, $1.error) }
        guard !finalists.isEmpty else { throw CLIError("\(front): the archive holds no finalist with a finite error") }
        let references = try specs.map { path -> (path: String, spec: SpecFile) in
            let s = try SpecFile.read(at: path)
            guard s.function == recipe.function, s.format == recipe.format, s.evaluation.type == recipe.evaluation,
                  s.evaluation.fusedMultiplyAdd == recipe.fusedMultiplyAdd,
                  s.reduction.family == recipe.reductionFamily else {
                throw CLIError("\(path): not a \(recipe.function) \(recipe.format) kernel with the recipe's reduction and evaluation")
            }
            return (path, s)
        }
        // The reduced intervals of the references' table sizes too (the
        // fingerprint check above is on the recipe as given).
        var sampled = recipe
        sampled.tableBits = Array(Set(recipe.tableBits + references.map { $0.spec.reduction.tableBits })).sorted()
        let problem = Problem(recipe: sampled)
        var kernels: [TimingHarness.Kernel] = []
        for f in finalists {
            guard let samples = problem.kernelSamples[f.tableBits] else {
                throw CLIError("\(front): a finalist has table bits \(f.tableBits), which recipe \(self.recipe) does not list")
            }
            kernels.append(TimingHarness.Kernel(program: f.program, tableBits: f.tableBits, interval: samples.interval))
        }
        for r in references {
            let t = r.spec.reduction.tableBits
            kernels.append(TimingHarness.Kernel(program: r.spec.program, tableBits: t, interval: problem.kernelSamples[t]!.interval))
        }
        let fm = FileManager.default
        let dir = keep ?? (NSTemporaryDirectory() + "evomath-measure-cost-\(getpid())")
        try fm.createDirectory(atPath: dir + "/Sources", withIntermediateDirectories: true)
        defer { if keep == nil { try? fm.removeItem(atPath: dir) } }
        try writeAtomically(TimingHarness.manifest, to: dir + "/Package.swift")
        try writeAtomically(TimingHarness.source(kernels: kernels, evaluation: recipe.evaluation, fused: recipe.fusedMultiplyAdd,
                                                 repetitions: repetitions), to: dir + "/Sources/main.swift")
        var build = ["build", "-c", "release", "--package-path", dir]
        if native { build += ["-Xswiftc", "-target-cpu", "-Xswiftc", "native"] }
        FileHandle.standardError.write(Data("building \(kernels.count) finalist kernels in \(dir)…\n".utf8))
        let (buildStatus, buildOutput) = try runProcess("/usr/bin/env", ["swift"] + build)
        guard buildStatus == 0 else {
            throw CLIError("swift build of the timing package failed (\(dir); keep it with --keep):\n\(buildOutput.suffix(2000))")
        }
        FileHandle.standardError.write(Data("timing (\(repetitions) repetitions each)…\n".utf8))
        let (runStatus, runOutput) = try runProcess(dir + "/.build/release/finalist-timing", [])
        guard runStatus == 0 else { throw CLIError("the timing program failed:\n\(runOutput.suffix(2000))") }
        var times: [(Double, Double)] = Array(repeating: (.nan, .nan), count: kernels.count)
        for line in runOutput.split(separator: "\n") {
            let f = line.split(separator: "\t")
            guard f.count == 3, let k = Int(f[0]), times.indices.contains(k), let a = Double(f[1]), let b = Double(f[2]) else { continue }
            times[k] = (a, b)
        }
        guard times.allSatisfy({ $0.0.isFinite && $0.1.isFinite }) else {
            throw CLIError("the timing program's output is incomplete:\n\(runOutput.suffix(2000))")
        }
        let table = MeasuredCostTable(recipe: recipe, recipePath: self.recipe, front: front, finalists: finalists,
                                      times: Array(times.prefix(finalists.count)), native: native, repetitions: repetitions,
                                      commandLine: commandLine, references: references,
                                      referenceTimes: Array(times.dropFirst(finalists.count)))
        let path = tables + "/measured-cost.\(recipe.name)\(native ? ".native" : "").md"
        try fm.createDirectory(atPath: tables, withIntermediateDirectories: true)
        try writeAtomically(table.markdown, to: path)
        print(table.summary)
        print("table: \(path)")
    }
}

/// Runs a program to completion, returning its status and its stdout and
/// stderr together.
func runProcess(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// The table `measure-cost` writes.
struct MeasuredCostTable {
    var markdown = ""
    var summary = ""

    init(recipe: Recipe, recipePath: String, front: String, finalists: [CheckpointFile.Individual],
         times: [(Double, Double)], native: Bool, repetitions: Int, commandLine: String,
         references: [(path: String, spec: SpecFile)] = [], referenceTimes: [(Double, Double)] = []) {
        let gate = recipe.gate
        let meets = finalists.indices.filter { finalists[$0].error <= gate && gate > 0 }
        func rank(_ key: (Int) -> Double) -> [Int: Int] {
            let order = finalists.indices.sorted { (key($0), $0) < (key($1), $1) }
            return Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0 + 1) })
        }
        let scalarRank = rank { times[$0].0 }, vectorRank = rank { times[$0].1 }
        func pick(_ key: (Int) -> Double) -> Int? { meets.min { (key($0), $0) < (key($1), $1) } }
        let byCount = pick { finalists[$0].cost }, byScalar = pick { times[$0].0 }, byVector = pick { times[$0].1 }
        func fmt(_ v: Double) -> String { String(format: "%.3g", v) }
        var m = "# Measured cost of the finalists: \(recipe.name)\n\n"
        m += "Produced by `\(commandLine)` from the final state of the search (`\(front)`, recipe `\(recipePath)`).\n\n"
        m += "- Machine: \(cpuModel()); build: `swift build -c release`\(native ? " with `-Xswiftc -target-cpu -Xswiftc native`" : " (default flags)").\n"
        m += "- Kernels as emitted (evaluation \(recipe.evaluation.rawValue)\(recipe.evaluation == .real ? ", timed in binary64" : ""), "
        m += "fused multiply-add \(recipe.fusedMultiplyAdd ? "as `addingProduct`" : "none"), inputs uniform over each kernel's reduced interval; "
        m += "scalar: independent calls (`@inline(never)`) times the table entry; vector: 8 lanes per step, table entries loaded per lane. "
        m += "ns per element, median of \(repetitions) round-robin repetitions. Timings depend on the machine and its load; not part of any spec.\n"
        m += "- Counted cost: the recipe's cost model (\(costSummary(recipe.cost))). Error: the search's error objective"
        m += gate > 0 ? " (requirement: ≤ \(String(format: "%.6g", gate))).\n\n" : " (the recipe states no requirement).\n\n"
        m += "| counted cost | table bits | error | misrounded | meets requirement | scalar ns | scalar rank | vector ns | vector rank | program |\n"
        m += "|---:|---:|---:|---:|:---:|---:|---:|---:|---:|---|\n"
        for (k, f) in finalists.enumerated() {
            m += "| \(fmt(f.cost)) | \(f.tableBits) | \(String(format: "%.6g", f.error)) | \(f.misrounded < 0 ? "" : String(f.misrounded)) | \(meets.contains(k) ? "yes" : "") | \(fmt(times[k].0)) | \(scalarRank[k]!) | "
            m += "\(fmt(times[k].1)) | \(vectorRank[k]!) | `\(f.program.description)` |\n"
        }
        func describe(_ k: Int?) -> String {
            guard let k else { return gate > 0 ? "none (no finalist meets the requirement)" : "none (the recipe states no error requirement)" }
            return "counted cost \(fmt(finalists[k].cost)), \(finalists[k].tableBits) table bits, scalar \(fmt(times[k].0)) ns, vector \(fmt(times[k].1)) ns"
        }
        m += "\nAmong the finalists that meet the requirement, each cost model picks:\n\n"
        m += "- counted cost (the search's winner): \(describe(byCount))\n"
        m += "- measured scalar time: \(describe(byScalar))\n"
        m += "- measured vector time: \(describe(byVector))\n"
        var referenceSummary = ""
        if !references.isEmpty {
            m += "\nReference kernels from specs, timed in the same process (`--spec`; not ranked above). Counted cost: "
            m += "the spec's program and table load under this recipe's cost model. Ratio: the pick's time / the reference's.\n\n"
            m += "| spec | counted cost | table bits | exceptions | verification | scalar ns | vector ns | "
            m += "counted pick / it, scalar | counted pick / it, vector | program |\n"
            m += "|---|---:|---:|---:|---|---:|---:|---:|---:|---|\n"
            for (k, r) in references.enumerated() {
                let s = r.spec, t = s.reduction.tableBits, (a, b) = referenceTimes[k]
                let counted = s.program.cost(recipe.cost) + recipe.cost.tableLoadCost(tableBits: t)
                let v = s.verification
                let check = "\(v.method) \(v.inputs) inputs, \(v.misrounded.map { "\($0) misrounded" } ?? "max \(v.maxULP.map { "\($0)" } ?? "–") ULP")"
                let ratios = byCount.map { (String(format: "%.3f", times[$0].0 / a), String(format: "%.3f", times[$0].1 / b)) }
                m += "| `\(r.path)` | \(fmt(counted)) | \(t) | \(s.exceptionList.count) | \(check) | \(fmt(a)) | \(fmt(b)) | "
                m += "\(ratios?.0 ?? "–") | \(ratios?.1 ?? "–") | `\(s.program.description)` |\n"
                referenceSummary += "; reference \(r.path): scalar \(fmt(a)) ns, vector \(fmt(b)) ns"
                    + (ratios.map { " (counted pick / it: scalar \($0.0), vector \($0.1))" } ?? "")
            }
        }
        markdown = m
        summary = "\(finalists.count) finalists timed; requirement met by \(meets.count). Picks — counted: \(describe(byCount)); "
            + "scalar: \(describe(byScalar)); vector: \(describe(byVector))" + referenceSummary
    }
}

/// The CPU's model name from /proc/cpuinfo (Linux), or "unknown CPU".
func cpuModel() -> String {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
          let colon = line.firstIndex(of: ":") else { return "unknown CPU" }
    return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
}

/// The cost model's weights, as the table states them.
func costSummary(_ c: CostModel) -> String {
    func g(_ v: Double) -> String { String(format: "%g", v) }
    var s = "add \(g(c.add)), sub \(g(c.sub)), mul \(g(c.mul)), div \(g(c.div)), fma \(g(c.fma)), table load \(g(c.tableLoad))"
    if let v = c.vectorTableLoad { s += "; vector table load \(g(v.small)) up to 2^\(v.smallTableBits) entries, \(g(v.large)) above" }
    if c.latency > 0 { s += "; latency weight \(g(c.latency))" }
    return s
}
