import EvoMathSpec
import Foundation
import Testing

/// `DurableFile`: the one durable, atomic writer.
@Suite struct DurableFileTests {
    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("evomath-durable-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func leftovers(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }
    }

    @Test func replacesAFileAndLeavesNoTemporary() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a.txt").path
        try writeAtomically("one\n", to: path)
        try writeAtomically("two\n", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two\n")
        #expect(try Self.leftovers(dir).isEmpty)
    }

    /// A rename onto a directory fails with EISDIR: the message names the
    /// file and the system's reason (errno read before the cleanup), and the
    /// temporary is removed.
    @Test func aFailureNamesTheFileAndTheReason() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let target = dir.appendingPathComponent("busy")
        try FileManager.default.createDirectory(at: target.appendingPathComponent("inside"), withIntermediateDirectories: true)
        do {
            try writeAtomically("x", to: target.path)
            Issue.record("writing over a directory succeeded")
        } catch let e as SpecFileError {
            #expect(e.description.hasPrefix(target.path))
            #expect(e.description.contains(String(cString: strerror(EISDIR))), "\(e)")
        }
        #expect(try Self.leftovers(dir).isEmpty)
    }

    /// Several files: one that cannot be written means none is replaced.
    @Test func writeAllReplacesAllOrNone() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.txt").path, b = dir.appendingPathComponent("b.txt").path
        let busy = dir.appendingPathComponent("busy")
        try FileManager.default.createDirectory(at: busy.appendingPathComponent("inside"), withIntermediateDirectories: true)
        try writeAtomically("old a\n", to: a)
        #expect(throws: SpecFileError.self) {
            try DurableFile.writeAll([(a, Data("new a\n".utf8)), (b, Data("new b\n".utf8)), (busy.path, Data("x".utf8))])
        }
        #expect(try String(contentsOfFile: a, encoding: .utf8) == "old a\n")
        #expect(!FileManager.default.fileExists(atPath: b))
        #expect(try Self.leftovers(dir).isEmpty)
        try DurableFile.writeAll([(a, Data("new a\n".utf8)), (b, Data("new b\n".utf8))])
        #expect(try String(contentsOfFile: a, encoding: .utf8) == "new a\n")
        #expect(try String(contentsOfFile: b, encoding: .utf8) == "new b\n")
        #expect(try Self.leftovers(dir).isEmpty)
    }
}
