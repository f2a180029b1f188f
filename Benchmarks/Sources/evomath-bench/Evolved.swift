// EvoMath's own functions, one line per registration. Functions EvoMath does
// not ship yet sit in the `EVOMATH_HAS_EVOLVED` block (see Benchmarks/Package.swift).
import EvoMath

extension Registry {
    mutating func registerEvolved() {
        // What EvoMath ships today.
        scalar(.exp, Float.self, "Evolved.exp") { Evolved.exp($0) }
        scalar(.exp, Float16.self, "Evolved.exp") { Evolved.exp($0) }
        scalar(.exp, BFloat16.self, "Evolved.exp") { Evolved.exp($0) }
        scalar(.exp, Float.self, "Evolved.Fast.exp") { Evolved.Fast.exp($0) }
        batch(.exp, Float.self, "Evolved.exp [Span]") { Evolved.exp($0, into: &$1) }
        batch(.exp, Float.self, "Evolved.Fast.exp [Span]") { Evolved.Fast.exp($0, into: &$1) }
        batch(.log, Float.self, "Evolved.log [Span]") { Evolved.log($0, into: &$1) }
        batch(.log, Float.self, "Evolved.Fast.log [Span]") { Evolved.Fast.log($0, into: &$1) }
        batch(.exp, Float16.self, "Evolved.exp [Span]") { Evolved.exp($0, into: &$1) }
        batch(.exp, BFloat16.self, "Evolved.exp [Span]") { Evolved.exp($0, into: &$1) }
        batch(.log, Float16.self, "Evolved.log [Span]") { Evolved.log($0, into: &$1) }
        batch(.log, BFloat16.self, "Evolved.log [Span]") { Evolved.log($0, into: &$1) }
        scalar(.log, Float16.self, "Evolved.log") { Evolved.log($0) }
        scalar(.log, BFloat16.self, "Evolved.log") { Evolved.log($0) }
        scalar(.log, Float.self, "Evolved.log") { Evolved.log($0) }
        scalar(.log, Float.self, "Evolved.Fast.log") { Evolved.Fast.log($0) }
        scalar(.exp, Double.self, "Evolved.exp") { Evolved.exp($0) }
        scalar(.log, Double.self, "Evolved.log") { Evolved.log($0) }
        scalar(.exp, Double.self, "Evolved.Fast.exp") { Evolved.Fast.exp($0) }
        scalar(.log, Double.self, "Evolved.Fast.log") { Evolved.Fast.log($0) }
        batch(.exp, Double.self, "Evolved.exp [Span]") { Evolved.exp($0, into: &$1) }
        batch(.exp, Double.self, "Evolved.Fast.exp [Span]") { Evolved.Fast.exp($0, into: &$1) }
        batch(.log, Double.self, "Evolved.log [Span]") { Evolved.log($0, into: &$1) }
        batch(.log, Double.self, "Evolved.Fast.log [Span]") { Evolved.Fast.log($0, into: &$1) }
        scalar2(.logBesselI, Double.self, "Evolved.logBesselI") { Evolved.logBesselI(order: $0, $1) }
        scalar2(.logBesselK, Double.self, "Evolved.logBesselK") { Evolved.logBesselK(order: $0, $1) }
        scalar2(.logBesselI, Float.self, "Evolved.logBesselI") { Evolved.logBesselI(order: $0, $1) }
        scalar2(.logBesselK, Float.self, "Evolved.logBesselK") { Evolved.logBesselK(order: $0, $1) }
        #if EVOMATH_HAS_EVOLVED
        // Not yet in EvoMath: compiled when EVOMATH_HAS_EVOLVED=1 (or with the
        // stand-ins of EVOMATH_BENCH_STUB_EVOLVED=1); move each line above when
        // its function lands.
        #endif
    }
}

#if EVOMATH_BENCH_STUB_EVOLVED
// Compile-check stand-ins (EVOMATH_BENCH_STUB_EVOLVED=1): they let the
// registrations above be type-checked before the real kernels exist. They call
// glibc, so their numbers say nothing about EvoMath.
#if canImport(Glibc)
import Glibc
#endif
extension Evolved {
    static func exp(_ x: Double) -> Double { Glibc.exp(x) }
    static func log(_ x: Double) -> Double { Glibc.log(x) }
    static func exp(_ input: Span<Double>, into output: inout MutableSpan<Double>) {
        for k in input.indices { output[k] = Glibc.exp(input[k]) }
    }
    static func log<T: BenchFormat>(_ input: Span<T>, into output: inout MutableSpan<T>) {
        for k in input.indices { output[k] = stubApply(input[k], Evolved.log, Evolved.log, Evolved.log, Evolved.log) }
    }
}
extension Evolved.Fast {
    static func exp(_ x: Double) -> Double { Glibc.exp(x) }
    static func log<T: BenchFormat>(_ x: T) -> T { stubApply(x, Evolved.log, Evolved.log, Evolved.log, Evolved.log) }
}
@inline(__always)
private func stubApply<T: BenchFormat>(
    _ x: T, _ f: (Float) -> Float, _ d: (Double) -> Double, _ h: (Float16) -> Float16, _ b: (BFloat16) -> BFloat16
) -> T {
    if let v = x as? Float { return f(v) as! T }
    if let v = x as? Double { return d(v) as! T }
    if let v = x as? Float16 { return h(v) as! T }
    return b(x as! BFloat16) as! T
}
#endif
