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

        Distributed (one process per island, e.g. the tasks of a Slurm job array; Scripts/slurm/search): \
        `--island I --of N --exchange DIR` runs island I of the recipe's N islands only, writing its emigrants \
        at each migration epoch to DIR and waiting for its ring predecessor's (every island's process must run \
        at the same time); it keeps its state in DIR/island-I.json and, run again (killed or requeued), \
        resumes from its last epoch. Then `--finish --of N --exchange DIR` gathers the N final islands and \
        verifies and writes the spec: the same bytes as the single-process search with the same recipe, \
        seed and --generations.
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

    @Option(help: ArgumentHelp("When the generations end, also write the search's final state (its Pareto archive) here, for `evomath measure-cost`.", valueName: "file"))
    var front: String?

    @Option(help: ArgumentHelp("Run only this island (0…N−1) of a distributed search (with --of and --exchange).", valueName: "I"))
    var island: Int?

    @Option(help: ArgumentHelp("The island count of a distributed search: the recipe's islands.", valueName: "N"))
    var of: Int?

    @Option(help: ArgumentHelp("The directory shared by a distributed search's processes (migrants, island states).", valueName: "dir"))
    var exchange: String?

    @Flag(help: "Finish a distributed search: gather the islands from --exchange, verify, write the spec.")
    var finish = false

    @Option(help: ArgumentHelp("Seconds an island waits for its predecessor's migrants before failing (default 3600).", valueName: "seconds"))
    var exchangeTimeout: Double = 3600

    @Flag(help: "Print the interpreter's throughput (program-sample evaluations per second) and exit.")
    var measureInterpreter = false

    func validate() throws {
        if let g = generations, g < 0 { throw ValidationError("--generations must be a non-negative integer") }
        if generations != nil && time != nil { throw ValidationError("give --generations or --time, not both") }
        if let t = time, parseDuration(t) == nil { throw ValidationError("--time: cannot read '\(t)' (use e.g. 90s, 30m, 1h30m)") }
        if let c = checkpointInterval, !(c >= 0) { throw ValidationError("--checkpoint-interval must be ≥ 0") }
        if island != nil || finish {
            if island != nil && finish { throw ValidationError("give --island (run one island) or --finish (gather them), not both") }
            guard let n = of, n >= 1 else { throw ValidationError("--island and --finish need --of N (the island count, N ≥ 1)") }
            if let i = island, !(0..<n).contains(i) { throw ValidationError("--island \(i): expected 0…\(n - 1) (--of \(n))") }
            if exchange == nil { throw ValidationError("--island and --finish need --exchange DIR (the shared directory)") }
            if time != nil { throw ValidationError("--island and --finish need a generation budget, not --time") }
            if resume { throw ValidationError("--island resumes by itself from DIR/island-I.json; --resume is for the single-process search") }
        } else if of != nil || exchange != nil {
            throw ValidationError("--of and --exchange belong to a distributed search: give --island I or --finish")
        }
        if !(exchangeTimeout > 0) { throw ValidationError("--exchange-timeout must be > 0") }
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
            options.front = front
            options.progress = isatty(2) != 0
            options.commandLine = commandLine
            if let i = island, let n = of, let dir = exchange {
                var islandOptions = IslandSearch.Options(search: options, island: i, islandCount: n, exchange: dir)
                islandOptions.timeout = exchangeTimeout
                let o = try IslandSearch.runIsland(islandOptions)
                let resumed = o.resumedFrom.map { ", resumed from generation \($0)" } ?? ""
                print("island \(i) of \(n): generation \(o.generation)\(resumed), \(o.epochs) migration epochs, \(o.emigrantBytes) bytes of emigrants written, \(String(format: "%.1f", o.seconds)) s")
                print("state: \(IslandSearch.islandPath(dir, i))")
                return
            }
            let outcome = finish ? try IslandSearch.finish(options, islandCount: of!, exchange: exchange!) : try SearchRunner.run(options)
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
