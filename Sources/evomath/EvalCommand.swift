import ArgumentParser
import EvoMath
import EvoMathReference
import Foundation

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a function on values read from standard input.",
        discussion: """
        Reads whitespace-separated values (hex floats such as 0x1.8p-3, or decimals, inf, nan) from \
        standard input and prints f(x) for each, one hex float per line. Every input must be a value of \
        the format (it is not rounded): otherwise nothing is printed and the line of the first bad value \
        is reported. logBesselI and logBesselK (binary64 or binary32, --impl evolved or reference) read \
        pairs 'v x' and print log I_v(x) or log K_v(x) for each pair.
        """
    )

    @OptionGroup var options: FunctionOptions

    @Option(help: ArgumentHelp("Read values from this file instead of standard input.", valueName: "file"))
    var input: String?

    func run() throws {
        let text = try readInput()
        if let kind = options.logBesselKind { return try evaluatePairs(kind, text) }
        let (_, format, _) = try options.resolve()
        let implementation = try options.implementation()
        let values = try parseValues(text, format: format)
        var out = ""
        out.reserveCapacity(values.count * 16)
        for x in values {
            out += HexFloat.format(implementation.evaluate(x))
            out += "\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// log I_v(x) or log K_v(x) for each pair 'v x' of the input (both values of the format).
    func evaluatePairs(_ kind: LogBesselKind, _ text: String) throws {
        let name = kind.functionName
        guard let format = FloatFormat(named: options.formatName), format == .binary64 || format == .binary32 else {
            throw CLIError("\(name) is available in binary64 and binary32, not '\(options.formatName)'")
        }
        guard options.spec == nil else { throw CLIError("--spec does not apply to \(name)") }
        let evaluate: (Double, Double) -> Double
        switch (options.impl.lowercased(), format) {
        case ("evolved", .binary64):
            evaluate = kind == .i ? { Evolved.logBesselI(order: $0, $1) } : { Evolved.logBesselK(order: $0, $1) }
        case ("evolved", _):
            evaluate = kind == .i ? { Double(Evolved.logBesselI(order: Float($0), Float($1))) }
                : { Double(Evolved.logBesselK(order: Float($0), Float($1))) }
        case ("reference", _):
            let reference = LogBesselReference(kind)
            evaluate = { reference.value(order: $0, $1, in: format) }
        default:
            throw CLIError("\(name): --impl \(options.impl) is not available (use evolved or reference)")
        }
        let values = try parseValues(text, format: format)
        guard values.count % 2 == 0 else {
            throw CLIError("\(name) reads pairs 'v x': the input has an odd number of values (\(values.count))")
        }
        var out = ""
        out.reserveCapacity(values.count * 8)
        for i in stride(from: 0, to: values.count, by: 2) {
            out += HexFloat.format(format == .binary32 ? Double(Float(evaluate(values[i], values[i + 1]))) : evaluate(values[i], values[i + 1]))
            out += "\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    func readInput() throws -> String {
        let text: String
        if let path = input {
            guard let data = FileManager.default.contents(atPath: path), let s = String(data: data, encoding: .utf8) else {
                throw CLIError("cannot read '\(path)'")
            }
            text = s
        } else {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard let s = String(data: data, encoding: .utf8) else { throw CLIError("standard input is not UTF-8 text") }
            text = s
        }
        return text
    }
}

/// Parses whitespace-separated values, each of which must be a value of
/// `format`; errors name the line.
func parseValues(_ text: String, format: FloatFormat) throws -> [Double] {
    var values: [Double] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        for token in line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }) {
            guard let v = HexFloat.parse(token) else {
                throw CLIError("line \(index + 1): '\(token)' is not a number (expected a hex float such as 0x1.8p-3)")
            }
            guard format.contains(v) else {
                throw CLIError("line \(index + 1): \(token) is not a \(format.name) value (nearest: \(HexFloat.format(format.round(v))))")
            }
            values.append(v)
        }
    }
    return values
}
