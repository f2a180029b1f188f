import ArgumentParser
import EvoMath
import EvoMathReference
import Foundation

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a function on values read from standard input.",
        discussion: """
        Reads values separated by white space or commas (hex floats such as 0x1.8p-3, or decimals, inf, \
        nan; # starts a comment) from standard input and prints f(x) for each, one hex float per line. Every input must be a value of \
        the format (it is not rounded): otherwise nothing is printed and the line of the first bad value \
        is reported. logBesselI and logBesselK (binary64 or binary32, --impl evolved or reference) read \
        pairs 'v x' and print log I_v(x) or log K_v(x) for each pair.
        """
    )

    @OptionGroup var options: FunctionOptions

    @Option(help: ArgumentHelp("Read values from this file instead of standard input.", valueName: "file"))
    var input: String?

    func run() throws {
        let (data, file) = try readInput()
        if let kind = options.logBesselKind { return try evaluatePairs(kind, data, file: file) }
        let (_, format, _) = try options.resolve()
        let implementation = try options.implementation()
        let values = try parseValues(data, file: file, format: format)
        var out = ""
        out.reserveCapacity(values.count * 16)
        for x in values {
            out += HexFloat.format(implementation.evaluate(x))
            out += "\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// log I_v(x) or log K_v(x) for each pair 'v x' of the input (both values of the format).
    func evaluatePairs(_ kind: LogBesselKind, _ data: Data, file: String) throws {
        let name = kind.functionName
        let (format, implementation) = try options.logBesselImplementation(kind)
        let evaluate = implementation.evaluate
        let values = try parseValues(data, file: file, format: format)
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

    /// The input's bytes and the name errors give it (the file, or standard input).
    func readInput() throws -> (data: Data, file: String) {
        if let path = input {
            do { return (try SpecReader.contents(of: path), path) } catch let e as SpecFileError { throw CLIError(e.description) }
        }
        return (FileHandle.standardInput.readDataToEndOfFile(), "standard input")
    }
}

/// Parses the values (`HexInputFile`), each of which must
/// be a value of `format`; errors name the file and the line.
func parseValues(_ data: Data, file: String, format: FloatFormat) throws -> [Double] {
    let parsed: [HexInputFile.Value]
    do { parsed = try HexInputFile.parse(data: data, file: file) } catch let e as SpecFileError { throw CLIError(e.description) }
    for p in parsed where !format.contains(p.value) {
        throw CLIError("\(file): at line \(p.line): \(p.text) is not a \(format.name) value (nearest: \(HexFloat.format(format.round(p.value))))")
    }
    return parsed.map(\.value)
}
