import EvoMath
import EvoMathReference
#if canImport(Glibc)
import Glibc
#endif

/// Which implementation of a function `eval` and `verify` run.
enum ImplementationKind: String, CaseIterable {
    /// EvoMath's accurate tier (`Evolved.exp`, …).
    case evolved
    /// EvoMath's fast tier (`Evolved.Fast.exp`, …).
    case fast
    /// The correctly rounded value from MPFR.
    case reference
    /// The platform's libm (glibc): for 16-bit formats computed in Float and
    /// rounded to the format; for custom formats computed in Double and
    /// rounded.
    case system
}

enum Implementations {
    static func make(_ kind: ImplementationKind, function: any ReferenceFunction, format: FloatFormat) throws -> Implementation {
        let name = "\(kind.rawValue)"
        switch kind {
        case .reference:
            let box = ReferenceBox(function)
            return Implementation(name: name) { x in box.value(at: x, in: format) }
        case .system:
            guard let f32 = systemFloat(function.name), let f64 = systemDouble(function.name) else {
                throw CLIError("no system (libm) implementation of \(function.name)")
            }
            switch format {
            case .binary32: return Implementation(name: name) { Double(f32(Float($0))) }
            case .binary64: return Implementation(name: name) { f64($0) }
            case .binary16: return Implementation(name: name) { Double(Float16(f32(Float($0)))) }
            case .bfloat16: return Implementation(name: name) { Double(BFloat16(f32(Float($0)))) }
            default: return Implementation(name: name) { format.round(f64($0)) }
            }
        case .evolved, .fast:
            if let impl = EvolvedCatalog.implementation(function: function.name, format: format, fast: kind == .fast) {
                return Implementation(name: name, evaluate: impl)
            }
            throw CLIError("EvoMath has no \(kind == .fast ? "fast-tier" : "accurate-tier") \(function.name) for \(format.name) yet; "
                           + "available: \(EvolvedCatalog.available(fast: kind == .fast))")
        }
    }

    /// log I_v(x) or log K_v(x) in binary64 or binary32: evolved (`Evolved.logBesselI/K` on Double or
    /// Float) or reference (the correctly rounded MPFR ground truth, one `LogBesselReference` per thread).
    static func logBessel(_ kind: LogBesselKind, format: FloatFormat, impl: String) throws -> PairImplementation {
        let name = kind.functionName
        guard format == .binary64 || format == .binary32 else {
            throw CLIError("\(name) is available in binary64 and binary32, not '\(format.name)'")
        }
        switch (impl.lowercased(), format) {
        case ("evolved", .binary64):
            switch kind {
            case .i: return PairImplementation(name: "evolved") { v, x in Evolved.logBesselI(order: v, x) }
            case .k: return PairImplementation(name: "evolved") { v, x in Evolved.logBesselK(order: v, x) }
            }
        case ("evolved", _):
            switch kind {
            case .i: return PairImplementation(name: "evolved") { v, x in Double(Evolved.logBesselI(order: Float(v), Float(x))) }
            case .k: return PairImplementation(name: "evolved") { v, x in Double(Evolved.logBesselK(order: Float(v), Float(x))) }
            }
        case ("reference", _):
            return PairImplementation(name: "reference") { v, x in
                ThreadLocal.cached("evomath.reference.\(kind.functionName)") { LogBesselReference(kind) }.value(order: v, x, in: format)
            }
        default:
            throw CLIError("\(name): --impl \(impl) is not available (use evolved or reference)")
        }
    }

    static func systemFloat(_ name: String) -> (@Sendable (Float) -> Float)? {
        switch name {
        case "exp": return { expf($0) }
        case "log": return { logf($0) }
        default: return nil
        }
    }

    static func systemDouble(_ name: String) -> (@Sendable (Double) -> Double)? {
        switch name {
        case "exp": return { Glibc.exp($0) }
        case "log": return { Glibc.log($0) }
        default: return nil
        }
    }
}

/// One `CorrectlyRoundedReference` per thread (MPFR state is per thread).
final class ReferenceBox: @unchecked Sendable {
    let function: any ReferenceFunction
    init(_ function: any ReferenceFunction) { self.function = function }
    func value(at x: Double, in format: FloatFormat) -> Double {
        ThreadLocal.cached("evomath.reference.\(function.name)") { CorrectlyRoundedReference(function) }.value(at: x, in: format)
    }
}

import Foundation
enum ThreadLocal {
    /// This thread's instance under `key`, made by `make` at the thread's first use.
    static func cached<T>(_ key: String, _ make: () -> T) -> T {
        if let r = Thread.current.threadDictionary[key] as? T { return r }
        let r = make()
        Thread.current.threadDictionary[key] = r
        return r
    }
}

/// EvoMath's own functions, by name and format. Each entry converts the
/// format's value to its Swift type, calls the runtime, and converts back.
enum EvolvedCatalog {
    typealias Entry = (function: String, format: FloatFormat, fast: Bool, evaluate: @Sendable (Double) -> Double)

    static let entries: [Entry] = [
        ("exp", .binary16, false, { Double(Evolved.exp(Float16($0))) }),
        ("exp", .binary16, true, { Double(Evolved.Fast.exp(Float16($0))) }),
        ("exp", .bfloat16, false, { Double(Evolved.exp(BFloat16($0))) }),
        ("exp", .bfloat16, true, { Double(Evolved.Fast.exp(BFloat16($0))) }),
        ("exp", .binary32, false, { Double(Evolved.exp(Float($0))) }),
        ("exp", .binary32, true, { Double(Evolved.Fast.exp(Float($0))) }),
        ("log", .binary16, false, { Double(Evolved.log(Float16($0))) }),
        ("log", .binary16, true, { Double(Evolved.Fast.log(Float16($0))) }),
        ("log", .bfloat16, false, { Double(Evolved.log(BFloat16($0))) }),
        ("log", .bfloat16, true, { Double(Evolved.Fast.log(BFloat16($0))) }),
        ("log", .binary32, false, { Double(Evolved.log(Float($0))) }),
        ("log", .binary32, true, { Double(Evolved.Fast.log(Float($0))) }),
        ("exp", .binary64, false, { Evolved.exp($0) }),
        ("exp", .binary64, true, { Evolved.Fast.exp($0) }),
        ("log", .binary64, false, { Evolved.log($0) }),
        ("log", .binary64, true, { Evolved.Fast.log($0) }),
    ]

    static func implementation(function: String, format: FloatFormat, fast: Bool) -> (@Sendable (Double) -> Double)? {
        entries.first { $0.function == function && $0.format == format && $0.fast == fast }?.evaluate
    }

    static func available(fast: Bool) -> String {
        let list = entries.filter { $0.fast == fast }.map { "\($0.function)/\($0.format.name)" }
        return list.isEmpty ? "none" : list.joined(separator: ", ")
    }
}

struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}
