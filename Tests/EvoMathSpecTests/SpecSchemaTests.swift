import EvoMathSpec
import Foundation
import Testing

/// Specs carry the version of their format (`schema`); a reader refuses a
/// version it does not support, and a spec without one, naming the file,
/// the version found and the versions it reads.
@Suite struct SpecSchemaTests {
    @Test func shippedSpecsCarryTheCurrentSchema() throws {
        #expect(SpecFile.supportedSchemaVersions.contains(SpecFile.schemaVersion))
        for path in SpecFileTests.specPaths {
            let spec = try SpecFile.read(at: path)
            #expect(spec.schema == SpecFile.schemaVersion, "\(path)")
            // A spec without the key was written by engine 0.1.0 (the reader
            // allows no other); those written since state the version.
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
            #expect(text.contains("\"schema\": ") || spec.engine == "0.1.0", "\(path)")
        }
    }

    @Test func unsupportedOrMissingSchemaIsRefused() throws {
        let supported = SpecFile.supportedSchemaVersions.map(String.init).joined(separator: ", ")
        let future = try #require(readError(SpecFile.self, try SpecFileTests.edited(SpecFileTests.expSpec) {
            $0["schema"] = 2
        }, file: "future.json"))
        #expect(future.file == "future.json" && future.keyPath == "schema")
        #expect(future.message.contains("schema version 2 is not supported"))
        #expect(future.message.contains("reads schema \(supported)"))
        // The version is checked before the keys: a later format's new key
        // is reported as the version it is, not as an unknown key.
        let futureKeys = try #require(readError(SpecFile.self, try SpecFileTests.edited(SpecFileTests.expSpec) {
            $0["schema"] = 7; $0["newKey"] = 1
        }, file: "future.json"))
        #expect(futureKeys.keyPath == "schema" && futureKeys.message.contains("schema version 7"))
        // Without the key: refused, unless engine 0.1.0 wrote it (before the
        // key existed, in schema 1's format).
        let missing = try #require(readError(SpecFile.self, try SpecFileTests.edited(SpecFileTests.logSpec) {
            $0["schema"] = nil; $0["engine"] = "0.2.0"
        }, file: "missing.json"))
        #expect(missing.file == "missing.json" && missing.keyPath == "schema")
        #expect(missing.message.contains("no schema version") && missing.message.contains("reads schema \(supported)"))
        let unversioned = try SpecReader.decode(SpecFile.self, from: Data(try SpecFileTests.edited(SpecFileTests.logSpec) {
            $0["schema"] = nil; $0["engine"] = "0.1.0"
        }.utf8), file: "unversioned.json")
        #expect(unversioned.schema == 1)
        let text = try #require(readError(SpecFile.self, try SpecFileTests.edited(SpecFileTests.expSpec) {
            $0["schema"] = "1"
        }, file: "text.json"))
        #expect(text.keyPath == "schema" && text.message == "expected an integer")
    }
}
