import EvoMath
import EvoMathReference
import EvoMathSearch
import Foundation
import Testing

/// The shipped runtime against MPFR.
@Suite struct ExpRuntimeTests {
    @Test func binary16ExpIsCorrectlyRoundedOnAllInputs() {
        let reference = CorrectlyRoundedReference(ExpFunction())
        var misrounded = 0
        var first = ""
        for bits in 0..<65_536 {
            let x = Float16(bitPattern: UInt16(bits))
            let got = Double(Evolved.exp(x))
            let want = reference.value(at: Double(x), in: .binary16)
            if !(got.bitPattern == want.bitPattern || (got.isNaN && want.isNaN)) {
                misrounded += 1
                if first.isEmpty { first = "exp(\(HexFloat.format(Double(x)))) = \(HexFloat.format(got)), want \(HexFloat.format(want))" }
            }
        }
        #expect(misrounded == 0, "\(misrounded) of 65536 misrounded; first: \(first)")
    }
}

/// `Sources/EvoMath/Generated/` is exactly what `evomath emit` makes of the
/// committed specs.
@Suite struct GeneratedSourcesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func generatedFilesMatchTheirSpecs() throws {
        let root = GeneratedSourcesTests.root.path
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("evomath-emit-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: temp) }
        let cwd = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(root)
        defer { FileManager.default.changeCurrentDirectoryPath(cwd) }
        let written = try Emitter.emit(specs: nil, generatorsDirectory: "Generators", outputDirectory: temp)
        let committedDir = root + "/Sources/EvoMath/Generated"
        let committed = try FileManager.default.contentsOfDirectory(atPath: committedDir).filter { $0.hasSuffix(".generated.swift") }.sorted()
        #expect(committed == written.map { URL(fileURLWithPath: $0).lastPathComponent }.sorted(),
                "Generated/ has other files than the specs give; run: swift run evomath emit")
        for path in written {
            let name = URL(fileURLWithPath: path).lastPathComponent
            let fresh = try String(contentsOfFile: path, encoding: .utf8)
            let old = (try? String(contentsOfFile: committedDir + "/" + name, encoding: .utf8)) ?? ""
            #expect(fresh == old, "Sources/EvoMath/Generated/\(name) is stale or hand-edited; run: swift run evomath emit")
        }
    }
}
