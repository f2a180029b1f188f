import ArgumentParser
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
        is reported.
        """
    )

    @OptionGroup var options: FunctionOptions

    @Option(help: ArgumentHelp("Read values from this file instead of standard input.", valueName: "file"))
    var input: String?

    func run() throws {
        let (_, format, _) = try options.resolve()
        let implementation = try options.implementation()
        let data: Data
        let file: String
        if let path = input {
            do { data = try SpecReader.contents(of: path) } catch let e as SpecFileError { throw CLIError(e.description) }
            file = path
        } else {
            data = FileHandle.standardInput.readDataToEndOfFile()
            file = "standard input"
        }
        let values = try parseValues(data, file: file, format: format)
        var out = ""
        out.reserveCapacity(values.count * 16)
        for x in values {
            out += HexFloat.format(implementation.evaluate(x))
            out += "\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
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
