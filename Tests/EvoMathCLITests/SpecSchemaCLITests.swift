import Foundation
import Testing

/// `evomath emit` and `evomath verify --spec` refuse a spec whose schema
/// version they do not read: exit 1, the file, the version found and the
/// versions supported on stderr, nothing written.
@Suite struct SpecSchemaCLITests {
    /// A copy of a shipped spec in `dir` with its `schema` set to `schema`
    /// (removed for nil), as engine 0.2.0 would have written it.
    static func spec(_ name: String, schema: Int?, in dir: URL) throws -> String {
        let source = SpecVerificationTests.root.appendingPathComponent("Generators/\(name).json")
        var o = try JSONSerialization.jsonObject(with: Data(contentsOf: source)) as! [String: Any]
        o["schema"] = schema
        // Engine 0.1.0 wrote specs without a schema (read as schema 1); a
        // later engine must write one.
        o["engine"] = "0.2.0"
        let url = dir.appendingPathComponent("\(name).json")
        try JSONSerialization.data(withJSONObject: o).write(to: url)
        return url.path
    }

    @Test func emitAndVerifyRefuseAnUnsupportedSchema() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let future = try Self.spec("exp.binary16.correctlyRounded", schema: 2, in: dir)
        let current = try Self.spec("log.binary16.correctlyRounded", schema: 1, in: dir)

        // emit: the good spec alone is emitted; with the bad one, nothing is.
        let good = try Tool.run(["emit", current, "--output-directory", out.path])
        #expect(good.status == 0, "\(good.stderr)")
        try FileManager.default.removeItem(at: out)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let emit = try Tool.run(["emit", current, future, "--output-directory", out.path])
        #expect(emit.status == 1)
        #expect(emit.stderr.contains(future) && emit.stderr.contains("schema version 2 is not supported")
                && emit.stderr.contains("reads schema 1"), "\(emit.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty)

        let verify = try Tool.run(["verify", "exp", "--type", "binary16", "--spec", future])
        #expect(verify.status == 1 && verify.stdout.isEmpty)
        #expect(verify.stderr.contains(future) && verify.stderr.contains("schema version 2 is not supported"), "\(verify.stderr)")

        let unversioned = try Self.spec("exp.binary16.correctlyRounded", schema: nil, in: dir)
        let old = try Tool.run(["verify", "exp", "--type", "binary16", "--spec", unversioned])
        #expect(old.status == 1 && old.stderr.contains(unversioned) && old.stderr.contains("no schema version"), "\(old.stderr)")
    }
}
