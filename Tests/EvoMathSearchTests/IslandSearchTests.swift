import EvoMathReference
@testable import EvoMathSearch
import Foundation
import Testing

/// Three islands (a ring with a real predecessor for each), three migration
/// epochs (generations 2, 4, 6; the last at the final generation).
let threeIslandRecipe = """
{ "name": "exp2.tiny3", "function": "exp2", "format": "real", "tier": "minimax", "domain": [0, 1],
  "evaluation": { "type": "binary64" }, "operations": ["add", "mul", "fma"],
  "cost": { "add": 1, "mul": 1, "fma": 2 },
  "budget": { "islands": 3, "populationPerIsland": 12, "generations": 6, "maxCost": 6, "samples": 64, "migrationInterval": 2 } }
"""

/// The distributed search (`IslandSearch`) against the single-process one,
/// with islands as threads of this process sharing an exchange directory.
@Suite(.serialized) struct IslandSearchTests {
    func searchOptions(_ path: String, dir: String) -> SearchOptions {
        var o = SearchOptions(recipePath: path)
        o.seed = 3
        o.output = dir + "/spec.json"
        o.tables = dir
        o.checkpointInterval = 0
        return o
    }

    func islandOptions(_ path: String, island: Int, exchange: String, stopAfter: Int? = nil,
                       timeout: Double = 120) -> IslandSearch.Options {
        var o = IslandSearch.Options(search: searchOptions(path, dir: exchange), island: island, islandCount: 3, exchange: exchange)
        o.stopAfter = stopAfter
        o.timeout = timeout
        return o
    }

    /// Runs `body(i)` for each island on its own thread (they wait for each
    /// other's migrants, so all must run at once); returns each one's error.
    func concurrently(_ islands: [Int], _ body: @escaping @Sendable (Int) throws -> Void) -> [Int: String] {
        let errors = IslandErrors()
        let group = DispatchGroup()
        for i in islands {
            group.enter()
            let t = Thread {
                do { try body(i) } catch { errors.set(i, "\(error)") }
                group.leave()
            }
            t.start()
        }
        group.wait()
        return errors.values
    }

    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func islandsInSeparateRunsWriteTheSingleProcessSpec() throws {
        let (dir, path) = try temporaryRecipe(threeIslandRecipe)
        try FileManager.default.createDirectory(atPath: dir + "/single", withIntermediateDirectories: true)
        let single = try SearchRunner.run(searchOptions(path, dir: dir + "/single"))
        let exchange = dir + "/exchange"
        let errors = concurrently([0, 1, 2]) { i in
            let o = try IslandSearch.runIsland(self.islandOptions(path, island: i, exchange: exchange))
            guard o.finished, o.generation == 6, o.epochs == 3, o.emigrantBytes > 0 else { throw SearchError.invalid("island \(i): \(o)") }
        }
        #expect(errors.isEmpty, "\(errors)")
        let distributed = try IslandSearch.finish(searchOptions(path, dir: exchange), islandCount: 3, exchange: exchange)
        #expect(distributed.evaluations == single.evaluations)
        let a = try read(dir + "/single/spec.json"), b = try read(exchange + "/spec.json")
        #expect(!a.isEmpty && a == b)
        // Every epoch's emigrants are there: 3 islands × 3 epochs.
        for i in 0..<3 {
            for g in [2, 4, 6] { #expect(FileManager.default.fileExists(atPath: IslandSearch.emigrantsPath(exchange, i, generation: g))) }
        }
    }

    @Test func aKilledIslandResumesAndRerunEpochsRewriteIdenticalFiles() throws {
        let (dir, path) = try temporaryRecipe(threeIslandRecipe)
        try FileManager.default.createDirectory(atPath: dir + "/single", withIntermediateDirectories: true)
        _ = try SearchRunner.run(searchOptions(path, dir: dir + "/single"))
        let exchange = dir + "/exchange"
        let copy = dir + "/island-1.generation-2.json"
        let errors = concurrently([0, 1, 2]) { i in
            if i == 1 {
                // Island 1 stops after 3 generations (its state is that of the
                // epoch at generation 2), as if its task were killed; run again,
                // it resumes from generation 2.
                let partial = try IslandSearch.runIsland(self.islandOptions(path, island: 1, exchange: exchange, stopAfter: 3))
                guard !partial.finished, partial.generation == 3 else { throw SearchError.invalid("partial: \(partial)") }
                try FileManager.default.copyItem(atPath: IslandSearch.islandPath(exchange, 1), toPath: copy)
                let resumed = try IslandSearch.runIsland(self.islandOptions(path, island: 1, exchange: exchange))
                guard resumed.resumedFrom == 2, resumed.finished else { throw SearchError.invalid("resumed: \(resumed)") }
            } else {
                _ = try IslandSearch.runIsland(self.islandOptions(path, island: i, exchange: exchange))
            }
        }
        #expect(errors.isEmpty, "\(errors)")
        _ = try IslandSearch.finish(searchOptions(path, dir: exchange), islandCount: 3, exchange: exchange)
        #expect(try read(dir + "/single/spec.json") == read(exchange + "/spec.json"))

        // Re-running island 1 from its generation-2 state (the others are
        // done, their emigrants are in place) rewrites the same bytes.
        let files = [IslandSearch.islandPath(exchange, 1)] + [4, 6].map { IslandSearch.emigrantsPath(exchange, 1, generation: $0) }
        let before = try files.map(read)
        try FileManager.default.removeItem(atPath: IslandSearch.islandPath(exchange, 1))
        try FileManager.default.copyItem(atPath: copy, toPath: IslandSearch.islandPath(exchange, 1))
        let again = try IslandSearch.runIsland(islandOptions(path, island: 1, exchange: exchange))
        #expect(again.resumedFrom == 2 && again.epochs == 2)
        #expect(try files.map(read) == before)
    }

    @Test func missingOrCorruptExchangeFilesAreRefusedNamingTheFile() throws {
        let (dir, path) = try temporaryRecipe(threeIslandRecipe)
        let exchange = dir + "/exchange"
        // Island 0 alone: its predecessor (island 2) never writes; the wait
        // times out with the file's name.
        #expect {
            _ = try IslandSearch.runIsland(islandOptions(path, island: 0, exchange: exchange, timeout: 0.5))
        } throws: { "\($0)".contains(IslandSearch.emigrantsPath(exchange, 2, generation: 2)) && "\($0)".contains("waited") }
        // A corrupt emigrants file.
        let emigrants = IslandSearch.emigrantsPath(exchange, 2, generation: 2)
        try "{\"kind\": \"evomath-island-emigrants\", \"version\": 1".write(toFile: emigrants, atomically: true, encoding: .utf8)
        #expect {
            _ = try IslandSearch.runIsland(islandOptions(path, island: 0, exchange: exchange, timeout: 0.5))
        } throws: { "\($0)".contains("corrupt emigrants file") && "\($0)".contains(emigrants) }
        // Emigrants of another seed.
        var other = islandOptions(path, island: 2, exchange: dir + "/other", stopAfter: 2, timeout: 0.5)
        other.search.seed = 4
        _ = try? IslandSearch.runIsland(other)   // times out waiting for island 1, after writing its emigrants
        try FileManager.default.removeItem(atPath: emigrants)
        try FileManager.default.copyItem(atPath: IslandSearch.emigrantsPath(dir + "/other", 2, generation: 2), toPath: emigrants)
        #expect {
            _ = try IslandSearch.runIsland(islandOptions(path, island: 0, exchange: exchange, timeout: 0.5))
        } throws: { "\($0)".contains("seed 4") && "\($0)".contains(emigrants) }
        // A corrupt island state.
        let state = IslandSearch.islandPath(exchange, 0)
        var text = try read(state)
        text.removeLast(30)
        try text.write(toFile: state, atomically: true, encoding: .utf8)
        #expect {
            _ = try IslandSearch.runIsland(islandOptions(path, island: 0, exchange: exchange, timeout: 0.5))
        } throws: { "\($0)".contains("corrupt island state") && "\($0)".contains(state) }
        // Finishing before the islands have: the missing or unfinished file is named.
        #expect {
            _ = try IslandSearch.finish(searchOptions(path, dir: exchange), islandCount: 3, exchange: exchange)
        } throws: { "\($0)".contains(state) }
        #expect {
            _ = try IslandSearch.finish(searchOptions(path, dir: dir + "/empty"), islandCount: 3, exchange: dir + "/empty")
        } throws: { "\($0)".contains(IslandSearch.islandPath(dir + "/empty", 0)) && "\($0)".contains("no state") }
        // The island count must be the recipe's.
        #expect {
            _ = try IslandSearch.finish(searchOptions(path, dir: exchange), islandCount: 4, exchange: exchange)
        } throws: { "\($0)".contains("has 3 islands") }
        #expect(!FileManager.default.fileExists(atPath: exchange + "/spec.json"))
    }

    /// The archive merge keeps, per cost, the lowest error and among equal
    /// errors the earliest (generation, island, position) — the entry the
    /// single-process archive keeps.
    @Test func archiveMergeBreaksTiesByFirstSighting() {
        func entry(_ error: Double, _ g: Int, _ k: Int, _ tag: Double) -> IslandSearch.Stamped {
            let p = Program(instructions: [.input(0), .constant(tag), Instruction(.add, 0, 1, 0)])
            return IslandSearch.Stamped(individual: Individual(program: p, tableBits: 0, error: error, cost: 1, misrounded: -1),
                                        generation: g, position: k)
        }
        let merged = IslandSearch.mergeArchives([[1: entry(0.5, 3, 0, 10)], [1: entry(0.5, 2, 7, 20)], [1: entry(0.5, 2, 1, 30)]])
        #expect(merged[1]!.program.constants == [20])
        let lower = IslandSearch.mergeArchives([[1: entry(0.5, 0, 0, 10)], [1: entry(0.25, 9, 9, 20)]])
        #expect(lower[1]!.program.constants == [20])
    }
}

final class IslandErrors: @unchecked Sendable {
    private var storage: [Int: String] = [:]
    private let lock = NSLock()
    func set(_ i: Int, _ m: String) { lock.lock(); storage[i] = m; lock.unlock() }
    var values: [Int: String] { lock.lock(); defer { lock.unlock() }; return storage }
}
