import ArgumentParser
import EvoMathReference
import EvoMathSearch
import EvoMathEmitter
import Foundation

/// `evomath search`: runs the evolutionary program search for a recipe and
/// writes the spec (and the Pareto table under Tables/).
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search for a kernel: writes Generators/<fn>.<format>.<tier>.json and Tables/search-*.md.",
        discussion: """
        A generation budget is deterministic: the same recipe, seed and --generations give the same spec, \
        byte for byte, also across --resume. A --time budget is not. Progress goes to stderr when it is a terminal. \
        If the result fails the recipe's requirement (correctlyRounded: 0 misrounded; fast: < 1 ULP), the spec \
        and the tables are left unchanged, the result is written beside the spec as <name>.failed.json, and \
        the exit status is 1 with a message saying what failed and by how much.
        """)

    @Option(help: ArgumentHelp("The recipe (JSON), e.g. Generators/recipes/exp.binary16.correctlyRounded.json.", valueName: "file"))
    var recipe: String

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Option(help: "Generation budget (default: the recipe's).")
    var generations: Int?

    @Option(help: ArgumentHelp("Wall-time budget instead of generations: 90s, 30m, 1h30m.", valueName: "duration"))
    var time: String?

    @Flag(help: "Continue from the checkpoint of an interrupted run.")
    var resume = false

    @Option(help: ArgumentHelp("Where to write the spec (default Generators/<name>.json).", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Checkpoint file (default <output>.checkpoint).", valueName: "file"))
    var checkpoint: String?

    @Option(help: ArgumentHelp("Seconds between checkpoints (default: the recipe's, 60).", valueName: "seconds"))
    var checkpointInterval: Double?

    @Option(help: ArgumentHelp("Folder for the Pareto table and plot (default Tables/, or the output's folder with --output).", valueName: "dir"))
    var tables: String?

    @Flag(help: "Print the interpreter's throughput (program-sample evaluations per second) and exit.")
    var measureInterpreter = false

    func validate() throws {
        if let g = generations, g < 0 { throw ValidationError("--generations must be a non-negative integer") }
        if generations != nil && time != nil { throw ValidationError("give --generations or --time, not both") }
        if let t = time, parseDuration(t) == nil { throw ValidationError("--time: cannot read '\(t)' (use e.g. 90s, 30m, 1h30m)") }
        if let c = checkpointInterval, !(c >= 0) { throw ValidationError("--checkpoint-interval must be ≥ 0") }
    }

    func run() throws {
        do {
            if measureInterpreter {
                let recipe = try Recipe.load(path: self.recipe)
                print(InterpreterBenchmark.run(recipe: recipe))
                return
            }
            var options = SearchOptions(recipePath: recipe)
            options.seed = seed
            options.generations = generations
            options.time = time.flatMap(parseDuration)
            options.resume = resume
            options.output = output
            options.checkpoint = checkpoint
            options.checkpointInterval = checkpointInterval
            options.tables = tables
            options.progress = isatty(2) != 0
            options.commandLine = commandLine
            let outcome = try SearchRunner.run(options)
            let b = outcome.best
            print("spec: \(outcome.specPath)")
            print("table: \(outcome.tablePath)")
            print("best: cost \(b.cost), error \(String(format: "%.3e", b.error)), table bits \(b.tableBits): \(b.program.description)")
            print("generations \(outcome.generations), evaluations \(outcome.evaluations), \(String(format: "%.1f", outcome.wallSeconds)) s")
        } catch let e as SearchError {
            throw CLIError(e.description)
        } catch let e as SpecFileError {
            throw CLIError(e.description)
        } catch let e as VerificationError {
            throw CLIError(e.description)
        }
    }
}

/// `evomath emit`: writes Sources/EvoMath/Generated/ from specs, or, with
/// `--package`, a kernel into a user's own package.
struct EmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emit",
        abstract: "Emit Swift kernels from specs into Sources/EvoMath/Generated/ (or, with --package, into your own package).",
        discussion: """
        With no SPEC, emits every Generators/*.json spec whose family has an emitter template (exp, log); \
        Generators/*.failed.json (a failed search's result) is skipped. A spec whose verification did not pass \
        ("passed": false) is refused. Every spec is read and checked first; then every output file is written \
        and flushed under a temporary name and only then renamed into place: on any error no file is \
        replaced (all or nothing) and the exit status is non-zero.

        With --package, writes one <TypeName>.swift per SPEC into --output-directory (a folder of your own \
        target, e.g. MyPackage/Sources/MyTarget): the kernel as an enum conforming to EvoMath's public kernel \
        protocol (version \(Emitter.kernelProtocolVersion): EvoMathExpKernel, EvoMathExpSplitKernel, \
        EvoMathLogKernel, EvoMathExpKernel64, EvoMathLogKernel64), after `import EvoMath`, with a static \
        function that computes the complete function (e.g. ExpBfloat16Fast.exp(x)). Your target depends on \
        the EvoMath product only. Specs for binary16, bfloat16 and binary32 have a package form (the scalar \
        kernel; no batch kernel).
        """)

    @Argument(help: ArgumentHelp("Spec files (default: Generators/*.json; required with --package).", valueName: "spec"))
    var specs: [String] = []

    @Option(help: ArgumentHelp("Output folder (default Sources/EvoMath/Generated; required with --package).", valueName: "dir"))
    var outputDirectory: String?

    @Flag(help: "Write kernels for your own package: `import EvoMath` and EvoMath's public, versioned kernel protocol.")
    var package = false

    func validate() throws {
        if package {
            if specs.isEmpty { throw ValidationError("--package needs the spec files to emit") }
            if outputDirectory == nil { throw ValidationError("--package needs --output-directory (a folder of your target)") }
        }
    }

    func run() throws {
        do {
            let written: [String]
            if package {
                var isDirectory: ObjCBool = false
                guard let dir = outputDirectory, FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory),
                      isDirectory.boolValue else {
                    throw CLIError("the output directory '\(outputDirectory ?? "")' does not exist (create your target's folder first)")
                }
                written = try Emitter.emitForPackage(specs: specs, outputDirectory: dir)
            } else {
                written = try Emitter.emit(specs: specs.isEmpty ? nil : specs, generatorsDirectory: "Generators",
                                           outputDirectory: outputDirectory ?? "Sources/EvoMath/Generated")
            }
            for w in written { print(w) }
        } catch let e as SearchError {
            throw CLIError(e.description)
        } catch let e as SpecFileError {
            throw CLIError(e.description)
        }
    }
}
