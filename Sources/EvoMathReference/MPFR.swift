import CMPFR
import Foundation

/// An MPFR number with its own storage. Not thread-safe: use one per thread.
///
/// MPFR's exponent range is per thread; every function here that narrows it
/// restores it before returning.
public final class MPFRFloat {
    public let pointer: UnsafeMutablePointer<__mpfr_struct>

    public init(precision: Int) {
        pointer = .allocate(capacity: 1)
        mpfr_init2(pointer, mpfr_prec_t(precision))
    }

    public convenience init(_ value: Double, precision: Int = 53) {
        self.init(precision: max(precision, 53))
        mpfr_set_d(pointer, value, MPFR_RNDN)
    }

    deinit {
        mpfr_clear(pointer)
        pointer.deallocate()
    }

    public var precision: Int { Int(evomath_mpfr_get_prec(pointer)) }

    /// Changes the precision; the value is lost.
    public func setPrecision(_ p: Int) { mpfr_set_prec(pointer, mpfr_prec_t(p)) }

    /// Sets the value exactly (the precision grows to 53 bits when smaller).
    public func set(_ value: Double) {
        if precision < 53 { setPrecision(53) }
        mpfr_set_d(pointer, value, MPFR_RNDN)
    }

    /// Sets from a decimal or hexadecimal string, rounding to nearest.
    @discardableResult
    public func set(string: String) -> Bool {
        mpfr_set_str(pointer, string, 0, MPFR_RNDN) == 0
    }

    public func set(_ other: MPFRFloat) -> Int32 { mpfr_set(pointer, other.pointer, MPFR_RNDN) }

    /// The value rounded to nearest binary64 (overflow to infinity).
    public var doubleValue: Double { mpfr_get_d(pointer, MPFR_RNDN) }

    public var isNaN: Bool { evomath_mpfr_nan_p(pointer) != 0 }
    public var isInfinite: Bool { evomath_mpfr_inf_p(pointer) != 0 }
    public var isZero: Bool { evomath_mpfr_zero_p(pointer) != 0 }
    public var isFinite: Bool { !isNaN && !isInfinite }
    public var signIsMinus: Bool { evomath_mpfr_signbit(pointer) != 0 }
    /// MPFR's exponent: the value is m·2^e with 1/2 ≤ |m| < 1. Meaningful for
    /// finite non-zero values only.
    public var exponent: Int { Int(evomath_mpfr_get_exp(pointer)) }

    /// The value as a decimal string with `digits` significant digits.
    public func decimalString(digits: Int = 40) -> String {
        if isNaN { return "nan" }
        if isInfinite { return signIsMinus ? "-inf" : "inf" }
        var buffer = [CChar](repeating: 0, count: digits + 64)
        _ = evomath_mpfr_decimal(&buffer, buffer.count, Int32(digits - 1), pointer)
        return String(cString: buffer)
    }
}

/// Helpers around MPFR's global (per-thread) state.
public enum MPFR {
    /// Runs `body` with MPFR's exponent range set to `[emin, emax]` (MPFR's
    /// convention: values are m·2^e, 1/2 ≤ m < 1, emin ≤ e ≤ emax), then
    /// restores the previous range.
    @inlinable
    public static func withExponentRange<T>(emin: Int, emax: Int, _ body: () throws -> T) rethrows -> T {
        let oldMin = mpfr_get_emin(), oldMax = mpfr_get_emax()
        mpfr_set_emin(mpfr_exp_t(emin))
        mpfr_set_emax(mpfr_exp_t(emax))
        defer {
            mpfr_set_emin(oldMin)
            mpfr_set_emax(oldMax)
        }
        return try body()
    }

    /// The version string of the linked MPFR library.
    public static var version: String { String(cString: mpfr_get_version()) }

    /// Frees MPFR's per-thread caches (constants such as log 2 and π).
    public static func freeThreadCache() { mpfr_free_cache() }

    /// Whether the linked MPFR keeps its state (exponent range, flags,
    /// constant caches) per thread (`mpfr_buildopt_tls_p`). Without it, two
    /// threads using MPFR at once corrupt each other's state.
    public static let isThreadSafe: Bool = mpfr_buildopt_tls_p() != 0

    /// Runs `body(0..<count)` on every core when MPFR is thread-safe, one
    /// index after another on this thread when it is not (checked once, at
    /// the first call; a message on stderr says so).
    /// With `threads`, at most that many threads take the indices in turn
    /// (nil: as many as Dispatch gives, one per core).
    public static func forEachChunk(_ count: Int, threads: Int? = nil, _ body: (Int) -> Void) {
        if isThreadSafe && !forceSerial, let limit = threads, limit < count {
            let taken = LockedCounter()
            DispatchQueue.concurrentPerform(iterations: max(1, limit)) { _ in
                while case let i = taken.increment() - 1, i < count { body(i) }
            }
        } else if isThreadSafe && !forceSerial {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        } else {
            warnSerialOnce
            for i in 0..<count { body(i) }
        }
    }

    /// Tests set this to exercise the serial path.
    nonisolated(unsafe) public static var forceSerial = false

    private static let warnSerialOnce: Void = {
        if !isThreadSafe {
            FileHandle.standardError.write(Data("evomath: MPFR \(version) was built without thread-local storage (mpfr_buildopt_tls_p() = 0): running on one thread\n".utf8))
        }
    }()
}

