// Per-point timing of log I_v(x) and log K_v(x) over the issue-9 grid:
// v in {0} ∪ 39 log-spaced values in [1e-2, 1e4], x in 60 log-spaced values in [1e-3, 1e6].
// For every grid point and implementation: the same pair repeated `copies` times in a buffer,
// `reps` timed passes, the minimum ns/evaluation kept; implementations of one function are
// timed side by side at each point (round-robin), so the per-point ratio is paired.
//
//   swift build -c release --package-path Benchmarks --product bessel-grid
//   Benchmarks/.build/release/bessel-grid [--reps N] [--copies N] [--regions] [--points] [--function logBesselI|logBesselK] [--only-evomath] [--batch]
//
// --batch adds, per function, the whole grid as one batch (ns per element, min of `reps` passes): the scalar
// function in a loop over the 2,400 pairs, the pairs batch entry (orders:_:into:), the fixed-order entry
// (order:_:into:) once per order over its 60 arguments, and GSL's loop over the same pairs.
//
// Prints, per function: median and worst ns/evaluation over the grid and over the hard band
// v, x in [1, 1e4], the median of the per-point ratios GSL / EvoMath, and the non-finite counts.
import CPeers
import EvoMath
#if canImport(Glibc)
import Glibc
#endif

@inline(__always) func now() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

var reps = 5
var verbose = false
/// --points: one line per grid point (function, region, v, x, EvoMath ns, GSL ns).
var points = false
/// The region a point falls in (mirrors LogBessel.Regions; for --regions only).
func region(_ fn: String, _ v: Double, _ x: Double) -> String {
    if v >= 20 { return "debye" }
    if x >= (v < 13 ? 25 : 35) {
        if fn == "logBesselI" && v >= 11 && v < 13 && x < 35 { return "series" }
        return fn == "logBesselI" && v >= 13 ? "debye" : "hankel"
    }
    if fn == "logBesselI" { return "series" }
    return x < 1 && (x >= 0.5 || (v < 2 && x >= 0.1)) ? "quadrature" : x < 1 ? "temme" : "steed"
}
var copies = 32
/// --only-evomath: evaluate EvoMath's functions once per grid point and time nothing (for
/// `valgrind --tool=callgrind`, whose instruction counts compare versions on a loaded machine).
var onlyEvoMath = false
var functions = ["logBesselI", "logBesselK"]
var batch = false
/// --only-evomath filters: --region NAME (grid points of that region only), --point V X (that pair instead of
/// the grid), --passes N (evaluate N times): instructions per evaluation of a region are the difference of two
/// callgrind runs with different --passes, divided by (points x passes difference).
var onlyRegion: String? = nil
var onlyPoint: (Double, Double)? = nil
var passes = 1
var args = CommandLine.arguments.dropFirst()
while let a = args.popFirst() {
    if a == "--reps", let n = args.popFirst().flatMap({ Int($0) }) { reps = n }
    if a == "--regions" { verbose = true }
    if a == "--points" { points = true }
    if a == "--copies", let n = args.popFirst().flatMap({ Int($0) }) { copies = n }
    if a == "--only-evomath" { onlyEvoMath = true }
    if a == "--function", let f = args.popFirst() { functions = [f] }
    if a == "--batch" { batch = true }
    if a == "--region", let r = args.popFirst() { onlyRegion = r }
    if a == "--point", let v = args.popFirst().flatMap({ Double($0) }), let x = args.popFirst().flatMap({ Double($0) }) { onlyPoint = (v, x) }
    if a == "--passes", let n = args.popFirst().flatMap({ Int($0) }) { passes = n }
}

func logspace(_ a: Double, _ b: Double, _ n: Int) -> [Double] {
    // 10^(la + (lb-la) k/(n-1)) via repeated multiplication-free exp: use Glibc pow
    (0..<n).map { k in pow(10, log10(a) + (log10(b) - log10(a)) * Double(k) / Double(n - 1)) }
}
let vs = [0.0] + logspace(1e-2, 1e4, 39)
let xs = logspace(1e-3, 1e6, 60)

_ = cpeers_gsl_init()
func gslBatch(_ fn: String) -> cpeers_batch_fn {
    for i in 0..<Int(cpeers_count()) {
        let p = cpeers_get(Int32(i))!.pointee
        if String(cString: p.function) == fn && String(cString: p.format) == "binary64"
            && String(cString: p.library).hasPrefix("GSL") { return p.batch! }
    }
    fatalError("no GSL peer for \(fn)")
}

var sink: UInt64 = 0
let input = UnsafeMutablePointer<Double>.allocate(capacity: 2 * copies)
let output = UnsafeMutablePointer<Double>.allocate(capacity: copies)

typealias Batch = (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>, Int) -> Void

func time(_ f: Batch) -> Double {
    var best = Double.infinity
    for _ in 0..<reps {
        let t0 = now()
        f(input, output, copies)
        let t1 = now()
        best = min(best, Double(t1 - t0) / Double(copies))
        sink ^= output[0].bitPattern
    }
    return best
}

func median(_ a: [Double]) -> Double { let s = a.sorted(); return s.count % 2 == 1 ? s[s.count / 2] : 0.5 * (s[s.count / 2 - 1] + s[s.count / 2]) }

for fn in functions {
    let ours: Batch = fn == "logBesselI"
        ? { i, o, n in for k in 0..<n { o[k] = Evolved.logBesselI(order: i[2 * k], i[2 * k + 1]) } }
        : { i, o, n in for k in 0..<n { o[k] = Evolved.logBesselK(order: i[2 * k], i[2 * k + 1]) } }
    if onlyEvoMath {
        var pairs: [(Double, Double)] = []
        if let p = onlyPoint { pairs = [p] } else {
            for v in vs { for x in xs where onlyRegion == nil || region(fn, v, x) == onlyRegion! { pairs.append((v, x)) } }
        }
        for _ in 0..<passes {
            for (v, x) in pairs { input[0] = v; input[1] = x; ours(input, output, 1); sink ^= output[0].bitPattern }
        }
        print("\(fn): evaluated \(pairs.count) points \(passes) times (EvoMath only, untimed)")
        continue
    }
    let gsl = gslBatch(fn)
    let theirs: Batch = { i, o, n in gsl(UnsafeRawPointer(i), UnsafeMutableRawPointer(o), n) }
    var tOurs: [Double] = [], tGSL: [Double] = [], ratios: [Double] = []
    var bandOurs: [Double] = [], bandGSL: [Double] = []
    var worstOurs = (0.0, 0.0, 0.0), worstGSL = (0.0, 0.0, 0.0)
    var nonFiniteOurs = 0, nonFiniteGSL = 0
    var byRegion: [String: [Double]] = [:], ratioByRegion: [String: [Double]] = [:], gslByRegion: [String: [Double]] = [:]
    for v in vs {
        for x in xs {
            for k in 0..<copies { input[2 * k] = v; input[2 * k + 1] = x }
            ours(input, output, 1); if !output[0].isFinite { nonFiniteOurs += 1 }
            theirs(input, output, 1); if !output[0].isFinite { nonFiniteGSL += 1 }
            let a = time(ours), b = time(theirs)
            tOurs.append(a); tGSL.append(b); ratios.append(b / a)
            if points { print("point \(fn) \(region(fn, v, x)) \(v) \(x) \(a) \(b)") }
            if verbose { byRegion[region(fn, v, x), default: []].append(a); ratioByRegion[region(fn, v, x), default: []].append(b / a); gslByRegion[region(fn, v, x), default: []].append(b) }
            if v >= 1 && v <= 1e4 && x >= 1 && x <= 1e4 { bandOurs.append(a); bandGSL.append(b) }
            if a > worstOurs.0 { worstOurs = (a, v, x) }
            if b > worstGSL.0 { worstGSL = (b, v, x) }
        }
    }
    func f(_ d: Double) -> String { String(Int((d * 10).rounded())) .withDecimal }
    print("\(fn) binary64 over \(tOurs.count) grid points (min of \(reps) passes of \(copies) copies per point):")
    print("  EvoMath: median \(f(median(tOurs))) ns, worst \(f(worstOurs.0)) ns at v=\(worstOurs.1) x=\(worstOurs.2), non-finite \(nonFiniteOurs)")
    print("  GSL:     median \(f(median(tGSL))) ns, worst \(f(worstGSL.0)) ns at v=\(worstGSL.1) x=\(worstGSL.2), non-finite \(nonFiniteGSL)")
    print("  median of per-point ratios GSL/EvoMath: \(f(median(ratios)))×; ratio of medians: \(f(median(tGSL) / median(tOurs)))×")
    for (r, t) in byRegion.sorted(by: { $0.key < $1.key }) { print("  region \(r): \(t.count) points, EvoMath median \(f(median(t))) ns, GSL median \(f(median(gslByRegion[r]!))) ns, median ratio \(f(median(ratioByRegion[r]!)))×") }
    print("  hard band v, x in [1, 1e4] (\(bandOurs.count) points): EvoMath median \(f(median(bandOurs))) ns, worst \(f(bandOurs.max()!)) ns; GSL median \(f(median(bandGSL))) ns, worst \(f(bandGSL.max()!)) ns")
}
if batch {
    // the grid as pairs (v-major) and as one x array per order
    let n = vs.count * xs.count
    var pv = [Double](), px = [Double](), interleaved = [Double]()
    for v in vs { for x in xs { pv.append(v); px.append(x); interleaved += [v, x] } }
    var out = [Double](repeating: 0, count: n)
    func best(_ body: () -> Void) -> Double {
        var b = Double.infinity
        for _ in 0..<reps {
            let t0 = now(); body(); let t1 = now()
            b = min(b, Double(t1 - t0) / Double(n))
            sink ^= out[n / 2].bitPattern
        }
        return b
    }
    for fn in functions {
        let isI = fn == "logBesselI"
        let scalar = best {
            for k in 0..<n { out[k] = isI ? Evolved.logBesselI(order: pv[k], px[k]) : Evolved.logBesselK(order: pv[k], px[k]) }
        }
        let pairs = best {
            out.withUnsafeMutableBufferPointer { o in
                var span = MutableSpan(_unsafeElements: o)
                pv.withUnsafeBufferPointer { a in px.withUnsafeBufferPointer { b in
                    if isI { Evolved.logBesselI(orders: Span(_unsafeElements: a), Span(_unsafeElements: b), into: &span) }
                    else { Evolved.logBesselK(orders: Span(_unsafeElements: a), Span(_unsafeElements: b), into: &span) }
                } }
            }
        }
        let fixed = best {
            out.withUnsafeMutableBufferPointer { o in
                xs.withUnsafeBufferPointer { b in
                    for (j, v) in vs.enumerated() {
                        var span = MutableSpan(_unsafeElements: UnsafeMutableBufferPointer(rebasing: o[j * xs.count ..< (j + 1) * xs.count]))
                        if isI { Evolved.logBesselI(order: v, Span(_unsafeElements: b), into: &span) }
                        else { Evolved.logBesselK(order: v, Span(_unsafeElements: b), into: &span) }
                    }
                }
            }
        }
        let gsl = gslBatch(fn)
        let peer = best {
            interleaved.withUnsafeBufferPointer { i in out.withUnsafeMutableBufferPointer { o in
                gsl(UnsafeRawPointer(i.baseAddress!), UnsafeMutableRawPointer(o.baseAddress!), n)
            } }
        }
        func f(_ d: Double) -> String { String(Int((d * 10).rounded())).withDecimal }
        print("\(fn) batch over the \(n) grid pairs (ns per element, min of \(reps) passes): scalar loop \(f(scalar)), "
            + "pairs batch \(f(pairs)), fixed-order batch \(f(fixed)), GSL loop \(f(peer)) (GSL / fixed-order batch \(f(peer / fixed))×)")
    }
}
print("sink \(sink & 1)")

extension String {
    /// "123" (tenths) -> "12.3"
    var withDecimal: String {
        let neg = hasPrefix("-")
        var d = neg ? String(dropFirst()) : self
        while d.count < 2 { d = "0" + d }
        return (neg ? "-" : "") + d.dropLast() + "." + d.suffix(1)
    }
}
