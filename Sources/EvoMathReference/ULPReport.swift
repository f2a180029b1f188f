import Foundation

/// The result of checking an implementation of a function in a format against
/// the correctly rounded reference: the figures ARM optimized-routines' `ulp`
/// tool prints, as data.
public struct ULPReport: Codable, Equatable, Sendable {
    /// One input with what the implementation returned and what it should have.
    public struct Case: Codable, Equatable, Sendable {
        public var x: String
        public var got: String
        public var want: String
        /// The error of `got` in ulps of the exact value (may be "inf").
        public var ulp: Double
        public init(x: String, got: String, want: String, ulp: Double) {
            self.x = x; self.got = got; self.want = want; self.ulp = ulp
        }
    }

    /// Errors in `[lower, upper)` ulps and how many results fell there.
    public struct Bin: Codable, Equatable, Sendable {
        public var lower: Double
        public var upper: Double
        public var count: UInt64
    }

    public var function: String
    public var format: String
    public var implementation: String
    /// `exhaustive` or `sampled`.
    public var method: String
    /// `I/N` when this report covers one shard of an exhaustive run; a merged
    /// report lists the shards it was made from.
    public var shards: [String]
    public var inputsChecked: UInt64
    public var maxULP: Double
    public var worst: Case?
    /// Results that differ from the correctly rounded one (NaN matches any
    /// NaN; zeros must match in sign).
    public var misrounded: UInt64
    /// Up to `ULPReport.sampleLimit` misrounded cases, the worst first.
    public var misroundedSamples: [Case]
    /// Special inputs (NaN, ±inf, ±0) or special results (NaN, ±inf, ±0)
    /// that came out wrong.
    public var specialFailures: UInt64
    public var specialFailureSamples: [Case]
    public var histogram: [Bin]
    /// What decided the inputs before MPFR: `proven: …` (EvoMath's binary64
    /// evaluation with a derived bound), `trusted: …` (glibc's binary64,
    /// assumed accurate), or `none: …` (MPFR on every input). Absent in
    /// reports made before the filter was recorded (they used glibc's).
    public var filter: String?
    /// Inputs decided by the filter vs by MPFR (the Ziv loop: inputs near a
    /// rounding boundary, and the candidates for the largest error).
    public var decidedByFilter: UInt64
    public var decidedByMPFR: UInt64
    public var wallSeconds: Double
    public var mpfrVersion: String
    /// The command line that produced the report.
    public var command: String
    /// Inputs by binade (`2^e` means inputs in [2^e, 2^(e+1)), `-2^e` the
    /// negative ones), in the order of the inputs' values, NaN first.
    public var binades: [Binade]

    /// Inputs of one sign and binary exponent and their largest error.
    public struct Binade: Codable, Equatable, Sendable {
        public var inputs: String
        public var count: UInt64
        public var maxULP: Double
    }

    public static let sampleLimit = 16

    /// Whether every checked result is correctly rounded.
    public var isCorrectlyRounded: Bool { misrounded == 0 }
}

extension ULPReport {
    /// Upper edges of the histogram bins: tenths up to 1 ulp, then powers of
    /// two up to 2^20, then everything else (including infinite errors).
    public static let binEdges: [Double] = {
        let tenths: [Double] = (1...10).map { Double($0) / 10 }
        let powers: [Double] = (1...20).map { Double(1 << $0) }
        return tenths + powers + [Double.infinity]
    }()

    @inlinable
    public static func binIndex(of error: Double) -> Int {
        if error < 1 { return Int(error * 10) }
        if !(error < 0x1p20) { return 30 }
        return 9 + Int(error.exponent) + 1
    }
}

/// Merging shard reports and accumulating partial results.
extension ULPReport {
    /// Why `self` cannot be merged as a shard, or nil. Only shards of an
    /// exhaustive run (`verify --shard I/N`) merge: a report without shards
    /// covers its whole run, and merging it with anything (itself included)
    /// would count inputs twice.
    public var shardProblem: String? {
        guard method == "exhaustive" else {
            return "it is a \(method) run, not a shard of an exhaustive run (only `verify --shard I/N` reports merge)"
        }
        guard !shards.isEmpty else {
            return "it is a whole exhaustive run, not a shard (made without --shard): merging it would count its inputs again"
        }
        if let bad = shards.first(where: { Shard($0) == nil }) { return "its shard '\(bad)' is not I/N" }
        if Set(shards).count != shards.count { return "it lists a shard twice" }
        return nil
    }

    /// Combines the shard reports of one exhaustive run (`verify --shard
    /// I/N`, the same N): same function, format, implementation and filter,
    /// no shard twice, no report that is not a shard. A complete set gives
    /// the whole run's report.
    public static func merge(_ reports: [ULPReport]) throws -> ULPReport {
        guard var merged = reports.first else { throw VerificationError.invalidArgument("nothing to merge") }
        for (i, r) in reports.enumerated() {
            if let problem = r.shardProblem {
                throw VerificationError.invalidArgument("report \(i + 1) (\(r.function) \(r.format) \(r.implementation)) cannot be merged: \(problem)")
            }
        }
        // Every count of a report is at most its inputsChecked (ULPReport.parse),
        // so if these add up without overflow, so does every merged count.
        var total: UInt64 = 0
        for r in reports {
            let (sum, overflow) = total.addingReportingOverflow(r.inputsChecked)
            guard !overflow else { throw VerificationError.invalidArgument("the reports' inputsChecked add up to more than 2^64") }
            total = sum
        }
        let counts = Set(reports.flatMap { $0.shards.compactMap { Shard($0)?.count } })
        guard counts.count == 1 else {
            throw VerificationError.invalidArgument(
                "the reports are shards of different splits (\(counts.sorted().map { "of \($0)" }.joined(separator: ", "))): not one run")
        }
        for r in reports.dropFirst() {
            guard r.function == merged.function, r.format == merged.format, r.implementation == merged.implementation else {
                throw VerificationError.invalidArgument(
                    "cannot merge \(r.function)/\(r.format)/\(r.implementation) into \(merged.function)/\(merged.format)/\(merged.implementation)")
            }
            guard r.filter == merged.filter else {
                throw VerificationError.invalidArgument(
                    "cannot merge shards checked with different filters ('\(r.filter ?? "unrecorded")' and '\(merged.filter ?? "unrecorded")'): not one run")
            }
            let overlap = Set(r.shards).intersection(merged.shards)
            guard overlap.isEmpty else {
                throw VerificationError.invalidArgument("shard \(overlap.sorted().joined(separator: ", ")) appears twice")
            }
            merged.shards += r.shards
            merged.inputsChecked += r.inputsChecked
            if r.maxULP > merged.maxULP || merged.worst == nil {
                merged.maxULP = r.maxULP
                merged.worst = r.worst
            }
            merged.misrounded += r.misrounded
            merged.misroundedSamples = Array((merged.misroundedSamples + r.misroundedSamples)
                .sorted { $0.ulp > $1.ulp }.prefix(sampleLimit))
            merged.specialFailures += r.specialFailures
            merged.specialFailureSamples = Array((merged.specialFailureSamples + r.specialFailureSamples).prefix(sampleLimit))
            for i in merged.histogram.indices { merged.histogram[i].count += r.histogram[i].count }
            var byLabel = Dictionary(uniqueKeysWithValues: merged.binades.map { ($0.inputs, $0) })
            var order = merged.binades.map(\.inputs)
            for b in r.binades {
                if var m = byLabel[b.inputs] {
                    m.count += b.count
                    m.maxULP = max(m.maxULP, b.maxULP)
                    byLabel[b.inputs] = m
                } else {
                    byLabel[b.inputs] = b
                    order.append(b.inputs)
                }
            }
            merged.binades = order.sorted { ULPReport.binadeOrder($0) < ULPReport.binadeOrder($1) }.map { byLabel[$0]! }
            merged.decidedByFilter += r.decidedByFilter
            merged.decidedByMPFR += r.decidedByMPFR
            merged.wallSeconds += r.wallSeconds
        }
        merged.shards.sort()
        // A complete set of shards of one exhaustive run is the whole run.
        if merged.method == "exhaustive", let total = merged.shards.first.flatMap(Shard.init)?.count,
           Set(merged.shards).count == total,
           merged.shards.compactMap(Shard.init).allSatisfy({ $0.count == total }) {
            merged.shards = []
        }
        return merged
    }
}

extension ULPReport {
    /// Sort key of a binade label, in the order of the inputs' values.
    static func binadeOrder(_ label: String) -> Double {
        switch label {
        case "nan": return -.infinity
        case "-inf": return -Double.greatestFiniteMagnitude
        case "inf": return .greatestFiniteMagnitude
        case "0": return 0
        default:
            let negative = label.hasPrefix("-")
            let e = Double(label.dropFirst(negative ? 3 : 2)) ?? 0
            return negative ? -(e + 2000) : e + 2000
        }
    }
}

/// One part `index/count` of an exhaustive run (index from 1).
public struct Shard: Equatable, Sendable, CustomStringConvertible {
    public var index: Int
    public var count: Int
    public init(index: Int, count: Int) { self.index = index; self.count = count }
    /// Parses `I/N` with 1 ≤ I ≤ N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i) else { return nil }
        self.init(index: i, count: n)
    }
    public var description: String { "\(index)/\(count)" }
}

public enum VerificationError: Error, CustomStringConvertible {
    case invalidArgument(String)
    public var description: String {
        switch self { case .invalidArgument(let m): return m }
    }
}
