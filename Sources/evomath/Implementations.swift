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
        let key = "evomath.reference.\(function.name)"
        let reference: CorrectlyRoundedReference
        if let r = ThreadLocal.get(key) as? CorrectlyRoundedReference {
            reference = r
        } else {
            reference = CorrectlyRoundedReference(function)
            ThreadLocal.set(key, reference)
        }
        return reference.value(at: x, in: format)
    }
}

import Foundation
enum ThreadLocal {
    static func get(_ key: String) -> Any? { Thread.current.threadDictionary[key] }
    static func set(_ key: String, _ value: Any) { Thread.current.threadDictionary[key] = value }
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
