import Foundation
import Testing

/// Nothing false ships: a search whose result fails its recipe leaves the
/// spec and tables alone, and `emit` refuses a spec that did not pass and
/// replaces all of its files or none. Everything runs on temporary copies.
@Suite struct TrustTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func temporaryFiles(in dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") || $0.hasSuffix(".old") }
    }

    /// Seed 3 with one generation misrounds thousands of binary16 inputs
    /// (measured: 4,387 of 65,536), so its result fails "correctlyRounded".
    @Test func failingSearchExitsNonZeroAndLeavesTheSpecAndTables() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let recipe = dir.appendingPathComponent("recipe.json")
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("Generators/recipes/exp.binary16.correctlyRounded.json"), to: recipe)
        let spec = dir.appendingPathComponent("exp.binary16.correctlyRounded.json")
        let tables = dir.appendingPathComponent("tables")
        try FileManager.default.createDirectory(at: tables, withIntermediateDirectories: true)
        let shipped = "the shipped spec\n"
        try shipped.write(to: spec, atomically: false, encoding: .utf8)
        let table = tables.appendingPathComponent("search-exp.binary16.correctlyRounded.md")
        try "the shipped table\n".write(to: table, atomically: false, encoding: .utf8)

        let r = try Tool.run(["search", "--recipe", recipe.path, "--seed", "3", "--generations", "1",
                              "--output", spec.path, "--tables", tables.path, "--checkpoint-interval", "inf"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("search failed") && r.stderr.contains("correctlyRounded requires 0 misrounded inputs"), "\(r.stderr)")
        #expect(r.stderr.contains("of 65536 are misrounded"), "\(r.stderr)")
        #expect(try String(contentsOf: spec, encoding: .utf8) == shipped)
        #expect(try String(contentsOf: table, encoding: .utf8) == "the shipped table\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tables.path) == ["search-exp.binary16.correctlyRounded.md"])
        let failed = dir.appendingPathComponent("exp.binary16.correctlyRounded.failed.json")
        let text = try String(contentsOf: failed, encoding: .utf8)
        #expect(text.contains("\"passed\": false"))

        // emit refuses it: a message, non-zero exit, nothing written.
        let out = dir.appendingPathComponent("generated")
        let e = try Tool.run(["emit", failed.path, "--output-directory", out.path])
        #expect(e.status == 1)
        #expect(e.stderr.contains("verification.passed") && e.stderr.contains("did not pass"), "\(e.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// One refused spec among good ones: no output file is replaced, no
    /// temporary file is left; with good specs only, all are written.
    @Test func emitReplacesAllFilesOrNone() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("exp.binary16.correctlyRounded.json")
        let other = dir.appendingPathComponent("log.binary16.correctlyRounded.json")
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("Generators/exp.binary16.correctlyRounded.json"), to: good)
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("Generators/log.binary16.correctlyRounded.json"), to: other)
        let bad = dir.appendingPathComponent("log.bfloat16.correctlyRounded.json")
        let text = try String(contentsOf: Self.root.appendingPathComponent("Generators/log.bfloat16.correctlyRounded.json"), encoding: .utf8)
        #expect(text.contains("\"passed\": true"))
        try text.replacingOccurrences(of: "\"passed\": true", with: "\"passed\": false").write(to: bad, atomically: false, encoding: .utf8)

        let out = dir.appendingPathComponent("generated")
        let first = try Tool.run(["emit", good.path, other.path, "--output-directory", out.path])
        #expect(first.status == 0, "\(first.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(names.count == 2)
        for n in names { try "old \(n)\n".write(to: out.appendingPathComponent(n), atomically: false, encoding: .utf8) }

        let refused = try Tool.run(["emit", good.path, other.path, bad.path, "--output-directory", out.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains(bad.path) && refused.stderr.contains("did not pass"), "\(refused.stderr)")
        for n in names { #expect(try String(contentsOf: out.appendingPathComponent(n), encoding: .utf8) == "old \(n)\n") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == names)

        let again = try Tool.run(["emit", good.path, other.path, "--output-directory", out.path])
        #expect(again.status == 0)
        for n in names { #expect(try String(contentsOf: out.appendingPathComponent(n), encoding: .utf8).hasPrefix("// ")) }
        #expect(try Self.temporaryFiles(in: out).isEmpty)

        // Default (no SPEC): Generators/*.failed.json is skipped, not refused.
        let generators = dir.appendingPathComponent("Generators")
        try FileManager.default.createDirectory(at: generators, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: good, to: generators.appendingPathComponent(good.lastPathComponent))
        try FileManager.default.copyItem(at: bad, to: generators.appendingPathComponent("exp.binary16.correctlyRounded.failed.json"))
        let defaults = try Tool.run(["emit", "--output-directory", "out"], in: dir)
        #expect(defaults.status == 0, "\(defaults.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path).count == 1)
    }
}
