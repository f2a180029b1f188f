import Foundation

/// An implementation of log I_v(x) or log K_v(x) under test: maps a pair
/// (v, x) of values of the format (as Doubles) to its result (a value of the
/// format, as a Double).
public struct PairImplementation: Sendable {
    public var name: String
    public var evaluate: @Sendable (Double, Double) -> Double
    public init(name: String, evaluate: @escaping @Sendable (Double, Double) -> Double) {
        self.name = name
        self.evaluate = evaluate
    }
}

/// A named list of (v, x) pairs that a verification checks and reports
/// together (the grid, the spot checks, random samples, Boost's tables).
public struct LogBesselPointSet: Sendable {
    public var name: String
    /// What the points are, for the report.
    public var description: String
    public var orders: [Double]
    public var arguments: [Double]
    public var count: Int { orders.count }

    public init(name: String, description: String, pairs: [(Double, Double)]) {
        self.name = name
        self.description = description
        orders = pairs.map(\.0)
        arguments = pairs.map(\.1)
    }
}

/// The point sets of issue 9's acceptance check, in binary64 or binary32.
public enum LogBesselPoints {
    /// The orders every grid has besides the log-spaced ones: 0, integers and
    /// half-integers from 1/2 to 10^4.
    public static let integerAndHalfIntegerOrders: [Double] =
        [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 5, 7.5, 10, 12.5, 20, 25.5, 50, 100, 100.5, 500, 1000, 1000.5, 10000]

    /// The default argument range of the grid and of the samples: [1e-300, 1e6] in binary64; in
    /// binary32 the part of it the format holds, from its least subnormal.
    public static func argumentRange(in format: FloatFormat) -> (low: Double, high: Double) {
        (max(1e-300, format.leastNonzeroMagnitude), min(1e6, format.greatestFiniteMagnitude))
    }

    /// `n` values log-spaced in [a, b] (a, b > 0), computed in Double.
    public static func logSpaced(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
        (0..<n).map { Foundation.exp(Foundation.log(a) + (Foundation.log(b) - Foundation.log(a)) * Double($0) / Double(max(n - 1, 1))) }
    }

    /// The values rounded into the format, the non-finite and non-positive
    /// ones (except 0 when `keepZero`) dropped, without repeats, sorted.
    static func distinct(_ values: [Double], in format: FloatFormat, keepZero: Bool) -> [Double] {
        Array(Set(values.map { format.round($0) }.filter { $0.isFinite && ($0 > 0 || (keepZero && $0 == 0)) })).sorted()
    }

    /// The grid: `orderCount` orders log-spaced in [1e-3, 1e4] plus
    /// `integerAndHalfIntegerOrders`, times `argumentCount` arguments
    /// log-spaced in `arguments` (default `argumentRange(in:)`), all rounded
    /// into the format (repeats removed).
    public static func grid(orders orderCount: Int, arguments argumentCount: Int, in format: FloatFormat,
                            argumentRange range: (low: Double, high: Double)? = nil) -> LogBesselPointSet {
        let r = range ?? argumentRange(in: format)
        let orders = distinct(integerAndHalfIntegerOrders + logSpaced(1e-3, 1e4, orderCount), in: format, keepZero: true)
        let arguments = distinct(logSpaced(r.low, r.high, argumentCount), in: format, keepZero: false)
        return LogBesselPointSet(
            name: "grid",
            description: "\(orders.count) orders (0, integers and half-integers to 1e4, \(orderCount) log-spaced in [1e-3, 1e4]) "
                + "× \(arguments.count) arguments log-spaced in [\(short(r.low)), \(short(r.high))]",
            pairs: orders.flatMap { v in arguments.map { (v, $0) } })
    }

    /// Spot checks at the extremes: orders up to 1e8 times arguments from
    /// the least subnormal to the largest finite value of the format.
    public static func spots(in format: FloatFormat) -> LogBesselPointSet {
        let orders = distinct([0, 1e-3, 0.5, 1, 100, 1e4, 1e5, 1e6, 1e7, 1e8], in: format, keepZero: true)
        let arguments = distinct([format.leastNonzeroMagnitude, 1e-300, 1e-40, format.leastNormalMagnitude, 1e-10, 1, 1e3, 1e6,
                                  1e10, 1e30, 1e100, 1e300, format.greatestFiniteMagnitude], in: format, keepZero: false)
        return LogBesselPointSet(
            name: "spots",
            description: "orders {\(orders.map(short).joined(separator: ", "))} × arguments {\(arguments.map(short).joined(separator: ", "))}",
            pairs: orders.flatMap { v in arguments.map { (v, $0) } })
    }

    /// `count` random pairs, deterministic for a seed: the order log-uniform
    /// in [1e-3, 1e4] (7 in 8) or a random integer or half-integer in
    /// [0, 1e4] (1 in 8); the argument log-uniform in `arguments` (default
    /// `argumentRange(in:)`); both rounded into the format.
    public static func samples(count: Int, seed: UInt64, in format: FloatFormat,
                               argumentRange range: (low: Double, high: Double)? = nil) -> LogBesselPointSet {
        let r = range ?? argumentRange(in: format)
        var rng = SplitMix64(seed: seed)
        func logUniform(_ a: Double, _ b: Double) -> Double {
            Foundation.exp(Double.random(in: Foundation.log(a)...Foundation.log(b), using: &rng))
        }
        var pairs: [(Double, Double)] = []
        pairs.reserveCapacity(count)
        while pairs.count < count {
            let v = rng.next() % 8 == 7 ? Double(Int.random(in: 0...20_000, using: &rng)) / 2 : logUniform(1e-3, 1e4)
            let (fv, fx) = (format.round(v), format.round(logUniform(r.low, r.high)))
            if fx > 0 && fx.isFinite { pairs.append((fv, fx)) }
        }
        return LogBesselPointSet(
            name: "samples",
            description: "\(count) random pairs (seed \(seed)): v log-uniform in [1e-3, 1e4] or (1 in 8) an integer or half-integer "
                + "in [0, 1e4], x log-uniform in [\(short(r.low)), \(short(r.high))]",
            pairs: pairs)
    }

    /// The (v ≥ 0, x > 0) pairs of one of Boost.Math's test tables (tab-separated
    /// decimal v, x, value; '#' comments), each decimal read as the nearest
    /// Double and then rounded into the format. The ground truth is evaluated
    /// at those binary values (Boost's own values are at the decimals; the
    /// reference's tests compare those).
    public static func boostTable(_ kind: LogBesselKind, file: String, in format: FloatFormat) throws -> LogBesselPointSet {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw VerificationError.invalidArgument("cannot read Boost.Math table '\(file)'")
        }
        var pairs: [(Double, Double)] = []
        for (n, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("#") || line.allSatisfy(\.isWhitespace) { continue }
            let fields = line.split(separator: "\t")
            guard fields.count >= 3, let v = Double(fields[0]), let x = Double(fields[1]) else {
                throw VerificationError.invalidArgument("\(file): line \(n + 1) is not 'v<TAB>x<TAB>value'")
            }
            let (fv, fx) = (format.round(v), format.round(x))
            if fv >= 0 && fv.isFinite && fx > 0 && fx.isFinite { pairs.append((fv, fx)) }
        }
        return LogBesselPointSet(
            name: "boost",
            description: "the (v ≥ 0, x > 0) pairs of Boost.Math's \(kind == .i ? "I" : "K") test table `\(file)`, read as the nearest "
                + "Double and rounded into the format",
            pairs: pairs)
    }

    static func short(_ v: Double) -> String { v == 0 ? "0" : String(format: "%.3g", v) }
}

/// One point checked: the inputs, the result, the exact logarithm L as a
/// double-double (high + low) and the error in the log-Bessel metric.
public struct LogBesselPointResult: Sendable {
    public var order: Double, argument: Double, got: Double
    public var exactHigh: Double, exactLow: Double
    public var error: Double
    /// ±inf or NaN where the logarithm is finite.
    public var isFailure: Bool { !got.isFinite && exactHigh.isFinite }
}

/// Checks an implementation of log I_v(x) or log K_v(x) against the MPFR
/// ground truth (`LogBesselReference`) on sets of (v, x) points, in the
/// log-Bessel metric |y − L| / (ε · max(1, |L|)), and produces a
/// `LogBesselReport`.
public struct LogBesselVerifier: Sendable {
    public var kind: LogBesselKind
    public var format: FloatFormat
    public var implementation: PairImplementation
    /// The command line recorded in the report.
    public var command = ""
    /// At most this many threads (nil: one per core).
    public var threads: Int?

    public init(kind: LogBesselKind, format: FloatFormat, implementation: PairImplementation) {
        self.kind = kind
        self.format = format
        self.implementation = implementation
    }

    /// Checks every point of every set. `progress` gets the fraction of all
    /// points done (from any thread); `eachResult`, when given, gets every
    /// set's results in the order of its points (on the calling thread,
    /// after the set is done).
    public func check(_ sets: [LogBesselPointSet], progress: (@Sendable (Double) -> Void)? = nil,
                      eachResult: ((LogBesselPointSet, [LogBesselPointResult]) throws -> Void)? = nil) throws -> LogBesselReport {
        let start = Date()
        let total = max(1, sets.reduce(0) { $0 + $1.count })
        let done = LockedCounter()
        var summaries: [LogBesselReport.PointSet] = []
        for set in sets {
            let setStart = Date()
            // Small chunks for small sets, so that a few slow points (the spots) do not hold up one thread.
            let chunkSize = min(256, max(1, set.count / 64))
            let chunkCount = (set.count + chunkSize - 1) / chunkSize
            let parts = LockedArray<[LogBesselPointResult]>(count: chunkCount)
            let (kind, format, f) = (kind, format, implementation.evaluate)
            MPFR.forEachChunk(chunkCount, threads: threads) { c in
                let reference = LogBesselReference(kind)
                let range = (c * chunkSize)..<min(set.count, (c + 1) * chunkSize)
                let results = range.map { i -> LogBesselPointResult in
                    let (v, x) = (set.orders[i], set.arguments[i])
                    let y = f(v, x)
                    let m = reference.measure(y, order: v, x, in: format)
                    return LogBesselPointResult(order: v, argument: x, got: y, exactHigh: m.high, exactLow: m.low, error: m.error)
                }
                parts.set(c, results)
                var n = 0
                for _ in range { n = done.increment() }
                progress?(Double(n) / Double(total))
            }
            let results = parts.values.flatMap { $0 }
            try eachResult?(set, results)
            var summary = summarize(set, results)
            summary.wallSeconds = Date().timeIntervalSince(setStart)
            summaries.append(summary)
        }
        return LogBesselReport(
            function: kind.functionName, format: format.name, implementation: implementation.name,
            epsilon: HexFloat.format(format.epsilon), sets: summaries, command: command, mpfrVersion: MPFR.version,
            wallSeconds: Date().timeIntervalSince(start))
    }

    func summarize(_ set: LogBesselPointSet, _ results: [LogBesselPointResult]) -> LogBesselReport.PointSet {
        var histogram = [UInt64](repeating: 0, count: ULPReport.binEdges.count)
        var worst: LogBesselPointResult?
        var failures: [LogBesselReport.Point] = []
        var failureCount: UInt64 = 0
        for r in results {
            histogram[ULPReport.binIndex(of: r.error)] += 1
            // The first of equal errors (NaN errors do not occur: `measure` gives 0 or +inf for NaN).
            if worst == nil || r.error > worst!.error { worst = r }
            if r.isFailure {
                failureCount += 1
                if failures.count < ULPReport.sampleLimit { failures.append(point(r)) }
            }
        }
        let bins = ULPReport.binEdges.indices.map { i in
            ULPReport.Bin(lower: i == 0 ? 0 : ULPReport.binEdges[i - 1], upper: ULPReport.binEdges[i], count: histogram[i])
        }
        return LogBesselReport.PointSet(
            name: set.name, description: set.description, points: UInt64(results.count), maxError: worst?.error ?? 0,
            worst: worst.map(point), nonFinite: failureCount, nonFiniteSamples: failures, histogram: bins, wallSeconds: 0)
    }

    /// A point for the report, with `want` the correctly rounded logarithm.
    func point(_ r: LogBesselPointResult) -> LogBesselReport.Point {
        let want = LogBesselReference(kind).value(order: r.order, r.argument, in: format)
        return LogBesselReport.Point(v: HexFloat.format(r.order), x: HexFloat.format(r.argument), got: HexFloat.format(r.got),
                                     want: HexFloat.format(want), error: r.error)
    }
}

/// The result of `LogBesselVerifier`: per point set, the points checked, the
/// largest error in the log-Bessel metric and where, the non-finite results
/// where the logarithm is finite, and a histogram.
public struct LogBesselReport: Codable, Equatable, Sendable {
    /// One point: inputs, result, correctly rounded logarithm (hex), error.
    public struct Point: Codable, Equatable, Sendable {
        public var v: String, x: String, got: String, want: String
        public var error: Double
    }

    public struct PointSet: Codable, Equatable, Sendable {
        public var name: String
        public var description: String
        public var points: UInt64
        public var maxError: Double
        public var worst: Point?
        /// Results that are ±inf or NaN where the logarithm is finite.
        public var nonFinite: UInt64
        public var nonFiniteSamples: [Point]
        /// Errors by `ULPReport.binEdges` (the metric is ULP-like where |L| > 1).
        public var histogram: [ULPReport.Bin]
        public var wallSeconds: Double
    }

    public var function: String
    public var format: String
    public var implementation: String
    /// ε of the metric |y − L| / (ε · max(1, |L|)), as a hex float.
    public var epsilon: String
    public var sets: [PointSet]
    public var command: String
    public var mpfrVersion: String
    public var wallSeconds: Double

    public var points: UInt64 { sets.reduce(0) { $0 + $1.points } }
    public var nonFinite: UInt64 { sets.reduce(0) { $0 + $1.nonFinite } }
    /// The set with the largest error (the first of equals).
    public var worstSet: PointSet? { sets.reduce(nil) { best, s in best == nil || s.maxError > best!.maxError ? s : best } }
    public var maxError: Double { worstSet?.maxError ?? 0 }

    /// The file stem under `Tables/`: `logBesselI.binary64.evolved`.
    public var fileStem: String { "\(function).\(format).\(implementation)" }

    static let metric = "|y − L| / (ε · max(1, |L|))"

    /// The `ulp`-style lines: per set what was checked and the worst point, then the totals.
    public var summaryLines: [String] {
        var lines = ["\(function) \(format) \(implementation): \(points) points in \(sets.count) sets, \(String(format: "%.1f", wallSeconds)) s; "
                     + "error \(Self.metric), ε = \(epsilon)"]
        for s in sets {
            var line = "\(s.name): \(s.points) points, max \(ULPReport.formatULP(s.maxError))"
            if let w = s.worst { line += " at v = \(w.v), x = \(w.x): got \(w.got) want \(w.want)" }
            lines.append(line + ", non-finite \(s.nonFinite)")
        }
        lines.append("max \(ULPReport.formatULP(maxError))\(worstSet.map { " (\($0.name))" } ?? ""), non-finite results where the log is finite: \(nonFinite)")
        return lines
    }

    /// A Markdown page for people.
    public var markdown: String {
        var s = "# \(function) in \(format): \(implementation)\n\n"
        s += "Produced by `\(command)` (MPFR \(mpfrVersion)), \(String(format: "%.0f", wallSeconds)) s.\n\n"
        s += "Error of a result y: \(Self.metric), L the exact logarithm (MPFR ground truth, `LogBesselReference`), "
        s += "ε = \(epsilon). *Non-finite*: ±inf or NaN where L is finite.\n\n"
        s += "```\n" + summaryLines.joined(separator: "\n") + "\n```\n\n"
        s += "| set | points | max error | worst point (v, x → got; want) | non-finite | time |\n|---|---:|---:|---|---:|---:|\n"
        for set in sets {
            let w = set.worst.map { "v = `\($0.v)`, x = `\($0.x)` → `\($0.got)`; `\($0.want)`" } ?? "—"
            s += "| \(set.name) | \(set.points) | \(ULPReport.formatULP(set.maxError)) | \(w) | \(set.nonFinite) | \(String(format: "%.0f", set.wallSeconds)) s |\n"
        }
        s += "| all | \(points) | \(ULPReport.formatULP(maxError)) | | \(nonFinite) | \(String(format: "%.0f", wallSeconds)) s |\n\n"
        s += "Sets:\n\n"
        for set in sets { s += "- \(set.name): \(set.description)\n" }
        s += "\n## Error histogram\n\n| error | " + sets.map(\.name).joined(separator: " | ") + " |\n|---|"
        s += String(repeating: "---:|", count: sets.count) + "\n"
        for (i, bin) in (sets.first?.histogram ?? []).enumerated() where sets.contains(where: { $0.histogram[i].count > 0 }) {
            let upper = bin.upper.isFinite ? "\(bin.upper)" : "∞ (incl. non-finite results)"
            s += "| [\(bin.lower), \(upper)) | " + sets.map { "\($0.histogram[i].count)" }.joined(separator: " | ") + " |\n"
        }
        let failures = sets.flatMap { set in set.nonFiniteSamples.map { (set.name, $0) } }
        if !failures.isEmpty {
            s += "\n## Non-finite results (up to \(ULPReport.sampleLimit) per set)\n\n| set | v | x | got | want |\n|---|---|---|---|---|\n"
            for (name, p) in failures { s += "| \(name) | `\(p.v)` | `\(p.x)` | `\(p.got)` | `\(p.want)` |\n" }
        }
        return s
    }

    public func jsonData() throws -> Data { try ReportJSON.encode(self) }

    public static func decode(_ data: Data) throws -> LogBesselReport { try ReportJSON.decode(LogBesselReport.self, from: data) }
}
