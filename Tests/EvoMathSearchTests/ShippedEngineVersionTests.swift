import EvoMathSearch
import Foundation
import Testing

/// The reproducibility policy (README, "Reproducibility"): every shipped
/// searched spec is what the current engine writes from its recipe, so
/// each records the engine version of this build. A version bump without
/// re-shipping every spec (`Scripts/reproduce --write`) fails here.
@Suite struct ShippedEngineVersionTests {
    @Test func everyShippedSpecRecordsTheCurrentEngine() throws {
        let dir = GeneratedSourcesTests.root.path + "/Generators"
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
            .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".failed.json") }.sorted()
        #expect(names.count >= 9)
        for name in names {
            let spec = try SpecFile.read(at: dir + "/" + name)
            #expect(spec.engine == EvoMathSearch.engineVersion,
                    "\(name) records engine \(spec.engine); this engine is \(EvoMathSearch.engineVersion): re-ship it")
            #expect(spec.schema == SpecFile.schemaVersion, "\(name)")
        }
    }
}
