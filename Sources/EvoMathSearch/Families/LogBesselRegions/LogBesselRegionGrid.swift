import EvoMathReference
import Foundation

/// The validation grid of the region search with its ground truth: the points of
/// `LogBesselPoints.grid` (issue 9's grid: 0, integers, half-integers and log-spaced orders in [1e-3, 1e4]
/// times log-spaced arguments in [1e-300, 1e6], rounded into the format) and, per point, the exact
/// logarithm L as a double-double (MPFR, `LogBesselReference.measure`). The ground truth is slow (about a
/// millisecond a point for K), so it is computed once and cached in a file that records the points and is
/// checked against them when read.
public struct LogBesselRegionGrid: Sendable {
    public var kind: LogBesselKind
    public var format: FloatFormat
    public var orders: [Double]
    public var arguments: [Double]
    public var exactHigh: [Double]
    public var exactLow: [Double]
    public var description: String
    public var count: Int { orders.count }

    /// The grid's points (no ground truth yet).
    static func points(orders: Int, arguments: Int, in format: FloatFormat) -> LogBesselPointSet {
        LogBesselPoints.grid(orders: orders, arguments: arguments, in: format)
    }

    /// The grid with its ground truth, read from `cache` when that file holds exactly these points (and
    /// written there otherwise). `log` gets progress lines.
    public static func load(_ kind: LogBesselKind, format: FloatFormat, orders: Int, arguments: Int, cache: String,
                            threads: Int?, log: (String) -> Void) throws -> LogBesselRegionGrid {
        let set = points(orders: orders, arguments: arguments, in: format)
        if let data = FileManager.default.contents(atPath: cache) {
            switch decode(data, set: set, kind: kind) {
            case .success(let (high, low)):
                log("[regions] ground truth of \(set.count) points read from \(cache)")
                return LogBesselRegionGrid(kind: kind, format: format, orders: set.orders, arguments: set.arguments,
                                           exactHigh: high, exactLow: low, description: set.description)
            case .failure(let why):
                log("[regions] \(cache) does not match the grid (\(why)): computing the ground truth again")
            }
        }
        let start = Date()
        log("[regions] computing the ground truth of log \(kind == .i ? "I" : "K") on \(set.count) points (\(set.description))")
        let chunkSize = 500
        let chunkCount = (set.count + chunkSize - 1) / chunkSize
        let parts = LockedArray<[(Double, Double)]>(count: chunkCount)
        let done = LockedCounter()
        MPFR.forEachChunk(chunkCount, threads: threads) { c in
            let reference = LogBesselReference(kind)
            let range = (c * chunkSize)..<min(set.count, (c + 1) * chunkSize)
            parts.set(c, range.map { n in
                let m = reference.measure(0, order: set.orders[n], set.arguments[n], in: format)
                return (m.high, m.low)
            })
            let d = done.increment()
            if d % 20 == 0 { log("[regions]   \(d)/\(chunkCount) chunks, \(Int(Date().timeIntervalSince(start))) s") }
        }
        let values = parts.values.flatMap { $0 }
        let grid = LogBesselRegionGrid(kind: kind, format: format, orders: set.orders, arguments: set.arguments,
                                       exactHigh: values.map(\.0), exactLow: values.map(\.1), description: set.description)
        let directory = (cache as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        try grid.encoded().write(to: URL(fileURLWithPath: cache), options: .atomic)
        log("[regions] ground truth written to \(cache) (\(Int(Date().timeIntervalSince(start))) s)")
        return grid
    }

    private static let magic = "EvoMath log-Bessel region grid v1\n"

    /// magic, kind, format, count, then per point the bit patterns of v, x, high, low (little-endian).
    func encoded() -> Data {
        var data = Data((Self.magic + "\(kind.rawValue) \(format.name) \(count)\n").utf8)
        var words: [UInt64] = []
        words.reserveCapacity(4 * count)
        for n in 0..<count {
            words += [orders[n].bitPattern, arguments[n].bitPattern, exactHigh[n].bitPattern, exactLow[n].bitPattern]
        }
        words.withUnsafeBytes { data.append(contentsOf: $0) }
        return data
    }

    static func decode(_ data: Data, set: LogBesselPointSet, kind: LogBesselKind) -> Result<([Double], [Double]), CacheMismatch> {
        guard let newline = data.firstIndex(of: 10).flatMap({ first in data[(first + 1)...].firstIndex(of: 10) }) else {
            return .failure(CacheMismatch("no header"))
        }
        let header = String(decoding: data[..<(newline + 1)], as: UTF8.self)
        guard header.hasPrefix(Self.magic) else { return .failure(CacheMismatch("not a region grid file")) }
        let fields = header.dropFirst(Self.magic.count).split(separator: " ")
        guard fields.count == 3, fields[0] == kind.rawValue, Int(fields[2].trimmingCharacters(in: .whitespacesAndNewlines)) == set.count else {
            return .failure(CacheMismatch("header '\(header.dropFirst(Self.magic.count).trimmingCharacters(in: .whitespacesAndNewlines))'"))
        }
        let body = data[(newline + 1)...]
        guard body.count == 32 * set.count else { return .failure(CacheMismatch("\(body.count) bytes of values, expected \(32 * set.count)")) }
        var words = [UInt64](repeating: 0, count: 4 * set.count)
        _ = words.withUnsafeMutableBytes { body.copyBytes(to: $0) }
        var high: [Double] = [], low: [Double] = []
        high.reserveCapacity(set.count)
        low.reserveCapacity(set.count)
        for n in 0..<set.count {
            if words[4 * n] != set.orders[n].bitPattern || words[4 * n + 1] != set.arguments[n].bitPattern {
                return .failure(CacheMismatch("point \(n) is (\(Double(bitPattern: words[4 * n])), \(Double(bitPattern: words[4 * n + 1]))), "
                    + "the grid's (\(set.orders[n]), \(set.arguments[n]))"))
            }
            high.append(Double(bitPattern: words[4 * n + 2]))
            low.append(Double(bitPattern: words[4 * n + 3]))
        }
        return .success((high, low))
    }

    struct CacheMismatch: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    /// The error of `y` (a value of the format, as a Double) at point `n` in the log-Bessel metric
    /// |y − L| / (ε max(1, |L|)), with L = high + low (about 2^-106 relative).
    @inline(__always)
    public func error(_ y: Double, at n: Int) -> Double {
        let high = exactHigh[n]
        if !high.isFinite || !y.isFinite {
            return (y == high || (y.isNaN && high.isNaN)) ? 0 : .infinity
        }
        return abs((y - high) - exactLow[n]) / (format.epsilon * max(1, abs(high)))
    }
}

/// One configuration measured on a grid: the maximum error (and where), the mean and maximum counted cost.
public struct LogBesselRegionScore: Codable, Equatable, Sendable {
    public var maxError: Double
    public var worstOrder: Double
    public var worstArgument: Double
    public var meanCost: Double
    public var maxCost: Double
    /// Points whose result is ±inf or NaN where L is finite.
    public var failures: Int
    public var points: Int
}

extension LogBesselRegionGrid {
    /// Scores `configuration` for this grid's function and format: every point evaluated with the
    /// configuration (binary64), rounded to the format, measured. Deterministic, also across thread counts:
    /// 32 fixed chunks, reduced in order (`threads` of them at a time).
    public func score(_ configuration: LogBesselRegionConfiguration, threads: Int = 2) -> LogBesselRegionScore {
        let chunkCount = 32
        let chunkSize = (count + chunkCount - 1) / chunkCount
        let parts = LockedArray<LogBesselRegionScore>(count: chunkCount)
        let isBinary32 = format.precision == 24
        let next = LockedCounter()
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, chunkCount))) { _ in
            while true {
                let c = next.increment() - 1
                if c >= chunkCount { break }
                var s = LogBesselRegionScore(maxError: -1, worstOrder: 0, worstArgument: 0, meanCost: 0, maxCost: 0, failures: 0, points: 0)
                let range = min(count, c * chunkSize)..<min(count, (c + 1) * chunkSize)
                for n in range {
                    let (v, x) = (orders[n], arguments[n])
                    let e = configuration.evaluate(kind, v, x)
                    let y = isBinary32 ? Double(Float(e.value)) : e.value
                    let err = error(y, at: n)
                    if !y.isFinite && exactHigh[n].isFinite { s.failures += 1 }
                    if err > s.maxError || (err.isNaN && !s.maxError.isNaN) {
                        (s.maxError, s.worstOrder, s.worstArgument) = (err.isNaN ? .infinity : err, v, x)
                    }
                    s.meanCost += e.cost
                    s.maxCost = max(s.maxCost, e.cost)
                    s.points += 1
                }
                parts.set(c, s)
            }
        }
        var total = LogBesselRegionScore(maxError: -1, worstOrder: 0, worstArgument: 0, meanCost: 0, maxCost: 0, failures: 0, points: 0)
        for s in parts.values where s.points > 0 {
            if s.maxError > total.maxError { (total.maxError, total.worstOrder, total.worstArgument) = (s.maxError, s.worstOrder, s.worstArgument) }
            total.meanCost += s.meanCost
            total.maxCost = max(total.maxCost, s.maxCost)
            total.failures += s.failures
            total.points += s.points
        }
        total.meanCost /= Double(max(1, total.points))
        return total
    }
}
