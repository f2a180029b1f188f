import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An implementation under test: maps a value of the format (as a Double) to
/// its result (a value of the format, as a Double).
public struct Implementation: Sendable {
    public var name: String
    public var evaluate: @Sendable (Double) -> Double
    public init(name: String, evaluate: @escaping @Sendable (Double) -> Double) {
        self.name = name
        self.evaluate = evaluate
    }
}

/// How an exhaustive binary32 run decides most inputs before MPFR.
public enum Binary32Filter: String, CaseIterable, Sendable {
    /// EvoMath's own binary64 evaluation with a proven error bound
    /// (`ProvenEstimates`): trusts no libm. The default.
    case proven
    /// glibc's binary64 exp/log, trusted (not proven) to 2^-48.
    case glibc
    /// No filter: MPFR's Ziv loop on every input (slow; for cross-checks).
    case none
}

/// Checks an implementation against the correctly rounded reference and
/// produces a `ULPReport`.
///
/// For binary32 it first uses a filter (`Binary32Filter`): a binary64
/// estimate `d` of f(x), with relative error at most `r`, brackets the exact
/// value in `[d(1-r'), d(1+r')]` (`r'` = r plus the rounding of those two
/// products); when both ends round to the same binary32, that is the
/// correctly rounded result, and the error of the candidate is measured
/// against `d` to within `r·2^25` ulp (6e-8 for r = 2^-48). Only the rare
/// inputs whose bracket straddles a rounding boundary (or a power of two,
/// where ulp(f(x)) is ambiguous and the error matters) go to MPFR, and so
/// does every input whose error is that close to a histogram edge (so the
/// histogram is exact). The candidates for the largest error are measured
/// by MPFR at the end of each chunk, so a reported maximum of 1/4 ulp or
/// more, and its input, are MPFR's (per-binade maxima and the errors of
/// misrounded samples may be the filter's, within 1e-7 ulp). With `.proven` (the default) nothing
/// rests on another libm: the estimate's bound is derived in
/// `ProvenEstimate.swift`.
public struct Verifier: Sendable {
    public var function: any ReferenceFunction
    public var format: FloatFormat
    public var implementation: Implementation
    /// The command line recorded in the report.
    public var command: String = ""
    /// The filter of binary32 runs (other formats go to MPFR on every input).
    public var filter: Binary32Filter = .proven
    /// At most this many threads (nil: one per core).
    public var threads: Int?

    public init(function: any ReferenceFunction, format: FloatFormat, implementation: Implementation) {
        self.function = function
        self.format = format
        self.implementation = implementation
    }

    // MARK: Exhaustive

    /// Checks every encoding of the format (or shard `shard` of them), using
    /// every core. `progress` is called with the fraction done (from any
    /// thread, serialized).
    public func exhaustive(shard: Shard? = nil, progress: (@Sendable (Double) -> Void)? = nil) throws -> ULPReport {
        guard format.isEnumerable else {
            throw VerificationError.invalidArgument("\(format.name) has 2^\(format.bitWidth) values: too many to enumerate; use --samples")
        }
        let start = Date()
        let total = format.encodingCount
        let chunkSize: UInt64 = min(total, 1 << 20)
        let chunkCount = Int(total / chunkSize)
        let shard = shard ?? Shard(index: 1, count: 1)
        let first = chunkCount * (shard.index - 1) / shard.count
        let last = chunkCount * shard.index / shard.count
        let chunks = Array(first..<last)
        let partials = LockedArray<Accumulator>(count: chunks.count)
        let done = LockedCounter()
        let fmt = format
        MPFR.forEachChunk(chunks.count, threads: threads) { i in
            var acc = Accumulator(verifier: self)
            let base = UInt64(chunks[i]) * chunkSize
            if fmt == .binary32 {
                for bits in base..<(base + chunkSize) {
                    acc.check(Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))))
                }
            } else {
                for bits in base..<(base + chunkSize) { acc.check(fmt.decode(bits)) }
            }
            acc.finish()
            partials.set(i, acc)
            let n = done.increment()
            progress?(Double(n) / Double(chunks.count))
        }
        var report = Accumulator.merge(partials.values, verifier: self).report(method: "exhaustive")
        if shard.count > 1 { report.shards = [shard.description] }
        report.wallSeconds = Date().timeIntervalSince(start)
        return report
    }

    // MARK: Sampled

    /// Checks `count` random inputs spread over the function's binades (with
    /// the format's special values and `hardCases` added), deterministically
    /// for a seed.
    public func sampled(count: Int, seed: UInt64, hardCases: [Double] = [],
                        progress: (@Sendable (Double) -> Void)? = nil) -> ULPReport {
        let start = Date()
        let inputs = SampleSet.inputs(for: function, in: format, count: count, seed: seed) + hardCases
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunkCount = min(max(1, inputs.count / 4096), workers * 16)
        let partials = LockedArray<Accumulator>(count: chunkCount)
        let done = LockedCounter()
        MPFR.forEachChunk(chunkCount, threads: threads) { i in
            var acc = Accumulator(verifier: self)
            let lo = inputs.count * i / chunkCount, hi = inputs.count * (i + 1) / chunkCount
            for j in lo..<hi { acc.check(inputs[j]) }
            acc.finish()
            partials.set(i, acc)
            progress?(Double(done.increment()) / Double(chunkCount))
        }
        var report = Accumulator.merge(partials.values, verifier: self).report(method: "sampled")
        report.wallSeconds = Date().timeIntervalSince(start)
        return report
    }

    /// Checks the given inputs (values of the format) on this thread.
    public func check(inputs: [Double]) -> ULPReport {
        let start = Date()
        var acc = Accumulator(verifier: self)
        for x in inputs { acc.check(x) }
        acc.finish()
        var report = acc.report(method: "listed")
        report.wallSeconds = Date().timeIntervalSince(start)
        return report
    }
}

/// Per-thread running totals of a verification.
struct Accumulator {
    let verifier: Verifier
    let reference: CorrectlyRoundedReference
    /// The binary64 estimate of the filter (nil: MPFR decides every input).
    let estimate: ((Double) -> Double?)?
    let filterBound: Double
    /// How far an error measured against the estimate may be from the exact
    /// one, in ulps: r'·2^(p+1) (the factor 2 for the ulp at a power of two).
    let errorSlack: Double
    let filterDescription: String
    var inputs: UInt64 = 0
    var maxULP: Double = -1
    var worst: (x: Double, got: Double, want: Double, ulp: Double)?
    var misrounded: UInt64 = 0
    var misroundedSamples: [(x: Double, got: Double, want: Double, ulp: Double)] = []
    var specialFailures: UInt64 = 0
    var specialSamples: [(x: Double, got: Double, want: Double, ulp: Double)] = []
    var histogram = [UInt64](repeating: 0, count: ULPReport.binEdges.count)
    /// Per input binade (see `BinadeIndex`): inputs checked and max error.
    var binadeCount = [UInt64](repeating: 0, count: BinadeIndex.count)
    var binadeMax = [Double](repeating: 0, count: BinadeIndex.count)
    var byFilter: UInt64 = 0
    var byMPFR: UInt64 = 0
    /// Worst-case candidates whose error the filter measured (see `record`).
    var candidates: [(x: Double, got: Double, want: Double, ulp: Double)] = []
    var filteredMax: Double = -1
    var pruneAt = 64

    init(verifier: Verifier) {
        self.verifier = verifier
        self.reference = CorrectlyRoundedReference(verifier.function)
        var estimate: ((Double) -> Double?)?
        var bound = 0.0
        var description = "none: MPFR (Ziv loop) on every input"
        if verifier.format == .binary32 {
            switch verifier.filter {
            case .proven:
                if let proven = ProvenEstimates.named(verifier.function.name) {
                    estimate = { proven.estimate(Float($0)) }
                    bound = proven.relativeErrorBound
                    description = proven.filterDescription
                }
            case .glibc:
                let function = verifier.function
                if function.doubleEstimate(1) != nil {
                    estimate = { function.doubleEstimate($0) }
                    bound = function.doubleEstimateRelativeError
                    description = "trusted: glibc's binary64 \(function.name) (assumed within 2^\(Int(bound.exponent)) relative; documented by glibc, not proven)"
                }
            case .none:
                break
            }
        } else {
            description = "none: MPFR (Ziv loop) on every input (filters exist for binary32 only)"
        }
        self.estimate = estimate
        // The estimate's own bound plus the two roundings of d·(1±r).
        self.filterBound = bound + 0x1p-52
        self.errorSlack = self.filterBound * Double(sign: .plus, exponent: verifier.format.precision + 1, significand: 1)
        self.filterDescription = description
    }

    @inline(__always)
    static func same(_ a: Double, _ b: Double) -> Bool {
        a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
    }

    mutating func check(_ x: Double) {
        let got = verifier.implementation.evaluate(x)
        inputs += 1
        // Errors within the slack of a histogram edge go to MPFR, so the
        // histogram is exact.
        if estimate != nil, let (want, error) = filtered(x, got),
           ULPReport.binIndex(of: max(error - errorSlack, 0)) == ULPReport.binIndex(of: error + errorSlack) {
            byFilter += 1
            record(x, got, want, error, exact: false)
            return
        }
        byMPFR += 1
        let want = reference.value(at: x, in: verifier.format)
        let error: Double
        if Accumulator.same(got, want) && !(want.isFinite && want != 0) {
            error = 0
        } else {
            error = reference.ulpError(of: got, at: x, in: verifier.format)
        }
        record(x, got, want, error, exact: true)
    }

    /// The binary32 filter: (correctly rounded result, error of `got`) when
    /// the binary64 estimate decides them, nil when MPFR must.
    @inline(__always)
    func filtered(_ x: Double, _ got: Double) -> (Double, Double)? {
        guard let d = estimate?(x) else { return nil }
        // A NaN estimate is a domain error (NaN input, log of a negative):
        // the exact value is NaN too.
        if d.isNaN { return (d, got.isNaN ? 0 : .infinity) }
        if d.isInfinite {
            // Only when the exact value is infinite too (a special input);
            // otherwise f(x) overflowed binary64, far past binary32's range.
            let want = d
            return (want, Accumulator.same(got, want) ? 0 : .infinity)
        }
        if d == 0 {
            // |f(x)| ≤ 2^-1074·(1+r): far below binary32's least subnormal / 2,
            // so the correctly rounded result is the zero of the estimate's
            // sign (log 1 = +0 exactly; exp of x < -745 underflows).
            let error = got == 0 ? 0 : (got.isFinite ? abs(got) / verifier.format.leastNonzeroMagnitude : .infinity)
            return (d, error)
        }
        let lowEnd = d * (1 - filterBound), highEnd = d * (1 + filterBound)
        let low = Double(Float(lowEnd)), high = Double(Float(highEnd))
        guard low.bitPattern == high.bitPattern else { return nil }
        let want = low
        if got.isNaN { return (want, .infinity) }
        if got.isInfinite { return want == got ? (want, 0) : (want, .infinity) }
        // ulp(f(x)) from the exponent of the bracket's ends: where they differ
        // the exact value may sit on either side of a power of two; take the
        // smaller ulp (the larger error), unless the error is large enough to
        // matter, in which case MPFR decides.
        let eLow = Int(abs(lowEnd).exponent), eHigh = Int(abs(highEnd).exponent)
        let e = min(eLow, eHigh)
        let ulp = Double(sign: .plus, exponent: verifier.format.ulpExponent(forExponent: e), significand: 1)
        let error = abs(got - d) / ulp
        if eLow != eHigh && (!Accumulator.same(got, want) || error > 0.25) { return nil }
        return (want, error)
    }

    /// Counts a result. An error measured against the filter's estimate
    /// (`exact: false`) is within `errorSlack` of the exact one; when it is
    /// at least 1/4 ulp and within 2·errorSlack of the largest such error,
    /// the input is kept as a candidate for the worst case and measured by
    /// MPFR in `finish()`, so a reported maximum of 1/4 ulp or more, and its
    /// input, are MPFR's. (Below 1/4 ulp, errors rise monotonically over
    /// long runs — exp near 0 — and the candidates would be many.)
    mutating func record(_ x: Double, _ got: Double, _ want: Double, _ error: Double, exact: Bool) {
        histogram[ULPReport.binIndex(of: error)] += 1
        let b = BinadeIndex.of(x)
        binadeCount[b] += 1
        if error > binadeMax[b] { binadeMax[b] = error }
        if exact || error + errorSlack < 0.25 {
            updateWorst((x, got, want, error))
        } else if error + 2 * errorSlack >= filteredMax {
            candidates.append((x, got, want, error))
            if error > filteredMax {
                filteredMax = error
                if candidates.count > pruneAt {
                    let floor = filteredMax - 2 * errorSlack
                    candidates.removeAll { $0.ulp < floor }
                    pruneAt = max(64, 2 * candidates.count)
                }
            }
        }
        if !Accumulator.same(got, want) {
            misrounded += 1
            Accumulator.keepWorst(&misroundedSamples, (x, got, want, error))
            let special = !x.isFinite || x == 0 || !want.isFinite || want == 0 || !got.isFinite
            if special {
                specialFailures += 1
                if specialSamples.count < ULPReport.sampleLimit { specialSamples.append((x, got, want, error)) }
            }
        }
    }

    mutating func updateWorst(_ t: (x: Double, got: Double, want: Double, ulp: Double)) {
        if worst == nil || t.ulp > maxULP || (t.ulp == maxULP && t.x.bitPattern < worst!.x.bitPattern) {
            maxULP = t.ulp
            worst = t
        }
    }

    /// Measures the remaining worst-case candidates with MPFR (see `record`).
    mutating func finish() {
        let floor = filteredMax - 2 * errorSlack
        for c in candidates where c.ulp >= floor {
            updateWorst((c.x, c.got, c.want, reference.ulpError(of: c.got, at: c.x, in: verifier.format)))
        }
        candidates.removeAll()
        filteredMax = -1
    }

    static func keepWorst(_ list: inout [(x: Double, got: Double, want: Double, ulp: Double)],
                          _ item: (x: Double, got: Double, want: Double, ulp: Double)) {
        if list.count < ULPReport.sampleLimit {
            list.append(item)
        } else if let minIndex = list.indices.min(by: { list[$0].ulp < list[$1].ulp }), list[minIndex].ulp < item.ulp {
            list[minIndex] = item
        }
    }

    static func merge(_ parts: [Accumulator], verifier: Verifier) -> Accumulator {
        var total = Accumulator(verifier: verifier)
        for p in parts {
            total.inputs += p.inputs
            if let w = p.worst, total.worst == nil || w.ulp > total.maxULP
                || (w.ulp == total.maxULP && w.x.bitPattern < total.worst!.x.bitPattern) {
                total.maxULP = w.ulp
                total.worst = w
            }
            total.misrounded += p.misrounded
            for s in p.misroundedSamples { keepWorst(&total.misroundedSamples, s) }
            total.specialFailures += p.specialFailures
            for s in p.specialSamples where total.specialSamples.count < ULPReport.sampleLimit { total.specialSamples.append(s) }
            for i in total.histogram.indices { total.histogram[i] += p.histogram[i] }
            for i in total.binadeCount.indices {
                total.binadeCount[i] += p.binadeCount[i]
                total.binadeMax[i] = max(total.binadeMax[i], p.binadeMax[i])
            }
            total.byFilter += p.byFilter
            total.byMPFR += p.byMPFR
        }
        return total
    }

    func report(method: String) -> ULPReport {
        let f = verifier.format
        func hex(_ v: Double) -> String { HexFloat.format(v) }
        func c(_ t: (x: Double, got: Double, want: Double, ulp: Double)) -> ULPReport.Case {
            .init(x: hex(t.x), got: hex(t.got), want: hex(t.want), ulp: t.ulp)
        }
        var bins: [ULPReport.Bin] = []
        for (i, upper) in ULPReport.binEdges.enumerated() {
            bins.append(.init(lower: i == 0 ? 0 : ULPReport.binEdges[i - 1], upper: upper, count: histogram[i]))
        }
        return ULPReport(
            function: verifier.function.name, format: f.name, implementation: verifier.implementation.name,
            method: method, shards: [], inputsChecked: inputs, maxULP: max(maxULP, 0), worst: worst.map(c),
            misrounded: misrounded, misroundedSamples: misroundedSamples.sorted { $0.ulp > $1.ulp }.map(c),
            specialFailures: specialFailures, specialFailureSamples: specialSamples.map(c),
            histogram: bins, filter: filterDescription, decidedByFilter: byFilter, decidedByMPFR: byMPFR, wallSeconds: 0,
            mpfrVersion: MPFR.version, command: verifier.command,
            binades: BinadeIndex.summaries(count: binadeCount, max: binadeMax))
    }
}

/// Inputs grouped by sign and binary exponent (binades), for the error-by-
/// binade plot: slot 0 is NaN, then −inf, the negative binades from the
/// largest down, ±0, the positive binades, +inf.
enum BinadeIndex {
    static let exponents = -1074...1023
    static let count = 2 * exponents.count + 4
    static let zero = exponents.count + 2

    @inline(__always)
    static func of(_ x: Double) -> Int {
        if x.isNaN { return 0 }
        if x.isInfinite { return x < 0 ? 1 : count - 1 }
        if x == 0 { return zero }
        let e = Int(x.exponent) - exponents.lowerBound
        return x < 0 ? zero - 1 - e : zero + 1 + e
    }

    static func summaries(count: [UInt64], max: [Double]) -> [ULPReport.Binade] {
        count.indices.compactMap { i in
            guard count[i] > 0 else { return nil }
            let label: String
            switch i {
            case 0: label = "nan"
            case 1: label = "-inf"
            case self.count - 1: label = "inf"
            case zero: label = "0"
            case ..<zero: label = "-2^\(zero - 1 - i + exponents.lowerBound)"
            default: label = "2^\(i - zero - 1 + exponents.lowerBound)"
            }
            return ULPReport.Binade(inputs: label, count: count[i], maxULP: max[i])
        }
    }
}

/// A fixed-size array that threads fill in, one slot each.
package final class LockedArray<T>: @unchecked Sendable {
    private var storage: [T?]
    private let lock = NSLock()
    package init(count: Int) { storage = Array(repeating: nil, count: count) }
    package func set(_ i: Int, _ value: T) { lock.lock(); storage[i] = value; lock.unlock() }
    package var values: [T] { lock.lock(); defer { lock.unlock() }; return storage.compactMap { $0 } }
}

package final class LockedCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    package init() {}
    package func increment() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
}
