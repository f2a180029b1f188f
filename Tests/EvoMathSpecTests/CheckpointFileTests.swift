import EvoMathSpec
import Foundation
import Testing

/// The typed checkpoint reader: a good checkpoint reads; each fault is a
/// `SpecFileError` naming the file, the key path and what was expected.
@Suite struct CheckpointFileTests {
    static let good = """
    { "kind": "evomath-search-checkpoint", "version": 1, "engine": "0.1.0", "recipe": "abc", "seed": "3",
      "generation": 1, "evaluations": 128, "elapsedSeconds": 1.5,
      "islands": [ { "rng": "9e3779b97f4a7c15", "population": [
        { "tableBits": 3, "error": "0x1.8p-1", "cost": "0x1.4p+3", "misrounded": 12,
          "program": { "inputs": ["r"], "instructions": [ { "op": "input", "name": "r" }, { "op": "const", "value": "0x1p-1" },
                                                            { "op": "mul", "args": [0, 1] } ], "output": 2 } } ] } ],
      "archive": [] }
    """

    static func parse(_ text: String) throws -> CheckpointFile {
        try CheckpointFile.parse(data: Data(text.utf8), file: "test.checkpoint")
    }

    @Test func aGoodCheckpointReads() throws {
        let c = try Self.parse(Self.good)
        #expect(c.seed == 3 && c.generation == 1 && c.islands.count == 1)
        #expect(c.islands[0].rng == 0x9e37_79b9_7f4a_7c15)
        #expect(c.islands[0].population[0].program.instructions.count == 3)
    }

    @Test(arguments: [
        ("\"tableBits\": 3", "\"tableBits\": 40", "islands[0].population[0].tableBits"),
        ("\"tableBits\": 3", "\"tableBits\": \"3\"", "islands[0].population[0].tableBits"),
        ("\"generation\": 1", "\"generation\": -1", "generation"),
        ("\"seed\": \"3\"", "\"seed\": \"-3\"", "seed"),
        ("\"rng\": \"9e3779b97f4a7c15\"", "\"rng\": \"xyz\"", "islands[0].rng"),
        ("\"value\": \"0x1p-1\"", "\"value\": \"nan\"", "islands[0].population[0].program.instructions[1].value"),
        ("\"cost\": \"0x1.4p+3\"", "\"cost\": \"nan\"", "islands[0].population[0].cost"),
        ("\"misrounded\": 12", "\"misrounded\": -2", "islands[0].population[0].misrounded"),
        ("\"args\": [0, 1]", "\"args\": [0, 2]", "islands[0].population[0].program.instructions[2].args"),
        ("\"elapsedSeconds\": 1.5", "\"elapsedSeconds\": 1.5, \"extra\": 1", "extra"),
        ("\"archive\": []", "\"archive\": {}", "archive"),
        ("\"evaluations\": 128, ", "", "evaluations"),
        ("\"inputs\": [\"r\"]", "\"inputs\": []", "islands[0].population[0].program.inputs"),
    ])
    func faultsNameTheKeyPath(_ damage: (String, String, String)) throws {
        #expect(Self.good.contains(damage.0))
        let text = Self.good.replacingOccurrences(of: damage.0, with: damage.1)
        do {
            _ = try Self.parse(text)
            Issue.record("accepted: \(damage.1)")
        } catch let e as SpecFileError {
            #expect(e.file == "test.checkpoint")
            #expect(e.keyPath == damage.2, "\(e)")
        }
    }

    @Test func emptyTruncatedAndGarbageAreRefused() {
        for data in [Data(), Data(Self.good.utf8.prefix(100)), Data((0..<512).map { UInt8(truncatingIfNeeded: $0 &* 151) })] {
            #expect(throws: SpecFileError.self) { _ = try CheckpointFile.parse(data: data, file: "x") }
        }
    }
}
