import CPeers
import EvoMath
#if canImport(Glibc)
import Glibc
#endif

/// What an implementation can do, on raw buffers of its format.
struct Kernels {
    /// out[k] = f(in[k]) for k < n.
    var batch: (UnsafeRawPointer, UnsafeMutableRawPointer, Int) -> Void
    /// Independent calls, results XOR-folded (nil for vector-only functions).
    var sum: ((UnsafeRawPointer, Int) -> UInt64)?
    /// Dependent chain, see `cpeers_chain_fn` (nil for vector-only functions).
    var chain: ((UnsafeRawPointer, Int, UInt64) -> UInt64)?
}

struct Implementation {
    var function: Function
    var format: String
    var name: String
    var library: String
    var kernels: Kernels
}

struct Skipped: Codable {
    var function: String
    var format: String
    var implementation: String
    var reason: String
}

/// The set of implementations taking part. Registering a scalar function gives
/// it every mode (batch, scalar throughput, latency); a batch entry point
/// takes part in the batch modes only.
struct Registry {
    var implementations: [Implementation] = []
    var skipped: [Skipped] = []

    /// A scalar one-argument function, e.g. `r.scalar(.exp, Float.self, "Evolved.exp") { Evolved.exp($0) }`.
    /// The closure is a literal at the call site and this function is always
    /// inlined, so the loops below call it directly (no indirect call per element).
    @inline(__always)
    mutating func scalar<T: BenchFormat>(
        _ function: Function, _: T.Type, _ name: String, library: String = "EvoMath",
        _ f: @escaping (T) -> T
    ) {
        let kernels = Kernels(
            batch: { i, o, n in
                let input = i.assumingMemoryBound(to: T.self), output = o.assumingMemoryBound(to: T.self)
                for k in 0..<n { output[k] = f(input[k]) }
            },
            sum: { i, n in
                let input = i.assumingMemoryBound(to: T.self)
                var a0: UInt64 = 0, a1: UInt64 = 0, k = 0
                while k + 1 < n {
                    a0 ^= f(input[k]).bits64
                    a1 ^= f(input[k + 1]).bits64
                    k += 2
                }
                if k < n { a0 ^= f(input[k]).bits64 }
                return a0 ^ a1
            },
            chain: { i, n, mask in
                let input = i.assumingMemoryBound(to: T.self)
                var x = input[0]
                for k in 0..<n {
                    let y = f(x)
                    x = T(bits64: input[k].bits64 | (y.bits64 & mask))
                }
                return x.bits64
            })
        implementations.append(Implementation(
            function: function, format: T.formatName, name: name, library: library, kernels: kernels))
    }

    /// A scalar two-argument function of (order v, argument x), e.g.
    /// `r.scalar2(.logBesselI, Double.self, "Evolved.logBesselI") { Evolved.logBesselI(order: $0, $1) }`.
    @inline(__always)
    mutating func scalar2<T: BenchFormat>(
        _ function: Function, _: T.Type, _ name: String, library: String = "EvoMath",
        _ f: @escaping (T, T) -> T
    ) {
        let kernels = Kernels(
            batch: { i, o, n in
                let input = i.assumingMemoryBound(to: T.self), output = o.assumingMemoryBound(to: T.self)
                for k in 0..<n { output[k] = f(input[2 * k], input[2 * k + 1]) }
            },
            sum: { i, n in
                let input = i.assumingMemoryBound(to: T.self)
                var a: UInt64 = 0
                for k in 0..<n { a ^= f(input[2 * k], input[2 * k + 1]).bits64 }
                return a
            },
            chain: { i, n, mask in
                let input = i.assumingMemoryBound(to: T.self)
                var x = input[1]
                for k in 0..<n {
                    let y = f(input[2 * k], x)
                    x = T(bits64: input[2 * k + 1].bits64 | (y.bits64 & mask))
                }
                return x.bits64
            })
        implementations.append(Implementation(
            function: function, format: T.formatName, name: name, library: library, kernels: kernels))
    }

    /// A batch entry point over spans, e.g.
    /// `r.batch(.exp, Float.self, "Evolved.exp [Span]") { Evolved.exp($0, into: &$1) }`.
    @inline(__always)
    mutating func batch<T: BenchFormat>(
        _ function: Function, _: T.Type, _ name: String, library: String = "EvoMath",
        _ f: @escaping (Span<T>, inout MutableSpan<T>) -> Void
    ) {
        let kernels = Kernels(
            batch: { i, o, n in
                let input = UnsafeBufferPointer(start: i.assumingMemoryBound(to: T.self), count: n)
                let output = UnsafeMutableBufferPointer(start: o.assumingMemoryBound(to: T.self), count: n)
                let span = Span(_unsafeElements: input)
                var mutableSpan = MutableSpan(_unsafeElements: output)
                f(span, &mutableSpan)
            },
            sum: nil, chain: nil)
        implementations.append(Implementation(
            function: function, format: T.formatName, name: name, library: library, kernels: kernels))
    }

    /// The C peers (glibc libm, libmvec, SLEEF, GSL) from the CPeers table,
    /// skipping those whose instruction set this CPU lacks.
    mutating func registerCPeers() {
        for index in 0..<Int(cpeers_count()) {
            let p = cpeers_get(Int32(index))!.pointee
            let isa = String(cString: p.isa)
            let name = String(cString: p.name)
            let fn = Function(rawValue: String(cString: p.function))!
            let format = String(cString: p.format)
            guard cpeers_cpu_has(p.isa) != 0 else {
                skipped.append(Skipped(function: fn.rawValue, format: format, implementation: name,
                                       reason: "this CPU (or OS) does not support \(isa)"))
                continue
            }
            let batch = p.batch!, sum = p.sum, chain = p.chain
            implementations.append(Implementation(
                function: fn, format: format, name: name, library: String(cString: p.library),
                kernels: Kernels(
                    batch: { i, o, n in batch(i, o, n) },
                    sum: sum.map { s in { i, n in s(i, n) } },
                    chain: chain.map { c in { i, n, m in c(i, n, m) } })))
        }
    }

    /// Peers for the 16-bit formats: glibc's binary32 function with conversions,
    /// which is what a user without a 16-bit library would write.
    mutating func registerSwiftPeers() {
        scalar(.exp, Float16.self, "glibc expf via binary32", library: "glibc libm") { Float16(expf(Float($0))) }
        scalar(.log, Float16.self, "glibc logf via binary32", library: "glibc libm") { Float16(logf(Float($0))) }
        scalar(.exp, BFloat16.self, "glibc expf via binary32", library: "glibc libm") { BFloat16(expf(Float($0))) }
        scalar(.log, BFloat16.self, "glibc logf via binary32", library: "glibc libm") { BFloat16(logf(Float($0))) }
    }

    /// Harness check: glibc called from a Swift loop through the registration
    /// helper, to compare with the same call from the C loop (should be equal).
    mutating func registerHarnessCheck() {
        scalar(.exp, Float.self, "glibc expf (Swift loop)", library: "glibc libm") { expf($0) }
        scalar(.log, Float.self, "glibc logf (Swift loop)", library: "glibc libm") { logf($0) }
        scalar(.exp, Float.self, "x*x+1 (Swift loop, harness floor)", library: "none") { $0 * $0 + 1 }
    }
}
