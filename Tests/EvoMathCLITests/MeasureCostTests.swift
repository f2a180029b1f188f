import Foundation
import Testing

/// `evomath search --front` and `evomath measure-cost` (issue 11, item 3):
/// the front leaves the spec's bytes alone, a front of another recipe is
/// refused, and a measured table names every finalist with its times.
@Suite struct MeasureCostTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func frontThenMeasuredCostTable() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let recipe = Self.root.appendingPathComponent("Generators/recipes/exp2.real.minimax.json").path
        let front = dir.appendingPathComponent("front.json").path
        let args = ["search", "--recipe", recipe, "--seed", "2", "--generations", "3", "--checkpoint-interval", "inf",
                    "--tables", dir.path]
        let plain = try Tool.run(args + ["--output", dir.appendingPathComponent("a.json").path])
        let withFront = try Tool.run(args + ["--output", dir.appendingPathComponent("b.json").path, "--front", front])
        #expect(plain.status == 0 && withFront.status == 0, "\(plain.stderr)\(withFront.stderr)")
        // The front changes nothing in the spec.
        #expect(try Data(contentsOf: dir.appendingPathComponent("a.json")) == Data(contentsOf: dir.appendingPathComponent("b.json")))
        #expect(try String(contentsOfFile: front, encoding: .utf8).contains("\"archive\""))

        // A front of another recipe is refused before anything is built.
        let other = Self.root.appendingPathComponent("Generators/recipes/log2.real.minimax.json").path
        let refused = try Tool.run(["measure-cost", "--front", front, "--recipe", other, "--tables", dir.path])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("another recipe"), "\(refused.stderr)")
        let missing = try Tool.run(["measure-cost", "--front", dir.appendingPathComponent("nope.json").path, "--recipe", recipe])
        #expect(missing.status != 0 && missing.stderr.contains("nope.json"), "\(missing.stderr)")

        // With a reference spec of the same function: timed in the same process, a row of its own.
        let spec = Self.root.appendingPathComponent("Generators/exp2.real.minimax.json").path
        let wrongSpec = Self.root.appendingPathComponent("Generators/log2.real.minimax.json").path
        let mismatched = try Tool.run(["measure-cost", "--front", front, "--recipe", recipe, "--spec", wrongSpec, "--tables", dir.path])
        #expect(mismatched.status != 0 && mismatched.stderr.contains("log2.real.minimax.json"), "\(mismatched.stderr)")
        let r = try Tool.run(["measure-cost", "--front", front, "--recipe", recipe, "--tables", dir.path, "--repetitions", "3",
                              "--spec", spec])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let table = try String(contentsOfFile: dir.appendingPathComponent("measured-cost.exp2.real.minimax.md").path, encoding: .utf8)
        let rows = table.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| counted") && !$0.hasPrefix("| spec")
            && !$0.hasPrefix("| `") }
        let finalists = try String(contentsOfFile: front, encoding: .utf8).components(separatedBy: "\"archive\"")[1]
            .components(separatedBy: "\"program\"").count - 1
        #expect(rows.count > 0 && rows.count <= finalists, "\(table)")
        for row in rows {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            // counted cost, table bits, error, misrounded, meets, scalar ns, rank, vector ns, rank, program
            #expect(Double(cells[5]).map { $0 > 0 } == true && Double(cells[7]).map { $0 > 0 } == true, "\(row)")
        }
        #expect(table.contains("the recipe states no error requirement"))
        let reference = table.split(separator: "\n").filter { $0.hasPrefix("| `") && $0.contains("exp2.real.minimax.json") }
        #expect(reference.count == 1, "\(table)")
        if let row = reference.first {
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            // spec, counted cost, table bits, exceptions, verification, scalar ns, vector ns, …
            #expect(Double(cells[5]).map { $0 > 0 } == true && Double(cells[6]).map { $0 > 0 } == true, "\(row)")
        }
    }
}
