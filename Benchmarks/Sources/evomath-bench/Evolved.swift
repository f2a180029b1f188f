// EvoMath's own functions. One line per registration; the blocks are compiled
// only when the symbols exist (see `hasEvolved` in Benchmarks/Package.swift).
import EvoMath

extension Registry {
    mutating func registerEvolved() {
        #if EVOMATH_HAS_EVOLVED
        // Accurate tier, scalar.
        scalar(.exp, Float.self, "Evolved.exp") { Evolved.exp($0) }
        scalar(.exp, Double.self, "Evolved.exp") { Evolved.exp($0) }
        scalar(.exp, Float16.self, "Evolved.exp") { Evolved.exp($0) }
        scalar(.exp, BFloat16.self, "Evolved.exp") { Evolved.exp($0) }
        scalar(.log, Float.self, "Evolved.log") { Evolved.log($0) }
        scalar(.log, Double.self, "Evolved.log") { Evolved.log($0) }
        scalar(.log, Float16.self, "Evolved.log") { Evolved.log($0) }
        scalar(.log, BFloat16.self, "Evolved.log") { Evolved.log($0) }
        // Fast tier, scalar.
        scalar(.exp, Float.self, "Evolved.Fast.exp") { Evolved.Fast.exp($0) }
        scalar(.exp, Double.self, "Evolved.Fast.exp") { Evolved.Fast.exp($0) }
        scalar(.exp, Float16.self, "Evolved.Fast.exp") { Evolved.Fast.exp($0) }
        scalar(.exp, BFloat16.self, "Evolved.Fast.exp") { Evolved.Fast.exp($0) }
        scalar(.log, Float.self, "Evolved.Fast.log") { Evolved.Fast.log($0) }
        scalar(.log, Double.self, "Evolved.Fast.log") { Evolved.Fast.log($0) }
        scalar(.log, Float16.self, "Evolved.Fast.log") { Evolved.Fast.log($0) }
        scalar(.log, BFloat16.self, "Evolved.Fast.log") { Evolved.Fast.log($0) }
        // Batch entry points over spans.
        batch(.exp, Float.self, "Evolved.exp [Span]") { Evolved.exp($0, into: &$1) }
        batch(.exp, Double.self, "Evolved.exp [Span]") { Evolved.exp($0, into: &$1) }
        batch(.exp, Float16.self, "Evolved.exp [Span]") { Evolved.exp($0, into: &$1) }
        batch(.exp, BFloat16.self, "Evolved.exp [Span]") { Evolved.exp($0, into: &$1) }
        batch(.log, Float.self, "Evolved.log [Span]") { Evolved.log($0, into: &$1) }
        batch(.log, Double.self, "Evolved.log [Span]") { Evolved.log($0, into: &$1) }
        batch(.log, Float16.self, "Evolved.log [Span]") { Evolved.log($0, into: &$1) }
        batch(.log, BFloat16.self, "Evolved.log [Span]") { Evolved.log($0, into: &$1) }
        #endif
        #if EVOMATH_HAS_EVOLVED_BESSEL
        scalar2(.logBesselI, Double.self, "Evolved.logBesselI") { Evolved.logBesselI(order: $0, $1) }
        scalar2(.logBesselK, Double.self, "Evolved.logBesselK") { Evolved.logBesselK(order: $0, $1) }
        scalar2(.logBesselI, Float.self, "Evolved.logBesselI") { Evolved.logBesselI(order: $0, $1) }
        scalar2(.logBesselK, Float.self, "Evolved.logBesselK") { Evolved.logBesselK(order: $0, $1) }
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
    static func exp(_ x: Float) -> Float { expf(x) }
    static func exp(_ x: Double) -> Double { Glibc.exp(x) }
    static func exp(_ x: Float16) -> Float16 { Float16(expf(Float(x))) }
    static func exp(_ x: BFloat16) -> BFloat16 { BFloat16(expf(Float(x))) }
    static func log(_ x: Float) -> Float { logf(x) }
    static func log(_ x: Double) -> Double { Glibc.log(x) }
    static func log(_ x: Float16) -> Float16 { Float16(logf(Float(x))) }
    static func log(_ x: BFloat16) -> BFloat16 { BFloat16(logf(Float(x))) }
    static func exp<T: BenchFormat>(_ input: Span<T>, into output: inout MutableSpan<T>) {
        for k in input.indices { output[k] = stubApply(input[k], Evolved.exp, Evolved.exp, Evolved.exp, Evolved.exp) }
    }
    static func log<T: BenchFormat>(_ input: Span<T>, into output: inout MutableSpan<T>) {
        for k in input.indices { output[k] = stubApply(input[k], Evolved.log, Evolved.log, Evolved.log, Evolved.log) }
    }
    static func logBesselI(order v: Double, _ x: Double) -> Double { Glibc.log(x) + v }
    static func logBesselK(order v: Double, _ x: Double) -> Double { Glibc.log(x) - v }
    static func logBesselI(order v: Float, _ x: Float) -> Float { logf(x) + v }
    static func logBesselK(order v: Float, _ x: Float) -> Float { logf(x) - v }
}
extension Evolved.Fast {
    static func exp<T: BenchFormat>(_ x: T) -> T { stubApply(x, Evolved.exp, Evolved.exp, Evolved.exp, Evolved.exp) }
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
