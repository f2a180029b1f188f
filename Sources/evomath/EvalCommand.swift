import ArgumentParser
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
        is reported.
        """
    )

    @OptionGroup var options: FunctionOptions

    @Option(help: ArgumentHelp("Read values from this file instead of standard input.", valueName: "file"))
    var input: String?

    func run() throws {
        let (_, format, _) = try options.resolve()
        let implementation = try options.implementation()
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
        let values = try parseValues(text, format: format)
        var out = ""
        out.reserveCapacity(values.count * 16)
        for x in values {
            out += HexFloat.format(implementation.evaluate(x))
            out += "\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
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
