import ArgumentParser
import EvoMathReference
import Foundation

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Measure an implementation's error against the correctly rounded MPFR reference.",
        discussion: """
        Prints a ULP report: inputs checked, the maximum error and the input where it occurs (got/want in \
        hex), how many results are not correctly rounded, special-value failures. 16- and 32-bit formats \
        are checked exhaustively by default (binary32 on every core, with a filter — by default EvoMath's own \
        binary64 exp/log with a proven error bound, no libm — so only near-boundary inputs go to MPFR; the \
        report says which filter decided how many inputs); binary64 by random samples over every binade \
        plus hard cases.

        logBesselI and logBesselK (binary64, binary32) are checked on sets of pairs (v, x) against the MPFR \
        ground truth, in the metric |y − L| / (ε·max(1, |L|)), L the exact logarithm, ε = 2^-52 (binary64) or \
        2^-23 (binary32): the grid (--grid; orders 0, integers and half-integers to 1e4 and log-spaced in \
        [1e-3, 1e4]; arguments log-spaced in [1e-300, 1e6], in binary32 from its least subnormal 2^-149 to 1e6), \
        spot checks (orders to 1e8 × arguments from the least subnormal to the largest finite value), \
        Boost.Math's test tables (--boost), random pairs (--samples N --seed S) and pairs from a file (--points). \
        The report gives per set the points checked, the largest error and where (v, x, got, and the correctly \
        rounded logarithm), and the results that are ±inf or NaN where the logarithm is finite; --report, \
        --json, --tables and --csv (one row per point, for heatmaps) write it. The default grid (121 × 1000 in binary64) \
        takes minutes: the ground truth of K costs about a millisecond a point.

        Exit status: 0 when the report was made (and the --max-ulp / --correctly-rounded / --max-error \
        requirement, if given, holds), 1 when a requirement fails, 64 for bad arguments.
        """
    )

    @OptionGroup var options: FunctionOptions

    @Flag(help: "Check every value of the format (the default for formats of at most 32 bits).")
    var exhaustive = false

    @Option(help: ArgumentHelp("Check N random inputs spread over the function's binades (default for binary64: 1000000); logBesselI/K: N random pairs besides the other sets (default: none).", valueName: "N"))
    var samples: Int?

    @Option(help: ArgumentHelp("Seed of the random samples.", valueName: "S"))
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Check only part I of N of an exhaustive run (e.g. 2/4); merge the parts with `evomath merge`.", valueName: "I/N"))
    var shard: String?

    @Option(name: .customLong("hard-cases"), help: ArgumentHelp(
        "A file of extra inputs, one hex float a line ('#' starts a comment). Default for binary64: Data/hard-cases/<function>.binary64.txt when it exists.",
        valueName: "file"))
    var hardCases: String?

    @Option(help: ArgumentHelp("Write the report as JSON to this file (atomically).", valueName: "file"))
    var json: String?

    @Option(help: ArgumentHelp("Also write <function>.<format>.<impl>.md and .json into this directory (e.g. Tables).", valueName: "dir"))
    var tables: String?

    @Option(name: .customLong("max-ulp"), help: ArgumentHelp("Fail (exit 1) if the maximum error exceeds this many ULP.", valueName: "u"))
    var maxULP: Double?

    @Flag(name: .customLong("correctly-rounded"), help: "Fail (exit 1) unless every result is correctly rounded.")
    var requireCorrectlyRounded = false

    @Option(help: ArgumentHelp(
        "How an exhaustive binary32 run decides most inputs before MPFR: proven (EvoMath's own binary64 exp/log with a derived error bound, no libm; the default), glibc (glibc's binary64, trusted to 2^-48), none (MPFR on every input: hours).",
        valueName: "filter"))
    var filter: String = "proven"

    @Option(help: ArgumentHelp("At most this many threads (default: one per core).", valueName: "N"))
    var threads: Int?

    // Options of logBesselI / logBesselK.

    @Option(help: ArgumentHelp(
        "logBesselI/K: the grid, ORDERSxARGUMENTS: that many log-spaced orders in [1e-3, 1e4] (plus 0 and 20 integers and half-integers) times that many log-spaced arguments; 'none' for no grid (default 100x1000: more than 10^5 points in either format).",
        valueName: "VxX"))
    var grid: String?

    @Option(name: .customLong("x-min"), help: ArgumentHelp("logBesselI/K: the least argument of the grid and samples (default 1e-300; binary32: 2^-149).", valueName: "x"))
    var xMin: Double?

    @Option(name: .customLong("x-max"), help: ArgumentHelp("logBesselI/K: the largest argument of the grid and samples (default 1e6).", valueName: "x"))
    var xMax: Double?

    @Flag(name: .customLong("no-spots"), help: "logBesselI/K: skip the spot checks (orders to 1e8, arguments to the largest finite value).")
    var noSpots = false

    @Option(help: ArgumentHelp(
        "logBesselI/K: the directory of Boost.Math's tables boost-bessel-i.tsv and boost-bessel-k.tsv, or 'none' (default: Tests/EvoMathReferenceTests/Data/bessel when it exists).",
        valueName: "dir"))
    var boost: String?

    @Option(help: ArgumentHelp("logBesselI/K: also check the pairs 'v x' of this file (values of the format; '#' starts a comment).", valueName: "file"))
    var points: String?

    @Option(name: .customLong("max-error"), help: ArgumentHelp("logBesselI/K: fail (exit 1) if the largest error exceeds E (a non-finite result is an infinite error).", valueName: "E"))
    var maxError: Double?

    @Option(help: ArgumentHelp("logBesselI/K: write the report as Markdown to this file.", valueName: "file"))
    var report: String?

    @Option(help: ArgumentHelp(
        "logBesselI/K: write every point as CSV to this file: set, v, x, got, L as high + low (hex), error.",
        valueName: "file"))
    var csv: String?

    func validate() throws {
        if let n = threads, n < 1 { throw ValidationError("--threads must be at least 1") }
        if let kind = options.logBesselKind { return try validateLogBessel(kind) }
        let besselOnly: [(Bool, String)] = [(grid != nil, "--grid"), (xMin != nil, "--x-min"), (xMax != nil, "--x-max"),
                                            (noSpots, "--no-spots"), (boost != nil, "--boost"), (points != nil, "--points"),
                                            (maxError != nil, "--max-error"), (report != nil, "--report"), (csv != nil, "--csv")]
        if let (_, name) = besselOnly.first(where: \.0) {
            throw ValidationError("\(name) applies to logBesselI and logBesselK only")
        }
        if exhaustive && samples != nil { throw ValidationError("--exhaustive and --samples exclude each other") }
        if let n = samples, n < 1 { throw ValidationError("--samples must be at least 1") }
        if let s = shard {
            guard Shard(s) != nil else { throw ValidationError("--shard must be I/N with 1 ≤ I ≤ N, e.g. 1/4") }
            if samples != nil { throw ValidationError("--shard splits an exhaustive run; it does not go with --samples") }
        }
        if let m = maxULP, !(m >= 0) { throw ValidationError("--max-ulp must be a non-negative number") }
        if Binary32Filter(rawValue: filter) == nil {
            throw ValidationError("unknown --filter '\(filter)'; use \(Binary32Filter.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let format = FloatFormat(named: options.formatName), !format.isEnumerable {
            if exhaustive {
                throw ValidationError("\(format.name) has 2^\(format.bitWidth) values, too many to enumerate; use --samples N")
            }
            if shard != nil {
                throw ValidationError("--shard splits an exhaustive run, and \(format.name) is checked by samples")
            }
        }
    }

    func validateLogBessel(_ kind: LogBesselKind) throws {
        let name = kind.functionName
        guard let format = FloatFormat(named: options.formatName), format == .binary64 || format == .binary32 else {
            throw ValidationError("\(name) is available in binary64 and binary32, not '\(options.formatName)'")
        }
        let oneArgumentOnly: [(Bool, String)] = [(exhaustive, "--exhaustive"), (shard != nil, "--shard"), (hardCases != nil, "--hard-cases"),
                                                 (maxULP != nil, "--max-ulp (use --max-error)"), (requireCorrectlyRounded, "--correctly-rounded"),
                                                 (filter != "proven", "--filter"), (options.spec != nil, "--spec")]
        if let (_, option) = oneArgumentOnly.first(where: \.0) { throw ValidationError("\(option) does not apply to \(name)") }
        if let n = samples, n < 1 { throw ValidationError("--samples must be at least 1") }
        if let g = grid, g != "none", LogBesselGridSize(g) == nil {
            throw ValidationError("--grid must be ORDERSxARGUMENTS with positive counts (e.g. 100x1000) or 'none'")
        }
        let range = LogBesselPoints.argumentRange(in: format)
        let (low, high) = (xMin ?? range.low, xMax ?? range.high)
        guard low > 0, low < high, high.isFinite, format.round(low) > 0, format.round(high).isFinite else {
            throw ValidationError("--x-min and --x-max must satisfy 0 < x-min < x-max, both within \(format.name)'s positive finite range")
        }
        if let e = maxError, !(e >= 0) { throw ValidationError("--max-error must be a non-negative number") }
    }

    func run() throws {
        if let kind = options.logBesselKind { return try runLogBessel(kind) }
        let (function, format, _) = try options.resolve()
        let implementation = try options.implementation()
        var verifier = Verifier(function: function, format: format, implementation: implementation)
        verifier.command = commandLine
        verifier.filter = Binary32Filter(rawValue: filter) ?? .proven
        verifier.threads = threads
        let useExhaustive = exhaustive || (samples == nil && format.isEnumerable)
        let progress = Progress("\(function.name) \(format.name) \(implementation.name)")
        let report: ULPReport
        if useExhaustive {
            report = try verifier.exhaustive(shard: shard.flatMap(Shard.init), progress: { progress.update($0) })
        } else {
            let extra = try loadHardCases(function: function, format: format)
            report = verifier.sampled(count: samples ?? 1_000_000, seed: seed, hardCases: extra, progress: { progress.update($0) })
        }
        progress.finish()
        try write(report)
        print(report.summaryLines.joined(separator: "\n"))
        var failed = false
        if let m = maxULP, !(report.maxULP <= m) {
            print("FAIL: max error \(ULPReport.formatULP(report.maxULP)) ULP exceeds \(m)")
            failed = true
        }
        if requireCorrectlyRounded && report.misrounded > 0 {
            print("FAIL: \(report.misrounded) results are not correctly rounded")
            failed = true
        }
        if (maxULP != nil || requireCorrectlyRounded) && !failed { print("PASS") }
        if failed { throw ExitCode(1) }
    }

    /// The log-Bessel verification: the point sets the options select, checked against the ground truth.
    func runLogBessel(_ kind: LogBesselKind) throws {
        let (format, implementation) = try options.logBesselImplementation(kind)
        var range = LogBesselPoints.argumentRange(in: format)
        range = (xMin ?? range.low, xMax ?? range.high)
        var sets: [LogBesselPointSet] = []
        if grid != "none" {
            let size = LogBesselGridSize(grid ?? "100x1000") ?? LogBesselGridSize(orders: 100, arguments: 1000)
            sets.append(LogBesselPoints.grid(orders: size.orders, arguments: size.arguments, in: format, argumentRange: range))
        }
        if !noSpots { sets.append(LogBesselPoints.spots(in: format)) }
        let defaultBoost = "Tests/EvoMathReferenceTests/Data/bessel"
        let boostDirectory = boost ?? (FileManager.default.fileExists(atPath: defaultBoost) ? defaultBoost : "none")
        if boostDirectory != "none" {
            do {
                sets.append(try LogBesselPoints.boostTable(kind, file: "\(boostDirectory)/boost-bessel-\(kind.rawValue).tsv", in: format))
            } catch let e as VerificationError { throw CLIError(e.description) }
        } else if boost == nil && isatty(2) != 0 {
            FileHandle.standardError.write(Data("no Boost.Math tables at \(defaultBoost) (run from the repository, or give --boost DIR)\n".utf8))
        }
        if let n = samples { sets.append(LogBesselPoints.samples(count: n, seed: seed, in: format, argumentRange: range)) }
        if let file = points {
            let data: Data
            do { data = try SpecReader.contents(of: file) } catch let e as SpecFileError { throw CLIError(e.description) }
            let values = try parseValues(data, file: file, format: format)
            guard values.count % 2 == 0 else { throw CLIError("\(file): pairs 'v x' expected, but it has an odd number of values (\(values.count))") }
            let pairs = stride(from: 0, to: values.count, by: 2).map { (values[$0], values[$0 + 1]) }
            sets.append(LogBesselPointSet(name: "points", description: "the \(pairs.count) pairs of `\(file)`", pairs: pairs))
        }
        guard sets.contains(where: { $0.count > 0 }) else { throw CLIError("\(kind.functionName): no points to check (all sets are off or empty)") }

        var verifier = LogBesselVerifier(kind: kind, format: format, implementation: implementation)
        verifier.command = commandLine
        verifier.threads = threads
        let progress = Progress("\(kind.functionName) \(format.name) \(implementation.name)")
        var rows = csv == nil ? nil : "set,v,x,got,exact_high,exact_low,error\n"
        let result = try verifier.check(sets, progress: { progress.update($0) }) { set, results in
            guard rows != nil else { return }
            for r in results {
                rows! += "\(set.name),\(HexFloat.format(r.order)),\(HexFloat.format(r.argument)),\(HexFloat.format(r.got)),"
                rows! += "\(HexFloat.format(r.exactHigh)),\(HexFloat.format(r.exactLow)),\(ULPReport.formatULP(r.error))\n"
            }
        }
        progress.finish()
        if let path = report { try AtomicFile.write(result.markdown, to: path) }
        if let path = json { try AtomicFile.write(try result.jsonData(), to: path) }
        if let dir = tables {
            try AtomicFile.write(try result.jsonData(), to: "\(dir)/\(result.fileStem).json")
            try AtomicFile.write(result.markdown, to: "\(dir)/\(result.fileStem).md")
        }
        if let path = csv, let text = rows { try AtomicFile.write(text, to: path) }
        print(result.summaryLines.joined(separator: "\n"))
        if let e = maxError {
            if result.maxError <= e {
                print("PASS")
            } else {
                print("FAIL: max error \(ULPReport.formatULP(result.maxError)) exceeds \(e)")
                throw ExitCode(1)
            }
        }
    }

    func write(_ report: ULPReport) throws {
        try writeReport(report, json: json, tables: tables)
    }

    func loadHardCases(function: any ReferenceFunction, format: FloatFormat) throws -> [Double] {
        var path = hardCases
        if path == nil {
            let candidate = "Data/hard-cases/\(function.name).\(format.name).txt"
            if FileManager.default.fileExists(atPath: candidate) { path = candidate }
        }
        guard let file = path else { return [] }
        let values: [Double]
        do {
            values = try HexInputFile.parse(data: try SpecReader.contents(of: file), file: file).map { format.round($0.value) }
        } catch let e as SpecFileError {
            throw CLIError("hard cases: \(e.description)")
        }
        if isatty(2) != 0 { FileHandle.standardError.write(Data("using \(values.count) hard cases from \(file)\n".utf8)) }
        return values
    }
}

/// Writes a report as JSON to `json`, and as JSON, Markdown and an SVG plot
/// into the directory `tables`, each file atomically.
func writeReport(_ report: ULPReport, json: String?, tables: String?) throws {
    if let path = json { try AtomicFile.write(try report.jsonData(), to: path) }
    if let dir = tables {
        try AtomicFile.write(try report.jsonData(), to: "\(dir)/\(report.fileStem).json")
        try writePages(report, stem: "\(dir)/\(report.fileStem)")
    }
}

/// The pages made from a report's JSON: `<stem>.md` and `<stem>.svg`.
func writePages(_ report: ULPReport, stem: String) throws {
    try AtomicFile.write(report.markdown, to: "\(stem).md")
    try AtomicFile.write(report.binadePlotSVG, to: "\(stem).svg")
}

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the JSON reports of the shards of one verification into one report.",
        discussion: "Only shard reports (verify --shard I/N --json FILE) of one run merge: the same function, format, implementation, filter and N, no shard twice. A report made without --shard is refused (merging it would count its inputs twice)."
    )

    @Argument(help: ArgumentHelp("Shard reports (JSON, from verify --json).", valueName: "report"))
    var reports: [String]

    @Option(help: ArgumentHelp("Write the merged report as JSON to this file.", valueName: "file"))
    var json: String?

    @Option(help: ArgumentHelp("Also write the merged .md and .json into this directory.", valueName: "dir"))
    var tables: String?

    func validate() throws {
        if reports.isEmpty { throw ValidationError("give at least one report to merge") }
    }

    func run() throws {
        let loaded = try reports.map { path -> ULPReport in
            let report: ULPReport
            do { report = try ULPReport.read(at: path) } catch let e as SpecFileError { throw CLIError("\(e.description) (not a ULP report of `evomath verify --json`)") }
            if let problem = report.shardProblem { throw CLIError("cannot merge '\(path)': \(problem)") }
            return report
        }
        var merged: ULPReport
        do { merged = try ULPReport.merge(loaded) } catch { throw CLIError("\(error)") }
        merged.command = commandLine
        try writeReport(merged, json: json, tables: tables)
        print(merged.summaryLines.joined(separator: "\n"))
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Regenerate the Markdown pages and the index of Tables/ from its JSON reports.",
        discussion: "Each <name>.json report (a ULP report, or a log-Bessel report of `verify logBesselI|logBesselK`) gets its <name>.md page; Tables/README.md lists them all."
    )

    @Option(help: ArgumentHelp("The tables directory.", valueName: "dir"))
    var tables: String = "Tables"

    func run() throws {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: tables) else {
            throw CLIError("cannot read directory '\(tables)'")
        }
        var rows: [(ULPReport, String)] = []
        var besselRows: [(LogBesselReport, String)] = []
        for name in names.sorted() where name.hasSuffix(".json") {
            guard let data = fm.contents(atPath: "\(tables)/\(name)") else { continue }
            let stem = String(name.dropLast(5))
            if let report = try? ULPReport.decode(data) {
                try writePages(report, stem: "\(tables)/\(stem)")
                rows.append((report, stem))
            } else if let report = try? LogBesselReport.decode(data) {
                try AtomicFile.write(report.markdown, to: "\(tables)/\(stem).md")
                besselRows.append((report, stem))
            }
        }
        var index = "# Tables\n\nULP reports, regenerated by `evomath report` from the JSON files here; "
        index += "each JSON file records the command that measured it.\n\n"
        index += "| function | format | implementation | method | inputs | max ULP | worst input | not CR | report |\n"
        index += "|---|---|---|---|---:|---:|---|---:|---|\n"
        for (r, stem) in rows {
            index += "| \(r.function) | \(r.format) | \(r.implementation) | \(r.method) | \(r.inputsChecked) | "
            index += "\(ULPReport.formatULP(r.maxULP)) | `\(r.worst?.x ?? "-")` | \(r.misrounded) | [\(stem)](\(stem).md) |\n"
        }
        if !besselRows.isEmpty {
            index += "\nlog-Bessel reports (`evomath verify logBesselI|logBesselK`; error |y − L| / (ε·max(1, |L|))):\n\n"
            index += "| function | format | implementation | points | max error | worst (v, x) | non-finite | report |\n"
            index += "|---|---|---|---:|---:|---|---:|---|\n"
            for (r, stem) in besselRows {
                let w = r.worstSet?.worst.map { "`\($0.v)`, `\($0.x)`" } ?? "-"
                index += "| \(r.function) | \(r.format) | \(r.implementation) | \(r.points) | \(ULPReport.formatULP(r.maxError)) | \(w) | "
                index += "\(r.nonFinite) | [\(stem)](\(stem).md) |\n"
            }
        }
        let reportPages = Set((rows.map(\.1) + besselRows.map(\.1)).map { "\($0).md" })
        let others = names.sorted().filter { $0.hasSuffix(".md") && $0 != "README.md" && !reportPages.contains($0) }
        if !others.isEmpty {
            index += "\nOther tables (benchmarks, search results; each says which command produced it):\n\n"
            for name in others { index += "- [\(name.dropLast(3))](\(name))\n" }
        }
        try AtomicFile.write(index, to: "\(tables)/README.md")
        print("wrote \(rows.count + besselRows.count) report pages and \(tables)/README.md")
    }
}

/// A grid size ORDERSxARGUMENTS (`100x1000`).
struct LogBesselGridSize {
    var orders: Int, arguments: Int
    init(orders: Int, arguments: Int) { self.orders = orders; self.arguments = arguments }
    init?(_ text: String) {
        let parts = text.split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let v = Int(parts[0]), let x = Int(parts[1]), v >= 1, x >= 1 else { return nil }
        self.init(orders: v, arguments: x)
    }
}
