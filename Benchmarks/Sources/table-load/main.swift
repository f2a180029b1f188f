// What a table load costs in a vector loop, relative to add/mul (issue 8's
// vector cost model; Tables/vector-table-load.md). No dependencies: the loops
// mirror the binary32 correctly rounded batch kernels' shape (8 binary64
// lanes, `VectorSupport.gather`: a per-lane load through an UnsafePointer,
// which LLVM turns into `vgatherdpd` with -target-cpu native).
//
//   swift build -c release --package-path Benchmarks --product table-load
//   Benchmarks/.build/release/table-load
//   (and with --scratch-path Benchmarks/.build-native -Xswiftc -target-cpu -Xswiftc native)
//
// Each row runs one loop over the same 4096 inputs: reduce to (r, i) as the exp
// kernels do (k = round(x·2^T/ln2) with the 1.5·2^52 shifter, i = k mod 2^T),
// a Horner polynomial in r, then y = p · table[i]. The rows differ only in
// how table[i] is found: no table (y = p), a gather from 2^T entries through an
// UnsafePointer (T = 3, 4, 6), or a select among 2^T entries held in registers
// (T = 3, 4: a tree of 2^T − 1 bitwise blends on the bits of i). The cost of a
// load, in the units of the search's cost model (add = mul = 1), is
// (ns(row) − ns(no table)) / (ns per arithmetic operation), the last from the
// slope between degree 4 and degree 8 polynomials (8 operations apart).

typealias V = SIMD8<Double>
typealias I = SIMD8<Int64>

let count = 4096
let inputs: [Double] = (0..<count).map { j in
    // x in [-80, 80): every table index occurs.
    -80 + 160 * Double((j &* 2_654_435_761) % count) / Double(count)
}
var output = [Double](repeating: 0, count: count)

@inline(__always) func reduce(_ x: V, bits: Int) -> (r: V, k: I) {
    let shifter: Double = 0x1.8p52
    let inverseStep = Double(1 << bits) / 0.6931471805599453
    let shifted = x * inverseStep + shifter
    let kf = shifted - shifter
    let k = unsafeBitCast(shifted, to: I.self) &- Int64(bitPattern: shifter.bitPattern)
    return (x - kf * (0.6931471805599453 / Double(1 << bits)), k)
}

@inline(__always) func horner(_ r: V, degree: Int) -> V {
    var p = V(repeating: 0x1.6c16c16c16c17p-10)
    for _ in 0..<degree { p = p * r + 1 }
    return p
}

/// As `VectorSupport.gather` and `ExpSupport.vectorFinish`: 32-bit indices.
@inline(__always) func gather(_ t: UnsafePointer<Double>, _ k: I, mask: Int64) -> V {
    let i = SIMD8<Int32>(truncatingIfNeeded: k & mask)
    var v = V()
    for j in 0..<8 { v[j] = t[Int(i[j])] }
    return v
}

/// b where the lane's mask is all ones, else a: a bitwise blend (the
/// standard library's `replacing(with:where:)` is scalarized, as its
/// conversions are; see VectorSupport).
@inline(__always) func blend(_ a: V, _ b: V, _ m: I) -> V {
    let ab = unsafeBitCast(a, to: I.self), bb = unsafeBitCast(b, to: I.self)
    return unsafeBitCast((ab & ~m) | (bb & m), to: V.self)
}

/// All ones in the lanes where bit `b` of i is set.
@inline(__always) func bitMask(_ i: I, _ b: Int64) -> I { 0 &- ((i &>> b) & 1) }

@inline(never) func runNoTable(_ degree: Int) {
    inputs.withUnsafeBufferPointer { x in output.withUnsafeMutableBufferPointer { y in
        for j in stride(from: 0, to: count, by: 8) {
            var v = V()
            for l in 0..<8 { v[l] = x[j + l] }
            let (r, _) = reduce(v, bits: 6)
            let p = horner(r, degree: degree)
            for l in 0..<8 { y[j + l] = p[l] }
        }
    } }
}

@inline(never) func runGather(_ table: UnsafePointer<Double>, bits: Int, degree: Int) {
    inputs.withUnsafeBufferPointer { x in output.withUnsafeMutableBufferPointer { y in
        let mask = Int64(1 << bits) - 1
        for j in stride(from: 0, to: count, by: 8) {
            var v = V()
            for l in 0..<8 { v[l] = x[j + l] }
            let (r, k) = reduce(v, bits: bits)
            let p = horner(r, degree: degree) * gather(table, k, mask: mask)
            for l in 0..<8 { y[j + l] = p[l] }
        }
    } }
}

@inline(never) func runSelect3(_ e: [V], degree: Int) {
    inputs.withUnsafeBufferPointer { x in output.withUnsafeMutableBufferPointer { y in
        let (e0, e1, e2, e3, e4, e5, e6, e7) = (e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[7])
        for j in stride(from: 0, to: count, by: 8) {
            var v = V()
            for l in 0..<8 { v[l] = x[j + l] }
            let (r, k) = reduce(v, bits: 3)
            let b0 = bitMask(k, 0), b1 = bitMask(k, 1), b2 = bitMask(k, 2)
            let l0 = blend(e0, e1, b0), l1 = blend(e2, e3, b0)
            let l2 = blend(e4, e5, b0), l3 = blend(e6, e7, b0)
            let m0 = blend(l0, l1, b1), m1 = blend(l2, l3, b1)
            let p = horner(r, degree: degree) * blend(m0, m1, b2)
            for l in 0..<8 { y[j + l] = p[l] }
        }
    } }
}

@inline(never) func runSelect4(_ e: [V], degree: Int) {
    inputs.withUnsafeBufferPointer { x in output.withUnsafeMutableBufferPointer { y in
        let (e0, e1, e2, e3, e4, e5, e6, e7) = (e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[7])
        let (e8, e9, e10, e11, e12, e13, e14, e15) = (e[8], e[9], e[10], e[11], e[12], e[13], e[14], e[15])
        for j in stride(from: 0, to: count, by: 8) {
            var v = V()
            for l in 0..<8 { v[l] = x[j + l] }
            let (r, k) = reduce(v, bits: 4)
            let b0 = bitMask(k, 0), b1 = bitMask(k, 1), b2 = bitMask(k, 2), b3 = bitMask(k, 3)
            let l0 = blend(e0, e1, b0), l1 = blend(e2, e3, b0)
            let l2 = blend(e4, e5, b0), l3 = blend(e6, e7, b0)
            let l4 = blend(e8, e9, b0), l5 = blend(e10, e11, b0)
            let l6 = blend(e12, e13, b0), l7 = blend(e14, e15, b0)
            let m0 = blend(l0, l1, b1), m1 = blend(l2, l3, b1)
            let m2 = blend(l4, l5, b1), m3 = blend(l6, l7, b1)
            let n0 = blend(m0, m1, b2), n1 = blend(m2, m3, b2)
            let p = horner(r, degree: degree) * blend(n0, n1, b3)
            for l in 0..<8 { y[j + l] = p[l] }
        }
    } }
}

func table(bits: Int) -> [Double] {
    (0..<(1 << bits)).map { j in
        // 2^(j/2^bits), as the exp tables.
        var v = 1.0, t = Double(j) / Double(1 << bits) * 0.6931471805599453, term = 1.0
        for n in 1..<30 { term *= t / Double(n); v += term }
        return v
    }
}

/// One timing of `reps` passes of `body`, in ns per vector of 8 lanes.
func time(_ body: () -> Void) -> Double {
    let reps = 100
    let start = ContinuousClock.now
    for _ in 0..<reps { body() }
    let d = ContinuousClock.now - start
    let ns = Double(d.components.seconds) * 1e9 + Double(d.components.attoseconds) * 1e-9
    return ns / Double(reps * count / 8)
}

var checksum = 0.0
func sink() { checksum += output[17] }

let t3 = table(bits: 3), t4 = table(bits: 4), t6 = table(bits: 6)
let e3 = t3.map { V(repeating: $0) }, e4 = t4.map { V(repeating: $0) }
let degree = 4
// The rows run interleaved, round after round, and each keeps its fastest
// round: on a shared machine the minimum is the figure least disturbed by
// other processes.
let loops: [(String, () -> Void)] = [
    ("no table, degree 4", { runNoTable(4) }),
    ("no table, degree 8", { runNoTable(8) }),
    ("gather, 8 entries (T = 3)", { t3.withUnsafeBufferPointer { runGather($0.baseAddress!, bits: 3, degree: degree) } }),
    ("gather, 16 entries (T = 4)", { t4.withUnsafeBufferPointer { runGather($0.baseAddress!, bits: 4, degree: degree) } }),
    ("gather, 64 entries (T = 6)", { t6.withUnsafeBufferPointer { runGather($0.baseAddress!, bits: 6, degree: degree) } }),
    // The shapes the binary32 correctly rounded exp searches found (Generators/exp.binary32.correctlyRounded*.json):
    // 64 entries and degree 4 (the shipped kernel) against 16 entries and degree 5.
    ("gather, 16 entries (T = 4), degree 5", { t4.withUnsafeBufferPointer { runGather($0.baseAddress!, bits: 4, degree: 5) } }),
    ("register select, 8 entries (T = 3)", { runSelect3(e3, degree: degree) }),
    ("register select, 16 entries (T = 4)", { runSelect4(e4, degree: degree) }),
]
let rounds = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 300
var best = [Double](repeating: .infinity, count: loops.count)
for _ in 0..<rounds {
    for (j, loop) in loops.enumerated() { best[j] = min(best[j], time { loop.1(); sink() }) }
}
let none4 = best[0], none8 = best[1]
let perOp = (none8 - none4) / 8
let rows = zip(loops.map(\.0), best).map { ($0, $1) }

print("| loop (8 binary64 lanes, degree-\(degree) Horner unless said) | ns per vector | table load in add/mul units |")
print("|---|---:|---:|")
for (name, ns) in rows {
    let units = name.hasPrefix("no table") || name.hasSuffix("degree 5") ? "–" : String(Double(Int(((ns - none4) / perOp) * 10 + 0.5)) / 10)
    print("| \(name) | \(Double(Int(ns * 100 + 0.5)) / 100) | \(units) |")
}
print("")
print("16 entries and degree 5 / 64 entries and degree 4: \(Double(Int(best[5] / best[4] * 1000 + 0.5)) / 1000)x the time")
print("one arithmetic operation (add or mul, 8 lanes): \(Double(Int(perOp * 1000 + 0.5)) / 1000) ns (slope from degree 4 to 8)")
print("\(rounds) rounds, fastest of each row; checksum \(checksum)")
