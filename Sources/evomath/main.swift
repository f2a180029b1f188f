import ArgumentParser
import EvoMathReference
import EvoMathSearch
import Foundation

struct EvoMathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evomath",
        abstract: "Search, emit and verify approximations of exp, log and the log-Bessel functions.",
        discussion: """
        Values are read and written as C99 hex floats (e.g. -0x1.ce651ep-8); decimals, inf and nan are \
        also read. Formats: binary16 (float16, half), bfloat16, binary32 (float), binary64 (double), or a \
        custom IEEE-style format pPeE (P significant bits, E exponent bits, e.g. p12e5).
        Functions: \(ReferenceFunctions.names.joined(separator: ", ")); and logBesselI, logBesselK (binary64, \
        binary32; `eval` reads pairs 'v x', `verify` checks a grid of pairs).
        """,
        subcommands: [EvalCommand.self, VerifyCommand.self, MergeCommand.self, ReportCommand.self,
                      SearchCommand.self, EmitCommand.self, MeasureCostCommand.self, RegionSearchCommand.self, RegionEmitCommand.self]
    )
}

/// Options naming a function and a format, shared by the subcommands.
struct FunctionOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The function: \((ReferenceFunctions.names + LogBesselKind.allCases.map(\.functionName)).joined(separator: ", ")).",
                                 valueName: "function"))
    var functionName: String

    @Option(name: .customLong("type"), help: ArgumentHelp(
        "The format: binary16, bfloat16, binary32, binary64 (or float16, float, double), or pPeE.", valueName: "format"))
    var formatName: String

    @Option(help: ArgumentHelp("Which implementation: evolved (accurate tier), fast, reference (MPFR, correctly rounded), system (glibc).", valueName: "impl"))
    var impl: String = "evolved"

    @Option(help: ArgumentHelp(
        "Instead of --impl, the complete function a search spec describes (e.g. the --output of `evomath search`), evaluated exactly as its emitted Swift would compute it.",
        valueName: "spec"))
    var spec: String?

    /// The implementation these options name.
    func implementation() throws -> Implementation {
        let (function, format, kind) = try resolve()
        if let path = spec {
            // The spec's family evaluates it exactly as its emitted Swift would.
            let spec: SpecFile
            let complete: (format: FloatFormat, evaluate: @Sendable (Double) -> Double)
            do {
                spec = try SpecFile.read(at: path)
                guard spec.function == function.name else {
                    throw CLIError("the spec '\(path)' is not a \(function.name) spec (it is \(spec.function) in \(spec.format))")
                }
                guard let family = KernelFamilies.named(spec.function, format: spec.format) else {
                    throw CLIError("the spec '\(path)': no family for \(spec.function)")
                }
                complete = try family.complete(spec: spec, path: path)
            } catch let e as CLIError {
                throw e
            } catch {
                throw CLIError("\(error)")
            }
            guard complete.format == format else {
                throw CLIError("the spec '\(path)' is \(spec.function) in \(complete.format.name), not \(function.name) in \(format.name)")
            }
            return Implementation(name: "spec", evaluate: complete.evaluate)
        }
        return try Implementations.make(kind, function: function, format: format)
    }

    /// The log-Bessel function these options name, if any: two arguments, so `eval` reads pairs `v x`
    /// and `verify` checks grids of pairs.
    var logBesselKind: LogBesselKind? { LogBesselKind.allCases.first { $0.functionName == functionName } }

    /// The format and implementation of a log-Bessel function these options name.
    func logBesselImplementation(_ kind: LogBesselKind) throws -> (FloatFormat, PairImplementation) {
        guard spec == nil else { throw CLIError("--spec does not apply to \(kind.functionName)") }
        guard let format = FloatFormat(named: formatName) else {
            throw CLIError("\(kind.functionName) is available in binary64 and binary32, not '\(formatName)'")
        }
        return (format, try Implementations.logBessel(kind, format: format, impl: impl))
    }

    func validate() throws { if logBesselKind == nil { _ = try resolve() } }

    func resolve() throws -> (any ReferenceFunction, FloatFormat, ImplementationKind) {
        if let kind = logBesselKind {
            throw CLIError("\(kind.functionName) takes two arguments: `evomath eval \(kind.functionName)` reads pairs 'v x', "
                           + "`evomath verify \(kind.functionName)` checks grids of pairs")
        }
        guard let function = ReferenceFunctions.named(functionName) else {
            throw ValidationError("unknown function '\(functionName)'; known: \(ReferenceFunctions.names.joined(separator: ", "))")
        }
        guard let format = FloatFormat(named: formatName) else {
            throw ValidationError("unknown format '\(formatName)'; use binary16, bfloat16, binary32, binary64 or pPeE (e.g. p12e5)")
        }
        guard let kind = ImplementationKind(rawValue: impl.lowercased()) else {
            throw ValidationError("unknown implementation '\(impl)'; use \(ImplementationKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return (function, format, kind)
    }
}

/// Progress on standard error, only when it is a terminal.
final class Progress: @unchecked Sendable {
    let label: String
    let enabled = isatty(2) != 0
    let start = Date()
    let lock = NSLock()
    var lastPrint = Date.distantPast
    init(_ label: String) { self.label = label }

    func update(_ fraction: Double) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastPrint) > 0.25 || fraction >= 1 else { return }
        lastPrint = now
        let elapsed = now.timeIntervalSince(start)
        let left = fraction > 0 ? elapsed / fraction - elapsed : 0
        let line = String(format: "\r%@: %5.1f%%, %.0f s elapsed, ~%.0f s left   ", label, fraction * 100, elapsed, left)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}

/// The command line as typed, for reports.
var commandLine: String {
    (["evomath"] + CommandLine.arguments.dropFirst()).map { arg in
        arg.contains(" ") ? "'\(arg)'" : arg
    }.joined(separator: " ")
}

// MPFR keeps its exponent range, flags and constant caches per thread only
// when built with thread-local storage (checked once, here). Without it the
// verifier runs on one thread (MPFR.forEachChunk); the search evaluates
// candidates with MPFR on every core, so it refuses to run.
if !MPFR.isThreadSafe && CommandLine.arguments.dropFirst().first == "search" {
    FileHandle.standardError.write(Data("""
        evomath: the linked MPFR \(MPFR.version) was built without thread-local storage \
        (mpfr_buildopt_tls_p() = 0); `search` uses MPFR on every core and would corrupt its state. \
        Use an MPFR built with --enable-thread-safe (Debian's libmpfr is).

        """.utf8))
    exit(1)
}

EvoMathCommand.main()
