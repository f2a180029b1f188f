import ArgumentParser
import EvoMathReference
import EvoMathSearch
import Foundation

/// `evomath search-regions`: searches the region configuration of log I and log K (which method where,
/// boundaries, term counts) on issue 9's validation grid; writes the spec and the Pareto table.
struct RegionSearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search-regions",
        abstract: "Search the log-Bessel region configuration: writes Generators/logBessel/<name>.json and Tables/<name>.md.",
        discussion: """
        Reads a region recipe (Generators/logBessel/logBesselRegions.<format>.recipe.json: the grid, the budget and named \
        seed configurations), computes or reads the MPFR ground truth of the grid (cached in --cache-dir, checked \
        against the grid's points when read), scores every seed, then runs a deterministic mutation search with a \
        Pareto archive over (max error on the grid, mean counted cost). The same recipe, seed and --generations \
        give the same front. --generations 0 only measures the seeds.
        """)

    @Option(help: ArgumentHelp("The region recipe (JSON).", valueName: "file"))
    var recipe: String

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Option(help: "Children scored (default: the recipe's).")
    var generations: Int?

    @Option(help: ArgumentHelp("The seed configuration the found one must not cost more than.", valueName: "name"))
    var baseline = "paper"

    @Option(name: .customLong("cache-dir"), help: ArgumentHelp("Where the ground truth of the grid is cached.", valueName: "dir"))
    var cacheDirectory = ".build/logbessel-regions"

    @Option(help: ArgumentHelp("Threads (default 2).", valueName: "N"))
    var threads = 2

    @Option(help: ArgumentHelp("Where to write the spec (default Generators/logBessel/<name>.json).", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Folder for the Pareto table (default Tables).", valueName: "dir"))
    var tables = "Tables"

    func run() throws {
        do {
            let start = Date()
            let recipe = try LogBesselRegionRecipe.read(self.recipe)
            guard recipe.seeds.contains(where: { $0.name == baseline }) else {
                throw CLIError("\(self.recipe): no seed named '\(baseline)' (the --baseline)")
            }
            let log: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
            let format = recipe.floatFormat
            func grid(_ kind: LogBesselKind) throws -> LogBesselRegionGrid {
                try LogBesselRegionGrid.load(kind, format: format, orders: recipe.grid.orders, arguments: recipe.grid.arguments,
                                             cache: "\(cacheDirectory)/\(kind.functionName).\(recipe.format).\(recipe.grid.orders)x\(recipe.grid.arguments).bin",
                                             threads: threads, log: log)
            }
            let search = LogBesselRegionSearch(recipe: recipe, gridI: try grid(.i), gridK: try grid(.k), threads: threads)
            let searchStart = Date()
            let n = generations ?? recipe.budget.generations
            let result = search.run(seed: seed, generations: n, log: log)
            let spec = LogBesselRegionSpec(recipe: recipe, result: result, seed: seed, generations: n,
                                           wallSeconds: Int(Date().timeIntervalSince(searchStart).rounded()), command: commandLine,
                                           grid: search.gridI.description + " (log I; log K the same points)", baseline: baseline)
            let specPath = output ?? "Generators/logBessel/\(recipe.name).json"
            try spec.json().write(to: URL(fileURLWithPath: specPath), options: .atomic)
            try FileManager.default.createDirectory(atPath: tables, withIntermediateDirectories: true)
            let tablePath = "\(tables)/\(recipe.name).md"
            try Data(spec.markdown().utf8).write(to: URL(fileURLWithPath: tablePath), options: .atomic)
            print(specPath)
            print(tablePath)
            if let found = spec.found {
                print("found \(found.name): max error \(found.maxError) (I \(found.i.maxError), K \(found.k.maxError)), mean cost \(found.meanCost)")
            }
            for s in spec.seeds {
                print("seed \(s.name): max error \(s.maxError) (I \(s.i.maxError), K \(s.k.maxError)), mean cost \(s.meanCost)")
            }
            log("[regions] \(Int(Date().timeIntervalSince(start))) s in all")
        } catch let e as SearchError {
            throw CLIError(e.description)
        }
    }
}

/// `evomath emit-regions`: writes the runtime's region dispatch from the region specs.
struct RegionEmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emit-regions",
        abstract: "Write Sources/EvoMath/LogBessel/Regions.generated.swift from Generators/logBessel/logBesselRegions.{binary64,binary32}.json.")

    @Flag(help: "Write nothing; exit 1 if the file differs from what would be written.")
    var check = false

    func run() throws {
        do {
            let text = try LogBesselRegionEmitter.source(root: FileManager.default.currentDirectoryPath)
            let path = LogBesselRegionEmitter.outputPath
            if check {
                let current = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
                if current != text { throw CLIError("\(path) is stale: run `evomath emit-regions`") }
                return
            }
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            print(path)
        } catch let e as SearchError {
            throw CLIError(e.description)
        }
    }
}
