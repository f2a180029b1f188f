// CORE-MATH as an optional peer: its correctly rounded cr_exp, cr_log (binary64)
// and cr_expf, cr_logf (binary32), from a shared library that Scripts/benchmark
// builds out of a CORE-MATH checkout (EVOMATH_COREMATH_DIR). Nothing of CORE-MATH
// is compiled into this package; without the library its rows are absent.
import CPeers
#if canImport(Glibc)
import Glibc
#endif

/// What the agreement check found for one CORE-MATH function.
struct AgreementCheck {
    var implementation: String
    var reference: String
    var format: String
    var inputs: Int
    /// Largest distance between the two results, in units in the last place of the format.
    var maxULP: UInt64
    /// The input where it occurs, and the two results (hex).
    var worst: (x: String, got: String, want: String)
}

extension Registry {
    /// Loads the CORE-MATH library at `path`, so that `registerCPeers` registers
    /// its functions (library "CORE-MATH") with the other C peers; the functions
    /// the library lacks are listed as skipped. Returns the reason when it cannot.
    mutating func loadCoreMath(path: String) -> String? {
        if let failure = cpeers_coremath_load(path) { return String(cString: failure) }
        for symbol in String(cString: cpeers_coremath_absent()).split(separator: ",") {
            skipped.append(Skipped(function: "*", format: "*", implementation: "CORE-MATH \(symbol)",
                                   reason: "not defined by \(path) (its source file is absent from the checkout)"))
        }
        return nil
    }

    /// Each CORE-MATH function against glibc's function of the same format on
    /// the benchmark's inputs (both distributions) and a few edge points. Both
    /// are within one ULP of the exact value (CORE-MATH rounds correctly, glibc's
    /// exp and log stay under 1 ULP), so their results may differ by at most one
    /// unit in the last place; more means a wrong build, which must not be timed.
    func checkCoreMathAgainstGlibc(inputsPerDistribution: Int = 2048) -> [AgreementCheck] {
        var checks: [AgreementCheck] = []
        for impl in implementations where impl.library == "CORE-MATH" {
            guard let glibc = implementations.first(where: {
                $0.library == "glibc libm" && $0.function == impl.function && $0.format == impl.format && $0.kernels.sum != nil
            }) else { continue }
            var inputs: [Double] = edgePoints(impl.function, impl.format)
            for distribution in Distribution.allCases {
                let seed = ("agreement" + impl.function.rawValue + impl.format + distribution.rawValue).hashValueStable
                let buffer = InputBuffer(impl.function, impl.format, distribution, count: inputsPerDistribution, seed: seed)
                for k in 0..<inputsPerDistribution { inputs.append(buffer.value(at: k, format: impl.format)) }
            }
            let size = byteSize(ofFormat: impl.format)
            let x = UnsafeMutableRawPointer.allocate(byteCount: inputs.count * size, alignment: 64)
            let got = UnsafeMutableRawPointer.allocate(byteCount: inputs.count * size, alignment: 64)
            let want = UnsafeMutableRawPointer.allocate(byteCount: inputs.count * size, alignment: 64)
            defer { x.deallocate(); got.deallocate(); want.deallocate() }
            for (k, v) in inputs.enumerated() { store(v, at: k, in: x, format: impl.format) }
            impl.kernels.batch(x, got, inputs.count)
            glibc.kernels.batch(x, want, inputs.count)
            var maxULP: UInt64 = 0, worst = 0
            for k in 0..<inputs.count {
                let d = ulpDistance(bits(at: k, in: got, format: impl.format), bits(at: k, in: want, format: impl.format),
                                    format: impl.format)
                if d > maxULP { maxULP = d; worst = k }
            }
            let f = impl.format
            checks.append(AgreementCheck(
                implementation: impl.name, reference: glibc.name, format: f, inputs: inputs.count, maxULP: maxULP,
                worst: (hex(bits(at: worst, in: x, format: f), f), hex(bits(at: worst, in: got, format: f), f),
                        hex(bits(at: worst, in: want, format: f), f))))
        }
        return checks
    }
}

/// Points where the implementations take other paths: near the ends of the
/// domain and around 1.
private func edgePoints(_ f: Function, _ format: String) -> [Double] {
    switch (f, format) {
    case (.exp, "binary64"): return [0, 1, -1, 0x1p-60, -0x1p-60, 709.7, -708.3, 0x1.62e42fefa39efp+9]
    case (.exp, _): return [0, 1, -1, 0x1p-30, -0x1p-30, 88.7, -87.3, 0x1.62e42ep+6]
    case (.log, "binary64"):
        return [1, 2, 0.5, 1 + 0x1p-52, 1 - 0x1p-53, Double.leastNormalMagnitude, Double.greatestFiniteMagnitude,
                Double.leastNonzeroMagnitude]
    case (.log, _):
        return [1, 2, 0.5, 1 + 0x1p-23, 1 - 0x1p-24, Double(Float.leastNormalMagnitude),
                Double(Float.greatestFiniteMagnitude), Double(Float.leastNonzeroMagnitude)]
    default: return []
    }
}

private func store(_ v: Double, at k: Int, in p: UnsafeMutableRawPointer, format: String) {
    if format == "binary64" { p.storeBytes(of: v, toByteOffset: 8 * k, as: Double.self) }
    else { p.storeBytes(of: Float(v), toByteOffset: 4 * k, as: Float.self) }
}

private func bits(at k: Int, in p: UnsafeMutableRawPointer, format: String) -> UInt64 {
    format == "binary64" ? p.load(fromByteOffset: 8 * k, as: UInt64.self) : UInt64(p.load(fromByteOffset: 4 * k, as: UInt32.self))
}

/// Distance in representable numbers between two results (0 for two NaNs;
/// NaN against a number counts as infinitely far).
private func ulpDistance(_ a: UInt64, _ b: UInt64, format: String) -> UInt64 {
    let width: UInt64 = format == "binary64" ? 64 : 32
    let sign: UInt64 = 1 << (width - 1)
    let exponentAll: UInt64 = format == "binary64" ? 0x7ff0_0000_0000_0000 : 0x7f80_0000
    func isNaN(_ x: UInt64) -> Bool { x & ~sign & exponentAll == exponentAll && x & ~sign & ~exponentAll != 0 }
    if isNaN(a) || isNaN(b) { return isNaN(a) && isNaN(b) ? 0 : .max }
    func ordered(_ x: UInt64) -> Int64 { x & sign != 0 ? -Int64(x & ~sign) : Int64(x) }
    return ordered(a) > ordered(b) ? UInt64(ordered(a) - ordered(b)) : UInt64(ordered(b) - ordered(a))
}

private func hex(_ x: UInt64, _ format: String) -> String {
    let v = format == "binary64" ? Double(bitPattern: x) : Double(Float(bitPattern: UInt32(truncatingIfNeeded: x)))
    return hexFloat(v)
}

/// C's %a (no Foundation needed for one number).
private func hexFloat(_ v: Double) -> String {
    var buffer = [CChar](repeating: 0, count: 64)
    _ = withVaList([v]) { vsnprintf(&buffer, 64, "%a", $0) }
    return String(cString: buffer)
}

extension InputBuffer {
    /// Element `k` of a one-argument buffer of `format` (binary32 or binary64), as a Double.
    func value(at k: Int, format: String) -> Double {
        format == "binary64" ? pointer.load(fromByteOffset: 8 * k, as: Double.self)
                             : Double(pointer.load(fromByteOffset: 4 * k, as: Float.self))
    }
}
